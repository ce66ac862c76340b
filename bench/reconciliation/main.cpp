// chargedesk-bench-reconciliation: how long the reconciliation and revenue reports take over a
// year of 1,000,000 sessions with bills (issue #7 item 5: under 3 s). Seeds (once; --keep DIR
// reuses the SQLCipher file, a PostgreSQL database with bills is reused) 50 sites under 5
// sub-operators, 500 stations, N sessions over Dec 2025 – Nov 2026 with a bill each (25 % with
// anomaly codes, a tenth of those corrected), a meter reading per site and month, and 50,000
// top-ups with their gateway receipts; then opens each report over the last month and over the
// year and reads all its rows, --runs times, and prints the median and the slowest run.
// The data is written as schema 17 had it, before the per-station-day rollup (bill_day_totals,
// migration 18), and then upgraded (bench::kSchemaBeforeRollup): the upgrade's time is printed too.
//   chargedesk-bench-reconciliation [--sessions 1000000] [--runs 5] [--keep DIR] [--postgres URL]

#include "benchdatabase.h"
#include "core/reconciliation/meterreadingrepository.h"
#include "core/reports/reportcatalog.h"
#include "core/storage/migrator.h"
#include "core/storage/sqlhelpers.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTextStream>
#include <QSqlError>
#include <QTimeZone>

#include <algorithm>
#include <cstdio>

using namespace cd;
using namespace Qt::StringLiterals;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

qint64 monthStart(const QDate &d)
{
    return QDateTime(QDate(d.year(), d.month(), 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
}

// N finished sessions with a version-1 bill each, written set-based (one INSERT … SELECT over a
// recursive row counter, the same SQL on both engines: the row-by-row test seeder takes most of an
// hour for a million on this machine): 50 sites, 500 stations, starts spread evenly over [fromMs,
// toMs), energy 5–55 kWh, 0.30/kWh; every 4th session has an anomaly (code 8), open except every
// 40th, which has a corrected version 2 (1 kWh less).
Status seedSessions(const storage::Database &db, qint64 count, qint64 fromMs, qint64 toMs)
{
    const QSqlDatabase c = db.connection();
    storage::Transaction tx(c);
    if (Status st = tx.begin(); !st)
        return st;
    const auto run = [&c](const QString &sql, const QVariantList &values = {}) {
        return storage::statusOf(storage::Sql::run(c, sql, values.isEmpty() ? QVariantList{} : values));
    };
    for (int i = 0; i < 50; ++i) {
        if (Status st = run(u"INSERT INTO sites (name, created_ms) VALUES (?, 0)"_s, {u"Site %1"_s.arg(i + 1, 2, 10, QLatin1Char('0'))}); !st)
            return st;
    }
    const QStringList vendors{u"ABB"_s, u"Kempower"_s, u"Autel"_s, u"Teltonika"_s};
    for (int i = 0; i < 500; ++i) {
        if (Status st = run(u"INSERT INTO stations (charge_point_id, site_id, vendor, firmware, created_ms) VALUES "
                            "(?, (SELECT MIN(id) FROM sites) + ?, ?, ?, 0)"_s,
                            {u"RECON-%1"_s.arg(i + 1, 4, 10, QLatin1Char('0')), i % 50, vendors.at(i % 4),
                             u"1.%1"_s.arg(i % 3)});
            !st)
            return st;
    }
    const QString counter = u"WITH RECURSIVE n(i) AS (SELECT CAST(1 AS BIGINT) UNION ALL SELECT i + 1 FROM n WHERE i < ?) "_s;
    const qint64 step = (toMs - fromMs) / count;
    // Sessions: id = i; station = the i-th of 500 (scattered); start = fromMs + i * step.
    if (Status st = run(u"INSERT INTO sessions (id, session_number, station_id, status, currency, energy_wh, amount_minor, "
                        "stop_source, created_ms, started_ms, charging_started_ms, charging_ended_ms, ended_ms, updated_ms) "_s
                            + counter
                            + u"SELECT i, 'RB-' || i, (SELECT MIN(id) FROM stations) + (i * 7919) % 500, 'finished', 'UAH', "
                              "5000 + (i * 37) % 50000, (5000 + (i * 37) % 50000) * 30 / 1000, 'station', ? + i * ?, "
                              "? + i * ?, ? + i * ?, ? + i * ? + 3600000, ? + i * ? + 3600000, ? + i * ? + 3600000 FROM n"_s,
                        {count, fromMs, step, fromMs, step, fromMs, step, fromMs, step, fromMs, step, fromMs, step});
        !st)
        return st;
    if (Status st = run(u"INSERT INTO bills (session_id, version, currency, energy_wh, charging_started_ms, charging_ended_ms, "
                        "energy_fee_minor, total_minor, settlement_state, created_by, created_ms) "
                        "SELECT id, 1, 'UAH', energy_wh, charging_started_ms, charging_ended_ms, amount_minor, amount_minor, "
                        "'settled', 'bench', ended_ms FROM sessions"_s);
        !st)
        return st;
    if (Status st = run(u"INSERT INTO bill_anomalies (bill_id, session_id, code, detail, detected_ms) "
                        "SELECT id, session_id, 8, '', created_ms FROM bills WHERE session_id % 4 = 0"_s);
        !st)
        return st;
    if (Status st = run(u"INSERT INTO bills (session_id, version, supersedes_bill_id, currency, energy_wh, charging_started_ms, "
                        "charging_ended_ms, energy_fee_minor, total_minor, settlement_state, correction_method, created_by, "
                        "created_ms) SELECT session_id, 2, id, 'UAH', energy_wh - 1000, charging_started_ms, charging_ended_ms, "
                        "total_minor - 30, total_minor - 30, 'settled', 'manual_energy', 'bench', created_ms + 86400000 "
                        "FROM bills WHERE session_id % 40 = 0"_s);
        !st)
        return st;
    if (Status st = run(u"UPDATE bill_anomalies SET resolved_ms = detected_ms + 86400000 WHERE session_id % 40 = 0"_s); !st)
        return st;
    return tx.commit();
}

Status seedExtras(const storage::Database &db, qint64 fromMs, qint64 toMs)
{
    const QSqlDatabase c = db.connection();
    storage::Transaction tx(c);
    if (Status st = tx.begin(); !st)
        return st;
    for (int i = 1; i <= 5; ++i) {
        if (Status st = storage::statusOf(storage::Sql::run(c, u"INSERT INTO sub_operators (name, created_ms) VALUES (?, 0)"_s,
                                                            {u"Partner %1"_s.arg(i)}));
            !st)
            return st;
    }
    if (Status st = storage::statusOf(storage::Sql::run(
            c, u"UPDATE sites SET sub_operator_id = (SELECT MIN(id) FROM sub_operators) + (id % 5)"_s));
        !st)
        return st;
    // Top-ups with their receipts (every 100th receipt is missing, every 97th differs).
    const qint64 topUps = 50'000;
    QSqlQuery topUp(c), receipt(c);
    topUp.prepare(u"INSERT INTO topups (amount_minor, currency, gateway, gateway_receipt, created_ms) VALUES (?, 'UAH', 'liqpay', ?, ?)"_s);
    receipt.prepare(u"INSERT INTO gateway_receipts (gateway, reference, amount_minor, currency, received_ms, imported_ms) "
                    "VALUES ('liqpay', ?, ?, 'UAH', ?, 0)"_s);
    for (qint64 i = 0; i < topUps; ++i) {
        const qint64 at = fromMs + (toMs - fromMs) / topUps * i;
        const qint64 amount = 10000 + (i % 50) * 1000;
        topUp.addBindValue(amount);
        topUp.addBindValue(u"R%1"_s.arg(i));
        topUp.addBindValue(at);
        if (!topUp.exec())
            return storage::Sql::error(topUp.lastError(), u"top-up"_s);
        if (i % 100 == 0)
            continue;
        receipt.addBindValue(u"R%1"_s.arg(i));
        receipt.addBindValue(i % 97 == 0 ? amount + 100 : amount);
        receipt.addBindValue(at + 60'000);
        if (!receipt.exec())
            return storage::Sql::error(receipt.lastError(), u"receipt"_s);
    }
    if (Status st = tx.commit(); !st)
        return st;
    // A meter reading per site and month: what the platform billed there, give or take.
    auto sites = storage::Sql::run(c, u"SELECT id FROM sites ORDER BY id"_s);
    if (!sites)
        return sites.error();
    QList<qint64> ids;
    while (sites->next())
        ids << sites->value(0).toLongLong();
    reconciliation::MeterReadingRepository readings(db);
    for (QDate m = QDateTime::fromMSecsSinceEpoch(fromMs, QTimeZone::utc()).date(); monthStart(m) < toMs; m = m.addMonths(1)) {
        const qint64 start = std::max(fromMs, monthStart(m));
        const qint64 end = std::min(toMs, monthStart(m.addMonths(1)));
        for (qint64 id : ids) {
            auto written = readings.set({u"#%1"_s.arg(id), start, end, 3'000'000 + id * 10'000, {}}, u"bench"_s);
            if (!written)
                return written.error();
        }
    }
    return {};
}

}  // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption sessionsOption(u"sessions"_s, u"Sessions with a bill."_s, u"N"_s, u"1000000"_s);
    const QCommandLineOption runsOption(u"runs"_s, u"Runs per report and period."_s, u"R"_s, u"5"_s);
    const QCommandLineOption keepOption(u"keep"_s, u"Keep the SQLCipher database in DIR (reused next time)."_s, u"DIR"_s);
    const QCommandLineOption pgOption(u"postgres"_s, u"Use this PostgreSQL database instead of SQLCipher."_s, u"URL"_s);
    parser.addOptions({sessionsOption, runsOption, keepOption, pgOption});
    parser.process(app);
    const qint64 count = parser.value(sessionsOption).toLongLong();
    const int runs = std::max(1, parser.value(runsOption).toInt());

    QTemporaryDir temp;
    auto opened = bench::openBenchDatabase(parser.isSet(keepOption) ? parser.value(keepOption) : temp.path(),
                                           u"bench-reconciliation"_s, parser.value(pgOption), u"bills"_s, bench::kSchemaBeforeRollup);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
        return 1;
    }
    const std::shared_ptr<storage::Database> db = opened->db;
    out() << "Database: " << db->engineDescription() << Qt::endl;

    // A fixed year, so a kept database is reused with the same periods: Dec 2025 … Nov 2026.
    const qint64 yearFrom = 1'764'547'200'000;  // 2025-12-01 00:00 UTC
    const qint64 yearTo = 1'796'083'200'000;    // 2026-12-01 00:00 UTC
    const qint64 monthFrom = 1'793'491'200'000; // 2026-11-01 00:00 UTC
    if (!opened->reused) {
        QElapsedTimer seeding;
        seeding.start();
        if (Status st = seedSessions(*db, count, yearFrom, yearTo); !st) {
            std::fprintf(stderr, "%s\n", qPrintable(st.error().message));
            return 1;
        }
        if (Status st = seedExtras(*db, yearFrom, yearTo); !st) {
            std::fprintf(stderr, "%s\n", qPrintable(st.error().message));
            return 1;
        }
        // Fresh statistics, as a database that has run for a year has them.
        (void)storage::Sql::run(db->connection(), u"ANALYZE"_s);
        out() << "Seeded " << count << " sessions in " << seeding.elapsed() / 1000 << " s" << Qt::endl;
    }
    auto upgraded = bench::upgradeBenchDatabase(*db);
    if (!upgraded) {
        std::fprintf(stderr, "%s\n", qPrintable(upgraded.error().message));
        return 1;
    }
    if (*upgraded > 0)
        out() << "Upgraded to schema " << storage::Migrator::latestVersion() << " (the rollup filled) in "
              << *upgraded / 1000.0 << " s" << Qt::endl;

    struct Case {
        QString report;
        QString groupBy;
        QString bucket;
    };
    const QList<Case> cases = {{u"energy"_s, {}, {}},          {u"energy"_s, {}, u"month"_s},
                               {u"money"_s, {}, u"month"_s},   {u"topup-matching"_s, {}, {}},
                               {u"partners"_s, {}, {}},        {u"revenue"_s, u"site"_s, {}},
                               {u"revenue"_s, u"station"_s, u"day"_s}, {u"revenue"_s, u"firmware"_s, u"month"_s}};
    out() << Qt::left << qSetFieldWidth(34) << "report" << qSetFieldWidth(8) << "period" << qSetFieldWidth(8) << "rows"
          << qSetFieldWidth(12) << "median ms" << qSetFieldWidth(10) << "max ms" << qSetFieldWidth(0) << Qt::endl;
    bool allFast = true;
    for (const Case &c : cases) {
        for (const bool year : {false, true}) {
            reports::ReportParameters p;
            p.fromMs = year ? yearFrom : monthFrom;
            p.toMs = yearTo;
            p.groupBy = c.groupBy;
            p.bucket = c.bucket;
            QList<qint64> times;
            qint64 rows = 0;
            for (int r = 0; r < runs; ++r) {
                QElapsedTimer t;
                t.start();
                auto table = reports::ReportCatalog::open(*db, c.report, p);
                if (!table) {
                    std::fprintf(stderr, "%s: %s\n", qPrintable(c.report), qPrintable(table.error().message));
                    return 1;
                }
                rows = 0;
                for (;;) {
                    auto page = table->rows->nextPage(1000);
                    if (!page) {
                        std::fprintf(stderr, "%s: %s\n", qPrintable(c.report), qPrintable(page.error().message));
                        return 1;
                    }
                    if (page->isEmpty())
                        break;
                    rows += page->size();
                }
                times << t.elapsed();
            }
            std::sort(times.begin(), times.end());
            const qint64 median = times.at(times.size() / 2);
            allFast = allFast && median < 3000;
            QString name = c.report;
            if (!c.groupBy.isEmpty())
                name += u" by "_s + c.groupBy;
            if (!c.bucket.isEmpty())
                name += u" per "_s + c.bucket;
            out() << qSetFieldWidth(34) << name << qSetFieldWidth(8) << (year ? "year" : "month") << qSetFieldWidth(8)
                  << rows << qSetFieldWidth(12) << median << qSetFieldWidth(10) << times.last() << qSetFieldWidth(0)
                  << Qt::endl;
        }
    }
    out() << (allFast ? "Every median is under 3 s." : "SOME MEDIANS ARE OVER 3 s.") << Qt::endl;
    return 0;
}
