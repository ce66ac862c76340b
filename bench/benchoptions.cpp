#include "benchoptions.h"

#include <QFileInfo>
#include <QStandardPaths>

#include <cmath>

namespace cd::bench {

namespace {

// Build-tree defaults, set by bench/CMakeLists.txt.
const QString kDefaultServer = QStringLiteral(CHARGEDESK_BENCH_SERVER);
const QString kDefaultCli = QStringLiteral(CHARGEDESK_BENCH_CLI);
const QString kDefaultReferenceScript = QStringLiteral(CHARGEDESK_BENCH_REFERENCE_SCRIPT);
const QString kDefaultNodeModules = QStringLiteral(CHARGEDESK_BENCH_NODE_MODULES);

// A number option within [min, max]; false with `error` set when it is not one.
bool readNumber(const QCommandLineParser &parser, const QString &name, double min, double max, double &value,
                QString &error)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const double given = parser.value(name).toDouble(&ok);
    if (!ok || !std::isfinite(given) || given < min || given > max) {
        error = QStringLiteral("--%1 must be a number from %2 to %3.").arg(name).arg(min).arg(max);
        return false;
    }
    value = given;
    return true;
}

}  // namespace

void addBenchOptions(QCommandLineParser &parser)
{
    const BenchOptions o;
    QStringList rates;
    for (double rate : o.rates)
        rates.append(QString::number(rate));
    parser.addOptions({
        {QStringLiteral("stations"), QStringLiteral("Simulated stations (default %1).").arg(o.workload.stations), QStringLiteral("N")},
        {QStringLiteral("rate"),
         QStringLiteral("Station CALLs per second the fleet offers, by speeding up its simulated clock; a comma-separated "
                        "list runs each load in turn (default %1: one both servers keep up with, then one that "
                        "shows where ChargeDesk tops out).")
             .arg(rates.join(u',')),
         QStringLiteral("calls/s")},
        {QStringLiteral("warmup"),
         QStringLiteral("Seconds between the last station booting and the measured window (default: until most "
                        "connectors have had their first session, at least 10)."),
         QStringLiteral("s")},
        {QStringLiteral("duration"), QStringLiteral("Seconds measured per run (default %1).").arg(o.duration.count()),
         QStringLiteral("s")},
        {QStringLiteral("runs"), QStringLiteral("Runs per server, alternating servers; the table shows medians (default 1)."),
         QStringLiteral("N")},
        {QStringLiteral("seed"), QStringLiteral("Simulator seed (default 1)."), QStringLiteral("N")},
        {QStringLiteral("postgres"),
         QStringLiteral("Also run ChargeDesk on this PostgreSQL database (postgresql://user:password@host:port/db)."),
         QStringLiteral("url")},
        {QStringLiteral("no-reference"), QStringLiteral("Skip the ocpp-rpc reference server.")},
        {QStringLiteral("protocol"), QStringLiteral("What the stations speak: ocpp1.6 (default) or ocpp2.0.1."),
         QStringLiteral("name")},
        {QStringLiteral("storm"),
         QStringLiteral("After the measured window, every station drops its connection at the same moment and "
                        "reconnects (a network blip): time until all are back, until what they queued meanwhile is "
                        "answered, and whether anything was lost.")},
        {QStringLiteral("server"), QStringLiteral("chargedesk-server to run (default: the one built beside this program)."),
         QStringLiteral("path")},
        {QStringLiteral("cli"), QStringLiteral("chargedesk-cli to prepare its database with."), QStringLiteral("path")},
        {QStringLiteral("node"), QStringLiteral("Node.js for the reference server (default: node on PATH)."),
         QStringLiteral("path")},
        {QStringLiteral("node-modules"),
         QStringLiteral("The reference's node_modules (default: the build tree's, filled by the target "
                        "chargedesk-bench-reference)."),
         QStringLiteral("dir")},
        {QStringLiteral("json"), QStringLiteral("Also write every run and the medians as JSON to this file."),
         QStringLiteral("file")},
    });
}

Expected<BenchOptions> readBenchOptions(const QCommandLineParser &parser)
{
    BenchOptions o;
    double stations = o.workload.stations;
    double warmup = 0;
    double duration = double(o.duration.count());
    double runs = o.runs;
    double seed = double(o.workload.seed);
    QString error;
    if (!readNumber(parser, QStringLiteral("stations"), 1, 100000, stations, error)
        || !readNumber(parser, QStringLiteral("warmup"), 0, 3600, warmup, error)
        || !readNumber(parser, QStringLiteral("duration"), 1, 86400, duration, error)
        || !readNumber(parser, QStringLiteral("runs"), 1, 99, runs, error)
        || !readNumber(parser, QStringLiteral("seed"), 1, 0x7fffffff, seed, error))
        return Error{ExitCode::Usage, error};
    o.workload.stations = int(stations);
    if (parser.isSet(QStringLiteral("rate"))) {
        o.rates.clear();
        for (const QString &text : parser.value(QStringLiteral("rate")).split(u',')) {
            bool ok = false;
            const double rate = text.trimmed().toDouble(&ok);
            if (!ok || !std::isfinite(rate) || rate < 1 || rate > 1000000)
                return Error{ExitCode::Usage, QStringLiteral("--rate takes numbers from 1 to 1000000, e.g. 200,5000.")};
            o.rates.append(rate);
        }
    }
    o.workload.rate = o.rates.first();
    o.workload.seed = quint64(seed);
    if (parser.isSet(QStringLiteral("warmup")))
        o.warmup = std::chrono::seconds(qint64(warmup));
    o.duration = std::chrono::seconds(qint64(duration));
    o.runs = int(runs);
    o.reference = !parser.isSet(QStringLiteral("no-reference"));
    o.storm = parser.isSet(QStringLiteral("storm"));
    if (parser.isSet(QStringLiteral("protocol"))) {
        const auto version = ocpp::protocolVersionFromSubprotocol(parser.value(QStringLiteral("protocol")));
        if (!version || *version == ocpp::ProtocolVersion::Ocpp21)
            return Error{ExitCode::Usage, QStringLiteral("--protocol must be ocpp1.6 or ocpp2.0.1.")};
        o.workload.version = *version;
    }
    o.postgresUrl = parser.value(QStringLiteral("postgres"));
    o.serverPath = parser.isSet(QStringLiteral("server")) ? parser.value(QStringLiteral("server")) : kDefaultServer;
    o.cliPath = parser.isSet(QStringLiteral("cli")) ? parser.value(QStringLiteral("cli")) : kDefaultCli;
    o.nodePath = parser.isSet(QStringLiteral("node")) ? parser.value(QStringLiteral("node"))
                                                      : QStandardPaths::findExecutable(QStringLiteral("node"));
    o.referenceScript = kDefaultReferenceScript;
    o.nodeModules = parser.isSet(QStringLiteral("node-modules")) ? parser.value(QStringLiteral("node-modules"))
                                                                 : kDefaultNodeModules;
    o.jsonPath = parser.value(QStringLiteral("json"));

    for (const QString &program : {o.serverPath, o.cliPath}) {
        if (!QFileInfo(program).isExecutable())
            return Error{ExitCode::Usage, QStringLiteral("%1 is not an executable program.").arg(program)};
    }
    if (o.reference) {
        if (o.nodePath.isEmpty())
            return Error{ExitCode::Usage, QStringLiteral("node is not on PATH: install Node.js 20, pass --node, or use --no-reference.")};
        if (!QFileInfo::exists(o.nodeModules + QStringLiteral("/ocpp-rpc/package.json")))
            return Error{ExitCode::Usage,
                         QStringLiteral("The reference server's npm packages are not in %1: build the target "
                                        "chargedesk-bench-reference (it runs npm ci), pass --node-modules, or use "
                                        "--no-reference.")
                             .arg(o.nodeModules)};
    }
    return o;
}

}  // namespace cd::bench
