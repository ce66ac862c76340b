#include "core/server/serveroptions.h"

namespace cd::server {

std::optional<SecurityProfile> securityProfileFromNumber(int number)
{
    if (number < int(SecurityProfile::None) || number > int(SecurityProfile::TlsClientCertificate))
        return std::nullopt;
    return SecurityProfile(number);
}

Status ServerOptionsCheck::validate(const ServerOptions &options)
{
    auto fail = [](const QString &message) { return Status(Error{ExitCode::Usage, message}); };

    if (options.protocols.isEmpty())
        return fail(tr("No OCPP protocol version is enabled for the server."));
    if (!options.pathPrefix.isEmpty()
        && (!options.pathPrefix.startsWith(QLatin1Char('/')) || options.pathPrefix.endsWith(QLatin1Char('/'))))
        return fail(tr("The OCPP path prefix \"%1\" must start with \"/\" and must not end with \"/\".")
                        .arg(options.pathPrefix));
    if (options.pingInterval.count() < 0 || options.pongTimeout.count() <= 0)
        return fail(tr("The WebSocket ping interval must not be negative and the pong timeout must be positive."));
    if (options.maxMessageBytes < 1024 || options.maxFrameBytes < 1024)
        return fail(tr("The maximum WebSocket message and frame size must be at least 1 KiB."));
    if (options.maxHandshakeBytes < 512 || options.maxHandshakeBytes > 64 * 1024)
        return fail(tr("The maximum handshake size must be between 512 bytes and 64 KiB."));
    if (options.handshakeTimeout.count() <= 0 || options.closeGracePeriod.count() <= 0)
        return fail(tr("The handshake timeout and the close grace period must be positive."));
    if (options.maxPendingHandshakes < 1)
        return fail(tr("At least one handshake must be allowed at a time."));
    if (!securityProfileFromNumber(int(options.securityProfile)))
        return fail(tr("Unknown security profile %1.").arg(int(options.securityProfile)));
    if (usesTls(options.securityProfile) && (options.tls.certificate.isEmpty() || options.tls.privateKey.isEmpty()))
        return fail(tr("Security profile %1 uses TLS: the server's certificate and private key files must be set.")
                        .arg(int(options.securityProfile)));
    if (options.securityProfile == SecurityProfile::TlsClientCertificate && options.tls.caCertificates.isEmpty())
        return fail(tr("Security profile 3 needs the CA certificates that sign the stations' certificates."));
    return {};
}

}  // namespace cd::server
