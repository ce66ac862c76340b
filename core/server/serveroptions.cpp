#include "core/server/serveroptions.h"

namespace cd::server {

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
    return {};
}

}  // namespace cd::server
