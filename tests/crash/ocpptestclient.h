#pragma once
// One charging station's WebSocket to the real server, speaking OCPP-J 1.6 frames written by hand
// (no code of ours between the test and the wire): CALLs out, CALLRESULT / CALLERROR in, matched by
// the caller through the message id. A CALL from the server is refused with NotImplemented.

#include <QObject>
#include <QString>
#include <QUrl>
#include <QWebSocket>

#include <nlohmann/json.hpp>

namespace cd::test {

class OcppTestClient : public QObject {
    Q_OBJECT
public:
    explicit OcppTestClient(QObject *parent = nullptr);

    // Connects with the subprotocol "ocpp1.6"; opened() or closed() follows.
    void open(const QUrl &url);
    bool isOpen() const;
    bool isClosed() const;
    // False when the socket is not open (the frame is then not sent).
    bool sendCall(const QString &messageId, const QString &action, const nlohmann::json &payload);

signals:
    void opened();
    void closed();
    void result(const QString &messageId, const nlohmann::json &payload);
    void error(const QString &messageId, const QString &code, const QString &description);
    // A frame or handshake the test did not expect: the test fails on it.
    void problem(const QString &what);

private:
    void onConnected();
    void onText(const QString &text);

    QWebSocket m_socket;
};

}  // namespace cd::test
