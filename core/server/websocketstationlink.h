#pragma once
// StationLink over a QWebSocket: wires the socket and the station's RpcEndpoint both ways, keeps
// the connection alive with pings, and ends exactly once, whatever ends it.

#include "core/ocpp/rpcendpoint.h"
#include "core/server/stationlink.h"

#include <QPointer>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketProtocol>

#include <chrono>

namespace cd::server {

struct LinkTimings {
    std::chrono::milliseconds pingInterval{30000};  // zero: no pings
    std::chrono::milliseconds pongTimeout{20000};
};

class WebSocketStationLink final : public StationLink {
    Q_OBJECT
public:
    // Takes ownership of `socket` (an upgraded server-side QWebSocket). Frames are read only after
    // the constructor returns to the event loop; install handlers on endpoint() before that.
    WebSocketStationLink(QWebSocket *socket, const ConnectionRequest &request, ocpp::EndpointOptions endpointOptions,
                         LinkTimings timings, qint64 connectedSinceMs, QObject *parent = nullptr);
    ~WebSocketStationLink() override;

    QString chargePointId() const override { return m_request.chargePointId; }
    ocpp::ProtocolVersion version() const override { return m_request.version; }
    ocpp::RpcEndpoint &endpoint() override { return *m_endpoint; }
    QHostAddress peerAddress() const override { return m_request.peer; }
    qint64 connectedSinceMs() const override { return m_connectedSinceMs; }
    // Sends a normal close frame (1000) carrying `reason` and ends the link with `reason`.
    void close(const QString &reason) override;

    // Sends a close frame with `code` and ends the link with `reason`.
    void closeWith(QWebSocketProtocol::CloseCode code, const QString &reason);
    // Drops the TCP connection without a close frame (the peer is not answering).
    void abortWith(const QString &reason);

    bool isFinished() const { return m_finished; }
    const ConnectionRequest &request() const { return m_request; }
    QString subprotocol() const { return m_subprotocol; }
    // After closed(): the socket, possibly still flushing; the caller disposes of it. Null after.
    QWebSocket *takeSocket();

private:
    void onTextMessage(const QString &text);
    void onBinaryMessage(const QByteArray &data);
    void onPingTick();
    void onPongTimeout();
    void onDisconnected();
    void sendText(const QString &text);
    void heardFromPeer();
    void detachSocket();
    void finish(const QString &reason);

    QPointer<QWebSocket> m_socket;
    ConnectionRequest m_request;
    QString m_subprotocol;
    ocpp::RpcEndpoint *m_endpoint = nullptr;  // child
    LinkTimings m_timings;
    qint64 m_connectedSinceMs = 0;
    QTimer m_pingTimer{this};  // parented, so they follow a moveToThread()
    QTimer m_pongTimer{this};
    bool m_closeStarted = false;  // Qt or the peer started the close handshake
    bool m_finished = false;
};

}  // namespace cd::server
