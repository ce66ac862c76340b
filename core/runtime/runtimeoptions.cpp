#include "core/runtime/runtimeoptions.h"

#include <QCommandLineParser>
#include <QSysInfo>

namespace cd::runtime {

namespace {
const QString kListen = QStringLiteral("listen");
const QString kAcceptUnknown = QStringLiteral("accept-unknown-stations");
const QString kSecurityProfile = QStringLiteral("security-profile");
const QString kPingInterval = QStringLiteral("ping-interval");
const QString kHeartbeatInterval = QStringLiteral("heartbeat-interval");
const QString kNodeName = QStringLiteral("node-name");

Expected<int> seconds(const QCommandLineParser &parser, const QString &option, int fallback, int min, int max)
{
    if (!parser.isSet(option))
        return fallback;
    bool ok = false;
    const int value = parser.value(option).toInt(&ok);
    if (!ok || value < min || value > max)
        return Error{ExitCode::Usage, RuntimeCommandLine::tr("--%1 must be a whole number of seconds from %2 to %3.")
                                          .arg(option)
                                          .arg(min)
                                          .arg(max)};
    return value;
}
}  // namespace

QString RuntimeOptions::defaultNodeName(quint16 port)
{
    return QSysInfo::machineHostName() + u':' + QString::number(port);
}

void RuntimeCommandLine::addTo(QCommandLineParser &parser)
{
    parser.addOption({kListen, tr("Address and port stations connect to, e.g. 0.0.0.0:9000 (default 127.0.0.1:9000). "
                                  "Stations use ws://HOST:PORT/ocpp/<chargePointId>."),
                      tr("host:port")});
    parser.addOption({kAcceptUnknown, tr("Let stations that are not registered connect and register them "
                                                   "(for a lab; never on a public network).")});
    parser.addOption({kSecurityProfile, tr("OCPP security profile: 0 = no credentials (lab), 1 = HTTP Basic auth "
                                           "with each station's password (default)."),
                      tr("0|1")});
    parser.addOption({kPingInterval, tr("Seconds between WebSocket pings; a station that stops answering is shown "
                                        "offline within this plus 20 seconds (default 30, at most 40, 0 = off)."),
                      tr("seconds")});
    parser.addOption({kHeartbeatInterval, tr("Heartbeat interval given to stations at boot (default 300)."),
                      tr("seconds")});
    parser.addOption({kNodeName, tr("Name of this server process in the command table (default host:port)."),
                      tr("name")});
}

bool RuntimeCommandLine::anyGiven(const QCommandLineParser &parser)
{
    for (const QString &name : {kListen, kAcceptUnknown, kSecurityProfile, kPingInterval, kHeartbeatInterval, kNodeName}) {
        if (parser.isSet(name))
            return true;
    }
    return false;
}

Expected<std::pair<QHostAddress, quint16>> RuntimeCommandLine::parseListen(const QString &text)
{
    const qsizetype colon = text.lastIndexOf(u':');
    bool ok = false;
    const uint port = colon >= 0 ? text.mid(colon + 1).toUInt(&ok) : 0;
    if (colon < 0 || !ok || port > 65535)
        return Error{ExitCode::Usage, tr("--listen must look like 127.0.0.1:9000, got \"%1\".").arg(text)};
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    QHostAddress address;
    if (host.isEmpty() || host == u"*")
        address = QHostAddress::Any;
    else if (host == u"localhost")
        address = QHostAddress::LocalHost;
    else if (!address.setAddress(host))
        return Error{ExitCode::Usage, tr("--listen needs an IP address, got \"%1\".").arg(host)};
    return std::pair{address, static_cast<quint16>(port)};
}

Expected<RuntimeOptions> RuntimeCommandLine::read(const QCommandLineParser &parser, RuntimeOptions base)
{
    RuntimeOptions options = std::move(base);
    if (parser.isSet(kListen)) {
        auto listen = parseListen(parser.value(kListen));
        if (!listen)
            return listen.error();
        options.address = listen->first;
        options.port = listen->second;
    }
    if (parser.isSet(kAcceptUnknown))
        options.charging.acceptUnknownStations = true;
    if (parser.isSet(kSecurityProfile)) {
        const QString profile = parser.value(kSecurityProfile);
        if (profile == u"0")
            options.server.securityProfile = server::SecurityProfile::None;
        else if (profile == u"1")
            options.server.securityProfile = server::SecurityProfile::BasicAuth;
        else
            return Error{ExitCode::Usage, tr("--security-profile must be 0 or 1; TLS profiles 2 and 3 are not "
                                             "available in this version.")};
    }
    // A dead station is dropped pingInterval + pongTimeout (20 s) after its last sign of life:
    // at most 40 s keeps that within the minute operators rely on.
    const auto basePing = std::chrono::duration_cast<std::chrono::seconds>(options.server.pingInterval);
    auto ping = seconds(parser, kPingInterval, static_cast<int>(basePing.count()), 0, 40);
    if (!ping)
        return ping.error();
    options.server.pingInterval = std::chrono::seconds(*ping);
    auto heartbeat = seconds(parser, kHeartbeatInterval, options.charging.heartbeatIntervalSeconds, 1, 86400);
    if (!heartbeat)
        return heartbeat.error();
    options.charging.heartbeatIntervalSeconds = *heartbeat;
    if (parser.isSet(kNodeName))
        options.commands.nodeName = parser.value(kNodeName);
    else if (options.commands.nodeName.isEmpty() || parser.isSet(kListen))
        options.commands.nodeName = RuntimeOptions::defaultNodeName(options.port);
    return options;
}

}  // namespace cd::runtime
