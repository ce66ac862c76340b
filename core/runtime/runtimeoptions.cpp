#include "core/runtime/runtimeoptions.h"

#include <QCommandLineParser>
#include <QSysInfo>

namespace cd::runtime {

namespace {
const QString kListen = QStringLiteral("listen");
const QString kAcceptUnknown = QStringLiteral("accept-unknown-stations");
const QString kSecurityProfile = QStringLiteral("security-profile");
const QString kTlsCert = QStringLiteral("tls-cert");
const QString kTlsKey = QStringLiteral("tls-key");
const QString kTlsCa = QStringLiteral("tls-ca");
const QString kPingInterval = QStringLiteral("ping-interval");
const QString kHeartbeatInterval = QStringLiteral("heartbeat-interval");
const QString kNodeName = QStringLiteral("node-name");
const QString kPaymentKeyEnv = QStringLiteral("payment-key-env");
const QString kPaymentKeyFile = QStringLiteral("payment-key-file");
const QString kWebhookSecretEnv = QStringLiteral("payment-webhook-secret-env");
const QString kWebhookSecretFile = QStringLiteral("payment-webhook-secret-file");

// One secret from an environment variable or a file; both given is a usage error.
Status readSecretSource(const QCommandLineParser &parser, const QString &envOption, const QString &fileOption,
                        payments::SecretSource &source)
{
    if (parser.isSet(envOption) && parser.isSet(fileOption))
        return Error{ExitCode::Usage, RuntimeCommandLine::tr("Give --%1 or --%2, not both.").arg(envOption, fileOption)};
    if (parser.isSet(envOption))
        source = payments::SecretSource::environment(parser.value(envOption));
    else if (parser.isSet(fileOption))
        source = payments::SecretSource::file(parser.value(fileOption));
    return {};
}

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
// --security-profile and the --tls-* files; checked together, so the message names what is missing.
Status readSecurity(const QCommandLineParser &parser, server::ServerOptions &options)
{
    if (parser.isSet(kSecurityProfile)) {
        bool ok = false;
        const int number = parser.value(kSecurityProfile).toInt(&ok);
        const std::optional<server::SecurityProfile> profile = server::securityProfileFromNumber(ok ? number : -1);
        if (!profile)
            return Error{ExitCode::Usage, RuntimeCommandLine::tr("--security-profile must be 0, 1, 2 or 3.")};
        options.securityProfile = *profile;
    }
    const bool tlsGiven = parser.isSet(kTlsCert) || parser.isSet(kTlsKey) || parser.isSet(kTlsCa);
    if (parser.isSet(kTlsCert))
        options.tls.certificate = parser.value(kTlsCert);
    if (parser.isSet(kTlsKey))
        options.tls.privateKey = parser.value(kTlsKey);
    if (parser.isSet(kTlsCa))
        options.tls.caCertificates = parser.value(kTlsCa);
    if (!parser.isSet(kSecurityProfile) && !tlsGiven)
        return {};  // nothing security-related on the command line: the base stands as it is

    const server::SecurityProfile profile = options.securityProfile;
    if (!server::usesTls(profile)) {
        if (tlsGiven)
            return Error{ExitCode::Usage, RuntimeCommandLine::tr("--tls-cert, --tls-key and --tls-ca need "
                                                                 "--security-profile 2 or 3.")};
        return {};
    }
    if (options.tls.certificate.isEmpty() || options.tls.privateKey.isEmpty())
        return Error{ExitCode::Usage, RuntimeCommandLine::tr("--security-profile %1 needs the server's certificate "
                                                             "and private key: --tls-cert FILE --tls-key FILE.")
                                          .arg(int(profile))};
    if (profile == server::SecurityProfile::TlsClientCertificate && options.tls.caCertificates.isEmpty())
        return Error{ExitCode::Usage, RuntimeCommandLine::tr("--security-profile 3 needs --tls-ca FILE: the CA "
                                                             "certificates that sign the stations' certificates.")};
    return {};
}

}  // namespace

QString RuntimeOptions::defaultNodeName(quint16 port)
{
    return QSysInfo::machineHostName() + u':' + QString::number(port);
}

void RuntimeCommandLine::addTo(QCommandLineParser &parser)
{
    parser.addOption({kListen, tr("Address and port stations connect to, e.g. 0.0.0.0:9000 (default 127.0.0.1:9000). "
                                  "Stations use ws://HOST:PORT/ocpp/<chargePointId>, or wss:// with security "
                                  "profiles 2 and 3."),
                      tr("host:port")});
    parser.addOption({kAcceptUnknown, tr("Let stations that are not registered connect and register them "
                                                   "(for a lab; never on a public network).")});
    parser.addOption({kSecurityProfile, tr("OCPP security profile: 0 = no credentials (lab), 1 = HTTP Basic auth "
                                           "with each station's password (default), 2 = TLS (wss://) and Basic auth, "
                                           "3 = TLS with a client certificate per station."),
                      tr("0|1|2|3")});
    parser.addOption({kTlsCert, tr("Profiles 2 and 3: the server's certificate (PEM; intermediate CA certificates "
                                   "may follow it in the same file)."),
                      tr("file")});
    parser.addOption({kTlsKey, tr("Profiles 2 and 3: the private key of that certificate (PEM, unencrypted)."),
                      tr("file")});
    parser.addOption({kTlsCa, tr("Profile 3: the CA certificates (PEM) that sign the stations' certificates; each "
                                 "certificate's common name (CN) must be its station's id."),
                      tr("file")});
    parser.addOption({kPingInterval, tr("Seconds between WebSocket pings; a station that stops answering is shown "
                                        "offline within this plus 20 seconds (default 30, at most 40, 0 = off)."),
                      tr("seconds")});
    parser.addOption({kHeartbeatInterval, tr("Heartbeat interval given to stations at boot (default 300)."),
                      tr("seconds")});
    parser.addOption({kNodeName, tr("Name of this server process in the command table (default host:port)."),
                      tr("name")});
    parser.addOption({kPaymentKeyEnv, tr("HTTP payment gateway: read its secret key from this environment variable."),
                      tr("name")});
    parser.addOption({kPaymentKeyFile, tr("HTTP payment gateway: read its secret key from this file (mode 0600)."),
                      tr("file")});
    parser.addOption({kWebhookSecretEnv, tr("Read the signing secret of the gateway's reports to /payments/webhook "
                                            "from this environment variable."),
                      tr("name")});
    parser.addOption({kWebhookSecretFile, tr("Read the signing secret of the gateway's reports to /payments/webhook "
                                             "from this file (mode 0600)."),
                      tr("file")});
}

bool RuntimeCommandLine::anyGiven(const QCommandLineParser &parser)
{
    for (const QString &name : {kListen, kAcceptUnknown, kSecurityProfile, kTlsCert, kTlsKey, kTlsCa, kPingInterval,
                                kHeartbeatInterval, kNodeName}) {
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
    if (Status security = readSecurity(parser, options.server); !security)
        return security.error();
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
    if (Status key = readSecretSource(parser, kPaymentKeyEnv, kPaymentKeyFile, options.payments.key); !key)
        return key.error();
    if (Status secret = readSecretSource(parser, kWebhookSecretEnv, kWebhookSecretFile, options.payments.webhookSecret); !secret)
        return secret.error();
    if (parser.isSet(kNodeName))
        options.commands.nodeName = parser.value(kNodeName);
    else if (options.commands.nodeName.isEmpty() || parser.isSet(kListen))
        options.commands.nodeName = RuntimeOptions::defaultNodeName(options.port);
    return options;
}

}  // namespace cd::runtime
