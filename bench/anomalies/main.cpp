// chargedesk-bench-anomalies: builds a database with a network's anomaly bills (default 400,000
// finished sessions, 30 % of them with anomaly codes, a tenth of those corrected: about 108,000
// open anomaly bills, code 8 the most common as in gdss_case#9) and prints how long the Anomaly
// bills screen takes over them — the queries behind its list, count, "select all matching" and
// statistics, the CSV export, and the screen itself (offscreen: from creating the page to its
// first page, the count, the next pages, the Statistics tab). Numbers, never assertions.
//
//   chargedesk-bench-anomalies [--sessions N] [--anomaly-per-mille M] [--runs R] [--postgres URL] [--keep DIR]
//                              [--sql FILE]
// An existing file (--keep) or a PostgreSQL database with bills is measured without seeding.

#include "core/anomalies/anomalybillqueries.h"
#include "core/anomalies/anomalystatistics.h"
#include "core/anomalies/anomalystatisticscsv.h"
#include "core/storage/database.h"
#include "core/storage/databasekey.h"
#include "core/storage/filekeystore.h"
#include "core/storage/migrator.h"
#include "core/storage/sqlhelpers.h"
#include "benchdatabase.h"
#include "processusage.h"
#include "sessions/latencyprobe.h"
#include "support/anomalybillseeder.h"
#include "ui/anomalies/anomalybillspage.h"
#include "ui/anomalies/anomalybilltablemodel.h"
#include "ui/anomalies/anomalystatisticsmodel.h"
#include "ui/anomalies/anomalystatisticsview.h"

#include <QApplication>
#include <QBuffer>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;
using namespace cd;
using namespace cd::anomalies;

namespace {

constexpr qint64 kDayMs = 86'400'000;

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

void print(const bench::Latency &l)
{
    out() << u"| %1 | %2 | %3 | %4 | %5 |"_s.arg(l.name)
                 .arg(l.median(), 0, 'f', 1)
                 .arg(l.fastest(), 0, 'f', 1)
                 .arg(l.slowest(), 0, 'f', 1)
                 .arg(l.detail)
          << Qt::endl;
}

QString rows(const Expected<QList<AnomalyBillRow>> &r)
{
    return r ? u"%1 rows"_s.arg(r->size()) : u"error: "_s + r.error().message;
}

// Runs `start` and waits (event loop) until `signal` of `sender` fires; ms, or -1 after 120 s.
template <typename Sender, typename Signal>
double waitFor(Sender *sender, Signal signal, const std::function<void()> &start)
{
    QEventLoop loop;
    bool done = false;
    auto connection = QObject::connect(sender, signal, &loop, [&] {
        done = true;
        loop.quit();
    });
    QElapsedTimer timer;
    timer.start();
    start();
    if (!done) {
        QTimer::singleShot(120000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    QObject::disconnect(connection);
    return done ? double(timer.nsecsElapsed()) / 1e6 : -1;
}

}  // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"How fast the Anomaly bills screen is over 100,000+ anomaly bills."_s);
    parser.addHelpOption();
    const QCommandLineOption sessionsOption(u"sessions"_s, u"Finished sessions to create (default 400000)."_s, u"N"_s,
                                            u"400000"_s);
    const QCommandLineOption shareOption(u"anomaly-per-mille"_s, u"Of them with anomalies, per mille (default 300)."_s,
                                         u"M"_s, u"300"_s);
    const QCommandLineOption runsOption(u"runs"_s, u"Runs per measurement (default 7)."_s, u"R"_s, u"7"_s);
    const QCommandLineOption pgOption(u"postgres"_s, u"An empty PostgreSQL database instead of SQLCipher."_s, u"URL"_s);
    const QCommandLineOption keepOption(u"keep"_s, u"Keep the SQLCipher file in DIR (reused when it exists)."_s, u"DIR"_s);
    const QCommandLineOption sqlOption(u"sql"_s, u"Run the statements of FILE first (e.g. an index under consideration)."_s,
                                       u"FILE"_s);
    parser.addOptions({sessionsOption, shareOption, runsOption, pgOption, keepOption, sqlOption});
    parser.process(app);
    const qint64 count = parser.value(sessionsOption).toLongLong();
    const int perMille = parser.value(shareOption).toInt();
    const int runs = std::max(1, parser.value(runsOption).toInt());
    if (count < 1 || perMille < 1 || perMille > 1000) {
        std::fprintf(stderr, "--sessions must be positive and --anomaly-per-mille 1..1000\n");
        return 2;
    }

    QTemporaryDir temp;
    const QString dir = parser.isSet(keepOption) ? parser.value(keepOption) : temp.path();
    QDir().mkpath(dir);
    auto benchDb = bench::openBenchDatabase(dir, u"bench-anomalies"_s, parser.value(pgOption), u"bills"_s,
                                           bench::kSchemaBeforeRollup);
    if (!benchDb) {
        std::fprintf(stderr, "%s\n", qPrintable(benchDb.error().message));
        return 1;
    }
    const storage::DatabaseConfig config = benchDb->config;
    bool reuse = benchDb->reused;
    const std::shared_ptr<storage::Database> database = benchDb->db;
    out() << "Database: " << database->engineDescription() << " (" << config.displayName() << ")" << Qt::endl;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!reuse) {
        test::AnomalySeedPlan plan;
        plan.prefix = u"BENCH"_s;
        plan.stations = 1000;
        plan.sites = 60;
        plan.firmwares = {u"1.0.4"_s, u"1.2.0"_s, u"1.2.1"_s, u"2.0.1"_s, u"2.1.0"_s};
        plan.sessions = count;
        plan.anomalyPerMille = perMille;
        plan.resolvedPerMille = 100;
        plan.fromMs = now - 300 * kDayMs;  // ten months (gdss_case#9)
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
        out() << u"Created %1 sessions with bills, %2 anomaly bills (%3 open, %4 anomaly rows) in %5 s"_s
                     .arg(seeded->sessions)
                     .arg(seeded->anomalyBills)
                     .arg(seeded->openBills)
                     .arg(seeded->anomalyRows)
                     .arg(double(seeded->elapsedMs) / 1000, 0, 'f', 1)
              << Qt::endl;
    }
    if (auto upgraded = bench::upgradeBenchDatabase(*database); !upgraded) {
        std::fprintf(stderr, "%s\n", qPrintable(upgraded.error().message));
        return 1;
    } else if (*upgraded > 0) {
        out() << u"Upgraded to the latest schema (the bills' rollup filled) in %1 s"_s.arg(double(*upgraded) / 1000, 0, 'f', 1)
              << Qt::endl;
    }
    if (parser.isSet(sqlOption)) {
        QFile file(parser.value(sqlOption));
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "%s: %s\n", qPrintable(file.fileName()), qPrintable(file.errorString()));
            return 1;
        }
        for (const QString &statement : storage::Migrator::statements(QString::fromUtf8(file.readAll()))) {
            if (auto q = storage::Sql::run(database->connection(), statement); !q) {
                std::fprintf(stderr, "%s\n", qPrintable(q.error().message));
                return 1;
            }
        }
        out() << "Ran " << file.fileName() << Qt::endl;
    }
    if (!config.isPostgres())
        out() << u"File: %1 MiB"_s.arg(double(QFileInfo(config.sqlitePath).size()) / 1048576, 0, 'f', 0) << Qt::endl;

    const AnomalyBillQueries queries(*database);
    const qint64 open = *queries.count({});
    out() << Qt::endl
          << u"%1 open anomaly bills, %2 runs each; milliseconds"_s.arg(open).arg(runs) << Qt::endl
          << Qt::endl
          << "| operation | median | fastest | slowest | result |" << Qt::endl
          << "|---|---:|---:|---:|---|" << Qt::endl;

    const auto page = [&](AnomalyBillSort sort, bool descending, const AnomalyBillFilter &filter = {}) {
        AnomalyBillPageRequest request;
        request.filter = filter;
        request.sort = sort;
        request.descending = descending;
        request.limit = 201;
        return queries.page(request);
    };
    print(bench::measure(u"First page, newest first (query)"_s, runs,
                         [&](int) { return rows(page(AnomalyBillSort::Session, true)); }));
    print(bench::measure(u"First page, highest total first (query)"_s, runs,
                         [&](int) { return rows(page(AnomalyBillSort::Total, true)); }));
    print(bench::measure(u"First page, by station (query)"_s, runs,
                         [&](int) { return rows(page(AnomalyBillSort::Station, false)); }));
    AnomalyBillFilter code8;
    code8.codes = {8};
    print(bench::measure(u"First page, code 8 (query)"_s, runs,
                         [&](int) { return rows(page(AnomalyBillSort::Session, true, code8)); }));
    AnomalyBillFilter rare;
    rare.codes = {9};
    print(bench::measure(u"First page, code 9 (rare) (query)"_s, runs,
                         [&](int) { return rows(page(AnomalyBillSort::Session, true, rare)); }));
    AnomalyBillFilter station;
    station.chargePointId = u"BENCH-0500"_s;
    print(bench::measure(u"First page, one station (query)"_s, runs,
                         [&](int) { return rows(page(AnomalyBillSort::Session, true, station)); }));
    AnomalyBillFilter month;
    month.startedFromMs = now - 30 * kDayMs;
    print(bench::measure(u"First page, last 30 days (query)"_s, runs,
                         [&](int) { return rows(page(AnomalyBillSort::Session, true, month)); }));
    AnomalyBillFilter search;
    search.search = u"00042"_s;
    print(bench::measure(u"First page, session number search (query)"_s, runs,
                         [&](int) { return rows(page(AnomalyBillSort::Session, true, search)); }));
    print(bench::measure(u"Count matching (query)"_s, runs, [&](int) {
        auto c = queries.count({});
        return c ? u"%1 bills"_s.arg(*c) : c.error().message;
    }));
    print(bench::measure(u"Count matching, code 8 (query)"_s, runs, [&](int) {
        auto c = queries.count(code8);
        return c ? u"%1 bills"_s.arg(*c) : c.error().message;
    }));
    print(bench::measure(u"Select all matching: every bill id (query)"_s, runs, [&](int) {
        auto ids = queries.billIds({});
        return ids ? u"%1 ids"_s.arg(ids->size()) : ids.error().message;
    }));
    {
        // Paging through the whole list, 200 at a time, as the screen does when scrolled to the end.
        bench::Latency each;
        each.name = u"Next page of 200, anywhere in the list (query)"_s;
        bench::Latency all;
        all.name = u"Page through every open anomaly bill, 200 at a time (query)"_s;
        for (int run = 0; run < std::min(runs, 3); ++run) {
            QElapsedTimer total;
            total.start();
            AnomalyBillPageRequest request;
            request.limit = 200;
            qint64 seen = 0;
            while (true) {
                QElapsedTimer one;
                one.start();
                auto r = queries.page(request);
                each.ms.append(double(one.nsecsElapsed()) / 1e6);
                if (!r || r->isEmpty())
                    break;
                seen += r->size();
                request.after = AnomalyBillQueries::cursorAfter(r->last(), request.sort);
                if (r->size() < request.limit)
                    break;
            }
            all.ms.append(double(total.nsecsElapsed()) / 1e6);
            all.detail = u"%1 rows"_s.arg(seen);
            each.detail = u"%1 pages per run"_s.arg(each.ms.size() / (run + 1));
        }
        print(each);
        print(all);
    }
    AnomalyStatistics lastStats;
    for (const StatisticsPeriod period : {StatisticsPeriod::Month, StatisticsPeriod::Week, StatisticsPeriod::Day}) {
        print(bench::measure(u"Statistics by %1, all open bills (query)"_s.arg(statisticsPeriodName(period)), runs, [&](int) {
            auto s = AnomalyStatisticsQuery(*database).compute({}, period);
            if (!s)
                return s.error().message;
            lastStats = *s;
            return u"%1 rows"_s.arg(s->rows.size());
        }));
    }
    print(bench::measure(u"Statistics by month, last 30 days (query)"_s, runs, [&](int) {
        auto s = AnomalyStatisticsQuery(*database).compute(month, StatisticsPeriod::Month);
        return s ? u"%1 rows"_s.arg(s->rows.size()) : s.error().message;
    }));
    print(bench::measure(u"CSV export of the statistics by day (to a file)"_s, runs, [&](int) {
        const QString file = QDir(dir).filePath(u"bench-anomaly-stats.csv"_s);
        Status st = AnomalyStatisticsCsv::writeFile(lastStats, file);
        return st ? u"%1 rows, %2 KiB"_s.arg(lastStats.rows.size()).arg(QFileInfo(file).size() / 1024) : st.error().message;
    }));

    // The screen itself: a new page (own worker thread and connection) until its first page is in
    // the model, then its count, the next pages, and the Statistics tab.
    ui::ConsoleServices services;
    services.database = database;
    services.actor = u"bench"_s;
    bench::Latency opened{u"Screen: open, first page shown"_s, {}, {}};
    bench::Latency counted{u"Screen: open, matching count shown"_s, {}, {}};
    bench::Latency next{u"Screen: next page shown (scrolled to the end)"_s, {}, {}};
    bench::Latency statistics{u"Screen: Statistics tab shown, by month"_s, {}, {}};
    for (int run = 0; run < runs; ++run) {
        std::unique_ptr<ui::AnomalyBillsPage> screen;
        QElapsedTimer sinceOpen;
        QEventLoop loop;
        int firstRows = 0;
        double firstMs = -1;
        double countMs = -1;
        sinceOpen.start();
        screen = std::make_unique<ui::AnomalyBillsPage>(services);
        QObject::connect(screen.get(), &ui::AnomalyBillsPage::loaded, &loop, [&](int n) {
            if (firstMs < 0) {
                firstMs = double(sinceOpen.nsecsElapsed()) / 1e6;
                firstRows = n;
            }
            if (countMs >= 0)
                loop.quit();
        });
        QObject::connect(screen.get(), &ui::AnomalyBillsPage::counted, &loop, [&] {
            countMs = double(sinceOpen.nsecsElapsed()) / 1e6;
            if (firstMs >= 0)
                loop.quit();
        });
        screen->resize(1200, 760);
        screen->show();
        QTimer::singleShot(120000, &loop, &QEventLoop::quit);
        loop.exec();
        opened.ms.append(firstMs);
        opened.detail = u"%1 rows"_s.arg(firstRows);
        counted.ms.append(countMs);
        counted.detail = u"%1 bills"_s.arg(screen->matchingCount());
        ui::AnomalyBillTableModel *model = screen->model();
        for (int i = 0; i < 5 && model->canFetchMore(); ++i) {
            const int before = model->rowCount();
            next.ms.append(waitFor(model, &QAbstractItemModel::rowsInserted, [&] { model->fetchMore(); }));
            next.detail = u"%1 → %2 rows"_s.arg(before).arg(model->rowCount());
        }
        statistics.ms.append(waitFor(screen->statistics(), &ui::AnomalyStatisticsView::loaded,
                                     [&] { screen->setCurrentTab(ui::AnomalyBillsPage::StatisticsTab); }));
        statistics.detail = u"%1 rows"_s.arg(screen->statistics()->model()->rowCount());
    }
    print(opened);
    print(counted);
    print(next);
    print(statistics);

    if (const auto usage = bench::readProcessUsage(QCoreApplication::applicationPid()))
        out() << Qt::endl << u"Peak memory of the benchmark process: %1 MiB"_s.arg(usage->peakRssKiB / 1024) << Qt::endl;
    return 0;
}
