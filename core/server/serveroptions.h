#pragma once
// How the central system listens: paths, subprotocols, security profile, liveness and the limits
// that keep a misbehaving client from holding memory or sockets.

#include "core/common/expected.h"
#include "core/common/tlsfiles.h"
#include "core/ocpp/protocolversion.h"
#include "core/ocpp/rpcendpoint.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <chrono>
#include <optional>

namespace cd {
class Clock;
}

namespace cd::server {

// OCPP security profiles (OCPP 1.6 security whitepaper / 2.0.1 part 2 A00).
enum class SecurityProfile {
    None = 0,                  // lab only: no credentials required (any presented are still passed to admit())
    BasicAuth = 1,             // HTTP Basic auth; the user name must equal the charge point id
    TlsBasicAuth = 2,          // TLS 1.2 or later (wss://) with the server's certificate, plus Basic auth as 1
    TlsClientCertificate = 3,  // TLS with a client certificate from the configured CA whose subject CN
                               // equals the charge point id; no Basic auth
};

constexpr bool usesTls(SecurityProfile profile)
{
    return profile == SecurityProfile::TlsBasicAuth || profile == SecurityProfile::TlsClientCertificate;
}
constexpr bool usesBasicAuth(SecurityProfile profile)
{
    return profile == SecurityProfile::BasicAuth || profile == SecurityProfile::TlsBasicAuth;
}
// 0..3 as the profile; nullopt for anything else.
std::optional<SecurityProfile> securityProfileFromNumber(int number);

struct ServerOptions {
    // Stations connect to <pathPrefix>/<chargePointId>. "" serves /<chargePointId>.
    QString pathPrefix = QStringLiteral("/ocpp");

    // Subprotocols served on this port. The station's order of preference wins: the first one
    // it offers that is listed here is chosen. ocpp2.1 is served only when listed.
    QList<ocpp::ProtocolVersion> protocols{ocpp::ProtocolVersion::Ocpp16, ocpp::ProtocolVersion::Ocpp201};
    // A station that offers no Sec-WebSocket-Protocol at all gets HTTP 400, unless this names the
    // version to assume (some old 1.6 firmware omits the header).
    std::optional<ocpp::ProtocolVersion> versionWhenNoneOffered;

    SecurityProfile securityProfile = SecurityProfile::BasicAuth;
    // Profiles 2 and 3: the server's certificate (chain) and key; profile 3 also the CA
    // certificates that sign the stations' certificates. Read when listen() starts.
    TlsFiles tls;

    // Liveness: a WebSocket ping every pingInterval; a station that sends nothing (no pong, no
    // frame) for pongTimeout after a ping is dropped. Defaults detect a dead station within
    // 30 s + 20 s = 50 s. Zero pingInterval disables pings.
    std::chrono::milliseconds pingInterval{30000};
    std::chrono::milliseconds pongTimeout{20000};

    // Largest incoming WebSocket message (all fragments) and single frame. 1 MiB is far above
    // any OCPP 1.6/2.0.1 message a station sends (big 2.0.1 reports are split by the station)
    // and bounds memory per connection. Exceeding it closes the connection with 1009.
    qint64 maxMessageBytes = 1024 * 1024;
    qint64 maxFrameBytes = 1024 * 1024;

    // Pre-upgrade HTTP request: head size (request line + headers) and the time a client gets
    // from TCP accept to a completed upgrade. Against slowloris and memory exhaustion.
    qsizetype maxHandshakeBytes = 8 * 1024;
    std::chrono::milliseconds handshakeTimeout{10000};
    // Handshakes in progress at once; more get HTTP 503 at once.
    int maxPendingHandshakes = 512;
    // How long a socket we are closing (HTTP error, close frame) gets to flush before abort.
    std::chrono::milliseconds closeGracePeriod{5000};

    // Template for each station's RpcEndpoint. role, version and limits.maxFrameBytes are set per
    // connection (CentralSystem, the negotiated version, maxMessageBytes).
    ocpp::EndpointOptions endpoint;

    // Time source for StationLink::connectedSinceMs(); nullptr: Clock::system().
    const Clock *clock = nullptr;
};

// Checks the options before listen(): the message is translated, for the operator.
class ServerOptionsCheck {
    Q_DECLARE_TR_FUNCTIONS(cd::server::ServerOptionsCheck)
public:
    static Status validate(const ServerOptions &options);
};

}  // namespace cd::server
