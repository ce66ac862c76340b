// Negative-balance protection: the stop decision at the auto-stop threshold, the stop command it
// queues (RemoteStopTransaction for 1.6, RequestStopTransaction for 2.0.1) once per session, the
// department's pooled balance before the member's, the pool spent by every running session of the
// paying department (two vehicles on one card stop together), and a station that keeps charging
// after it accepted the stop.

#include "support/testdatabase.h"

#include "core/payments/balanceguard.h"
#include "core/storage/commandrepository.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace cd;
using namespace cd::payments;
using cd::test::TestDatabase;

namespace {

constexpr qint64 kT0 = 1'694'871'682'000;

qint64 insert(const storage::Database &db, const QString &sql, const QVariantList &values)
{
    auto q = storage::Sql::run(db.connection(), sql + db.dialect().returningIdClause(), values);
    return q ? db.dialect().insertedId(*q) : 0;
}

bool exec(const storage::Database &db, const QString &sql, const QVariantList &values = {})
{
    return storage::Sql::run(db.connection(), sql, values).ok();
}

QVariant scalar(const storage::Database &db, const QString &sql, const QVariantList &values = {})
{
    auto q = storage::Sql::run(db.connection(), sql, values);
    return q && q->next() ? q->value(0) : QVariant();
}

struct Fixture {
    qint64 stationId = 0;
    qint64 memberId = 0;
    qint64 sessionId = 0;
};

// A 1.6 (or 2.0.1) station, connected; a member with a balance; an ongoing session costing `amount`.
Fixture running(const storage::Database &db, qint64 balance, qint64 threshold, qint64 amount,
                const QString &protocol = QStringLiteral("ocpp1.6"), const QString &tx = QStringLiteral("1444"))
{
    Fixture f;
    f.stationId = insert(db,
                         QStringLiteral("INSERT INTO stations (charge_point_id, protocol, connected_since_ms, created_ms) "
                                        "VALUES ('F2677', ?, ?, ?)"),
                         {protocol, kT0, kT0});
    f.memberId = insert(db,
                        QStringLiteral("INSERT INTO members (name, balance_minor, auto_stop_threshold_minor, created_ms) "
                                       "VALUES ('Tolik', ?, ?, ?)"),
                        {balance, threshold, kT0});
    storage::Session s;
    s.stationId = f.stationId;
    s.connectorId = 4;
    s.transactionId = tx;
    s.memberId = f.memberId;
    s.status = QStringLiteral("ongoing");
    auto created = storage::SessionRepository(db).create(s, kT0);
    if (!created)
        return f;
    if (exec(db, QStringLiteral("UPDATE sessions SET amount_minor = ?, member_id = ? WHERE id = ?"),
             {amount, f.memberId, created->id}))
        f.sessionId = created->id;
    return f;
}

bool addEnergy(const storage::Database &db, qint64 sessionId, qint64 stationId, qint64 receivedMs, qint64 wh)
{
    return exec(db,
                      QStringLiteral("INSERT INTO meter_samples (session_id, station_id, station_at_ms, received_ms, measurand, "
                                     "unit, value_milli) VALUES (?, ?, ?, ?, 'Energy.Active.Import.Register', 'Wh', ?)"),
                {sessionId, stationId, receivedMs, receivedMs, wh * 1000});
}

}  // namespace

class TestBalanceGuard : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(TestDatabase::backendName())); }
    void decision_data();
    void decision();
    void stopsOnceAtTheThreshold();
    void aboveTheThresholdKeepsCharging();
    void accountWithoutProtectionKeepsCharging();
    void ocpp201StationGetsRequestStop();
    void departmentBalanceComesFirst();
    void departmentPoolStopsEveryVehicle();
    void memberPoolCountsOwnSessionsOnly();
    void stationThatKeepsCharging();
};

void TestBalanceGuard::decision_data()
{
    QTest::addColumn<qint64>("balance");
    QTest::addColumn<qint64>("threshold");
    QTest::addColumn<qint64>("amount");
    QTest::addColumn<bool>("stop");
    QTest::newRow("plenty left") << qint64(10000) << qint64(100) << qint64(5000) << false;
    QTest::newRow("one above") << qint64(10000) << qint64(100) << qint64(9899) << false;
    QTest::newRow("exactly at threshold") << qint64(10000) << qint64(100) << qint64(9900) << true;
    QTest::newRow("below") << qint64(10000) << qint64(100) << qint64(9950) << true;
    QTest::newRow("threshold 0, balance spent") << qint64(5000) << qint64(0) << qint64(5000) << true;
    QTest::newRow("already negative (offline station)") << qint64(-300) << qint64(0) << qint64(0) << true;
}

void TestBalanceGuard::decision()
{
    QFETCH(qint64, balance);
    QFETCH(qint64, threshold);
    QFETCH(qint64, amount);
    QFETCH(bool, stop);
    QCOMPARE(decideAutoStop({balance, threshold, amount}) == BalanceDecision::Stop, stop);
    QCOMPARE(remainingMinor({balance, threshold, amount}), balance - amount);
    // The rest of the pool counts too: half of the amount in this session, half in the others.
    QCOMPARE(decideAutoStop({balance, threshold, amount / 2, amount - amount / 2}) == BalanceDecision::Stop, stop);
    QCOMPARE(remainingMinor({balance, threshold, amount / 2, amount - amount / 2}), balance - amount);
}

void TestBalanceGuard::stopsOnceAtTheThreshold()
{
    TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualClock clock(kT0);
    const Fixture f = running(fixture.db(), 5000, 100, 4950);
    QVERIFY(f.sessionId > 0);
    AutoStop guard(fixture.db(), clock);
    auto stopped = guard.check(f.sessionId);
    QVERIFY2(stopped.ok(), qPrintable(stopped.error().message));
    QVERIFY(stopped->has_value());
    auto command = storage::CommandRepository(fixture.db()).find(**stopped);
    QVERIFY(command.ok() && command->has_value());
    QCOMPARE((*command)->action, QStringLiteral("RemoteStopTransaction"));
    QCOMPARE((*command)->payload, QStringLiteral("{\"transactionId\":1444}"));
    QCOMPARE((*command)->requestedBy, QStringLiteral("system:auto-stop"));
    QCOMPARE((*command)->state, storage::CommandRecord::State::Queued);
    QVERIFY2((*command)->reason.contains(QStringLiteral("Balance left 50")), qPrintable((*command)->reason));
    QCOMPARE(scalar(fixture.db(), QStringLiteral("SELECT COUNT(*) FROM session_events WHERE session_id = ? AND kind = 'auto_stop'"),
                    {f.sessionId})
                 .toLongLong(),
             qint64(1));
    // Asked once: a second look sends nothing more.
    auto again = guard.check(f.sessionId);
    QVERIFY(again.ok());
    QVERIFY(!again->has_value());
    QCOMPARE(scalar(fixture.db(), QStringLiteral("SELECT COUNT(*) FROM commands")).toLongLong(), qint64(1));
}

void TestBalanceGuard::aboveTheThresholdKeepsCharging()
{
    TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    const Fixture f = running(fixture.db(), 5000, 100, 4899);
    AutoStop guard(fixture.db());
    auto stopped = guard.check(f.sessionId);
    QVERIFY(stopped.ok());
    QVERIFY(!stopped->has_value());
    QCOMPARE(scalar(fixture.db(), QStringLiteral("SELECT COUNT(*) FROM commands")).toLongLong(), qint64(0));
    // A finished session is never stopped.
    QVERIFY(exec(fixture.db(), QStringLiteral("UPDATE sessions SET status = 'finished', amount_minor = 9999")));
    QVERIFY(!guard.check(f.sessionId)->has_value());
}

void TestBalanceGuard::accountWithoutProtectionKeepsCharging()
{
    // Balance 0 and threshold 0: nothing set up (a member as created), not "nothing left".
    TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    const Fixture f = running(fixture.db(), 0, 0, 2500);
    auto stopped = AutoStop(fixture.db()).check(f.sessionId);
    QVERIFY2(stopped.ok(), qPrintable(stopped.error().message));
    QVERIFY(!stopped->has_value());
    QCOMPARE(scalar(fixture.db(), QStringLiteral("SELECT COUNT(*) FROM commands")).toLongLong(), qint64(0));
    // A threshold set on the same account turns protection on.
    QVERIFY(exec(fixture.db(), QStringLiteral("UPDATE members SET auto_stop_threshold_minor = 100")));
    QVERIFY(AutoStop(fixture.db()).check(f.sessionId)->has_value());
}

void TestBalanceGuard::ocpp201StationGetsRequestStop()
{
    TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    const Fixture f = running(fixture.db(), 1000, 0, 1000, QStringLiteral("ocpp2.0.1"), QStringLiteral("tx-7f3a"));
    auto stopped = AutoStop(fixture.db()).check(f.sessionId);
    QVERIFY2(stopped.ok(), qPrintable(stopped.error().message));
    QVERIFY(stopped->has_value());
    auto command = storage::CommandRepository(fixture.db()).find(**stopped);
    QCOMPARE((*command)->action, QStringLiteral("RequestStopTransaction"));
    QCOMPARE((*command)->payload, QStringLiteral("{\"transactionId\":\"tx-7f3a\"}"));
}

void TestBalanceGuard::departmentBalanceComesFirst()
{
    TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    // The member is rich, the department's pooled balance is spent: the department decides.
    const Fixture f = running(fixture.db(), 1'000'000, 0, 2000);
    const qint64 department = insert(fixture.db(),
                                     QStringLiteral("INSERT INTO departments (name, balance_minor, auto_stop_threshold_minor, "
                                                    "created_ms) VALUES ('Fleet', 2100, 100, ?)"),
                                     {kT0});
    QVERIFY(exec(fixture.db(), QStringLiteral("UPDATE sessions SET department_id = ? WHERE id = ?"), {department, f.sessionId}));
    auto stopped = AutoStop(fixture.db()).check(f.sessionId);
    QVERIFY(stopped.ok());
    QVERIFY(stopped->has_value());
    const QString detail = scalar(fixture.db(), QStringLiteral("SELECT detail FROM session_events WHERE kind = 'auto_stop'")).toString();
    const auto d = nlohmann::json::parse(detail.toStdString());
    QCOMPARE(d["account"].get<std::string>(), std::string("department"));
    QCOMPARE(d["remainingMinor"].get<qint64>(), qint64(100));
}

// Issue #6 gap 4: one department card, several vehicles at once: each session alone is far from the
// threshold, together they spend the pool, so every one of them stops. A child department billing
// to its parent spends the parent's pool; card-hold and closed sessions do not count.
void TestBalanceGuard::departmentPoolStopsEveryVehicle()
{
    TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    const auto &db = fixture.db();
    ManualClock clock(kT0);
    const Fixture first = running(db, 0, 0, 1500);
    QVERIFY(first.sessionId > 0);
    const qint64 fleet = insert(db,
                                QStringLiteral("INSERT INTO departments (name, balance_minor, auto_stop_threshold_minor, created_ms) "
                                               "VALUES ('Fleet', 5000, 100, ?)"),
                                {kT0});
    const qint64 vans = insert(db,
                               QStringLiteral("INSERT INTO departments (name, parent_id, bill_to_parent, balance_minor, created_ms) "
                                              "VALUES ('Vans', ?, 1, 900000, ?)"),
                               {fleet, kT0});
    const qint64 trucks = insert(db,
                                 QStringLiteral("INSERT INTO departments (name, parent_id, bill_to_parent, balance_minor, created_ms) "
                                                "VALUES ('Trucks', ?, 0, 900000, ?)"),
                                 {fleet, kT0});
    QVERIFY(exec(db, QStringLiteral("UPDATE sessions SET department_id = ?, member_id = NULL WHERE id = ?"), {fleet, first.sessionId}));
    const auto another = [&](qint64 department, qint64 amount, const QString &tx, const QString &hold = QStringLiteral("none")) {
        storage::Session s;
        s.stationId = first.stationId;
        s.connectorId = int(tx.toInt() - 1430);  // 15, 16, …: one session per connector
        s.transactionId = tx;
        s.departmentId = department;
        s.status = QStringLiteral("ongoing");
        auto created = storage::SessionRepository(db).create(s, kT0);
        if (!created)
            return qint64(0);
        if (!exec(db, QStringLiteral("UPDATE sessions SET amount_minor = ?, department_id = ?, hold_status = ? WHERE id = ?"),
                  {amount, department, hold, created->id}))
            return qint64(0);
        return created->id;
    };
    const qint64 second = another(vans, 1500, QStringLiteral("1445"));  // a child billing to the fleet: same pool
    QVERIFY(second > 0);
    QVERIFY(another(trucks, 4000, QStringLiteral("1446")) > 0);                          // pays itself: not the pool
    QVERIFY(another(fleet, 4000, QStringLiteral("1447"), QStringLiteral("hold")) > 0);  // a card pays it
    const qint64 closed = another(fleet, 4000, QStringLiteral("1448"));
    QVERIFY(exec(db, QStringLiteral("UPDATE sessions SET status = 'finished', stop_source = 'station' WHERE id = ?"), {closed}));

    AutoStop guard(db, clock);
    auto pool = guard.poolAmountMinor(true, fleet, first.sessionId);
    QVERIFY2(pool, qPrintable(pool.error().message));
    QCOMPARE(*pool, qint64(1500));
    // 5000 − 1500 − 1500 = 2000 left: both keep charging.
    auto stopped = guard.check(first.sessionId);
    QVERIFY2(stopped, qPrintable(stopped.error().message));
    QVERIFY(!stopped->has_value());
    QVERIFY(!guard.check(second)->has_value());
    // Each now costs 2450: alone 2550 would be left (above 1.00), together 100 (at the threshold).
    QVERIFY(exec(db, QStringLiteral("UPDATE sessions SET amount_minor = 2450 WHERE id IN (?, ?)"), {first.sessionId, second}));
    stopped = guard.check(first.sessionId);
    QVERIFY2(stopped, qPrintable(stopped.error().message));
    QVERIFY(stopped->has_value());
    auto stoppedToo = guard.check(second);
    QVERIFY(stoppedToo && stoppedToo->has_value());
    QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM commands WHERE action = 'RemoteStopTransaction'")).toLongLong(),
             qint64(2));
    const auto d = nlohmann::json::parse(
        scalar(db, QStringLiteral("SELECT detail FROM session_events WHERE session_id = ? AND kind = 'auto_stop'"), {second})
            .toString()
            .toStdString());
    QCOMPARE(d["account"].get<std::string>(), std::string("department"));
    QCOMPARE(d["balanceMinor"].get<qint64>(), qint64(5000));
    QCOMPARE(d["sessionAmountMinor"].get<qint64>(), qint64(2450));
    QCOMPARE(d["otherSessionsMinor"].get<qint64>(), qint64(2450));
    QCOMPARE(d["remainingMinor"].get<qint64>(), qint64(100));
}

void TestBalanceGuard::memberPoolCountsOwnSessionsOnly()
{
    // Two sessions of one member (no department card): 5000 − 2450 − 2450 ≤ 100 stops; a session on
    // a department card is the department's, not the member's.
    TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    const auto &db = fixture.db();
    const Fixture f = running(db, 5000, 100, 2450);
    storage::Session s;
    s.stationId = f.stationId;
    s.connectorId = 2;
    s.transactionId = QStringLiteral("1500");
    s.memberId = f.memberId;
    s.status = QStringLiteral("ongoing");
    auto other = storage::SessionRepository(db).create(s, kT0);
    QVERIFY(other);
    QVERIFY(exec(db, QStringLiteral("UPDATE sessions SET amount_minor = 2450, member_id = ? WHERE id = ?"), {f.memberId, other->id}));
    const qint64 department = insert(db, QStringLiteral("INSERT INTO departments (name, balance_minor, created_ms) VALUES ('D', 1, ?)"),
                                     {kT0});
    QVERIFY(exec(db, QStringLiteral("UPDATE sessions SET department_id = ? WHERE id = ?"), {department, other->id}));
    AutoStop guard(db);
    QCOMPARE(*guard.poolAmountMinor(false, f.memberId, f.sessionId), qint64(0));
    QVERIFY(!guard.check(f.sessionId)->has_value());
    QVERIFY(exec(db, QStringLiteral("UPDATE sessions SET department_id = NULL WHERE id = ?"), {other->id}));
    QCOMPARE(*guard.poolAmountMinor(false, f.memberId, f.sessionId), qint64(2450));
    auto stopped = guard.check(f.sessionId);
    QVERIFY(stopped && stopped->has_value());
}

void TestBalanceGuard::stationThatKeepsCharging()
{
    TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualClock clock(kT0 + 10 * 60'000);
    const Fixture f = running(fixture.db(), 5000, 100, 4950);
    auto commandId = AutoStop(fixture.db(), clock).check(f.sessionId);
    QVERIFY(commandId.ok() && commandId->has_value());
    QVERIFY(addEnergy(fixture.db(), f.sessionId, f.stationId, kT0 + 60'000, 4800));
    QVERIFY(addEnergy(fixture.db(), f.sessionId, f.stationId, kT0 + 120'000, 4900));

    StopNotHonoured detector(fixture.db(), clock);
    // Not accepted yet: nothing to say.
    QCOMPARE(*detector.check(f.sessionId), false);
    // The station accepts the stop at T0 + 2 min...
    QVERIFY(exec(fixture.db(), QStringLiteral("UPDATE commands SET state = 'succeeded', completed_ms = ?, result = ? WHERE id = ?"),
                 {kT0 + 125'000, QStringLiteral("{\"status\":\"Accepted\"}"), **commandId}));
    // ...the last words of a stopping charger within the grace period are fine...
    QVERIFY(addEnergy(fixture.db(), f.sessionId, f.stationId, kT0 + 150'000, 4905));
    QCOMPARE(*detector.check(f.sessionId), false);
    // ...a register that still climbs minutes later is not.
    QVERIFY(addEnergy(fixture.db(), f.sessionId, f.stationId, kT0 + 300'000, 5300));
    auto found = detector.check(f.sessionId);
    QVERIFY2(found.ok(), qPrintable(found.error().message));
    QCOMPARE(*found, true);
    const QString detail =
        scalar(fixture.db(), QStringLiteral("SELECT detail FROM session_events WHERE session_id = ? AND kind = 'stop_not_honoured'"),
               {f.sessionId})
            .toString();
    const auto d = nlohmann::json::parse(detail.toStdString());
    QCOMPARE(d["energyAtStopWh"].get<qint64>(), qint64(4900));
    QCOMPARE(d["energyNowWh"].get<qint64>(), qint64(5300));
    QCOMPARE(d["risenWh"].get<qint64>(), qint64(400));
    QCOMPARE(d["commandId"].get<qint64>(), **commandId);
    // Recorded once.
    QCOMPARE(*detector.check(f.sessionId), true);
    QCOMPARE(scalar(fixture.db(), QStringLiteral("SELECT COUNT(*) FROM session_events WHERE kind = 'stop_not_honoured'")).toLongLong(),
             qint64(1));
}

QTEST_GUILESS_MAIN(TestBalanceGuard)
#include "tst_balance_guard.moc"
