#include "simcommandline.h"

#include "core/common/tlsfiles.h"
#include "core/ocpp/protocolversion.h"
#include "core/sim/misbehaviour.h"

#include <QFile>
#include <QUrl>

#include <cmath>
#include <type_traits>

namespace cd::simapp {

namespace {

QString opt(const char *name)
{
    return QString::fromLatin1(name);
}

Error usage(QString message)
{
    return Error{ExitCode::Usage, std::move(message)};
}

// A number option within [min, max]; `fallback` when absent.
template <typename T>
std::optional<T> number(const QCommandLineParser &parser, const char *name, T fallback, T min, T max, QString *error)
{
    if (!parser.isSet(opt(name)))
        return fallback;
    const QString text = parser.value(opt(name));
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value) || value < double(min) || value > double(max)
        || (std::is_integral_v<T> && value != std::floor(value))) {
        const auto show = [](T bound) {
            return std::is_integral_v<T> ? QString::number(qint64(bound)) : QString::number(double(bound));
        };
        *error = SimCommandLine::tr("--%1 must be a number from %2 to %3, not \"%4\".")
                     .arg(opt(name), show(min), show(max), text);
        return std::nullopt;
    }
    return T(value);
}

// --ca-file, --client-cert, --client-key: a TLS configuration for wss:// (files read now, so a bad
// file is a usage error before any station starts).
Status readTls(const QCommandLineParser &parser, sim::SimulatorOptions &o)
{
    const bool ca = parser.isSet(opt("ca-file"));
    const bool cert = parser.isSet(opt("client-cert"));
    const bool key = parser.isSet(opt("client-key"));
    if (!ca && !cert && !key)
        return {};
    if (o.serverUrl.scheme() != u"wss")
        return usage(SimCommandLine::tr("--ca-file, --client-cert and --client-key need a wss:// URL."));
    if (cert != key)
        return usage(SimCommandLine::tr("--client-cert and --client-key go together."));
    if (Status available = TlsFileLoader::checkTlsAvailable(); !available)
        return available;
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    if (ca) {
        if (Status loaded = TlsFileLoader::loadTrustedCas(configuration, parser.value(opt("ca-file"))); !loaded)
            return usage(loaded.error().message);
    }
    if (cert) {
        if (Status loaded = TlsFileLoader::loadIdentity(configuration, parser.value(opt("client-cert")),
                                                        parser.value(opt("client-key")));
            !loaded)
            return usage(loaded.error().message);
    }
    o.tls = configuration;
    return {};
}

}  // namespace

void SimCommandLine::addTo(QCommandLineParser &parser)
{
    QStringList names;
    for (sim::Misbehaviour m : sim::allMisbehaviours())
        names.append(QStringLiteral("%1 (%2)").arg(sim::misbehaviourName(m), sim::misbehaviourDescription(m)));

    parser.addOptions({
        {opt("url"), tr("Server URL; each station connects to <url>/<id>, e.g. ws://127.0.0.1:9000/ocpp."), tr("url")},
        {opt("stations"), tr("Number of stations to simulate (default 1)."), tr("N")},
        {opt("protocol"), tr("OCPP subprotocol: ocpp1.6 (default) or ocpp2.0.1."), tr("name")},
        {opt("password"), tr("Basic-auth password for every station (security profile 1; the user name is the station id)."),
         tr("password")},
        {opt("password-file"), tr("Read the Basic-auth password from the first line of this file."), tr("file")},
        {opt("ca-file"), tr("wss://: trust only the CA certificates in this PEM file (default: the system's CAs)."),
         tr("file")},
        {opt("client-cert"),
         tr("wss:// with security profile 3: the client certificate (PEM) every station presents; its common name "
            "(CN) must be the station's id, so use it with one station (--stations 1, --prefix)."),
         tr("file")},
        {opt("client-key"), tr("The private key (PEM, unencrypted) of --client-cert."), tr("file")},
        {opt("misbehave"),
         tr("Make stations misbehave: NAME for every station, NAME:0.2 or NAME:20% for a share, NAME:ID,ID for those "
            "stations. Repeatable. Names: %1.")
             .arg(names.join(QStringLiteral("; "))),
         tr("name[:share]")},
        {opt("session-interval"), tr("Mean idle time between sessions per connector, simulated seconds (default 600)."),
         tr("seconds")},
        {opt("session-duration"), tr("Mean session length, simulated seconds (default 1800)."), tr("seconds")},
        {opt("no-sessions"), tr("Connect and idle: no charging sessions.")},
        {opt("id-tags"),
         tr("Comma-separated id tags the drivers present, shared by every station (default: three per station, "
            "TAG-<station id>-1..3). The server must know them, or every session is refused."),
         tr("tags")},
        {opt("time-scale"), tr("Simulated time runs this many times faster than the wall clock (default 1)."), tr("factor")},
        {opt("duration"), tr("Run for this many wall-clock seconds, then stop cleanly (default: until Ctrl+C)."),
         tr("seconds")},
        {opt("prefix"), tr("Station id prefix: <prefix>-0001, <prefix>-0002, ... (default SIM)."), tr("id")},
        {opt("connectors"), tr("Connectors per station (default 2)."), tr("N")},
        {opt("meter-interval"), tr("MeterValueSampleInterval, simulated seconds (default 60)."), tr("seconds")},
        {opt("stagger"), tr("Wall-clock milliseconds between two station starts (default 20)."), tr("ms")},
        {opt("fault-rate"), tr("Chance that a connector faults after a session, 0 to 1 (default 0.02)."), tr("p")},
        {opt("boot-on-reconnect"), tr("Send BootNotification on every reconnect, not only after a reboot.")},
        {opt("seed"), tr("Random seed, for repeatable runs (default 1)."), tr("N")},
        {opt("connect-timeout"), tr("Give up when no station has connected after this many seconds (default 30)."),
         tr("seconds")},
        {opt("status-interval"), tr("Seconds between status lines; 0 for none (default 5)."), tr("seconds")},
        {opt("stats-json"), tr("Write the run's statistics as JSON to this file at exit."), tr("file")},
    });
}

Expected<RunOptions> SimCommandLine::read(const QCommandLineParser &parser)
{
    RunOptions run;
    sim::SimulatorOptions &o = run.simulator;

    const QString urlText = parser.value(opt("url"));
    if (urlText.isEmpty())
        return usage(tr("--url is required, e.g. --url ws://127.0.0.1:9000/ocpp."));
    o.serverUrl = QUrl(urlText, QUrl::StrictMode);
    const QString scheme = o.serverUrl.scheme();
    if (!o.serverUrl.isValid() || o.serverUrl.host().isEmpty() || (scheme != u"ws" && scheme != u"wss"))
        return usage(tr("--url must be a ws:// or wss:// URL, not \"%1\".").arg(urlText));

    const QString protocol = parser.isSet(opt("protocol")) ? parser.value(opt("protocol")) : QStringLiteral("ocpp1.6");
    const std::optional<ocpp::ProtocolVersion> version = ocpp::protocolVersionFromSubprotocol(protocol);
    if (!version)
        return usage(tr("Unknown protocol \"%1\".").arg(protocol));
    if (!sim::makeProtocolAdapter(*version))
        return usage(tr("The simulator speaks ocpp1.6 and ocpp2.0.1, not %1.").arg(protocol));
    o.version = *version;

    if (parser.isSet(opt("password")) && parser.isSet(opt("password-file")))
        return usage(tr("Use --password or --password-file, not both."));
    if (parser.isSet(opt("password"))) {
        o.password = parser.value(opt("password"));
    } else if (parser.isSet(opt("password-file"))) {
        QFile file(parser.value(opt("password-file")));
        if (!file.open(QIODevice::ReadOnly))
            return usage(tr("Cannot read the password file %1: %2").arg(file.fileName(), file.errorString()));
        const QString password = QString::fromUtf8(file.readLine()).trimmed();
        if (password.isEmpty())
            return usage(tr("The password file %1 is empty.").arg(file.fileName()));
        o.password = password;
    }

    if (Status tls = readTls(parser, o); !tls)
        return tls.error();

    for (const QString &spec : parser.values(opt("misbehave"))) {
        QString error;
        const std::optional<sim::MisbehaviourAssignment> assignment = sim::parseMisbehaviourSpec(spec, &error);
        if (!assignment)
            return usage(error);
        o.misbehaviours.append(*assignment);
    }

    QString error;
    const auto stations = number<int>(parser, "stations", 1, 1, 100000, &error);
    const auto sessionInterval = number<qint64>(parser, "session-interval", 600, 1, 86400 * 365, &error);
    const auto sessionDuration = number<qint64>(parser, "session-duration", 1800, 60, 86400 * 7, &error);
    const auto scale = number<double>(parser, "time-scale", 1.0, 0.001, 100000.0, &error);
    const auto duration = number<qint64>(parser, "duration", 0, 0, 86400 * 365, &error);
    const auto connectors = number<int>(parser, "connectors", 2, 1, 32, &error);
    const auto meterInterval = number<qint64>(parser, "meter-interval", 60, 0, 86400, &error);
    const auto stagger = number<qint64>(parser, "stagger", 20, 0, 60000, &error);
    const auto faultRate = number<double>(parser, "fault-rate", 0.02, 0.0, 1.0, &error);
    const auto seed = number<qint64>(parser, "seed", 1, 1, 0x7fffffff, &error);
    const auto connectTimeout = number<qint64>(parser, "connect-timeout", 30, 1, 86400, &error);
    const auto statusInterval = number<qint64>(parser, "status-interval", 5, 0, 86400, &error);
    if (!error.isEmpty())
        return usage(error);

    QStringList tags;
    for (const QString &tag : parser.value(opt("id-tags")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (tag.trimmed().size() > 20)
            return usage(tr("The id tag \"%1\" is longer than 20 characters.").arg(tag.trimmed()));
        if (!tag.trimmed().isEmpty())
            tags.append(tag.trimmed());
    }
    if (parser.isSet(opt("id-tags")) && tags.isEmpty())
        return usage(tr("--id-tags names no tag."));

    const QString prefix = parser.isSet(opt("prefix")) ? parser.value(opt("prefix")) : QStringLiteral("SIM");
    if (prefix.isEmpty() || prefix.size() > 14 || prefix.contains(QLatin1Char('/')))
        return usage(tr("--prefix must be 1 to 14 characters without \"/\"."));

    o.stationCount = *stations;
    o.idPrefix = prefix;
    o.timeScale = *scale;
    o.stagger = std::chrono::milliseconds(*stagger);
    o.sessions = !parser.isSet(opt("no-sessions"));
    o.sessionInterval = std::chrono::seconds(*sessionInterval);
    o.seed = quint64(*seed);
    o.station.connectorCount = *connectors;
    o.station.idTags = tags;
    o.station.meterSampleInterval = std::chrono::seconds(*meterInterval);
    o.station.session.meanDuration = std::chrono::seconds(*sessionDuration);
    o.station.faultProbability = *faultRate;
    o.station.bootOnReconnect = parser.isSet(opt("boot-on-reconnect"));

    run.duration = std::chrono::seconds(*duration);
    run.connectTimeout = std::chrono::seconds(*connectTimeout);
    run.statusInterval = std::chrono::seconds(*statusInterval);
    run.statsJsonPath = parser.value(opt("stats-json"));
    return run;
}

}  // namespace cd::simapp
