#pragma once
// A minimal OCPP 1.6J central system for the simulator tests: a QWebSocketServer on loopback
// and, per connection, a server-role RpcEndpoint (schema validation both ways) that answers
// every station CALL with a schema-valid payload and records what arrived. A test double at
// the WebSocket seam: the real server (core/server, core/charging) is built alongside and gets
// its own end-to-end tests with the simulator.

#include "core/ocpp/rpcendpoint.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QUrl>

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>

class QWebSocket;
class QWebSocketServer;

namespace cd::simtest {

// One frame that crossed a connection, as the server saw it.
struct WireFrame {
    QString stationId;
    int connection = 0;                          // 1 for a station's first connection, 2 after a reconnect, ...
    bool fromStation = true;
    cd::ocpp::MessageType type = cd::ocpp::MessageType::Call;
    QString messageId;
    QString action;                              // the CALL's action, or the action a response answers
    nlohmann::json payload;                      // CALL / CALLRESULT payload
    qint64 wallMs = 0;                           // since the server started
};

class FakeCentralSystem : public QObject {
    Q_OBJECT

public:
    explicit FakeCentralSystem(QObject *parent = nullptr);
    ~FakeCentralSystem() override;

    // Listens on 127.0.0.1, an ephemeral port.
    bool listen();
    void close();
    // ws://127.0.0.1:<port>/ocpp
    QUrl url() const;

    // ---- behaviour ----
    QString bootStatus = QStringLiteral("Accepted");
    int pendingBoots = 0;        // answer this many BootNotifications Pending (then bootStatus)
    int heartbeatIntervalS = 60;
    QStringList invalidTags;     // Authorize / StartTransaction answer Invalid for these
    QSet<QString> failingActions;  // answered with a CALLERROR (InternalError)
    // Replaces the built-in answer for an action.
    QHash<QString, std::function<nlohmann::json(const nlohmann::json &request)>> answers;

    // ---- what happened ----
    // Every station CALL, in order; filtered by action and/or station when given.
    QList<WireFrame> calls(const QString &action = {}, const QString &stationId = {}) const;
    const QList<WireFrame> &frames() const { return m_frames; }
    int connectionCount(const QString &stationId) const { return m_connectionCounts.value(stationId); }
    bool isConnected(const QString &stationId) const;
    QStringList stations() const { return m_connectionCounts.keys(); }
    QByteArray authorizationHeader(const QString &stationId) const { return m_authorization.value(stationId); }
    QString requestPath(const QString &stationId) const { return m_paths.value(stationId); }
    QString subprotocol(const QString &stationId) const { return m_subprotocols.value(stationId); }
    // Protocol issues the server endpoints reported (invalid payloads either way, bad frames).
    const QStringList &issues() const { return m_issues; }

    // ---- server → station ----
    // Sends a CALL; `done` gets the validated CALLRESULT payload or the failure.
    void call(const QString &stationId, const QString &action, nlohmann::json payload, cd::ocpp::CallCompletion done);
    // Drops the station's TCP connection without a close handshake.
    void drop(const QString &stationId);

Q_SIGNALS:
    void callReceived(const QString &stationId, const QString &action);
    void stationConnected(const QString &stationId);
    void stationDisconnected(const QString &stationId);

private:
    struct Link {
        QWebSocket *socket = nullptr;
        cd::ocpp::RpcEndpoint *endpoint = nullptr;
        QString stationId;
        int serial = 0;
    };

    void onNewConnection();
    void install(Link *link);
    nlohmann::json answer(const QString &stationId, const QString &action, const nlohmann::json &request);
    void record(const Link &link, const cd::ocpp::FrameRecord &record);

    QWebSocketServer *m_server = nullptr;
    QHash<QString, Link *> m_links;
    QHash<QString, int> m_connectionCounts;
    QHash<QString, QByteArray> m_authorization;
    QHash<QString, QString> m_paths;
    QHash<QString, QString> m_subprotocols;
    QList<WireFrame> m_frames;
    QStringList m_issues;
    QElapsedTimer m_clock;
    int m_nextTransactionId = 1001;
};

// Helpers for reading recorded payloads.
QString jsonText(const nlohmann::json &object, const char *key);
// The Energy.Active.Import.Register value of a MeterValues payload's first meterValue, or -1.
qint64 energyOf(const nlohmann::json &meterValues);
// The sampledValue element with `measurand` (and `phase` when given) in a meterValue element.
std::optional<nlohmann::json> sampledValue(const nlohmann::json &meterValue, const char *measurand,
                                           const char *phase = nullptr);

}  // namespace cd::simtest
