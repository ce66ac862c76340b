// Issuing a session's bill (core/billing/billingservice, sessionbilling, tariffsessionpricing): bill
// version 1 with its inputs, once; the member's balance (or the department's pool, or its parent's
// with bill to parent) debited once with an audit row, card-hold sessions not; the best coupon
// used; the anomaly tagger inside the transaction (an error rolls everything back); settlement by
// the sub-operator's mode (settled / provisional / held); zpd_case#4 through the database;
// the automatic billing of closed sessions and its sweep; the hold capture priced like the bill;
// a debit caps the member's refundable amount at the new balance; a session no tariff applies to
// gets a zero-price bill that is tagged, moves no money and is priced by a later correction; the
// capture gate of card holds (settle first / wait for the bill / held / corrected); two servers billing
// one session at once: the loser returns the winner's bill.
// Runs on SQLCipher and PostgreSQL.

#include "support/testdatabase.h"

#include "core/anomalies/correctionengine.h"
#include "core/billing/anomalytagger.h"
#include "core/billing/billingservice.h"
#include "core/billing/billrepository.h"
#include "core/billing/sessionbilling.h"
#include "core/billing/settlement.h"
#include "core/billing/tariffrepository.h"
#include "core/billing/tariffsessionpricing.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

#include <optional>
#include <thread>

using namespace cd;
using namespace cd::billing;
using cd::test::TestDatabase;

namespace {

constexpr qint64 kT0 = 1'764'547'200'000;  // 2025-12-01 00:00 UTC
constexpr qint64 kMin = 60'000;

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

class FakeTagger final : public AnomalyTagger {
public:
    QList<int> codes;
    bool fail = false;
    const storage::Database *db = nullptr;
    Expected<QList<int>> tag(qint64 sessionId, qint64 billId) override
    {
        if (fail)
            return Error{ExitCode::Failure, QStringLiteral("tagger broke")};
        for (int c : codes) {
            if (!exec(*db,
                      QStringLiteral("INSERT INTO bill_anomalies (bill_id, session_id, code, detected_ms) VALUES (?,?,?,?)"),
                      {billId, sessionId, c, kT0}))
                return Error{ExitCode::Failure, QStringLiteral("insert failed")};
        }
        return codes;
    }
};

struct World {
    qint64 subOperator = 0;
    qint64 site = 0;
    qint64 station = 0;
    qint64 member = 0;
    qint64 tariff = 0;
};

// A sub-operator, its site and station, a member with 100.00, the global tariff: 1.00 + 0.50 per kWh,
// idle 0.80/min after 15 free minutes.
World world(const storage::Database &db, const Clock &clock)
{
    World w;
    w.subOperator = insert(db, QStringLiteral("INSERT INTO sub_operators (name, created_ms) VALUES ('Zhanpengda', ?)"), {kT0});
    w.site = insert(db, QStringLiteral("INSERT INTO sites (name, sub_operator_id, created_ms) VALUES ('Shiyan 108', ?, ?)"),
                    {w.subOperator, kT0});
    w.station = insert(db, QStringLiteral("INSERT INTO stations (charge_point_id, site_id, created_ms) VALUES ('CP1', ?, ?)"),
                       {w.site, kT0});
    w.member = insert(db, QStringLiteral("INSERT INTO members (name, balance_minor, created_ms) VALUES ('Li', 10000, ?)"), {kT0});
    Tariff t;
    t.name = QStringLiteral("Default");
    t.currency = QStringLiteral("CNY");
    t.energyPriceMinorPerKwh = 100;
    t.serviceFeeMinorPerKwh = 50;
    t.idleFeeMinorPerMinute = 80;
    t.idleFreeMinutes = 15;
    t.validFromMs = kT0 - 24 * 3600 * 1000LL;
    auto saved = TariffRepository(db, clock).save(t, QStringLiteral("test"), {});
    w.tariff = saved ? saved->id : 0;
    return w;
}

// A session that charged `wh` from kT0 + 1 h for 30 min, stopped (unplugged) `idleMin` minutes later.
qint64 session(const storage::Database &db, const World &w, qint64 wh, int idleMin = 0,
               std::optional<qint64> member = std::nullopt, std::optional<qint64> department = std::nullopt,
               const QString &status = QStringLiteral("finished"))
{
    storage::Session s;
    s.stationId = w.station;
    s.connectorId = 1;
    s.transactionId = QStringLiteral("77");
    s.memberId = member;
    s.departmentId = department;
    auto created = storage::SessionRepository(db).create(s, kT0);
    if (!created)
        return 0;
    storage::Session c = *created;
    const qint64 start = kT0 + 60 * kMin;
    c.status = status;
    c.meterStartWh = 1000;
    c.startedMs = start;
    c.chargingStartedMs = start;
    if (status != u"ongoing") {
        c.meterStopWh = 1000 + wh;
        c.energyWh = wh;
        c.chargingEndedMs = start + 30 * kMin;
        c.endedMs = start + (30 + idleMin) * kMin;
        c.stopSource = QStringLiteral("station");
    }
    if (!storage::SessionRepository(db).update(c, kT0 + 2 * 3600 * 1000LL))
        return 0;
    return c.id;
}

qint64 balance(const storage::Database &db, const QString &table, qint64 id)
{
    return scalar(db, QStringLiteral("SELECT balance_minor FROM %1 WHERE id = ?").arg(table), {id}).toLongLong();
}

qint64 refundable(const storage::Database &db, qint64 memberId)
{
    return scalar(db, QStringLiteral("SELECT refundable_minor FROM members WHERE id = ?"), {memberId}).toLongLong();
}

// No tariff in force: the world's global tariff starts only next year.
bool noTariff(const storage::Database &db)
{
    return exec(db, QStringLiteral("UPDATE tariffs SET valid_from_ms = ?"), {kT0 + 365LL * 24 * 3600 * 1000});
}

}  // namespace

class TestBillingService : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { qInfo() << "backend:" << TestDatabase::backendName(); }

    void issueDebitsOnce()
    {
        TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        const auto &db = fixture.db();
        ManualClock clock(kT0 + 3 * 3600 * 1000LL);
        const World w = world(db, clock);
        QVERIFY(w.tariff > 0);
        const qint64 id = session(db, w, 20000, 0, w.member);
        QVERIFY(id > 0);
        BillingService service(db, clock);
        service.setDefaultSettlementMode(SettlementMode::SettleFirst);
        auto issued = service.issue(id);
        QVERIFY2(issued, qPrintable(issued.error().message));
        QVERIFY(issued->created);
        QCOMPARE(issued->state, SettlementState::Settled);
        QCOMPARE(issued->debitedMinor, qint64(3000));
        QCOMPARE(balance(db, QStringLiteral("members"), w.member), qint64(7000));

        auto bill = BillRepository(db).current(id);
        QVERIFY(bill && bill->has_value());
        const Bill &b = **bill;
        QCOMPARE(b.version, 1);
        QCOMPARE(b.totalMinor, qint64(3000));
        QCOMPARE(b.energyFeeMinor, qint64(2000));
        QCOMPARE(b.serviceFeeMinor, qint64(1000));
        QCOMPARE(b.energyWh, qint64(20000));
        QCOMPARE(b.tariffId, std::optional<qint64>(w.tariff));
        QCOMPARE(b.settlementState, SettlementState::Settled);
        QVERIFY(b.detail.has_value());
        QCOMPARE(b.detail->totalMinor, qint64(3000));
        QVERIFY(b.detail->explanation().constLast().contains(u"30.00"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT amount_minor FROM sessions WHERE id = ?"), {id}).toLongLong(), qint64(3000));

        // Again: the same bill, nothing moves.
        auto again = service.issueBill(id);
        QVERIFY(again);
        QCOMPARE(*again, b.id);
        QCOMPARE(balance(db, QStringLiteral("members"), w.member), qint64(7000));
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM bills")).toInt(), 1);
        auto audit = storage::AuditLogRepository(db, clock).latest(10, QStringLiteral("bill"));
        QCOMPARE(audit->size(), 1);
        QCOMPARE(audit->constFirst().action, QStringLiteral("bill.debit"));
        QCOMPARE(audit->constFirst().entityId, QString::number(b.id));
    }

    // Two servers on one database bill the same session at once. The winner's bill is written but
    // not yet committed when the loser looks, so the loser finds no bill and goes on; on PostgreSQL
    // its INSERT then waits for the winner and breaks UNIQUE (session_id, version), on SQLCipher its
    // BEGIN waits for the winner. Either way the loser returns the winner's bill and moves no money.
    void raceLoserReturnsWinnersBill()
    {
        TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        const auto &db = fixture.db();
        ManualClock clock(kT0 + 3 * 3600 * 1000LL);
        const World w = world(db, clock);
        const qint64 id = session(db, w, 20000, 0, w.member);
        QVERIFY(id > 0);

        storage::Transaction winner(db.connection());
        QVERIFY(winner.begin());
        Bill won;
        won.sessionId = id;
        won.currency = QStringLiteral("CNY");
        won.totalMinor = 1234;
        won.settlementState = SettlementState::Settled;
        won.createdBy = QStringLiteral("server-2");
        won.createdMs = kT0;
        auto wonId = BillRepository(db).insert(won);
        QVERIFY2(wonId, qPrintable(wonId.error().message));

        std::optional<Expected<IssuedBill>> lost;
        std::thread loser([&] {
            BillingService service(db, clock);
            service.setDefaultSettlementMode(SettlementMode::SettleFirst);
            lost = service.issue(id);
            db.releaseThreadConnection();
        });
        if (TestDatabase::postgres()) {
            // Not a timing assumption: wait until the loser's INSERT is blocked on the winner's row.
            QTRY_VERIFY_WITH_TIMEOUT(scalar(db, QStringLiteral("SELECT COUNT(*) FROM pg_locks WHERE NOT granted")).toInt() > 0,
                                     30000);
        }
        QVERIFY(winner.commit());
        loser.join();

        QVERIFY(lost.has_value());
        QVERIFY2(*lost, qPrintable(lost->error().message));
        QCOMPARE((*lost)->billId, *wonId);
        QVERIFY(!(*lost)->created);
        QCOMPARE((*lost)->state, SettlementState::Settled);
        QCOMPARE((*lost)->debitedMinor, qint64(0));
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM bills WHERE session_id = ?"), {id}).toInt(), 1);
        QCOMPARE(balance(db, QStringLiteral("members"), w.member), qint64(10000));
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'bill.debit'")).toInt(), 0);
    }

    void openSessionRefusedUnlessAbandoned()
    {
        TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        const auto &db = fixture.db();
        ManualClock clock(kT0 + 3 * 3600 * 1000LL);
        const World w = world(db, clock);
        const qint64 id = session(db, w, 0, 0, w.member, std::nullopt, QStringLiteral("ongoing"));
        BillingService service(db, clock);
        QVERIFY(!service.issueBill(id));
        IssueOptions abandoned;
        abandoned.abandoned = true;
        auto issued = service.issueBill(id, abandoned);
        QVERIFY2(issued, qPrintable(issued.error().message));
    }

    void departmentPoolAndParent()
    {
        TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        const auto &db = fixture.db();
        ManualClock clock(kT0 + 3 * 3600 * 1000LL);
        const World w = world(db, clock);
        const qint64 parent = insert(db, QStringLiteral("INSERT INTO departments (name, balance_minor, created_ms) VALUES ('HQ', 50000, ?)"),
                                     {kT0});
        const qint64 dept = insert(db,
                                   QStringLiteral("INSERT INTO departments (name, parent_id, bill_to_parent, balance_minor, created_ms) "
                                                  "VALUES ('Vans', ?, 0, 20000, ?)"),
                                   {parent, kT0});
        BillingService service(db, clock);
        const qint64 first = session(db, w, 10000, 0, w.member, dept);
        QVERIFY(service.issueBill(first));
        QCOMPARE(balance(db, QStringLiteral("departments"), dept), qint64(18500));
        QCOMPARE(balance(db, QStringLiteral("members"), w.member), qint64(10000));
        QVERIFY(exec(db, QStringLiteral("UPDATE departments SET bill_to_parent = 1 WHERE id = ?"), {dept}));
        const qint64 second = session(db, w, 10000, 0, std::nullopt, dept);
        QVERIFY(service.issueBill(second));
        QCOMPARE(balance(db, QStringLiteral("departments"), dept), qint64(18500));
        QCOMPARE(balance(db, QStringLiteral("departments"), parent), qint64(48500));
    }

    void cardHoldNotDebited()
    {
        TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        const auto &db = fixture.db();
        ManualClock clock(kT0 + 3 * 3600 * 1000LL);
        const World w = world(db, clock);
        const qint64 id = session(db, w, 10000, 0, w.member);
        QVERIFY(exec(db, QStringLiteral("UPDATE sessions SET hold_status = 'success', amount_minor = 1500 WHERE id = ?"), {id}));
        auto issued = BillingService(db, clock).issue(id);
        QVERIFY(issued);
        QCOMPARE(issued->debitedMinor, qint64(0));
        QCOMPARE(issued->payer.kind, BalancePayer::Kind::None);
        QCOMPARE(balance(db, QStringLiteral("members"), w.member), qint64(10000));

        // The hold capture is priced like the bill.
        auto s = storage::SessionRepository(db).find(id);
        auto quote = TariffSessionPricing(db, clock).quote(**s, (**s).energyWh);
        QVERIFY(quote && quote->has_value());
        QCOMPARE((**quote).amountMinor, (**BillRepository(db).current(id)).totalMinor);
        QCOMPARE((**quote).currency, QStringLiteral("CNY"));
        QCOMPARE((**quote).tariffId, w.tariff);
        QCOMPARE((**quote).pricePerKwhMinor, qint64(150));
        // Another energy (the operator set it): spread evenly.
        quote = TariffSessionPricing(db, clock).quote(**s, 2000);
        QCOMPARE((**quote).amountMinor, qint64(300));
    }

    void couponUsed()
    {
        TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        const auto &db = fixture.db();
        ManualClock clock(kT0 + 3 * 3600 * 1000LL);
        const World w = world(db, clock);
        const qint64 small = insert(db,
                                    QStringLiteral("INSERT INTO coupons (code, amount_minor, min_spend_minor, member_id, created_ms) "
                                                   "VALUES ('S', 300, 0, ?, ?)"),
                                    {w.member, kT0});
        const qint64 big = insert(db,
                                  QStringLiteral("INSERT INTO coupons (code, amount_minor, min_spend_minor, member_id, created_ms) "
                                                 "VALUES ('B', 800, 2000, ?, ?)"),
                                  {w.member, kT0});
        insert(db,
               QStringLiteral("INSERT INTO coupons (code, amount_minor, min_spend_minor, member_id, created_ms) "
                              "VALUES ('TOO_BIG_SPEND', 2000, 100000, ?, ?)"),
               {w.member, kT0});
        const qint64 id = session(db, w, 20000, 0, w.member);
        BillingService service(db, clock);
        auto issued = service.issue(id);
        QVERIFY2(issued, qPrintable(issued.error().message));
        const Bill b = **BillRepository(db).current(id);
        QCOMPARE(b.couponId, std::optional<qint64>(big));
        QCOMPARE(b.couponDeductionMinor, qint64(800));
        QCOMPARE(b.totalMinor, qint64(2200));
        QCOMPARE(scalar(db, QStringLiteral("SELECT status FROM coupons WHERE id = ?"), {big}).toString(), QStringLiteral("used"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT used_session_id FROM coupons WHERE id = ?"), {big}).toLongLong(), id);
        QCOMPARE(scalar(db, QStringLiteral("SELECT status FROM coupons WHERE id = ?"), {small}).toString(), QStringLiteral("issued"));
        QCOMPARE(balance(db, QStringLiteral("members"), w.member), qint64(10000 - 2200));
        // The next session: only the small one is left (one coupon per session).
        const qint64 next = session(db, w, 20000, 0, w.member);
        QVERIFY(service.issue(next));
        QCOMPARE((**BillRepository(db).current(next)).couponId, std::optional<qint64>(small));
    }

    void settlementModes_data()
    {
        QTest::addColumn<QString>("mode");  // the sub-operator's
        QTest::addColumn<QList<int>>("codes");
        QTest::addColumn<QString>("state");
        QTest::addColumn<qint64>("debited");

        QTest::newRow("settle first, clean") << "settle_first" << QList<int>{} << "settled" << qint64(3000);
        QTest::newRow("settle first, anomalies") << "settle_first" << QList<int>{6, 3} << "provisional" << qint64(3000);
        QTest::newRow("hold, clean") << "hold_until_corrected" << QList<int>{} << "settled" << qint64(3000);
        QTest::newRow("hold, anomalies") << "hold_until_corrected" << QList<int>{8} << "held" << qint64(0);
    }

    void settlementModes()
    {
        QFETCH(QString, mode);
        QFETCH(QList<int>, codes);
        QFETCH(QString, state);
        QFETCH(qint64, debited);
        TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        const auto &db = fixture.db();
        ManualClock clock(kT0 + 3 * 3600 * 1000LL);
        const World w = world(db, clock);
        QVERIFY(exec(db, QStringLiteral("UPDATE sub_operators SET settlement_mode = ? WHERE id = ?"), {mode, w.subOperator}));
        const qint64 id = session(db, w, 20000, 0, w.member);
        FakeTagger tagger;
        tagger.db = &db;
        tagger.codes = codes;
        BillingService service(db, clock);
        service.setDefaultSettlementMode(SettlementMode::SettleFirst);
        service.setAnomalyTagger(&tagger);
        auto issued = service.issue(id);
        QVERIFY2(issued, qPrintable(issued.error().message));
        QCOMPARE(issued->anomalyCodes, codes);
        QCOMPARE(SettlementText::stateName(issued->state), state);
        QCOMPARE(issued->debitedMinor, debited);
        QCOMPARE(balance(db, QStringLiteral("members"), w.member), 10000 - debited);
        QCOMPARE(scalar(db, QStringLiteral("SELECT settlement_state FROM bills WHERE session_id = ?"), {id}).toString(), state);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM bill_anomalies WHERE session_id = ?"), {id}).toInt(),
                 codes.size());
    }

    void defaultModeWithoutSubOperator()
    {
        TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        const auto &db = fixture.db();
        ManualClock clock(kT0 + 3 * 3600 * 1000LL);
        const World w = world(db, clock);
        QVERIFY(exec(db, QStringLiteral("UPDATE sites SET sub_operator_id = NULL WHERE id = ?"), {w.site}));
        const qint64 id = session(db, w, 20000, 0, w.member);
        FakeTagger tagger;
        tagger.db = &db;
        tagger.codes = {4};
        BillingService service(db, clock);
        service.setDefaultSettlementMode(SettlementMode::HoldUntilCorrected);
        service.setAnomalyTagger(&tagger);
        auto issued = service.issue(id);
        QVERIFY(issued);
        QCOMPARE(issued->state, SettlementState::Held);
        QCOMPARE(balance(db, QStringLiteral("members"), w.member), qint64(10000));
    }

    void taggerErrorRollsBack()
    {
        TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        const auto &db = fixture.db();
        ManualClock clock(kT0 + 3 * 3600 * 1000LL);
        const World w = world(db, clock);
        insert(db, QStringLiteral("INSERT INTO coupons (code, amount_minor, member_id, created_ms) VALUES ('C', 100, ?, ?)"),
               {w.member, kT0});
        const qint64 id = session(db, w, 20000, 0, w.member);
        FakeTagger tagger;
        tagger.db = &db;
        tagger.fail = true;
        BillingService service(db, clock);
        service.setAnomalyTagger(&tagger);
        QVERIFY(!service.issue(id));
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM bills")).toInt(), 0);
        QCOMPARE(scalar(db, QStringLiteral("SELECT status FROM coupons")).toString(), QStringLiteral("issued"));
        QCOMPARE(balance(db, QStringLiteral("members"), w.member), qint64(10000));
        tagger.fail = false;
        QVERIFY(service.issue(id));
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM bills")).toInt(), 1);
    }

    void zpdCase4()
    {
        // 0.80/min after 15 free minutes; unplugged 3 h 20 min 20 s after charging ended → 185 min, 148.00.
        TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        const auto &db = fixture.db();
        ManualClock clock(kT0 + 10 * 3600 * 1000LL);
        const World w = world(db, clock);
        const qint64 id = session(db, w, 0, 0);
        auto s = **storage::SessionRepository(db).find(id);
        s.endedMs = *s.chargingEndedMs + (3 * 60 + 20) * kMin + 20'000;
        QVERIFY(storage::SessionRepository(db).update(s, kT0 + 5 * 3600 * 1000LL));
        QVERIFY(BillingService(db, clock).issue(id));
        const Bill b = **BillRepository(db).current(id);
        QCOMPARE(b.idleFeeMinor, qint64(14800));
        QCOMPARE(b.detail->idleMinutes, qint64(185));
        QCOMPARE(b.totalMinor, qint64(14800));
        QCOMPARE(b.serviceEndedMs, s.endedMs);
    }

    // Issue #6 gap 1: a debit lowers a member's refundable amount to the new balance, in the same
    // statement, on issuing and on a correction's difference; a credit never raises it.
    void debitCapsRefundable_data()
    {
        QTest::addColumn<qint64>("balanceBefore");
        QTest::addColumn<qint64>("refundableBefore");
        QTest::addColumn<qint64>("delta");
        QTest::addColumn<qint64>("refundableAfter");
        QTest::newRow("refundable above the new balance") << qint64(10000) << qint64(9000) << qint64(3000) << qint64(7000);
        QTest::newRow("refundable below it stays") << qint64(10000) << qint64(5000) << qint64(3000) << qint64(5000);
        QTest::newRow("exactly the new balance") << qint64(10000) << qint64(7000) << qint64(3000) << qint64(7000);
        QTest::newRow("balance below zero") << qint64(2000) << qint64(2000) << qint64(3000) << qint64(0);
        QTest::newRow("balance exactly zero") << qint64(3000) << qint64(1000) << qint64(3000) << qint64(0);
        QTest::newRow("credit does not raise it") << qint64(1000) << qint64(500) << qint64(-4000) << qint64(500);
    }

    void debitCapsRefundable()
    {
        QFETCH(qint64, balanceBefore);
        QFETCH(qint64, refundableBefore);
        QFETCH(qint64, delta);
        QFETCH(qint64, refundableAfter);
        QCOMPARE(BillingService::cappedRefundableMinor(refundableBefore, balanceBefore - delta), refundableAfter);
        TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        const auto &db = fixture.db();
        ManualClock clock(kT0 + 3 * 3600 * 1000LL);
        const World w = world(db, clock);
        QVERIFY(exec(db, QStringLiteral("UPDATE members SET balance_minor = ?, refundable_minor = ? WHERE id = ?"),
                     {balanceBefore, refundableBefore, w.member}));
        BillingService service(db, clock);
        storage::Transaction tx(db.connection());
        QVERIFY(tx.begin());
        const Status st = service.debitBalance({BalancePayer::Kind::Member, w.member}, delta, 1, 1, QStringLiteral("test"),
                                               QStringLiteral("why"));
        QVERIFY2(st, st ? "" : qPrintable(st.error().message));
        QVERIFY(tx.commit());
        QCOMPARE(balance(db, QStringLiteral("members"), w.member), balanceBefore - delta);
        QCOMPARE(refundable(db, w.member), refundableAfter);
        auto audit = storage::AuditLogRepository(db, clock).latest(1, QStringLiteral("bill"));
        QVERIFY(audit && audit->size() == 1);
        QVERIFY2(audit->constFirst().beforeState.contains(QStringLiteral("\"refundableMinor\":%1").arg(refundableBefore)),
                 qPrintable(audit->constFirst().beforeState));
        QVERIFY2(audit->constFirst().afterState.contains(QStringLiteral("\"refundableMinor\":%1").arg(refundableAfter)),
                 qPrintable(audit->constFirst().afterState));
    }

    void issuingCapsRefundable()
    {
        // 100.00 of which 95.00 refundable; the bill of 30.00 leaves 70.00, all of it refundable at most.
        TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        const auto &db = fixture.db();
        ManualClock clock(kT0 + 3 * 3600 * 1000LL);
        const World w = world(db, clock);
        QVERIFY(exec(db, QStringLiteral("UPDATE members SET refundable_minor = 9500 WHERE id = ?"), {w.member}));
        const qint64 id = session(db, w, 20000, 0, w.member);
        auto issued = BillingService(db, clock).issue(id);
        QVERIFY2(issued, qPrintable(issued.error().message));
        QCOMPARE(issued->debitedMinor, qint64(3000));
        QCOMPARE(balance(db, QStringLiteral("members"), w.member), qint64(7000));
        QCOMPARE(refundable(db, w.member), qint64(7000));
    }

    // Issue #6 gap 3: a session no tariff applies to gets a zero-price bill, checked for anomalies,
    // moving no money and using no coupon; "recompute with tariff" prices it later.
    void noTariffGetsZeroBill_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QList<int>>("codes");
        QTest::addColumn<QString>("state");
        QTest::newRow("clean") << "settle_first" << QList<int>{} << "settled";
        QTest::newRow("settle first, energy lost") << "settle_first" << QList<int>{11} << "provisional";
        QTest::newRow("hold, bill lost") << "hold_until_corrected" << QList<int>{1, 8} << "held";
    }

    void noTariffGetsZeroBill()
    {
        QFETCH(QString, mode);
        QFETCH(QList<int>, codes);
        QFETCH(QString, state);
        TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        const auto &db = fixture.db();
        ManualClock clock(kT0 + 3 * 3600 * 1000LL);
        const World w = world(db, clock);
        QVERIFY(noTariff(db));
        QVERIFY(exec(db, QStringLiteral("UPDATE sub_operators SET settlement_mode = ? WHERE id = ?"), {mode, w.subOperator}));
        const qint64 coupon = insert(db,
                                     QStringLiteral("INSERT INTO coupons (code, amount_minor, min_spend_minor, member_id, created_ms) "
                                                    "VALUES ('ZERO', 300, 0, ?, ?)"),
                                     {w.member, kT0});
        const qint64 id = session(db, w, 20000, 40, w.member);
        FakeTagger tagger;
        tagger.db = &db;
        tagger.codes = codes;
        BillingService service(db, clock);
        service.setAnomalyTagger(&tagger);
        auto issued = service.issue(id);
        QVERIFY2(issued, qPrintable(issued.error().message));
        QVERIFY(issued->created);
        QVERIFY(issued->billId > 0);
        QCOMPARE(issued->anomalyCodes, codes);
        QCOMPARE(SettlementText::stateName(issued->state), state);
        QCOMPARE(issued->debitedMinor, qint64(0));
        const Bill b = **BillRepository(db).current(id);
        QCOMPARE(b.totalMinor, qint64(0));
        QCOMPARE(b.energyFeeMinor + b.serviceFeeMinor + b.idleFeeMinor + b.couponDeductionMinor, qint64(0));
        QCOMPARE(b.tariffId, std::optional<qint64>());
        QCOMPARE(b.energyWh, qint64(20000));  // measured as usual
        QCOMPARE(b.couponId, std::optional<qint64>());
        QVERIFY(b.detail.has_value());
        QVERIFY(b.detail->input.withoutTariff());
        QVERIFY(b.detail->energyLines.isEmpty());
        const QStringList why = b.detail->explanation();
        QVERIFY2(why.constFirst().contains(QStringLiteral("No tariff applied")), qPrintable(why.join(u'\n')));
        QVERIFY2(why.constLast().contains(QStringLiteral("no tariff applied")), qPrintable(why.join(u'\n')));
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM bill_anomalies WHERE bill_id = ?"), {b.id}).toInt(),
                 codes.size());
        QCOMPARE(balance(db, QStringLiteral("members"), w.member), qint64(10000));
        QCOMPARE(scalar(db, QStringLiteral("SELECT status FROM coupons WHERE id = ?"), {coupon}).toString(), QStringLiteral("issued"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT amount_minor FROM sessions WHERE id = ?"), {id}).toLongLong(), qint64(0));
        QVERIFY(service.issueBill(id));  // no longer an error, and nothing new
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM bills")).toInt(), 1);
        // A hold capture is still not priced without a tariff (the operator finalizes).
        auto quote = TariffSessionPricing(db, clock).quote(**storage::SessionRepository(db).find(id), 20000);
        QVERIFY(quote && !quote->has_value());

        // Recompute with the tariff: 20 kWh × 1.50 + (40 − 15) min × 0.80 = 50.00, the whole of it
        // taken now (nothing was paid), the coupon applies; the anomalies are resolved.
        anomalies::CorrectionEngine engine(db, nullptr, clock);
        anomalies::CorrectionParams params;
        params.tariffId = w.tariff;
        auto preview = engine.plan(b.id, anomalies::CorrectionMethod::RecomputeWithTariff, params);
        QVERIFY2(preview, qPrintable(preview.error().message));
        QVERIFY2(preview->ok(), qPrintable(preview->refusals.join(u' ')));
        QCOMPARE(preview->after.totalMinor, qint64(5000 - 300));
        QVERIFY(preview->balance.has_value());
        QCOMPARE(preview->balance->deltaMinor, qint64(5000 - 300));
        auto applied = engine.apply(*preview, QStringLiteral("Olena"), QStringLiteral("tariff was missing"));
        QVERIFY2(applied, qPrintable(applied.error().message));
        const Bill corrected = **BillRepository(db).current(id);
        QCOMPARE(corrected.version, 2);
        QCOMPARE(corrected.totalMinor, qint64(4700));
        QCOMPARE(corrected.tariffId, std::optional<qint64>(w.tariff));
        QVERIFY(!corrected.detail->input.withoutTariff());
        QVERIFY(!corrected.detail->energyLines.isEmpty());
        QCOMPARE(balance(db, QStringLiteral("members"), w.member), qint64(10000 - 4700));
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM bill_anomalies WHERE session_id = ? AND resolved_ms IS NULL"),
                        {id})
                     .toInt(),
                 0);
    }

    void noTariffBilledAutomatically()
    {
        // SessionBilling no longer skips it: the notice bills it at 0.
        TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        const auto &db = fixture.db();
        ManualClock clock(kT0 + 3 * 3600 * 1000LL);
        const World w = world(db, clock);
        QVERIFY(noTariff(db));
        SessionBilling billing(db, clock, std::chrono::milliseconds(0));
        QSignalSpy issued(&billing, &SessionBilling::billIssued);
        billing.start();
        const qint64 id = session(db, w, 5000, 0, w.member);
        auto s = **storage::SessionRepository(db).find(id);
        QVERIFY(storage::SessionRepository(db).update(s, clock.nowMs() + 1));
        QVERIFY(billing.process(id));
        QCOMPARE(issued.size(), 1);
        QCOMPARE((**BillRepository(db).current(id)).totalMinor, qint64(0));
    }

    // Issue #6 gap 2: whether a card hold may be captured now (billing/settlement.h).
    void captureGate()
    {
        TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        const auto &db = fixture.db();
        ManualClock clock(kT0 + 3 * 3600 * 1000LL);
        const World w = world(db, clock);
        const qint64 id = session(db, w, 20000, 0, w.member);  // written at kT0 + 2 h
        QVERIFY(exec(db, QStringLiteral("UPDATE sessions SET hold_status = 'hold' WHERE id = ?"), {id}));
        const auto decision = [&] {
            auto gate = captureGateForSession(db, id, SettlementMode::SettleFirst);
            return gate ? gate->decision : CaptureDecision(-1);
        };
        // settle_first without a bill: at once.
        QCOMPARE(decision(), CaptureDecision::Capture);
        // hold_until_corrected without a bill: at once while no automatic billing will bill it...
        QVERIFY(exec(db, QStringLiteral("UPDATE sub_operators SET settlement_mode = 'hold_until_corrected'")));
        QCOMPARE(decision(), CaptureDecision::Capture);
        QVERIFY(exec(db, QStringLiteral("INSERT INTO settings (setting_key, setting_value, updated_ms) VALUES (?,?,?)"),
                     {QLatin1String(kAutoBillSinceKey), QString::number(kT0 + 3 * 3600 * 1000LL), kT0}));
        QCOMPARE(decision(), CaptureDecision::Capture);  // closed before it began
        QVERIFY(exec(db, QStringLiteral("UPDATE settings SET setting_value = ?"), {QString::number(kT0)}));
        // ...and waits for the bill once it will.
        QCOMPARE(decision(), CaptureDecision::WaitForBill);
        // A held bill keeps the hold.
        FakeTagger tagger;
        tagger.db = &db;
        tagger.codes = {8, 3};
        BillingService service(db, clock);
        service.setAnomalyTagger(&tagger);
        auto issued = service.issue(id);
        QVERIFY(issued);
        QCOMPARE(issued->state, SettlementState::Held);
        auto gate = captureGateForSession(db, id, SettlementMode::SettleFirst);
        QVERIFY(gate);
        QCOMPARE(gate->decision, CaptureDecision::HeldUntilCorrected);
        QCOMPARE(gate->billId, issued->billId);
        QCOMPARE(gate->anomalyCodes, (QList<int>{3, 8}));
        // A clean (or provisional) bill: capture.
        QVERIFY(exec(db, QStringLiteral("UPDATE bills SET settlement_state = 'provisional'")));
        QCOMPARE(decision(), CaptureDecision::Capture);
        // A corrected bill: the correction's.
        anomalies::CorrectionEngine engine(db, nullptr, clock);
        QVERIFY(exec(db, QStringLiteral("UPDATE bills SET settlement_state = 'held'")));
        QVERIFY(exec(db, QStringLiteral("UPDATE sessions SET hold_status = 'none' WHERE id = ?"), {id}));  // no card in this world
        anomalies::CorrectionParams params;
        params.energyWh = 10000;
        auto preview = engine.plan(issued->billId, anomalies::CorrectionMethod::ManualEnergy, params);
        QVERIFY(preview && preview->ok());
        QVERIFY(engine.apply(*preview, QStringLiteral("Olena"), QStringLiteral("meter")));
        QCOMPARE(decision(), CaptureDecision::CorrectionSettles);
    }

    void automaticBilling()
    {
        TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        const auto &db = fixture.db();
        ManualClock clock(kT0 + 3 * 3600 * 1000LL);
        const World w = world(db, clock);
        // Closed before automatic billing began (updated at kT0 + 2 h): never billed behind anybody's back.
        const qint64 old = session(db, w, 10000, 0, w.member);
        SessionBilling billing(db, clock, std::chrono::milliseconds(0));
        QSignalSpy issued(&billing, &SessionBilling::billIssued);
        billing.start();
        QCOMPARE(issued.size(), 0);
        QCOMPARE(scalar(db, QStringLiteral("SELECT setting_value FROM settings WHERE setting_key = 'billing.autoBillSinceMs'")).toLongLong(),
                 clock.nowMs());

        // A session that ends now: the observer's notice bills it.
        const qint64 id = session(db, w, 10000, 0, w.member);
        auto s = **storage::SessionRepository(db).find(id);
        QVERIFY(storage::SessionRepository(db).update(s, clock.nowMs() + 1));
        billing.sessionCommitted({id, QStringLiteral("StopTransaction")});
        QTRY_COMPARE(issued.size(), 1);
        QCOMPARE(issued.constFirst().at(0).toLongLong(), id);

        // One the notice missed: the sweep bills it.
        const qint64 missed = session(db, w, 10000, 0, w.member);
        s = **storage::SessionRepository(db).find(missed);
        QVERIFY(storage::SessionRepository(db).update(s, clock.nowMs() + 2));
        auto swept = billing.sweep();
        QVERIFY(swept);
        QCOMPARE(*swept, 1);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM bills WHERE session_id = ?"), {old}).toInt(), 0);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM bills")).toInt(), 2);
        QCOMPARE(*billing.sweep(), 0);
    }
};

QTEST_GUILESS_MAIN(TestBillingService)
#include "tst_billing_service.moc"
