#include "report.h"

#include "processusage.h"

#include <QThread>

#include <algorithm>
#include <functional>
#include <optional>

namespace cd::bench {

namespace {

QString fixed(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

QString ms(qint64 microseconds)
{
    return fixed(double(microseconds) / 1000.0, microseconds < 10000 ? 2 : 1);
}

QString mib(qint64 kib)
{
    return fixed(double(kib) / 1024.0, 0);
}

QString cpuModel()
{
    for (const QByteArray &line : readProcFile(QStringLiteral("/proc/cpuinfo")).split('\n')) {
        if (line.startsWith("model name"))
            return QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
    }
    return {};
}

// "1.52 1.61 2.03": the 1, 5 and 15 minute load averages.
QString loadAverage()
{
    return QString::fromLatin1(readProcFile(QStringLiteral("/proc/loadavg"))).section(u' ', 0, 2);
}

struct Row {
    QString name;
    std::function<QString(const RunResult &)> cell;
    std::function<std::optional<double>(const RunResult &)> value;  // for the ratio; nullptr: none
};

// The station CALLs of the workload, in the order a session sends them.
const QStringList kActions = {QStringLiteral("StatusNotification"), QStringLiteral("Authorize"),
                              QStringLiteral("StartTransaction"),   QStringLiteral("MeterValues"),
                              QStringLiteral("StopTransaction"),    QStringLiteral("TransactionEvent"),
                              QStringLiteral("Heartbeat")};

QList<Row> tableRows(const QList<RunResult> &columns)
{
    const auto number = [](auto get) {
        return [get](const RunResult &r) -> std::optional<double> { return double(get(r)); };
    };
    QList<Row> rows = {
        {QStringLiteral("stations held (connected, booted)"),
         [](const RunResult &r) { return QStringLiteral("%1 of %2").arg(r.held).arg(r.stations); }, nullptr},
        {QStringLiteral("station CALLs sent /s"), [](const RunResult &r) { return fixed(r.sentPerSecond(), 0); },
         nullptr},
        {QStringLiteral("CALLRESULTs received /s"), [](const RunResult &r) { return fixed(r.answeredPerSecond(), 0); },
         number([](const RunResult &r) { return r.answeredPerSecond(); })},
        {QStringLiteral("reply latency p50 (ms)"), [](const RunResult &r) { return ms(r.latency.p50Us); },
         number([](const RunResult &r) { return r.latency.p50Us; })},
        {QStringLiteral("reply latency p99 (ms)"), [](const RunResult &r) { return ms(r.latency.p99Us); },
         number([](const RunResult &r) { return r.latency.p99Us; })},
    };
    for (const QString &action : kActions) {
        const bool seen = std::any_of(columns.cbegin(), columns.cend(),
                                      [&action](const RunResult &r) { return r.latencyByAction.contains(action); });
        if (!seen)
            continue;
        rows.append({QStringLiteral("  %1 p50 / p99 (ms)").arg(action),
                     [action](const RunResult &r) {
                         const sim::LatencySummary l = r.latencyByAction.value(action);
                         return l.count > 0 ? QStringLiteral("%1 / %2").arg(ms(l.p50Us), ms(l.p99Us)) : QStringLiteral("-");
                     },
                     nullptr});
    }
    rows += QList<Row>{
        {QStringLiteral("server resident memory (MiB)"), [](const RunResult &r) { return mib(r.rssKiB); },
         number([](const RunResult &r) { return r.rssKiB; })},
        {QStringLiteral("server peak resident memory (MiB)"), [](const RunResult &r) { return mib(r.peakRssKiB); },
         number([](const RunResult &r) { return r.peakRssKiB; })},
        {QStringLiteral("server CPU (% of one core)"), [](const RunResult &r) { return fixed(r.serverCpuPercent(), 0); },
         number([](const RunResult &r) { return r.serverCpuPercent(); })},
        {QStringLiteral("server CPU per reply (us)"), [](const RunResult &r) { return fixed(r.serverCpuUsPerCall(), 0); },
         number([](const RunResult &r) { return r.serverCpuUsPerCall(); })},
        {QStringLiteral("server disk writes per reply (KiB)"),
         [](const RunResult &r) { return r.ownStorage ? fixed(r.serverKiBWrittenPerCall(), 1) : QStringLiteral("-"); },
         nullptr},
        {QStringLiteral("simulator CPU (% of one core)"), [](const RunResult &r) { return fixed(r.clientCpuPercent(), 0); },
         nullptr},
        {QStringLiteral("messages waiting at the stations at the end"),
         [](const RunResult &r) { return QString::number(r.backlog); }, nullptr},
        {QStringLiteral("CALLERRORs / timeouts / drops"),
         [](const RunResult &r) {
             return QStringLiteral("%1 / %2 / %3").arg(r.callErrors).arg(r.callTimeouts).arg(r.disconnects);
         },
         nullptr},
    };
    const bool storm = std::any_of(columns.cbegin(), columns.cend(), [](const RunResult &r) { return r.storm; });
    if (storm) {
        rows += QList<Row>{
            {QStringLiteral("reconnect storm: all back, after 0.5 s offline (s)"),
             [](const RunResult &r) { return fixed(double(r.stormReconnectMs) / 1000.0, 1); },
             number([](const RunResult &r) { return r.stormReconnectMs; })},
            {QStringLiteral("reconnect storm: their queues answered (s)"),
             [](const RunResult &r) { return fixed(double(r.stormDrainMs) / 1000.0, 1); },
             number([](const RunResult &r) { return r.stormDrainMs; })},
            {QStringLiteral("reconnect storm: messages lost or refused"),
             [](const RunResult &r) { return QString::number(r.stormLost); }, nullptr},
        };
    }
    return rows;
}

}  // namespace

void printHeader(QTextStream &out, const BenchOptions &options)
{
    const Workload &w = options.workload;
    out << "ChargeDesk benchmark\n"
        << QStringLiteral("machine:  %1 cores, %2; load average %3 before the first run\n")
               .arg(QThread::idealThreadCount())
               .arg(cpuModel(), loadAverage())
        << QStringLiteral("workload: %1 %6 stations x %2 connectors over loopback, every connector in a ~%3 h "
                          "session: MeterValues every %4 s, Heartbeat every %5 s (simulated time, sped up to the load)\n")
               .arg(w.stations)
               .arg(w.connectors)
               .arg(w.sessionDuration.count() / 3600)
               .arg(w.meterInterval.count())
               .arg(w.heartbeatInterval.count())
               .arg(ocpp::subprotocolName(w.version))
        << QStringLiteral("servers:  ChargeDesk answers after its database commit (group commit); the reference is npm "
                          "ocpp-rpc in strict mode, storing nothing\n");
    out.flush();
}

void printLoadHeading(QTextStream &out, const BenchOptions &options)
{
    const Workload &w = options.workload;
    out << QStringLiteral("\n== %1 station CALLs/s offered (simulated time at %2x): %3 s measured after %4 s of "
                          "warm-up, %5 run(s) per server ==\n")
               .arg(fixed(w.rate, 0), fixed(w.timeScale(), 2))
               .arg(options.duration.count())
               .arg(options.warmup.value_or(w.warmup()).count())
               .arg(options.runs);
    out.flush();
}

void printRun(QTextStream &out, const RunResult &run, int index, int runs)
{
    out << QStringLiteral("run %1/%2  %3: ").arg(index).arg(runs).arg(run.label);
    if (!run.ok()) {
        out << "FAILED: " << run.error << '\n';
    } else {
        out << QStringLiteral("%1 of %2 held, %3 replies/s, p50 %4 ms, p99 %5 ms, RSS %6 MiB, server CPU %7%\n")
                   .arg(run.held)
                   .arg(run.stations)
                   .arg(fixed(run.answeredPerSecond(), 0), ms(run.latency.p50Us), ms(run.latency.p99Us), mib(run.rssKiB),
                        fixed(run.serverCpuPercent(), 0));
    }
    out.flush();
}

void printTable(QTextStream &out, const QList<RunResult> &columns, const QString &referenceLabel, int runs)
{
    const auto reference = std::find_if(columns.cbegin(), columns.cend(),
                                        [&](const RunResult &r) { return r.label == referenceLabel && r.ok(); });
    QList<const RunResult *> compared;
    if (reference != columns.cend()) {
        for (const RunResult &r : columns) {
            if (&r != &*reference)
                compared.append(&r);
        }
    }

    QStringList heading = {runs > 1 ? QStringLiteral("median of %1 runs").arg(runs) : QString()};
    for (const RunResult &r : columns)
        heading.append(r.label);
    for (const RunResult *r : compared) {
        // "ChargeDesk (PostgreSQL)" → "ratio PostgreSQL"
        const qsizetype open = r->label.indexOf(u'(');
        const QString which = open < 0 ? r->label : r->label.mid(open + 1).chopped(1);
        heading.append(compared.size() == 1 ? QStringLiteral("ratio") : QStringLiteral("ratio %1").arg(which));
    }

    QList<QStringList> table = {heading};
    for (const Row &row : tableRows(columns)) {
        QStringList line = {row.name};
        for (const RunResult &r : columns)
            line.append(r.ok() ? row.cell(r) : QStringLiteral("failed"));
        for (const RunResult *r : compared) {
            const std::optional<double> mine = row.value && r->ok() ? row.value(*r) : std::nullopt;
            const std::optional<double> theirs = row.value ? row.value(*reference) : std::nullopt;
            line.append(mine && theirs && *theirs > 0 ? fixed(*mine / *theirs, 2) : QString());
        }
        table.append(line);
    }

    QList<qsizetype> widths(heading.size(), 0);
    for (const QStringList &line : table) {
        for (qsizetype i = 0; i < line.size(); ++i)
            widths[i] = std::max(widths[i], line.at(i).size());
    }
    for (const QStringList &line : table) {
        QString text;
        for (qsizetype i = 0; i < line.size(); ++i)
            text += i == 0 ? line.at(i).leftJustified(widths[i] + 2) : line.at(i).rightJustified(widths[i] + 3);
        while (text.endsWith(u' '))
            text.chop(1);
        out << text << '\n';
    }
    if (!compared.isEmpty())
        out << QStringLiteral("ratio = ChargeDesk / %1 (replies/s: higher is better; latency, memory, CPU: lower is "
                              "better)\n")
                   .arg(referenceLabel);
    for (const RunResult &r : columns) {
        if (!r.ok())
            out << r.label << " failed: " << r.error << '\n';
        else if (r.saturated())
            out << r.label << " did not keep up with this load (messages piled up at the stations): its CALLRESULTs/s "
                << "is the most it sustains here, and its latency is mostly queueing.\n";
    }
    out.flush();
}

}  // namespace cd::bench
