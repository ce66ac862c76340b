#include "core/server/websocketstationlink.h"

#include "core/server/connectionstats.h"
#include "core/server/serverlog.h"

namespace cd::server {
namespace {

// RFC 6455: a close frame's payload is at most 125 bytes, 2 of them the code.
QString closeReasonText(const QString &reason)
{
    QString text = reason.left(120);
    while (text.toUtf8().size() > 123)
        text.chop(1);
    return text;
}

}  // namespace

WebSocketStationLink::WebSocketStationLink(QWebSocket *socket, const ConnectionRequest &request,
                                           ocpp::EndpointOptions endpointOptions, LinkTimings timings,
                                           qint64 connectedSinceMs, QObject *parent)
    : StationLink(parent)
    , m_socket(socket)
    , m_request(request)
    , m_subprotocol(socket->subprotocol())
    , m_timings(timings)
    , m_connectedSinceMs(connectedSinceMs)
{
    endpointOptions.role = ocpp::Role::CentralSystem;
    endpointOptions.version = request.version;
    m_endpoint = new ocpp::RpcEndpoint(std::move(endpointOptions), this);

    socket->setParent(this);
    connect(socket, &QWebSocket::textMessageReceived, this, &WebSocketStationLink::onTextMessage);
    connect(socket, &QWebSocket::binaryMessageReceived, this, &WebSocketStationLink::onBinaryMessage);
    connect(socket, &QWebSocket::pong, this, &WebSocketStationLink::heardFromPeer);
    connect(socket, &QWebSocket::aboutToClose, this, [this] { m_closeStarted = true; });
    connect(socket, &QWebSocket::disconnected, this, &WebSocketStationLink::onDisconnected);
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [this](QAbstractSocket::SocketError error) {
        qCDebug(lcServer) << "station" << m_request.chargePointId << "socket error" << error
                          << (m_socket ? m_socket->errorString() : QString());
    });
    connect(m_endpoint, &ocpp::RpcEndpoint::textToSend, this, &WebSocketStationLink::sendText);

    m_pongTimer.setSingleShot(true);
    m_pongTimer.setInterval(m_timings.pongTimeout);
    connect(&m_pongTimer, &QTimer::timeout, this, &WebSocketStationLink::onPongTimeout);
    if (m_timings.pingInterval.count() > 0) {
        m_pingTimer.setInterval(m_timings.pingInterval);
        connect(&m_pingTimer, &QTimer::timeout, this, &WebSocketStationLink::onPingTick);
        m_pingTimer.start();
    }
}

WebSocketStationLink::~WebSocketStationLink()
{
    // Normally finished and the socket taken by the server; if not (the server is being
    // destroyed), drop the connection without telling anyone: nobody is listening any more.
    if (m_socket) {
        detachSocket();
        m_socket->abort();
    }
}

void WebSocketStationLink::close(const QString &reason)
{
    closeWith(QWebSocketProtocol::CloseCodeNormal, reason);
}

void WebSocketStationLink::closeWith(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    if (m_finished)
        return;
    if (m_socket) {
        detachSocket();
        m_socket->close(code, closeReasonText(reason));
    }
    finish(reason);
}

void WebSocketStationLink::abortWith(const QString &reason)
{
    if (m_finished)
        return;
    if (m_socket) {
        detachSocket();
        m_socket->abort();
    }
    finish(reason);
}

QWebSocket *WebSocketStationLink::takeSocket()
{
    QWebSocket *socket = m_socket;
    m_socket = nullptr;
    return socket;
}

void WebSocketStationLink::onTextMessage(const QString &text)
{
    if (m_finished)
        return;
    heardFromPeer();
    m_endpoint->receiveText(text);
}

void WebSocketStationLink::onBinaryMessage(const QByteArray &data)
{
    if (m_finished)
        return;
    heardFromPeer();
    // OCPP-J uses text frames only; ignore rather than drop a station over it.
    qCWarning(lcServer) << "station" << m_request.chargePointId << "sent a binary frame of" << data.size()
                        << "bytes; OCPP-J uses text frames only, ignored";
}

void WebSocketStationLink::onPingTick()
{
    if (m_finished || !m_socket)
        return;
    m_socket->ping();
    if (!m_pongTimer.isActive())
        m_pongTimer.start();
}

void WebSocketStationLink::onPongTimeout()
{
    qCInfo(lcServer) << "station" << m_request.chargePointId << "did not answer a ping within"
                     << m_timings.pongTimeout.count() << "ms; dropping the connection";
    abortWith(disconnect_reason::pingTimeout());
}

void WebSocketStationLink::heardFromPeer()
{
    m_pongTimer.stop();
}

void WebSocketStationLink::sendText(const QString &text)
{
    if (m_finished || !m_socket)
        return;
    m_socket->sendTextMessage(text);
}

void WebSocketStationLink::onDisconnected()
{
    if (m_finished)
        return;
    QString reason = disconnect_reason::connectionLost();
    if (m_closeStarted && m_socket) {
        switch (m_socket->closeCode()) {
        case QWebSocketProtocol::CloseCodeTooMuchData:
            reason = disconnect_reason::messageTooLarge();
            break;
        case QWebSocketProtocol::CloseCodeProtocolError:
        case QWebSocketProtocol::CloseCodeDatatypeNotSupported:
        case QWebSocketProtocol::CloseCodeWrongDatatype:
            reason = disconnect_reason::protocolError();
            break;
        default:
            reason = disconnect_reason::closedByStation();
            break;
        }
        qCInfo(lcServer) << "station" << m_request.chargePointId << "connection closed, code"
                         << int(m_socket->closeCode()) << m_socket->closeReason();
    } else {
        qCInfo(lcServer) << "station" << m_request.chargePointId << "connection lost:"
                         << (m_socket ? m_socket->errorString() : QString());
    }
    if (m_socket)
        detachSocket();
    finish(reason);
}

void WebSocketStationLink::detachSocket()
{
    if (m_socket)
        m_socket->disconnect(this);
    m_pingTimer.stop();
    m_pongTimer.stop();
}

void WebSocketStationLink::finish(const QString &reason)
{
    if (m_finished)
        return;
    m_finished = true;
    m_pingTimer.stop();
    m_pongTimer.stop();
    m_endpoint->abort(reason);
    emit closed(reason);
}

}  // namespace cd::server
