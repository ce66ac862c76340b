// chargedesk-bench-reports: how a 1,000,000-row report export behaves (issue #7 item 4,
// igo_case#81/#88: big exports must not time out or run out of memory). Seeds N sessions with
// bills (tests/support/anomalybillseeder) into a fresh SQLCipher file (or --postgres URL), then
// exports the bills report of the whole period to each format and prints rows/s, the export's
// peak RSS (VmHWM after resetting it through /proc/self/clear_refs), the file size, the snapshot's
// bytes in the database, and the time of changesSince over the export.
//   chargedesk-bench-reports [--sessions 1000000] [--formats csv,xlsx,json] [--keep DIR] [--postgres URL]

#include "core/common/clock.h"
#include "core/reports/billsreport.h"
#include "core/reports/exportjob.h"
#include "core/reports/pdf/reportwriters.h"
#include "core/reports/reportchanges.h"
#include "core/storage/database.h"
#include "core/storage/databasekey.h"
#include "core/storage/filekeystore.h"
#include "core/storage/sqlhelpers.h"
#include "benchdatabase.h"
#include "processusage.h"
#include "support/anomalybillseeder.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>

using namespace cd;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kDayMs = 86'400'000;

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

qint64 peakKiB()
{
    const auto usage = bench::readProcessUsage(QCoreApplication::applicationPid());
    return usage ? usage->peakRssKiB : -1;
}

qint64 rssKiB()
{
    const auto usage = bench::readProcessUsage(QCoreApplication::applicationPid());
    return usage ? usage->rssKiB : -1;
}

// Linux: "5" resets VmHWM to the current RSS, so each export's peak is its own.
void resetPeak()
{
    QFile f(u"/proc/self/clear_refs"_s);
    if (f.open(QIODevice::WriteOnly))
        f.write("5");
}

qint64 scalar(const storage::Database &db, const QString &sql)
{
    auto q = storage::Sql::run(db.connection(), sql);
    return q && q->next() ? q->value(0).toLongLong() : -1;
}

}  // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QGuiApplication app(argc, argv);  // the PDF writer needs fonts
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption sessionsOption(u"sessions"_s, u"Sessions with a bill (report rows)."_s, u"N"_s, u"1000000"_s);
    const QCommandLineOption formatsOption(u"formats"_s, u"Formats to export, comma-separated."_s, u"LIST"_s,
                                           u"csv,xlsx,json"_s);
    const QCommandLineOption keepOption(u"keep"_s, u"Keep the database and files in DIR (reused next time)."_s, u"DIR"_s);
    const QCommandLineOption pgOption(u"postgres"_s, u"Use this PostgreSQL database instead of SQLCipher."_s, u"URL"_s);
    parser.addOptions({sessionsOption, formatsOption, keepOption, pgOption});
    parser.process(app);
    const qint64 count = parser.value(sessionsOption).toLongLong();
    if (count < 1) {
        std::fprintf(stderr, "--sessions must be positive\n");
        return 2;
    }

    QTemporaryDir temp;
    const QString dir = parser.isSet(keepOption) ? parser.value(keepOption) : temp.path();
    QDir().mkpath(dir);
    auto opened = bench::openBenchDatabase(dir, u"bench-reports"_s, parser.value(pgOption), u"bills"_s,
                                           bench::kSchemaBeforeRollup);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
        return 1;
    }
    const storage::DatabaseConfig config = opened->config;
    bool reuse = opened->reused;
    const std::shared_ptr<storage::Database> database = opened->db;
    out() << "Database: " << database->engineDescription() << " (" << config.displayName() << ")" << Qt::endl;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!reuse) {
        test::AnomalySeedPlan plan;
        plan.prefix = u"BENCH"_s;
        plan.stations = 1000;
        plan.sites = 60;
        plan.sessions = count;
        plan.anomalyPerMille = 250;
        plan.resolvedPerMille = 100;
        plan.fromMs = now - 300 * kDayMs;
        plan.toMs = now;
        auto seeded = test::seedAnomalyBills(*database, plan, [count](qint64 done) {
            std::fprintf(stderr, "\rcreating sessions with bills: %lld / %lld", static_cast<long long>(done),
                         static_cast<long long>(count));
        });
        std::fprintf(stderr, "\n");
        if (!seeded) {
            std::fprintf(stderr, "%s\n", qPrintable(seeded.error().message));
            return 1;
        }
        out() << u"Created %1 sessions with bills in %2 s"_s.arg(seeded->sessions).arg(double(seeded->elapsedMs) / 1000, 0, 'f', 1)
              << Qt::endl;
    }
    if (auto upgraded = bench::upgradeBenchDatabase(*database); !upgraded) {
        std::fprintf(stderr, "%s\n", qPrintable(upgraded.error().message));
        return 1;
    } else if (*upgraded > 0) {
        out() << u"Upgraded to the latest schema (the bills' rollup filled) in %1 s"_s.arg(double(*upgraded) / 1000, 0, 'f', 1)
              << Qt::endl;
    }
    if (!config.isPostgres())
        out() << u"Database file: %1 MiB"_s.arg(double(QFileInfo(config.sqlitePath).size()) / 1048576, 0, 'f', 1) << Qt::endl;
    out() << u"RSS before the exports: %1 MiB"_s.arg(double(rssKiB()) / 1024, 0, 'f', 1) << Qt::endl << Qt::endl;

    reports::ReportParameters parameters;
    parameters.fromMs = now - 400 * kDayMs;
    parameters.toMs = now + kDayMs;
    qint64 lastExport = 0;
    for (const QString &name : parser.value(formatsOption).split(u',', Qt::SkipEmptyParts)) {
        const auto format = reports::ReportFormatText::fromName(name.trimmed());
        if (!format) {
            std::fprintf(stderr, "unknown format %s\n", qPrintable(name));
            return 2;
        }
        auto table = reports::BillsReport::open(*database, parameters);
        if (!table) {
            std::fprintf(stderr, "%s\n", qPrintable(table.error().message));
            return 1;
        }
        auto writer = reports::reportWriterFor(*format);
        reports::ExportOptions options;
        options.path = QDir(dir).filePath(u"bills"_s + reports::ReportFormatText::suffix(*format));
        options.format = *format;
        options.actor = access::Actor::system(u"bench"_s);
        const qint64 snapshotBefore = config.isPostgres()
                                          ? scalar(*database, u"SELECT COALESCE(SUM(LENGTH(packed)), 0) FROM report_export_snapshots"_s)
                                          : QFileInfo(config.sqlitePath).size();
        resetPeak();
        const qint64 rssBefore = rssKiB();
        QElapsedTimer timer;
        timer.start();
        auto result = reports::ExportJob(*database, Clock::system())
                          .run(*table, *writer, options, [](qint64 done, qint64 total) {
                              if (done % 100'000 < 1000)
                                  std::fprintf(stderr, "\r  %lld / %lld", static_cast<long long>(done),
                                               static_cast<long long>(total));
                          });
        std::fprintf(stderr, "\n");
        if (!result) {
            std::fprintf(stderr, "%s\n", qPrintable(result.error().message));
            return 1;
        }
        const double seconds = double(timer.elapsed()) / 1000;
        const qint64 peak = peakKiB();
        const qint64 snapshotAfter = config.isPostgres()
                                         ? scalar(*database, u"SELECT COALESCE(SUM(LENGTH(packed)), 0) FROM report_export_snapshots"_s)
                                         : QFileInfo(config.sqlitePath).size();
        out() << u"%1: %2 rows in %3 s = %4 rows/s; peak RSS %5 MiB (%6 MiB at the start); file %7 MiB; snapshot +%8 MiB in the database (%9 bytes/row)"_s
                     .arg(name.toUpper())
                     .arg(result->rows)
                     .arg(seconds, 0, 'f', 1)
                     .arg(double(result->rows) / seconds, 0, 'f', 0)
                     .arg(double(peak) / 1024, 0, 'f', 1)
                     .arg(double(rssBefore) / 1024, 0, 'f', 1)
                     .arg(double(QFileInfo(result->path).size()) / 1048576, 0, 'f', 1)
                     .arg(double(snapshotAfter - snapshotBefore) / 1048576, 0, 'f', 1)
                     .arg(result->rows > 0 ? double(snapshotAfter - snapshotBefore) / double(result->rows) : 0.0, 0, 'f', 1)
              << Qt::endl;
        lastExport = result->exportId;
    }
    if (lastExport > 0) {
        resetPeak();
        QElapsedTimer timer;
        timer.start();
        auto changes = reports::ReportChangeQuery(*database).changesSince(lastExport);
        if (!changes) {
            std::fprintf(stderr, "%s\n", qPrintable(changes.error().message));
            return 1;
        }
        out() << u"changesSince(%1): %2 rows compared in %3 s, %4 changes; peak RSS %5 MiB"_s.arg(lastExport)
                     .arg(changes->rowsNow)
                     .arg(double(timer.elapsed()) / 1000, 0, 'f', 1)
                     .arg(changes->changes.size())
                     .arg(double(peakKiB()) / 1024, 0, 'f', 1)
              << Qt::endl;
    }
    return 0;
}
