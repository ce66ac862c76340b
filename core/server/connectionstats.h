#pragma once
// Why connections were refused or ended, and the counters the dashboard and benchmark read.

#include <QCoreApplication>
#include <QMetaType>
#include <QString>

#include <array>
#include <cstddef>

namespace cd::server {

// Why a TCP connection never became a station link. Each accepted socket ends either as a link
// or with exactly one of these.
enum class RefusalReason {
    BadRequest,              // not a WebSocket upgrade we can serve: 400 / 405 / 426
    HeadTooLarge,            // request head over maxHandshakeBytes: 431
    HandshakeTimeout,        // no complete upgrade within handshakeTimeout: 408 or dropped
    BadPath,                 // not <prefix>/<chargePointId> with a valid id: 404
    UnknownStation,          // the directory does not know the station: 404
    Unauthorized,            // missing/malformed Basic auth, user != id, or wrong password: 401
    NoSubprotocol,           // no Sec-WebSocket-Protocol offered: 400
    UnsupportedSubprotocol,  // offered only versions we do not serve: 101 without a protocol, close 1002
    Overloaded,              // too many handshakes in progress: 503
    Abandoned,               // the client went away or the upgrade failed before completion
    ServerClosing,           // close() was called while the handshake was in progress
    TlsRequired,             // plain HTTP on a TLS port (ws:// where wss:// is needed): 400
    TlsHandshakeFailed,      // TLS handshake failed: old protocol, no or untrusted client certificate, ...
    CertificateMismatch,     // profile 3: the client certificate's CN is not the charge point id: 401
};
inline constexpr std::size_t kRefusalReasonCount = std::size_t(RefusalReason::CertificateMismatch) + 1;

// Stable name for logs, metrics and tests, e.g. "unknown-station".
QString refusalReasonKey(RefusalReason reason);

// Stable keys passed as the `reason` of StationLink::closed() and
// StationSessionHandler::stationDisconnected() when the server ends a link. A close() requested by
// the charging service carries its own reason verbatim.
namespace disconnect_reason {
QString replaced();          // a newer connection for the same station took over
QString pingTimeout();       // no pong (or any frame) in time after a ping
QString closedByStation();   // the station sent a close frame
QString connectionLost();    // TCP closed or failed without a close frame
QString messageTooLarge();   // incoming message over the limit (closed with 1009)
QString protocolError();     // malformed WebSocket framing (closed by Qt with 1002/1003/1007)
QString serverStopped();     // CentralSystem::close() or destruction
}  // namespace disconnect_reason

// Operator-facing text for a refusal or disconnect key (translated); unknown keys come back as is.
class ConnectionTexts {
    Q_DECLARE_TR_FUNCTIONS(cd::server::ConnectionTexts)
public:
    static QString refusalText(RefusalReason reason);
    static QString disconnectText(const QString &reasonKey);
};

struct ConnectionStats {
    qsizetype connectedNow = 0;
    qsizetype peakConnected = 0;
    qsizetype handshakesInProgress = 0;
    quint64 acceptedTotal = 0;      // upgrades completed into a station link
    quint64 disconnectedTotal = 0;  // links ended (any reason, replacements included)
    quint64 replacedTotal = 0;      // links ended because the station connected again
    quint64 pingTimeoutTotal = 0;
    std::array<quint64, kRefusalReasonCount> refused{};

    quint64 refusedFor(RefusalReason reason) const { return refused[std::size_t(reason)]; }
    quint64 refusedTotal() const;
};

}  // namespace cd::server

Q_DECLARE_METATYPE(cd::server::ConnectionStats)
Q_DECLARE_METATYPE(cd::server::RefusalReason)
