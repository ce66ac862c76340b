#include "servercommands.h"

#include <QProcess>

namespace cd::bench {

namespace {

// chargedesk-cli with `arguments`; its standard output, or an error with everything it printed.
Expected<QString> runCli(const BenchOptions &options, const QStringList &arguments)
{
    QProcess cli;
    cli.start(options.cliPath, QStringList{QStringLiteral("--lang"), QStringLiteral("en")} + arguments);
    const bool finished = cli.waitForFinished(120000);
    const QString out = QString::fromUtf8(cli.readAllStandardOutput());
    if (finished && cli.exitStatus() == QProcess::NormalExit && cli.exitCode() == 0)
        return out;
    const QString why = !finished || cli.exitStatus() != QProcess::NormalExit
        ? cli.errorString()
        : QStringLiteral("exit code %1").arg(cli.exitCode());
    return Error{ExitCode::Failure, QStringLiteral("chargedesk-cli %1 failed (%2):\n%3%4")
                                        .arg(arguments.join(u' '), why, out, QString::fromUtf8(cli.readAllStandardError()))};
}

// Migrations and the fleet's id tag: a department card that may run a session on every connector.
Expected<ServerCommand> prepareChargeDesk(const BenchOptions &options, const QStringList &dbArgs, const QString &label)
{
    if (auto migrated = runCli(options, dbArgs + QStringList{QStringLiteral("db"), QStringLiteral("migrate")}); !migrated)
        return migrated.error();
    const QString tag = options.workload.idTag;
    auto added = runCli(options, dbArgs + QStringList{QStringLiteral("tag"), QStringLiteral("add"), tag,
                                                      QStringLiteral("--kind"), QStringLiteral("department"),
                                                      QStringLiteral("--max-sessions"), QStringLiteral("10000"),
                                                      QStringLiteral("--reason"), QStringLiteral("benchmark fleet")});
    if (!added) {
        // A database from an earlier run already has it.
        auto listed = runCli(options, dbArgs + QStringList{QStringLiteral("tag"), QStringLiteral("list"),
                                                           QStringLiteral("--search"), tag, QStringLiteral("--json")});
        if (!listed || !listed->contains(QStringLiteral("\"%1\"").arg(tag)))
            return added.error();
    }
    ServerCommand command;
    command.label = label;
    command.program = options.serverPath;
    command.arguments = dbArgs
        + QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--accept-unknown-stations"),
                      QStringLiteral("--security-profile"), QStringLiteral("0"), QStringLiteral("--heartbeat-interval"),
                      QString::number(options.workload.heartbeatInterval.count()), QStringLiteral("--node-name"),
                      QStringLiteral("chargedesk-bench"), QStringLiteral("--lang"), QStringLiteral("en")};
    return command;
}

}  // namespace

Expected<ServerCommand> chargeDeskOnSqlCipher(const BenchOptions &options, const QString &dir)
{
    const QString key = dir + QStringLiteral("/bench.key");
    if (auto generated = runCli(options, {QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--out"), key});
        !generated)
        return generated.error();
    return prepareChargeDesk(options,
                             {QStringLiteral("--db"), dir + QStringLiteral("/bench.db"), QStringLiteral("--db-key-file"), key},
                             QStringLiteral("ChargeDesk (SQLCipher)"));
}

Expected<ServerCommand> chargeDeskOnPostgres(const BenchOptions &options)
{
    auto command = prepareChargeDesk(options, {QStringLiteral("--db-url"), options.postgresUrl},
                                     QStringLiteral("ChargeDesk (PostgreSQL)"));
    if (command)
        command->ownStorage = false;
    return command;
}

ServerCommand referenceServer(const BenchOptions &options)
{
    return ServerCommand{QStringLiteral("ocpp-rpc reference"), options.nodePath,
                         QStringList{options.referenceScript, QStringLiteral("--node-modules"), options.nodeModules,
                                     QStringLiteral("--host"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                                     QStringLiteral("0"), QStringLiteral("--heartbeat-interval"),
                                     QString::number(options.workload.heartbeatInterval.count()),
                                     QStringLiteral("--protocol"), ocpp::subprotocolName(options.workload.version)}};
}

}  // namespace cd::bench
