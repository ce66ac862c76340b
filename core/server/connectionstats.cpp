#include "core/server/connectionstats.h"

#include <numeric>

namespace cd::server {

QString refusalReasonKey(RefusalReason reason)
{
    switch (reason) {
    case RefusalReason::BadRequest:
        return QStringLiteral("bad-request");
    case RefusalReason::HeadTooLarge:
        return QStringLiteral("head-too-large");
    case RefusalReason::HandshakeTimeout:
        return QStringLiteral("handshake-timeout");
    case RefusalReason::BadPath:
        return QStringLiteral("bad-path");
    case RefusalReason::UnknownStation:
        return QStringLiteral("unknown-station");
    case RefusalReason::Unauthorized:
        return QStringLiteral("unauthorized");
    case RefusalReason::NoSubprotocol:
        return QStringLiteral("no-subprotocol");
    case RefusalReason::UnsupportedSubprotocol:
        return QStringLiteral("unsupported-subprotocol");
    case RefusalReason::Overloaded:
        return QStringLiteral("overloaded");
    case RefusalReason::Abandoned:
        return QStringLiteral("abandoned");
    case RefusalReason::ServerClosing:
        return QStringLiteral("server-closing");
    case RefusalReason::TlsRequired:
        return QStringLiteral("tls-required");
    case RefusalReason::TlsHandshakeFailed:
        return QStringLiteral("tls-handshake-failed");
    case RefusalReason::CertificateMismatch:
        return QStringLiteral("certificate-mismatch");
    }
    return {};
}

namespace disconnect_reason {
QString replaced() { return QStringLiteral("replaced"); }
QString pingTimeout() { return QStringLiteral("ping-timeout"); }
QString closedByStation() { return QStringLiteral("closed-by-station"); }
QString connectionLost() { return QStringLiteral("connection-lost"); }
QString messageTooLarge() { return QStringLiteral("message-too-large"); }
QString protocolError() { return QStringLiteral("protocol-error"); }
QString serverStopped() { return QStringLiteral("server-stopped"); }
}  // namespace disconnect_reason

QString ConnectionTexts::refusalText(RefusalReason reason)
{
    switch (reason) {
    case RefusalReason::BadRequest:
        return tr("Not a valid WebSocket upgrade request");
    case RefusalReason::HeadTooLarge:
        return tr("Request headers too large");
    case RefusalReason::HandshakeTimeout:
        return tr("Handshake not completed in time");
    case RefusalReason::BadPath:
        return tr("Invalid connection path or station id");
    case RefusalReason::UnknownStation:
        return tr("Unknown charging station");
    case RefusalReason::Unauthorized:
        return tr("Missing or wrong credentials");
    case RefusalReason::NoSubprotocol:
        return tr("No OCPP version offered");
    case RefusalReason::UnsupportedSubprotocol:
        return tr("OCPP version not supported");
    case RefusalReason::Overloaded:
        return tr("Too many connection attempts at once");
    case RefusalReason::Abandoned:
        return tr("Connection closed during the handshake");
    case RefusalReason::ServerClosing:
        return tr("Server shutting down");
    case RefusalReason::TlsRequired:
        return tr("Unencrypted connection to the TLS port (wss:// required)");
    case RefusalReason::TlsHandshakeFailed:
        return tr("TLS handshake failed");
    case RefusalReason::CertificateMismatch:
        return tr("Client certificate does not name the station");
    }
    return {};
}

QString ConnectionTexts::disconnectText(const QString &reasonKey)
{
    namespace r = disconnect_reason;
    if (reasonKey == r::replaced())
        return tr("Replaced by a new connection from the same station");
    if (reasonKey == r::pingTimeout())
        return tr("No answer to WebSocket ping");
    if (reasonKey == r::closedByStation())
        return tr("Closed by the station");
    if (reasonKey == r::connectionLost())
        return tr("Connection lost");
    if (reasonKey == r::messageTooLarge())
        return tr("Message too large");
    if (reasonKey == r::protocolError())
        return tr("WebSocket protocol error");
    if (reasonKey == r::serverStopped())
        return tr("Server stopped");
    return reasonKey;
}

quint64 ConnectionStats::refusedTotal() const
{
    return std::accumulate(refused.begin(), refused.end(), quint64(0));
}

}  // namespace cd::server
