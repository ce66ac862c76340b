// chargedesk-bench-sessions: builds a database with a year of a network's sessions (default
// 1,000,000) and prints how long the console takes to show them — the queries behind every
// Operations list and search, a session's log, the dashboard, and the Operations screen itself
// (offscreen, from creating the page to its first list on screen). Numbers, never assertions.
//
//   chargedesk-bench-sessions [--sessions N] [--runs R] [--postgres URL] [--keep DIR]
// An existing file (--keep) or a PostgreSQL database with sessions is measured without seeding.

#include "core/charging/chargingqueries.h"
#include "core/storage/dashboardrepository.h"
#include "core/storage/database.h"
#include "core/storage/databasekey.h"
#include "core/storage/filekeystore.h"
#include "core/storage/sqlhelpers.h"
#include "benchdatabase.h"
#include "processusage.h"
#include "sessions/latencyprobe.h"
#include "sessions/sessionseeder.h"
#include "ui/operations/operationspage.h"
#include "ui/operations/sessiontablemodel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QEventLoop>
#include <QLineEdit>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;
using namespace cd;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QString rows(const Expected<QList<storage::Session>> &sessions)
{
    return sessions ? u"%1 rows"_s.arg(sessions->size()) : u"error: "_s + sessions.error().message;
}

// Runs `start`, then waits until the page (given, or made by `start` and returned by `made`)
// reports its list loaded; the time it took in ms, or -1 after 60 s. The page loads on its
// worker thread, so `loaded` always comes through the event loop, after `start` returned.
double waitLoaded(ui::OperationsPage *page, const std::function<void()> &start, int *rowCount,
                  const std::function<ui::OperationsPage *()> &made = {})
{
    QEventLoop loop;
    QElapsedTimer timer;
    bool done = false;
    timer.start();
    start();
    if (!page && made)
        page = made();
    auto connection = QObject::connect(page, &ui::OperationsPage::loaded, &loop, [&](int count) {
        *rowCount = count;
        done = true;
        loop.quit();
    });
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    loop.exec();
    QObject::disconnect(connection);
    return done ? double(timer.nsecsElapsed()) / 1e6 : -1;
}

void print(const bench::Latency &l, qint64 sessions)
{
    out() << u"| %1 | %2 | %3 | %4 | %5 |"_s.arg(l.name)
                 .arg(l.median(), 0, 'f', 1)
                 .arg(l.fastest(), 0, 'f', 1)
                 .arg(l.slowest(), 0, 'f', 1)
                 .arg(l.detail)
          << Qt::endl;
    Q_UNUSED(sessions)
}

}  // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"How fast the console's session lists are over a big database."_s);
    parser.addHelpOption();
    const QCommandLineOption sessionsOption(u"sessions"_s, u"Sessions to create (default 1000000)."_s, u"N"_s, u"1000000"_s);
    const QCommandLineOption runsOption(u"runs"_s, u"Runs per measurement (default 7)."_s, u"R"_s, u"7"_s);
    const QCommandLineOption pgOption(u"postgres"_s, u"An empty PostgreSQL database instead of SQLCipher."_s, u"URL"_s);
    const QCommandLineOption keepOption(u"keep"_s, u"Keep the SQLCipher file in DIR (reused when it exists)."_s, u"DIR"_s);
    parser.addOptions({sessionsOption, runsOption, pgOption, keepOption});
    parser.process(app);
    const qint64 count = parser.value(sessionsOption).toLongLong();
    const int runs = std::max(1, parser.value(runsOption).toInt());
    if (count < 1) {
        std::fprintf(stderr, "--sessions must be a positive number\n");
        return 2;
    }

    QTemporaryDir temp;
    const QString dir = parser.isSet(keepOption) ? parser.value(keepOption) : temp.path();
    QDir().mkpath(dir);
    auto opened = bench::openBenchDatabase(dir, u"bench-sessions"_s, parser.value(pgOption), u"sessions"_s);
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
        bench::SeedPlan plan;
        plan.sessions = count;
        plan.nowMs = now;
        auto seeded = bench::seedSessions(*database, plan, [count](qint64 done) {
            std::fprintf(stderr, "\rcreating sessions: %lld / %lld", static_cast<long long>(done),
                         static_cast<long long>(count));
        });
        std::fprintf(stderr, "\n");
        if (!seeded) {
            std::fprintf(stderr, "%s\n", qPrintable(seeded.error().message));
            return 1;
        }
        out() << u"Created %1 sessions in %2 s (%3 rows/s)"_s.arg(seeded->sessions)
                     .arg(double(seeded->elapsedMs) / 1000, 0, 'f', 1)
                     .arg(seeded->sessions * 1000 / std::max<qint64>(1, seeded->elapsedMs))
              << Qt::endl;
    }
    if (!config.isPostgres()) {
        const QFileInfo file(config.sqlitePath);
        out() << u"File: %1 MiB"_s.arg(double(file.size()) / 1048576, 0, 'f', 0) << Qt::endl;
    }
    const qint64 total = [&] {
        auto q = storage::Sql::run(database->connection(), u"SELECT MAX(id) FROM sessions"_s);
        return q && q->next() ? q->value(0).toLongLong() : 0;
    }();

    QRandomGenerator random(7);
    auto someNumber = [&](int) {
        const qint64 id = 1 + qint64(random.bounded(quint64(total)));
        auto q = storage::Sql::run(database->connection(), u"SELECT session_number FROM sessions WHERE id = ?"_s, {id});
        return q && q->next() ? q->value(0).toString() : QString();
    };
    const charging::ChargingQueries queries(database);
    auto search = [&](const QString &text, int limit = 100) {
        storage::SessionFilter filter;
        filter.search = text;
        filter.limit = limit;
        return queries.sessions(filter);
    };
    const qint64 todayStart = QDate::currentDate().startOfDay().toMSecsSinceEpoch();

    out() << Qt::endl
          << u"%1 sessions, %2 runs each; milliseconds"_s.arg(total).arg(runs) << Qt::endl
          << Qt::endl
          << "| operation | median | fastest | slowest | result |" << Qt::endl
          << "|---|---:|---:|---:|---|" << Qt::endl;
    QList<QString> numbers;
    for (int i = 0; i < runs; ++i)
        numbers << someNumber(i);

    print(bench::measure(u"Last 100 (query)"_s, runs, [&](int) { return rows(queries.lastSessions(100)); }), total);
    print(bench::measure(u"Search by session number (query)"_s, runs,
                         [&](int run) { return rows(search(numbers.at(run))); }),
          total);
    print(bench::measure(u"Search by internal id (query)"_s, runs,
                         [&](int run) { return rows(search(QString::number(total / 2 + run * 7919))); }),
          total);
    print(bench::measure(u"Find session by number (card lookup)"_s, runs,
                         [&](int run) {
                             auto s = queries.findSession(numbers.at(run));
                             return s && s->has_value() ? u"found"_s : u"not found"_s;
                         }),
          total);
    print(bench::measure(u"Search by card, substring (query)"_s, runs,
                         [&](int run) { return rows(search(u"CARD-0%1"_s.arg(10000 + run * 13))); }),
          total);
    print(bench::measure(u"Search by phone, substring (query)"_s, runs,
                         [&](int run) { return rows(search(u"%1"_s.arg(1000 + run * 17, 7, 10, QChar(u'0')))); }),
          total);
    print(bench::measure(u"Search by one digit, matches most sessions (query)"_s, runs,
                         [&](int run) { return rows(search(QString::number(1 + run % 9))); }),
          total);
    print(bench::measure(u"Search by Latin name, 3 letters (query)"_s, runs, [&](int) { return rows(search(u"kov"_s)); }),
          total);
    print(bench::measure(u"Search by Cyrillic name (query)"_s, runs, [&](int) { return rows(search(u"Коваленко"_s)); }),
          total);
    print(bench::measure(u"Open (query)"_s, runs, [&](int) { return rows(queries.openSessions(1000)); }), total);
    print(bench::measure(u"Today (query)"_s, runs,
                         [&](int) {
                             storage::SessionFilter filter;
                             filter.createdFromMs = todayStart;
                             filter.limit = 1000;
                             return rows(queries.sessions(filter));
                         }),
          total);
    print(bench::measure(u"OLD & OPEN, 24 h (query)"_s, runs,
                         [&](int) { return rows(queries.oldOpenSessions(24 * 3600 * 1000LL, 1000)); }),
          total);
    print(bench::measure(u"Suspicious (query)"_s, runs,
                         [&](int) {
                             auto s = queries.suspiciousSessions(100);
                             return s ? u"%1 rows"_s.arg(s->size()) : s.error().message;
                         }),
          total);
    print(bench::measure(u"Session log of one session (query)"_s, runs,
                         [&](int run) {
                             auto s = queries.findSession(numbers.at(run));
                             if (!s || !s->has_value())
                                 return u"not found"_s;
                             auto d = queries.sessionDetail((*s)->id);
                             return d && d->has_value() ? u"%1 events"_s.arg((*d)->events.size()) : u"error"_s;
                         }),
          total);
    print(bench::measure(u"Stations list, every station with connectors (query)"_s, runs,
                         [&](int) {
                             charging::StationListFilter filter;
                             filter.limit = 100000;
                             auto s = queries.stations(filter);
                             return s ? u"%1 stations"_s.arg(s->size()) : s.error().message;
                         }),
          total);
    print(bench::measure(u"Dashboard figures (query)"_s, runs,
                         [&](int) {
                             auto f = storage::DashboardRepository(*database).figures(todayStart, todayStart + 86400000);
                             return f ? u"%1 sessions today"_s.arg(f->sessionsToday) : f.error().message;
                         }),
          total);

    // The screen itself: a new Operations page (its own worker thread and connection) until its
    // first list is in the model; then a search by number typed into it.
    ui::ConsoleServices services;
    services.database = database;
    services.actor = u"bench"_s;
    bench::Latency open;
    open.name = u"Operations screen: open, first list shown"_s;
    bench::Latency typed;
    typed.name = u"Operations screen: search by number, list shown"_s;
    for (int run = 0; run < runs; ++run) {
        int shown = 0;
        std::unique_ptr<ui::OperationsPage> page;
        const double openMs = waitLoaded(
            nullptr, [&] { page = std::make_unique<ui::OperationsPage>(services); }, &shown, [&] { return page.get(); });
        page->resize(1200, 760);
        page->show();
        QCoreApplication::processEvents();
        open.ms.append(openMs);
        open.detail = u"%1 rows"_s.arg(shown);
        auto *box = page->findChild<QLineEdit *>(u"sessionSearch"_s);
        box->blockSignals(true);  // no typing delay: the search runs at once, as on Enter
        box->setText(numbers.at(run));
        box->blockSignals(false);
        typed.ms.append(waitLoaded(page.get(), [&] { page->refresh(); }, &shown));
        typed.detail = u"%1 rows"_s.arg(shown);
    }
    print(open, total);
    print(typed, total);

    if (const auto usage = bench::readProcessUsage(QCoreApplication::applicationPid()))
        out() << Qt::endl << u"Peak memory of the benchmark process: %1 MiB"_s.arg(usage->peakRssKiB / 1024) << Qt::endl;
    return 0;
}
