#include "core/server/centralsystem.h"

#include "core/common/clock.h"
#include "core/ocpp/schemaregistry.h"
#include "core/server/serverlog.h"
#include "core/server/tlslistener.h"
#include "core/server/websocketstationlink.h"

#include <QDateTime>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

namespace cd::server {
namespace {

QString peerText(const QHostAddress &address, quint16 port)
{
    return address.protocol() == QAbstractSocket::IPv6Protocol
               ? QStringLiteral("[%1]:%2").arg(address.toString()).arg(port)
               : QStringLiteral("%1:%2").arg(address.toString()).arg(port);
}

UpgradeRefusal malformedRequest(const QString &problem)
{
    UpgradeRefusal r;
    r.reason = RefusalReason::BadRequest;
    r.response.status = 400;
    r.response.body = "Malformed HTTP request.\n";
    r.detail = problem;
    return r;
}

}  // namespace

CentralSystem::CentralSystem(ServerOptions options, StationDirectory &directory, StationSessionHandler &handler,
                             QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_directory(directory)
    , m_handler(handler)
{
    QList<std::optional<ocpp::ProtocolVersion>> keys{std::nullopt};
    for (const ocpp::ProtocolVersion version : std::as_const(m_options.protocols))
        keys.append(version);
    for (const std::optional<ocpp::ProtocolVersion> &key : keys) {
        if (m_webSocketServers.count(key))
            continue;
        auto *server = new QWebSocketServer(QStringLiteral("ChargeDesk"), QWebSocketServer::NonSecureMode, this);
        server->setSupportedSubprotocols(key ? QStringList{ocpp::subprotocolName(*key)} : QStringList{});
        connect(server, &QWebSocketServer::newConnection, this, [this, server] { onUpgraded(server); });
        connect(server, &QWebSocketServer::serverError, this, [server](QWebSocketProtocol::CloseCode code) {
            qCInfo(lcServer) << "WebSocket upgrade failed:" << int(code) << server->errorString();
        });
        m_webSocketServers.emplace(key, server);
    }
}

CentralSystem::~CentralSystem()
{
    close();
}

Status CentralSystem::listen(const QHostAddress &address, quint16 port)
{
    if (Status valid = ServerOptionsCheck::validate(m_options); !valid)
        return valid;
    if (isListening())
        return Error{ExitCode::Failure, tr("The OCPP server is already listening on port %1.").arg(serverPort())};

    // Profiles 2 and 3 accept QSslSockets; everything after the accept works on the QTcpSocket
    // the listener hands out (see acceptSocket()).
    QTcpServer *listener = nullptr;
    if (usesTls(m_options.securityProfile)) {
        Expected<QSslConfiguration> tls = serverTlsConfiguration(m_options.securityProfile, m_options.tls);
        if (!tls)
            return tls.error();
        const QSslCertificate certificate = tls->localCertificate();
        qCInfo(lcServer).noquote() << "TLS certificate" << certificate.subjectDisplayName() << "valid until"
                                   << certificate.expiryDate().toString(Qt::ISODate);
        listener = new TlsListener(std::move(*tls), this);
    } else {
        listener = new QTcpServer(this);
    }
    connect(listener, &QTcpServer::pendingConnectionAvailable, this, &CentralSystem::onPendingConnection);
    if (!listener->listen(address, port)) {
        const QString message = tr("Cannot listen for OCPP connections on %1 port %2: %3")
                                    .arg(address.toString())
                                    .arg(port)
                                    .arg(listener->errorString());
        delete listener;
        return Error{ExitCode::Failure, message};
    }
    m_listener = listener;
    // Compile the OCPP schemas now (about a second in a debug build), not when the first
    // station connects.
    if (!m_options.endpoint.registry)
        static_cast<void>(ocpp::SchemaRegistry::builtin());
    QStringList served;
    for (const ocpp::ProtocolVersion version : std::as_const(m_options.protocols))
        served.append(ocpp::subprotocolName(version));
    qCInfo(lcServer).noquote() << "OCPP server listening on" << peerText(serverAddress(), serverPort())
                               << "path" << (m_options.pathPrefix + QStringLiteral("/<chargePointId>"))
                               << "subprotocols" << served.join(QStringLiteral(", ")) << "security profile"
                               << int(m_options.securityProfile)
                               << (usesTls(m_options.securityProfile) ? "(wss://)" : "(ws://)");
    return {};
}

void CentralSystem::close()
{
    m_closing = true;
    if (m_listener) {
        m_listener->close();
        m_listener->deleteLater();
        m_listener = nullptr;
    }

    const QList<Pending> pending = m_pending.values();
    m_pending.clear();
    for (const Pending &p : pending) {
        if (p.timer)
            p.timer->stop();
        p.socket->disconnect(this);
        p.socket->abort();
        p.socket->deleteLater();
        countRefusal(RefusalReason::ServerClosing, p.request.chargePointId, p.request.peer);
    }

    const QList<WebSocketStationLink *> links = m_links.values();
    for (WebSocketStationLink *link : links)
        link->closeWith(QWebSocketProtocol::CloseCodeGoingAway, disconnect_reason::serverStopped());
    m_closing = false;
    publishStats();
}

bool CentralSystem::isListening() const
{
    return m_listener && m_listener->isListening();
}

quint16 CentralSystem::serverPort() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

QHostAddress CentralSystem::serverAddress() const
{
    return m_listener ? m_listener->serverAddress() : QHostAddress();
}

StationLink *CentralSystem::link(const QString &chargePointId) const
{
    return m_links.value(chargePointId);
}

QStringList CentralSystem::connectedStations() const
{
    return m_links.keys();
}

// ---- before the upgrade ----------------------------------------------------------------------

void CentralSystem::onPendingConnection()
{
    while (m_listener && m_listener->hasPendingConnections())
        acceptSocket(m_listener->nextPendingConnection());
}

void CentralSystem::acceptSocket(QTcpSocket *socket)
{
    // Our child, not the listener's: live sockets must survive close() of the listener.
    socket->setParent(this);
    if (m_pending.size() >= m_options.maxPendingHandshakes) {
        if (qobject_cast<QSslSocket *>(socket))  // a TLS client could not read a plain answer
            drop(socket, RefusalReason::Overloaded, QStringLiteral("too many handshakes in progress"));
        else
            refuse(socket, refuseOverloaded(), {});
        return;
    }

    Pending p;
    p.socket = socket;
    p.request.peer = socket->peerAddress();
    auto *tlsSocket = qobject_cast<QSslSocket *>(socket);
    p.request.tls = tlsSocket != nullptr;
    p.stage = tlsSocket ? Stage::AwaitingTls : Stage::ReadingHead;
    // Bounds what the socket buffers before we have seen a complete head.
    socket->setReadBufferSize(m_options.maxHandshakeBytes);
    p.timer = new QTimer(socket);
    p.timer->setSingleShot(true);
    p.timer->setInterval(m_options.handshakeTimeout);
    connect(p.timer, &QTimer::timeout, this, [this, socket] { onHandshakeDeadline(socket); });
    connect(socket, &QIODevice::readyRead, this, [this, socket] { onHeadData(socket); });
    connect(socket, &QAbstractSocket::disconnected, this, [this, socket] { onPendingDisconnected(socket); });
    connect(socket, &QObject::destroyed, this, &CentralSystem::onPendingSocketDestroyed);
    if (tlsSocket) {
        connect(tlsSocket, &QSslSocket::encrypted, this, [this, tlsSocket] { onEncrypted(tlsSocket); });
        connect(tlsSocket, &QSslSocket::sslErrors, this,
                [this, tlsSocket](const QList<QSslError> &errors) { onTlsErrors(tlsSocket, errors); });
        connect(tlsSocket, &QAbstractSocket::errorOccurred, this,
                [this, tlsSocket](QAbstractSocket::SocketError) { onTlsSocketError(tlsSocket); });
    }
    p.timer->start();
    m_pending.insert(socket, p);
    publishStats();

    if (socket->bytesAvailable() > 0)
        onHeadData(socket);
}

void CentralSystem::onFirstTlsBytes(QSslSocket *socket)
{
    // In unencrypted mode QSslSocket::peek() leaves the bytes for the TLS engine.
    char first = 0;
    if (socket->peek(&first, 1) < 1)
        return;
    Pending &p = m_pending[socket];
    // Every TLS connection starts with a handshake record (content type 22). Anything else is
    // most likely a station set up with ws:// instead of wss://: read its request (for the
    // station id in the log) and answer it in plain text.
    if (first != 0x16) {
        p.plainOnTlsPort = true;
        p.stage = Stage::ReadingHead;
        onHeadData(socket);
        return;
    }
    p.stage = Stage::Encrypting;
    socket->startServerEncryption();
}

void CentralSystem::onEncrypted(QSslSocket *socket)
{
    const auto it = m_pending.find(socket);
    if (it == m_pending.end() || it->stage != Stage::Encrypting)
        return;
    it->stage = Stage::ReadingHead;
    // Profile 3: the handshake verified the certificate against the configured CAs.
    it->request.clientCertificateCn = certificateCommonName(socket->peerCertificate());
    if (socket->bytesAvailable() > 0)
        onHeadData(socket);
}

void CentralSystem::onTlsErrors(QSslSocket *socket, const QList<QSslError> &errors)
{
    const auto it = m_pending.find(socket);
    if (it == m_pending.end())
        return;
    // Not ignored: the handshake fails with them, and onTlsSocketError() ends the connection.
    QStringList texts;
    for (const QSslError &error : errors)
        texts.append(error.errorString());
    it->tlsErrors = texts.join(QStringLiteral("; "));
}

void CentralSystem::onTlsSocketError(QSslSocket *socket)
{
    const auto it = m_pending.constFind(socket);
    if (it == m_pending.cend() || it->stage != Stage::Encrypting)
        return;  // before or after the handshake, a lost connection is handled as on a plain port
    // The certificate errors say more than the socket's summary of them.
    const QString detail = it->tlsErrors.isEmpty() ? socket->errorString() : it->tlsErrors;
    drop(socket, RefusalReason::TlsHandshakeFailed, QStringLiteral("TLS handshake failed: ") + detail);
}

void CentralSystem::onHeadData(QTcpSocket *socket)
{
    const auto it = m_pending.constFind(socket);
    if (it == m_pending.cend())
        return;
    if (it->stage == Stage::AwaitingTls) {
        onFirstTlsBytes(static_cast<QSslSocket *>(socket));  // only TlsListener sockets start there
        return;
    }
    if (it->stage != Stage::ReadingHead)
        return;
    // peek(), never read(): the head stays in the socket for QWebSocketServer.
    const qint64 available = qMin<qint64>(socket->bytesAvailable(), m_options.maxHandshakeBytes);
    const QByteArray peeked = socket->peek(available);
    if (const std::optional<qsizetype> end = findHeadEnd(peeked)) {
        decide(socket, peeked.first(*end));
        return;
    }
    if (peeked.size() >= m_options.maxHandshakeBytes)
        refuse(socket, refuseHeadTooLarge(m_options.maxHandshakeBytes), {});
}

void CentralSystem::decide(QTcpSocket *socket, const QByteArray &head)
{
    QString problem;
    const std::optional<HttpRequestHead> parsed = parseRequestHead(head, &problem);
    if (m_pending.value(socket).plainOnTlsPort) {
        const std::optional<QString> id =
            parsed ? chargePointIdFromTarget(parsed->target, m_options.pathPrefix) : std::nullopt;
        refuse(socket, refusePlainTextOnTlsPort(), id.value_or(QString()));
        return;
    }
    if (!parsed) {
        refuse(socket, malformedRequest(problem), {});
        return;
    }
    if (routeHttp(socket, *parsed, head.size()))
        return;
    UpgradeCheck check = checkUpgradeRequest(*parsed, m_options);
    if (const auto *refusal = std::get_if<UpgradeRefusal>(&check)) {
        refuse(socket, *refusal, chargePointIdFromTarget(parsed->target, m_options.pathPrefix).value_or(QString()));
        return;
    }
    UpgradeCandidate &candidate = std::get<UpgradeCandidate>(check);

    Pending &p = m_pending[socket];
    p.request.chargePointId = candidate.chargePointId;
    if (m_options.securityProfile == SecurityProfile::TlsClientCertificate
        && p.request.clientCertificateCn != candidate.chargePointId) {
        refuse(socket, refuseCertificateMismatch(p.request.clientCertificateCn, candidate.chargePointId),
               candidate.chargePointId);
        return;
    }
    if (candidate.credentials) {
        p.request.basicUser = candidate.credentials->user;
        p.request.basicPassword = candidate.credentials->password;
    }
    if (!candidate.version) {
        qCInfo(lcServer) << "refusing" << qUtf8Printable(peerText(socket->peerAddress(), socket->peerPort()))
                         << "for" << candidate.chargePointId << "- offered subprotocols"
                         << candidate.offeredSubprotocols << "are not served; upgrading without one and closing";
        p.refuseSubprotocol = true;
        handOver(socket, m_webSocketServers.at(std::nullopt));
        return;
    }
    p.request.version = *candidate.version;
    if (!candidate.offeredSubprotocols.isEmpty())
        p.subprotocol = ocpp::subprotocolName(*candidate.version);

    // The directory may answer later (a password hash checked on another thread); the socket
    // is the context, so no answer arrives for a socket that is gone.
    p.stage = Stage::Admitting;
    m_directory.admitAsync(p.request, socket, [this, socket](Admission admission) { onAdmission(socket, admission); });
}

void CentralSystem::setHttpRoute(const QByteArray &method, const QByteArray &path, HttpRoute *route)
{
    const QByteArray key = method + ' ' + path;
    if (route)
        m_httpRoutes.insert(key, route);
    else
        m_httpRoutes.remove(key);
}

bool CentralSystem::routeHttp(QTcpSocket *socket, const HttpRequestHead &head, qsizetype headSize)
{
    if (m_httpRoutes.isEmpty())
        return false;
    QByteArray path = head.target;
    if (const qsizetype query = path.indexOf('?'); query >= 0)
        path.truncate(query);
    HttpRoute *route = m_httpRoutes.value(head.method + ' ' + path);
    if (!route)
        return false;
    if (const auto it = m_pending.find(socket); it != m_pending.end()) {
        if (it->timer) {
            it->timer->stop();
            it->timer->deleteLater();
        }
        m_pending.erase(it);
    }
    socket->disconnect(this);
    socket->setReadBufferSize(0);  // the route bounds what it reads
    publishStats();
    route->take(socket, head, headSize);
    return true;
}

void CentralSystem::onAdmission(QTcpSocket *socket, Admission admission)
{
    const auto it = m_pending.find(socket);
    if (it == m_pending.end() || it->stage != Stage::Admitting)
        return;  // refused meanwhile (deadline, client gone, server closing)
    it->request.basicPassword.reset();  // checked; the link does not keep it
    const ConnectionRequest request = it->request;
    switch (admission) {
    case Admission::Accept:
        handOver(socket, m_webSocketServers.at(request.version));
        return;
    case Admission::UnknownStation:
        refuse(socket, refuseNotFound(RefusalReason::UnknownStation, QStringLiteral("station not known")),
               request.chargePointId);
        return;
    case Admission::Unauthorized:
        refuse(socket, refuseUnauthorized(QStringLiteral("credentials refused by the station directory")),
               request.chargePointId);
        return;
    }
}

void CentralSystem::handOver(QTcpSocket *socket, QWebSocketServer *server)
{
    Pending &p = m_pending[socket];
    p.stage = Stage::Upgrading;
    // From here on only Qt reads the socket. Keep watching for its end (destroyed) and the
    // deadline (the timer's connection has the timer as sender, unaffected).
    socket->disconnect(this);
    connect(socket, &QObject::destroyed, this, &CentralSystem::onPendingSocketDestroyed);
    socket->setReadBufferSize(0);
    server->handleConnection(socket);
}

void CentralSystem::refuse(QTcpSocket *socket, const UpgradeRefusal &refusal, const QString &chargePointId)
{
    const QHostAddress peer = socket->peerAddress();
    // Station ids are printed quoted (they come from the network); the rest is ours.
    qCInfo(lcServer).nospace() << "refused " << qUtf8Printable(peerText(peer, socket->peerPort())) << " for "
                               << chargePointId << " with HTTP " << refusal.response.status << ' '
                               << qUtf8Printable(refusalReasonKey(refusal.reason)) << ": "
                               << qUtf8Printable(refusal.detail);
    if (const auto it = m_pending.find(socket); it != m_pending.end()) {
        if (it->timer)
            it->timer->stop();
        m_pending.erase(it);
    }
    socket->disconnect(this);
    socket->write(refusal.response.serialize(QDateTime::currentDateTimeUtc()));
    retireSocket(socket);
    countRefusal(refusal.reason, chargePointId, peer);
}

void CentralSystem::drop(QTcpSocket *socket, RefusalReason reason, const QString &detail)
{
    const QHostAddress peer = socket->peerAddress();
    QString chargePointId;
    if (const auto it = m_pending.find(socket); it != m_pending.end()) {
        chargePointId = it->request.chargePointId;
        if (it->timer)
            it->timer->stop();
        m_pending.erase(it);
    }
    qCInfo(lcServer).nospace() << "dropped " << qUtf8Printable(peerText(peer, socket->peerPort())) << ' '
                               << qUtf8Printable(refusalReasonKey(reason)) << ": " << detail;  // may quote peer text
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
    countRefusal(reason, chargePointId, peer);
}

void CentralSystem::onHandshakeDeadline(QTcpSocket *socket)
{
    const auto it = m_pending.find(socket);
    if (it == m_pending.end())
        return;
    if (it->stage == Stage::AwaitingTls || it->stage == Stage::Encrypting) {
        // No TLS session to answer in: just close.
        drop(socket, RefusalReason::HandshakeTimeout, QStringLiteral("TLS handshake not completed in time"));
        return;
    }
    if (it->stage == Stage::ReadingHead || it->stage == Stage::Admitting) {
        refuse(socket, refuseTimeout(), {});
        return;
    }
    // Qt has the socket and has not finished the upgrade: drop it. Its end is counted when the
    // socket is destroyed (deleteLater: after any queued Qt slot for it has run).
    qCInfo(lcServer) << "upgrade for" << it->request.chargePointId << "not completed in time; dropping";
    it->timedOut = true;
    socket->abort();
    socket->deleteLater();
}

void CentralSystem::onPendingDisconnected(QTcpSocket *socket)
{
    const auto it = m_pending.find(socket);
    if (it == m_pending.end())
        return;
    const Pending p = *it;
    m_pending.erase(it);
    socket->disconnect(this);
    socket->deleteLater();
    countRefusal(RefusalReason::Abandoned, p.request.chargePointId, p.request.peer);
}

void CentralSystem::onPendingSocketDestroyed(QObject *socket)
{
    const auto it = m_pending.find(socket);
    if (it == m_pending.end())
        return;
    const Pending p = *it;
    m_pending.erase(it);
    countRefusal(p.timedOut ? RefusalReason::HandshakeTimeout : RefusalReason::Abandoned, p.request.chargePointId,
                 p.request.peer);
}

// ---- after the upgrade -----------------------------------------------------------------------

void CentralSystem::onUpgraded(QWebSocketServer *server)
{
    while (server->hasPendingConnections()) {
        QWebSocket *webSocket = server->nextPendingConnection();
        if (!webSocket)
            continue;
        // Find the request we checked: same TCP connection, so the same peer address and port.
        auto it = m_pending.begin();
        for (; it != m_pending.end(); ++it) {
            if (it->stage == Stage::Upgrading && it->socket->peerPort() == webSocket->peerPort()
                && it->socket->peerAddress() == webSocket->peerAddress())
                break;
        }
        if (it == m_pending.end()) {
            qCWarning(lcServer) << "upgraded WebSocket from" << webSocket->peerAddress() << webSocket->peerPort()
                                << "matches no checked request; dropping it";
            webSocket->setParent(this);
            webSocket->abort();
            webSocket->deleteLater();
            continue;
        }
        const Pending p = *it;
        m_pending.erase(it);
        delete p.timer;
        p.socket->disconnect(this);
        p.socket->setParent(webSocket);  // the TCP socket lives and dies with its QWebSocket

        if (p.refuseSubprotocol) {
            QStringList served;
            for (const ocpp::ProtocolVersion version : std::as_const(m_options.protocols))
                served.append(ocpp::subprotocolName(version));
            webSocket->close(QWebSocketProtocol::CloseCodeProtocolError,
                             QStringLiteral("No supported OCPP version offered; supported: ")
                                 + served.join(QStringLiteral(", ")));
            retireWebSocket(webSocket);
            countRefusal(RefusalReason::UnsupportedSubprotocol, p.request.chargePointId, p.request.peer);
            continue;
        }
        if (webSocket->state() != QAbstractSocket::ConnectedState || webSocket->subprotocol() != p.subprotocol) {
            // Gone already, or (cannot happen: one subprotocol per server) a different protocol.
            if (webSocket->state() == QAbstractSocket::ConnectedState)
                qCWarning(lcServer) << "upgrade for" << p.request.chargePointId << "negotiated"
                                    << webSocket->subprotocol() << "instead of" << p.subprotocol;
            webSocket->abort();
            retireWebSocket(webSocket);
            countRefusal(RefusalReason::Abandoned, p.request.chargePointId, p.request.peer);
            continue;
        }
        startLink(webSocket, p.request);
    }
}

void CentralSystem::startLink(QWebSocket *webSocket, const ConnectionRequest &request)
{
    webSocket->setMaxAllowedIncomingMessageSize(quint64(m_options.maxMessageBytes));
    webSocket->setMaxAllowedIncomingFrameSize(quint64(m_options.maxFrameBytes));

    ocpp::EndpointOptions endpointOptions = m_options.endpoint;
    endpointOptions.limits.maxFrameBytes = m_options.maxMessageBytes;
    if (!endpointOptions.clock)
        endpointOptions.clock = m_options.clock;
    const Clock &clock = m_options.clock ? *m_options.clock : Clock::system();

    auto *link = new WebSocketStationLink(webSocket, request, std::move(endpointOptions),
                                          LinkTimings{m_options.pingInterval, m_options.pongTimeout}, clock.nowMs(),
                                          this);
    connect(link, &StationLink::closed, this, [this, link](const QString &reason) { onLinkClosed(link, reason); });

    // One connection per station: the newer one wins (the old one is usually a dead TCP
    // connection the station gave up on). The old link ends before the new one is announced.
    if (WebSocketStationLink *old = m_links.value(request.chargePointId)) {
        qCInfo(lcServer) << "station" << request.chargePointId << "connected again; replacing the connection from"
                         << qUtf8Printable(old->peerAddress().toString());
        ++m_stats.replacedTotal;
        old->closeWith(QWebSocketProtocol::CloseCodeNormal, disconnect_reason::replaced());
    }
    m_links.insert(request.chargePointId, link);
    ++m_stats.acceptedTotal;
    m_stats.peakConnected = qMax(m_stats.peakConnected, m_links.size());
    qCInfo(lcServer) << "station" << request.chargePointId << "connected from"
                     << qUtf8Printable(peerText(request.peer, webSocket->peerPort())) << "using"
                     << qUtf8Printable(link->subprotocol().isEmpty() ? QStringLiteral("(no subprotocol)")
                                                                     : link->subprotocol());
    publishStats();

    m_handler.stationConnected(*link);  // may close the link at once; it is not touched after
}

void CentralSystem::onLinkClosed(WebSocketStationLink *link, const QString &reason)
{
    if (m_links.value(link->chargePointId()) == link)
        m_links.remove(link->chargePointId());
    ++m_stats.disconnectedTotal;
    if (reason == disconnect_reason::pingTimeout())
        ++m_stats.pingTimeoutTotal;
    if (QWebSocket *socket = link->takeSocket())
        retireWebSocket(socket);
    qCInfo(lcServer) << "station" << link->chargePointId() << "disconnected:" << reason;  // reason may be any text

    m_handler.stationDisconnected(*link, reason);
    link->deleteLater();
    publishStats();
}

// ---- housekeeping ----------------------------------------------------------------------------

void CentralSystem::retireSocket(QTcpSocket *socket)
{
    if (socket->state() == QAbstractSocket::UnconnectedState) {
        socket->deleteLater();
        return;
    }
    // Discard whatever else the client sends; close once our answer is flushed.
    socket->setReadBufferSize(0);
    connect(socket, &QIODevice::readyRead, socket, [socket] { socket->skip(socket->bytesAvailable()); });
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    socket->skip(socket->bytesAvailable());
    socket->disconnectFromHost();
    if (socket->state() != QAbstractSocket::UnconnectedState) {
        QTimer::singleShot(m_options.closeGracePeriod, socket, [socket] {
            socket->abort();
            socket->deleteLater();
        });
    }
}

void CentralSystem::retireWebSocket(QWebSocket *socket)
{
    socket->disconnect(this);
    socket->setParent(this);
    if (socket->state() == QAbstractSocket::UnconnectedState) {
        socket->deleteLater();
        return;
    }
    connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
    QTimer::singleShot(m_options.closeGracePeriod, socket, [socket] {
        socket->abort();
        socket->deleteLater();
    });
}

void CentralSystem::countRefusal(RefusalReason reason, const QString &chargePointId, const QHostAddress &peer)
{
    ++m_stats.refused[std::size_t(reason)];
    emit connectionRefused(chargePointId, peer, reason);
    if (!m_closing)
        publishStats();
}

void CentralSystem::publishStats()
{
    m_stats.connectedNow = m_links.size();
    m_stats.handshakesInProgress = m_pending.size();
    emit statsChanged(m_stats);
}

}  // namespace cd::server
