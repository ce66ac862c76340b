#pragma once
// CentralSystem: the OCPP-J WebSocket server. It accepts TCP connections on its own listener,
// reads the HTTP upgrade request without consuming it (bounded in size and time), answers
// 400/401/404/... itself, asks the StationDirectory, and only then hands the untouched socket to
// a QWebSocketServer (one per served subprotocol) to complete the upgrade. Each upgraded socket
// becomes a StationLink with an RpcEndpoint, announced to the StationSessionHandler.
//
// Security profiles 2 and 3 (wss://): the listener is a TlsListener; the TLS handshake runs
// first, under the same deadline as the request head, and its failures are refusals like any
// other. A client that sends plain HTTP to the TLS port gets HTTP 400 in plain text. Profile 3
// requires a client certificate from the configured CA whose subject CN is the charge point id
// in the path (else HTTP 401), and passes that CN to the directory.
//
// One connection per station: a new connection replaces the old one, which is closed first
// (reason "replaced"; stationDisconnected() for it runs before stationConnected() for the new).
//
// Threading: lives in the thread that owns it; move it to a worker thread before listen().
// Never blocks, never waits. The directory and handler are called on that thread and must
// outlive this object (or call close() before they go).

#include "core/common/expected.h"
#include "core/server/connectionstats.h"
#include "core/server/httproute.h"
#include "core/server/serveroptions.h"
#include "core/server/stationlink.h"
#include "core/server/upgradecheck.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>

#include <map>
#include <optional>

class QSslError;
class QSslSocket;
class QTcpServer;
class QTcpSocket;
class QTimer;
class QWebSocket;
class QWebSocketServer;

namespace cd::server {

class WebSocketStationLink;

class CentralSystem : public QObject {
    Q_OBJECT
public:
    CentralSystem(ServerOptions options, StationDirectory &directory, StationSessionHandler &handler,
                  QObject *parent = nullptr);
    // Closes everything (handler.stationDisconnected() for each link, see close()).
    ~CentralSystem() override;

    // Starts accepting on address:port (0 = an ephemeral port, see serverPort()).
    Status listen(const QHostAddress &address, quint16 port);
    // Stops listening, refuses handshakes in progress and closes every link with reason
    // "server-stopped" (stationDisconnected() runs for each before close() returns).
    void close();

    // Serves plain HTTP `method` requests for `path` (exact, without a query) with `route` (not
    // owned; nullptr removes it). Other requests are upgrade requests as before.
    void setHttpRoute(const QByteArray &method, const QByteArray &path, HttpRoute *route);

    bool isListening() const;
    quint16 serverPort() const;
    QHostAddress serverAddress() const;
    const ServerOptions &options() const { return m_options; }

    ConnectionStats stats() const { return m_stats; }
    // The live link of a station, or nullptr.
    StationLink *link(const QString &chargePointId) const;
    QStringList connectedStations() const;

signals:
    // After every change of stats(); connect queued from other threads.
    void statsChanged(const cd::server::ConnectionStats &stats);
    // A connection attempt that did not become a link. chargePointId is empty when the path did
    // not name one.
    void connectionRefused(const QString &chargePointId, const QHostAddress &peer,
                           cd::server::RefusalReason reason);

private:
    enum class Stage {
        AwaitingTls,  // TLS port: waiting for the client's first byte (a TLS handshake or plain HTTP?)
        Encrypting,   // TLS handshake in progress
        ReadingHead,  // our slots read the request head
        Admitting,    // the head is complete; the station directory decides
        Upgrading,    // handed to a QWebSocketServer, waiting for the upgraded QWebSocket
    };
    struct Pending {
        QTcpSocket *socket = nullptr;
        Stage stage = Stage::ReadingHead;
        QTimer *timer = nullptr;  // handshake deadline (TLS handshake included), child of the socket
        ConnectionRequest request;
        bool plainOnTlsPort = false;     // plain HTTP on the TLS port: read the head, then refuse
        QString tlsErrors;               // why the TLS handshake failed, for the log
        bool refuseSubprotocol = false;  // upgrade without a subprotocol, then close (OCPP-J)
        QString subprotocol;             // what Qt must answer with; empty when none was offered
        bool timedOut = false;
    };

    void onPendingConnection();
    // The accept path for any accepted socket: a QTcpSocket, or a QSslSocket from the TlsListener
    // whose handshake has not started.
    void acceptSocket(QTcpSocket *socket);
    void onFirstTlsBytes(QSslSocket *socket);
    void onEncrypted(QSslSocket *socket);
    void onTlsErrors(QSslSocket *socket, const QList<QSslError> &errors);
    void onTlsSocketError(QSslSocket *socket);
    void onHeadData(QTcpSocket *socket);
    void onHandshakeDeadline(QTcpSocket *socket);
    void onPendingDisconnected(QTcpSocket *socket);
    void onPendingSocketDestroyed(QObject *socket);
    void decide(QTcpSocket *socket, const QByteArray &head);
    void onAdmission(QTcpSocket *socket, Admission admission);
    void handOver(QTcpSocket *socket, QWebSocketServer *server);
    // The request is for an HttpRoute: it gets the socket.
    bool routeHttp(QTcpSocket *socket, const HttpRequestHead &head, qsizetype headSize);
    void refuse(QTcpSocket *socket, const UpgradeRefusal &refusal, const QString &chargePointId);
    // Ends a connection before the upgrade without an HTTP answer (TLS failures and timeouts).
    void drop(QTcpSocket *socket, RefusalReason reason, const QString &detail);
    void onUpgraded(QWebSocketServer *server);
    void startLink(QWebSocket *webSocket, const ConnectionRequest &request);
    void onLinkClosed(WebSocketStationLink *link, const QString &reason);

    void retireSocket(QTcpSocket *socket);
    void retireWebSocket(QWebSocket *socket);
    void countRefusal(RefusalReason reason, const QString &chargePointId, const QHostAddress &peer);
    void publishStats();

    ServerOptions m_options;
    StationDirectory &m_directory;
    StationSessionHandler &m_handler;
    QTcpServer *m_listener = nullptr;
    // One QWebSocketServer per served subprotocol (its only supported subprotocol), so Qt
    // answers with exactly the version we chose; the nullopt key serves none (refusal path).
    std::map<std::optional<ocpp::ProtocolVersion>, QWebSocketServer *> m_webSocketServers;
    // Keyed by the socket as a QObject, so a destroyed() notification can still find it.
    QHash<const QObject *, Pending> m_pending;
    QHash<QString, WebSocketStationLink *> m_links;
    QHash<QByteArray, HttpRoute *> m_httpRoutes;  // "POST /payments/webhook" → route
    ConnectionStats m_stats;
    bool m_closing = false;
};

}  // namespace cd::server
