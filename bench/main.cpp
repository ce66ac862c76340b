// chargedesk-bench: the same simulated fleet against chargedesk-server and against a minimal npm
// ocpp-rpc server on the same machine; prints stations held, replies per second, reply latency,
// memory and CPU side by side. A benchmark, not a test: it reports numbers and asserts nothing.
//   chargedesk-bench --stations 1000 --rate 200,5000 --duration 60 --runs 3
// scripts/bench.sh builds what it needs and runs it.

#include "benchoptions.h"
#include "benchrun.h"
#include "report.h"
#include "servercommands.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTemporaryDir>
#include <QTextStream>

#include <sys/resource.h>

namespace {

// A thousand stations need a thousand sockets here and as many in the server (which inherits it).
void raiseOpenFileLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

cd::bench::RunResult runChargeDesk(const cd::bench::BenchOptions &options, bool postgres)
{
    QTemporaryDir dir;  // a fresh SQLCipher file per run
    auto command = postgres ? cd::bench::chargeDeskOnPostgres(options)
                            : cd::bench::chargeDeskOnSqlCipher(options, dir.path());
    if (!command) {
        cd::bench::RunResult failed;
        failed.label = postgres ? QStringLiteral("ChargeDesk (PostgreSQL)") : QStringLiteral("ChargeDesk (SQLCipher)");
        failed.error = command.error().message;
        return failed;
    }
    return cd::bench::runWorkload(*command, options);
}

}  // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("chargedesk-bench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHARGEDESK_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "ChargeDesk benchmark: one simulated fleet against chargedesk-server (durable SQLCipher storage) and against "
        "a minimal npm ocpp-rpc server, side by side."));
    parser.addHelpOption();
    parser.addVersionOption();
    cd::bench::addBenchOptions(parser);
    parser.process(app);
    auto options = cd::bench::readBenchOptions(parser);
    if (!options) {
        err << options.error().message << '\n';
        return static_cast<int>(options.error().code);
    }
    raiseOpenFileLimit();

    enum class Server { SqlCipher, Postgres, Reference };
    QList<Server> servers = {Server::SqlCipher};
    if (!options->postgresUrl.isEmpty())
        servers.append(Server::Postgres);
    if (options->reference)
        servers.append(Server::Reference);

    cd::bench::printHeader(out, *options);
    bool failed = false;
    for (double rate : options->rates) {
        cd::bench::BenchOptions atRate = *options;
        atRate.workload.rate = rate;
        cd::bench::printLoadHeading(out, atRate);
        QList<QList<cd::bench::RunResult>> runs(servers.size());
        for (int run = 1; run <= atRate.runs; ++run) {
            for (qsizetype i = 0; i < servers.size(); ++i) {
                const cd::bench::RunResult result = servers.at(i) == Server::Reference
                    ? cd::bench::runWorkload(cd::bench::referenceServer(atRate), atRate)
                    : runChargeDesk(atRate, servers.at(i) == Server::Postgres);
                cd::bench::printRun(out, result, run, atRate.runs);
                failed = failed || !result.ok();
                runs[i].append(result);
            }
        }
        QList<cd::bench::RunResult> columns;
        for (const QList<cd::bench::RunResult> &serverRuns : std::as_const(runs))
            columns.append(cd::bench::medianOf(serverRuns));
        out << '\n';
        cd::bench::printTable(out, columns, cd::bench::referenceServer(atRate).label, atRate.runs);
    }
    return failed ? static_cast<int>(cd::ExitCode::Failure) : 0;
}
