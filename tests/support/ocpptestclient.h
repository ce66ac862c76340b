#pragma once
// One charging station's WebSocket to the real server, speaking OCPP-J 1.6 frames written by hand
// (no code of ours between the test and the wire): CALLs out, CALLRESULT / CALLERROR in, matched by
// the caller through the message id. A CALL from the server gets the answer set for its action
// (answerCalls()), else NotImplemented and a problem().

#include <QObject>
#include <QString>
#include <QUrl>
#include <QWebSocket>

#include <nlohmann/json.hpp>

#include <map>

namespace cd::test {

class OcppTestClient : public QObject {
    Q_OBJECT
public:
    explicit OcppTestClient(QObject *parent = nullptr);

    // Connects with the subprotocol "ocpp1.6" (or the one given, e.g. "ocpp2.0.1"); opened() or
    // closed() follows.
    void open(const QUrl &url, const QString &subprotocol = QStringLiteral("ocpp1.6"));
    bool isOpen() const;
    bool isClosed() const;
    // False when the socket is not open (the frame is then not sent).
    bool sendCall(const QString &messageId, const QString &action, const nlohmann::json &payload);
    // From now on a server CALL of `action` is answered with a CALLRESULT carrying `payload`.
    void answerCalls(const QString &action, nlohmann::json payload);

signals:
    void opened();
    void closed();
    void result(const QString &messageId, const nlohmann::json &payload);
    // A server CALL this client answered (see answerCalls()).
    void callAnswered(const QString &action, const nlohmann::json &payload);
    void error(const QString &messageId, const QString &code, const QString &description);
    // A frame or handshake the test did not expect: the test fails on it.
    void problem(const QString &what);

private:
    void onConnected();
    void onText(const QString &text);

    QWebSocket m_socket;
    QString m_subprotocol;
    std::map<QString, nlohmann::json> m_answers;  // action → CALLRESULT payload
};

}  // namespace cd::test
