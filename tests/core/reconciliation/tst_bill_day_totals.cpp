// The rollup the reconciliation and revenue reports read (bill_day_totals, migration 0018): its
// triggers keep it equal to the sums straight from the sessions and bills
// (BillDayTotals::recompute) through every kind of write — a bill, a correction (new version), a
// currency change, an anomaly opened, resolved or removed, a session moved to another day or
// station — through the migration that fills it from existing bills, and on PostgreSQL through two
// connections writing the same station-day at once. SQLCipher and PostgreSQL.

#include "core/reconciliation/billdaytotals.h"
#include "core/storage/migrator.h"
#include "core/storage/sqlhelpers.h"
#include "support/anomalybillseeder.h"
#include "support/testdatabase.h"

#include <QTest>

#include <algorithm>
#include <thread>

using namespace cd;
using namespace cd::reconciliation;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kDay = 86'400'000;
constexpr qint64 kHour = 3'600'000;
constexpr qint64 kNov1 = 1'793'491'200'000;  // 2026-11-01 00:00 UTC
constexpr qint64 kDec1 = kNov1 + 30 * kDay;

qint64 nov(int day, int hour = 10)
{
    return kNov1 + (day - 1) * kDay + hour * kHour;
}

QString text(const BillDayTotal &t)
{
    return u"station %1 day %2 %3: %4 sessions %5 Wh %6 total %7 coupons, open %8 sessions %9 Wh %10 total"_s.arg(t.stationId)
        .arg(t.day)
        .arg(t.currency)
        .arg(t.sessions)
        .arg(t.energyWh)
        .arg(t.totalMinor)
        .arg(t.couponMinor)
        .arg(t.anomalousSessions)
        .arg(t.anomalousEnergyWh)
        .arg(t.anomalousTotalMinor);
}

// The rows as sorted, comparable lines (empty station-days dropped: the rollup keeps none).
QStringList lines(QList<BillDayTotal> rows)
{
    QStringList out;
    for (const BillDayTotal &t : rows) {
        if (t.sessions != 0)
            out.append(text(t));
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

class TestBillDayTotals : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_fixture;

    storage::Database &db() { return m_fixture->db(); }

    bool sql(const QString &statement, const QVariantList &values = {})
    {
        auto q = storage::Sql::run(db().connection(), statement, values);
        if (!q)
            qWarning() << q.error().message;
        return q.ok();
    }

    // The rollup's answer and the direct sums for [from, to) must be the same lines.
    bool sameAsRecomputed(qint64 from = kNov1, qint64 to = kDec1)
    {
        auto rollup = BillDayTotals::query(db(), from, to);
        auto direct = BillDayTotals::recompute(db(), from, to);
        if (!rollup || !direct) {
            qWarning() << (rollup ? direct.error().message : rollup.error().message);
            return false;
        }
        const QStringList a = lines(*rollup), b = lines(*direct);
        if (a != b) {
            qWarning().noquote() << "rollup:\n " << a.join(u"\n  "_s) << "\nrecomputed:\n " << b.join(u"\n  "_s);
            return false;
        }
        return !b.isEmpty();
    }

    qint64 rollupCount()
    {
        auto q = storage::Sql::run(db().connection(), u"SELECT COUNT(*) FROM bill_day_totals"_s);
        return q && q->next() ? q->value(0).toLongLong() : -1;
    }

private Q_SLOTS:
    void init()
    {
        m_fixture = std::make_unique<test::TestDatabase>();
        CD_REQUIRE_DB(*m_fixture);
    }

    void cleanup() { m_fixture.reset(); }

    // Hand-computed: one station-day read straight from the table after each write.
    void oneStationDayByHand()
    {
        test::AnomalyFixture f(db());
        const qint64 station = f.station(u"CP-1"_s, f.site(u"A"_s), u"ABB"_s, u"Terra"_s, u"1.0"_s);
        const qint64 first = f.session(station, nov(3, 8), 10000, 3000);
        const qint64 second = f.session(station, nov(3, 20), 20000, 6000);
        QVERIFY(first && second);
        const auto row = [this, station] {
            auto q = storage::Sql::run(db().connection(),
                                       u"SELECT sessions, energy_wh, total_minor, anomalous_sessions, anomalous_energy_wh, "
                                       "anomalous_total_minor FROM bill_day_totals WHERE station_id = ? AND day = ?"_s,
                                       {station, nov(3) / kDay});
            QList<qint64> out;
            if (q && q->next()) {
                for (int i = 0; i < 6; ++i)
                    out.append(q->value(i).toLongLong());
            }
            return out;
        };
        QCOMPARE(row(), (QList<qint64>{2, 30000, 9000, 0, 0, 0}));
        QVERIFY(f.anomaly(second, 8, nov(4)));
        QCOMPARE(row(), (QList<qint64>{2, 30000, 9000, 1, 20000, 6000}));
        // A second open anomaly on the same session counts the session once.
        QVERIFY(f.anomaly(second, 3, nov(4)));
        QCOMPARE(row(), (QList<qint64>{2, 30000, 9000, 1, 20000, 6000}));
        // The correction replaces the numbers (version 2 counts, version 1 no longer) and resolves.
        QVERIFY(f.correct(second, nov(5), 18000, 5400));
        QCOMPARE(row(), (QList<qint64>{2, 28000, 8400, 0, 0, 0}));
        QCOMPARE(rollupCount(), 1);
        QVERIFY(sameAsRecomputed());
    }

    void everyKindOfWriteKeepsItExact()
    {
        test::AnomalySeedPlan plan;
        plan.sessions = 1500;
        plan.stations = 12;
        plan.resolvedPerMille = 300;
        plan.fromMs = kNov1 - 2 * kDay;  // some before the period
        plan.toMs = kDec1 + 2 * kDay;    // and after
        auto seeded = test::seedAnomalyBills(db(), plan);
        QVERIFY2(seeded, qPrintable(seeded.error().message));
        QVERIFY(seeded->openBills > 0 && seeded->anomalyBills > seeded->openBills);
        QVERIFY(sameAsRecomputed());

        test::AnomalyFixture f(db());
        const qint64 station = f.station(u"CP-X"_s, f.site(u"X"_s), u"Autel"_s, u"MaxiCharger"_s, u"2.0"_s);
        const qint64 session = f.session(station, nov(10), 15000, 4500);
        QVERIFY(session);
        QVERIFY(sameAsRecomputed());
        QVERIFY(f.anomaly(session, 8, nov(11)));
        QVERIFY(sameAsRecomputed());
        QVERIFY(f.correct(session, nov(12), 14000, 4200));
        QVERIFY(sameAsRecomputed());
        // A later version in another currency moves the session to that currency's row.
        QVERIFY(sql(u"INSERT INTO bills (session_id, version, currency, energy_wh, total_minor, created_by, created_ms) "
                    "VALUES (?, 3, 'EUR', 14000, 99, 'test', ?)"_s,
                    {session, nov(13)}));
        QVERIFY(sameAsRecomputed());
        // Reopened, then the anomaly removed.
        QVERIFY(sql(u"UPDATE bill_anomalies SET resolved_ms = NULL WHERE session_id = ?"_s, {session}));
        QVERIFY(sameAsRecomputed());
        QVERIFY(sql(u"DELETE FROM bill_anomalies WHERE session_id = ?"_s, {session}));
        QVERIFY(sameAsRecomputed());
        // A coupon deduction written onto a bill afterwards.
        QVERIFY(sql(u"UPDATE bills SET coupon_deduction_minor = 250 WHERE session_id = ? AND version = 3"_s, {session}));
        QVERIFY(sameAsRecomputed());
        // Moved to another day and another station, then out of the period, then back.
        QVERIFY(sql(u"UPDATE sessions SET charging_started_ms = ?, station_id = (SELECT MIN(id) FROM stations) WHERE id = ?"_s,
                    {nov(20, 23), session}));
        QVERIFY(sameAsRecomputed());
        QVERIFY(sql(u"UPDATE sessions SET charging_started_ms = ? WHERE id = ?"_s, {kDec1 + 5 * kDay, session}));
        QVERIFY(sameAsRecomputed());
        QVERIFY(sql(u"UPDATE sessions SET charging_started_ms = NULL WHERE id = ?"_s, {session}));
        QVERIFY(sameAsRecomputed());
        QVERIFY(sql(u"UPDATE sessions SET charging_started_ms = ?, station_id = ? WHERE id = ?"_s, {nov(7), station, session}));
        QVERIFY(sameAsRecomputed());
        // Every seeded open anomaly resolved at once.
        QVERIFY(sql(u"UPDATE bill_anomalies SET resolved_ms = ? WHERE resolved_ms IS NULL"_s, {nov(25)}));
        QVERIFY(sameAsRecomputed());
        // A period that starts and ends inside a day: partial days are summed from the sessions.
        QVERIFY(sameAsRecomputed(nov(3, 10), nov(20, 15)));
        QVERIFY(sameAsRecomputed(nov(3, 1), nov(3, 23)));
    }

    // A database written before the rollup existed gets it filled by the migration.
    void migrationFillsFromExistingBills()
    {
        test::TestDatabase fresh(false);
        CD_REQUIRE_DB(fresh);
        storage::Migrator migrator(fresh.db().connection(), fresh.db().dialect());
        QVERIFY(migrator.migrateTo(17).ok());
        test::AnomalySeedPlan plan;
        plan.sessions = 600;
        plan.resolvedPerMille = 300;
        plan.fromMs = kNov1;
        plan.toMs = kDec1;
        auto seeded = test::seedAnomalyBills(fresh.db(), plan);
        QVERIFY2(seeded, qPrintable(seeded.error().message));
        const Status upgraded = migrator.migrateToLatest();
        QVERIFY2(upgraded.ok(), qPrintable(upgraded.error().message));
        auto rollup = BillDayTotals::query(fresh.db(), kNov1, kDec1);
        auto direct = BillDayTotals::recompute(fresh.db(), kNov1, kDec1);
        QVERIFY(rollup && direct);
        QVERIFY(!direct->isEmpty());
        QCOMPARE(lines(*rollup), lines(*direct));
    }

    // Two writers (two consoles, or a console and the server, on one PostgreSQL database) adding
    // bills of the same station-day: the second waits for the first's commit and sums both.
    void twoWritersOnOneStationDay()
    {
        test::AnomalyFixture f(db());
        const qint64 station = f.station(u"CP-1"_s, f.site(u"A"_s), u"ABB"_s, u"Terra"_s, u"1.0"_s);
        QVERIFY(f.session(station, nov(3, 8), 10000, 3000));

        storage::Transaction first(db().connection());
        QVERIFY(first.begin().ok());
        QVERIFY(f.session(station, nov(3, 9), 20000, 6000));
        QString secondError;
        std::thread second([&] {
            // Its own handle, opened and closed on its own thread (Qt's database handles are per thread).
            auto other = m_fixture->openAnother();
            if (!other) {
                secondError = u"cannot open a second handle"_s;
                return;
            }
            test::AnomalyFixture g(*other);
            storage::Transaction tx(other->connection());
            Status begun = tx.begin();
            if (!begun) {
                secondError = begun.error().message;
                return;
            }
            if (!g.session(station, nov(3, 10), 30000, 9000)) {
                secondError = g.error();
                return;
            }
            if (Status committed = tx.commit(); !committed)
                secondError = committed.error().message;
        });
        QTest::qWait(300);  // the second writer is now waiting for the first
        QVERIFY(first.commit().ok());
        second.join();
        QVERIFY2(secondError.isEmpty(), qPrintable(secondError));
        auto q = storage::Sql::run(db().connection(), u"SELECT sessions, energy_wh FROM bill_day_totals WHERE station_id = ?"_s,
                                   {station});
        QVERIFY(q && q->next());
        QCOMPARE(q->value(0).toLongLong(), 3);
        QCOMPARE(q->value(1).toLongLong(), 60000);
        QVERIFY(sameAsRecomputed());
    }
};

QTEST_GUILESS_MAIN(TestBillDayTotals)
#include "tst_bill_day_totals.moc"
