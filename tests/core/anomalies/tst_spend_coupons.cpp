// Coupons earned by spend (trigger 'spend', core/accounts/spendcoupons; igo_case#92: "cumulative
// spend from Oct 1 to Nov 30 earns a coupon", then a manual correction lowered the total):
// - a 'spend' rule issues exactly one coupon per member when the spend reaches its threshold (not
//   below, not twice), in the bill's transaction, with earned_by_bill_id and an audit record;
// - a correction that lowers the total below the threshold revokes the unused earned coupon, and
//   reports a used one without revoking it; one that raises it issues the coupon;
// - the preview's lines and JSON name the change;
// - a rule limited to a station, a sub-operator or a department counts only the sessions there;
// - the database holds one live earned coupon per member and rule (migration 0013), and the bill of
//   a server that loses the race to issue it goes on without it;
// - a revoked earned coupon is earned anew when the spend comes back up to the threshold (a new bill
//   or a correction), but not when an operator revoked it and the spend stayed above.

#include "correctionlab.h"
#include "support/testdatabase.h"

#include "core/accounts/accountrepository.h"
#include "core/accounts/couponissuer.h"
#include "core/accounts/couponrepository.h"
#include "core/accounts/spendcoupons.h"
#include "core/anomalies/correctionengine.h"
#include "core/billing/anomalytagger.h"
#include "core/billing/billingservice.h"
#include "core/billing/tariffrepository.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <thread>

using namespace cd;
using namespace cd::anomalies;
using cd::test::TestDatabase;

using namespace cd::test::correctionlab;

namespace {

constexpr qint64 kDay = 24 * 60 * kMinute;

accounts::CouponRule spendRuleOf(qint64 threshold)
{
    accounts::CouponRule r;
    r.name = QStringLiteral("Double festival: spend earns a coupon");
    r.trigger = accounts::CouponTrigger::Spend;
    r.minTotalSpendMinor = threshold;
    r.amountMinor = 500;
    r.validFromMs = kStart - kDay;
    r.validToMs = kStart + 60 * kDay;
    r.createdBy = QStringLiteral("test");
    r.createdMs = kStart - 2 * kDay;
    return r;
}

// Stored: the rule with its id.
accounts::CouponRule stored(Lab &lab, accounts::CouponRule r)
{
    auto id = accounts::CouponRepository(lab.db()).insertRule(r);
    r.id = id ? *id : 0;
    return r;
}

qint64 spendRule(Lab &lab, qint64 threshold)
{
    return stored(lab, spendRuleOf(threshold)).id;
}

qint64 memberSpend(const Lab &lab, qint64 member, const accounts::CouponRule &rule)
{
    auto spend = accounts::CouponRepository(lab.db()).memberSpend(member, rule);
    if (!spend)
        qWarning() << spend.error().message;
    return spend ? *spend : -1;
}

int liveEarned(const Lab &lab, qint64 member)
{
    return lab.scalar(QStringLiteral("SELECT COUNT(*) FROM coupons WHERE member_id = ? AND earned_by_bill_id IS NOT NULL "
                                     "AND revoked_ms IS NULL"),
                      {member})
        .toInt();
}

int earnAudits(const Lab &lab)
{
    return lab.scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'coupon.earn'")).toInt();
}

// A coupon of `rule` for `member` written directly (as another server would), earned by `bill`.
Expected<QSqlQuery> insertEarned(const Lab &lab, const QString &code, qint64 rule, qint64 member, qint64 bill,
                                 std::optional<qint64> revokedMs = {})
{
    return storage::Sql::run(lab.db().connection(),
                             QStringLiteral("INSERT INTO coupons (code, name, amount_minor, member_id, rule_id, earned_by_bill_id, "
                                            "issued_reason, status, revoked_ms, created_ms) VALUES (?,?,500,?,?,?,'spend',?,?,?)"),
                             {code, QStringLiteral("Double festival"), member, rule, bill,
                              revokedMs ? QStringLiteral("revoked") : QStringLiteral("issued"), storage::bindable(revokedMs),
                              kServiceEnd});
}

// The earned coupon's audit record names the spend that earned it.
qint64 auditedSpend(const Lab &lab, qint64 coupon)
{
    const QString after = lab.scalar(QStringLiteral("SELECT after_state FROM audit_log WHERE action = 'coupon.earn' "
                                                    "AND entity_id = ?"),
                                     {QString::number(coupon)})
                              .toString();
    return QJsonDocument::fromJson(after.toUtf8()).object().value(QStringLiteral("spendMinor")).toInteger(-1);
}

int earnedCount(const Lab &lab, qint64 member)
{
    return lab.scalar(QStringLiteral("SELECT COUNT(*) FROM coupons WHERE member_id = ? AND issued_reason = 'spend'"), {member})
        .toInt();
}

}  // namespace

class TestSpendCoupons : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(TestDatabase::backendName())); }

    void issuedOnceAtTheThreshold()
    {
        LAB(lab);
        const qint64 member = lab.member(1'000'000);
        QVERIFY(spendRule(lab, 20'000) > 0);  // 200.00
        // 151.40 each (zpd_case#4 numbers): below after the first, reached with the second.
        const qint64 b1 = lab.issue(lab.session(member, {}, 5000));
        QVERIFY(b1 > 0);
        QCOMPARE(earnedCount(lab, member), 0);
        const qint64 b2 = lab.issue(lab.session(member, {}, 5000));
        QVERIFY(b2 > 0);
        QCOMPARE(earnedCount(lab, member), 1);
        QCOMPARE(lab.scalar(QStringLiteral("SELECT earned_by_bill_id FROM coupons WHERE member_id = ?"), {member}).toLongLong(), b2);
        QCOMPARE(lab.scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'coupon.earn'")).toInt(), 1);
        // A third bill: still one coupon per member and rule.
        QVERIFY(lab.issue(lab.session(member, {}, 5000)) > 0);
        QCOMPARE(earnedCount(lab, member), 1);
    }

    void correctionRevokesUnusedEarnedCoupon()
    {
        LAB(lab);
        const qint64 member = lab.member(1'000'000);
        QVERIFY(spendRule(lab, 10'000) > 0);  // 100.00
        const qint64 bill = lab.issue(lab.session(member, {}, 5000), {6});  // 151.40
        QCOMPARE(earnedCount(lab, member), 1);
        const qint64 coupon = lab.scalar(QStringLiteral("SELECT id FROM coupons WHERE member_id = ?"), {member}).toLongLong();

        CorrectionEngine engine(lab.db(), nullptr, lab.clock);
        auto preview = engine.plan(bill, CorrectionMethod::MoveServiceEndToChargingEnd);  // → 3.40
        QVERIFY2(preview && preview->ok(), qPrintable(preview ? preview->refusals.join(u' ') : preview.error().message));
        QCOMPARE(preview->after.totalMinor, 340);
        const CouponChange *change = nullptr;
        for (const CouponChange &c : preview->coupons) {
            if (c.couponId == coupon)
                change = &c;
        }
        QVERIFY(change);
        QCOMPARE(change->kind, CouponChange::Kind::EarnedRevoked);
        QCOMPARE(change->spendBeforeMinor, 15140);
        QCOMPARE(change->spendAfterMinor, 340);
        const QString text = CorrectionText::describe(*preview).join(u'\n');
        QVERIFY2(text.contains(QStringLiteral("stops being earned")), qPrintable(text));
        // The JSON the CLI's --dry-run --json prints.
        const QJsonArray coupons = toJson(*preview).value(QStringLiteral("coupons")).toArray();
        bool inJson = false;
        for (const auto &v : coupons)
            inJson |= v.toObject().value(QStringLiteral("change")).toString() == QStringLiteral("revoked_earned");
        QVERIFY(inJson);
        QCOMPARE(lab.scalar(QStringLiteral("SELECT status FROM coupons WHERE id = ?"), {coupon}).toString(), QStringLiteral("issued"));

        auto applied = engine.apply(*preview, kOperator, QStringLiteral("the customer did not occupy the charger"));
        QVERIFY2(applied, qPrintable(applied.error().message));
        QCOMPARE(lab.scalar(QStringLiteral("SELECT status FROM coupons WHERE id = ?"), {coupon}).toString(), QStringLiteral("revoked"));
        QCOMPARE(lab.scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'coupon.revoke' AND entity_id = ?"), {QString::number(coupon)}).toInt(), 1);
    }

    void correctionReportsUsedEarnedCoupon()
    {
        LAB(lab);
        const qint64 member = lab.member(1'000'000);
        QVERIFY(spendRule(lab, 10'000) > 0);
        const qint64 bill = lab.issue(lab.session(member, {}, 5000), {6});
        const qint64 coupon = lab.scalar(QStringLiteral("SELECT id FROM coupons WHERE member_id = ?"), {member}).toLongLong();
        QVERIFY(coupon > 0);
        QVERIFY(storage::Sql::run(lab.db().connection(), QStringLiteral("UPDATE coupons SET status = 'used' WHERE id = ?"), {coupon}));

        CorrectionEngine engine(lab.db(), nullptr, lab.clock);
        auto preview = engine.plan(bill, CorrectionMethod::MoveServiceEndToChargingEnd);
        QVERIFY2(preview && preview->ok(), qPrintable(preview ? preview->refusals.join(u' ') : preview.error().message));
        bool reported = false;
        for (const CouponChange &c : preview->coupons)
            reported |= c.couponId == coupon && c.kind == CouponChange::Kind::EarnedUsed;
        QVERIFY(reported);
        const QString text = CorrectionText::describe(*preview).join(u'\n');
        QVERIFY2(text.contains(QStringLiteral("used already")), qPrintable(text));
        auto applied = engine.apply(*preview, kOperator, QStringLiteral("idle fee"));
        QVERIFY2(applied, qPrintable(applied.error().message));
        QCOMPARE(lab.scalar(QStringLiteral("SELECT status FROM coupons WHERE id = ?"), {coupon}).toString(), QStringLiteral("used"));
    }

    void correctionRaisingTotalEarnsOne()
    {
        LAB(lab);
        const qint64 member = lab.member(1'000'000);
        QVERIFY(spendRule(lab, 500) > 0);  // 5.00
        const qint64 session = lab.session(member, {}, 5000);
        QVERIFY(storage::Sql::run(lab.db().connection(), QStringLiteral("UPDATE sessions SET ended_ms = ? WHERE id = ?"),
                                  {kChargingEnd, session}));
        const qint64 bill = lab.issue(session, {11});  // 3.40: below
        QCOMPARE(earnedCount(lab, member), 0);
        CorrectionEngine engine(lab.db(), nullptr, lab.clock);
        CorrectionParams params;
        params.energyWh = 10'000;  // 6.80
        auto preview = engine.plan(bill, CorrectionMethod::ManualEnergy, params);
        QVERIFY2(preview && preview->ok(), qPrintable(preview ? preview->refusals.join(u' ') : preview.error().message));
        int earned = 0;
        for (const CouponChange &c : preview->coupons)
            earned += c.kind == CouponChange::Kind::Earned ? 1 : 0;
        QCOMPARE(earned, 1);
        QVERIFY(CorrectionText::describe(*preview).join(u'\n').contains(QStringLiteral("becomes earned")));
        QCOMPARE(earnedCount(lab, member), 0);  // the preview wrote nothing
        auto applied = engine.apply(*preview, kOperator, QStringLiteral("energy from the display"));
        QVERIFY2(applied, qPrintable(applied.error().message));
        QCOMPARE(earnedCount(lab, member), 1);
        QCOMPARE(lab.scalar(QStringLiteral("SELECT earned_by_bill_id FROM coupons WHERE member_id = ?"), {member}).toLongLong(),
                 applied->newBillId);
        // Issued now, after the session started: the correction did not apply it to this bill.
        QVERIFY(lab.scalar(QStringLiteral("SELECT coupon_id FROM bills WHERE id = ?"), {applied->newBillId}).isNull());
        QCOMPARE(lab.scalar(QStringLiteral("SELECT status FROM coupons WHERE member_id = ?"), {member}).toString(), QStringLiteral("issued"));
    }

    // 151.40 per session (zpd_case#4 numbers). A rule limited to the lab's station does not count
    // what the member spent at another station.
    void stationLimitedRuleCountsOnlyItsStation()
    {
        LAB(lab);
        const qint64 member = lab.member(1'000'000);
        const qint64 elsewhere = lab.station(QStringLiteral("44030900210000200099"));
        QVERIFY(elsewhere > 0);
        accounts::CouponRule rule = spendRuleOf(20'000);
        rule.stationId = lab.stationId;
        rule = stored(lab, rule);
        QVERIFY(rule.id > 0);
        QVERIFY(lab.issue(lab.session(member, {}, 5000, elsewhere)) > 0);
        QVERIFY(lab.issue(lab.session(member, {}, 5000, elsewhere)) > 0);
        QCOMPARE(memberSpend(lab, member, rule), qint64(0));
        QCOMPARE(memberSpend(lab, member, spendRuleOf(20'000)), qint64(30'280));  // unlimited: both
        QCOMPARE(earnedCount(lab, member), 0);
        QVERIFY(lab.issue(lab.session(member, {}, 5000)) > 0);
        QCOMPARE(memberSpend(lab, member, rule), qint64(15'140));
        QCOMPARE(earnedCount(lab, member), 0);  // 151.40 here: below 200.00
        const qint64 reaching = lab.issue(lab.session(member, {}, 5000));
        QVERIFY(reaching > 0);
        QCOMPARE(earnedCount(lab, member), 1);
        const qint64 coupon = lab.scalar(QStringLiteral("SELECT id FROM coupons WHERE member_id = ?"), {member}).toLongLong();
        QCOMPARE(lab.scalar(QStringLiteral("SELECT earned_by_bill_id FROM coupons WHERE id = ?"), {coupon}).toLongLong(), reaching);
        QCOMPARE(auditedSpend(lab, coupon), qint64(30'280));
    }

    // Sub-operator "Shiyan" runs site A (station s2); "Wuhan" runs site B (station s3); the lab's
    // station has no site. Only sessions at s2 count for a rule limited to Shiyan.
    void subOperatorLimitedRuleCountsOnlyItsStations()
    {
        LAB(lab);
        const qint64 member = lab.member(1'000'000);
        const qint64 shiyan = lab.subOperator(QStringLiteral("Shiyan"));
        const qint64 wuhan = lab.subOperator(QStringLiteral("Wuhan"));
        const qint64 s2 = lab.station(QStringLiteral("44030900210000200010"), lab.site(QStringLiteral("A"), shiyan));
        const qint64 s3 = lab.station(QStringLiteral("44030900210000200011"), lab.site(QStringLiteral("B"), wuhan));
        QVERIFY(s2 > 0 && s3 > 0);
        accounts::CouponRule rule = spendRuleOf(20'000);
        rule.subOperatorId = shiyan;
        rule = stored(lab, rule);
        QVERIFY(rule.id > 0);
        QVERIFY(lab.issue(lab.session(member, {}, 5000, s3)) > 0);
        QVERIFY(lab.issue(lab.session(member, {}, 5000, s3)) > 0);
        QVERIFY(lab.issue(lab.session(member, {}, 5000)) > 0);
        QCOMPARE(earnedCount(lab, member), 0);
        QCOMPARE(memberSpend(lab, member, rule), qint64(0));
        QVERIFY(lab.issue(lab.session(member, {}, 5000, s2)) > 0);
        QCOMPARE(earnedCount(lab, member), 0);
        const qint64 reaching = lab.issue(lab.session(member, {}, 5000, s2));
        QVERIFY(reaching > 0);
        QCOMPARE(earnedCount(lab, member), 1);
        QCOMPARE(memberSpend(lab, member, rule), qint64(30'280));
        QCOMPARE(lab.scalar(QStringLiteral("SELECT earned_by_bill_id FROM coupons WHERE member_id = ?"), {member}).toLongLong(),
                 reaching);
        accounts::CouponRule other = spendRuleOf(20'000);
        other.subOperatorId = wuhan;
        QCOMPARE(memberSpend(lab, member, other), qint64(30'280));
    }

    // Department "Fleet" with "Fleet/North" below it, and "Taxi" apart. The member is in North; one
    // session is the member's own (counts as North's), one is billed to Taxi.
    void departmentLimitedRuleCountsItsDepartmentsSessions()
    {
        LAB(lab);
        const qint64 fleet = lab.department(QStringLiteral("Fleet"), 1'000'000);
        const qint64 north = lab.department(QStringLiteral("Fleet/North"), 1'000'000, fleet);
        const qint64 taxi = lab.department(QStringLiteral("Taxi"), 1'000'000);
        const qint64 member = lab.member(1'000'000, north);
        QVERIFY(lab.issue(lab.session(member, {}, 5000)) > 0);
        QVERIFY(lab.issue(lab.session(member, taxi, 5000)) > 0);
        accounts::CouponRule rule = spendRuleOf(20'000);
        rule.departmentId = fleet;
        QCOMPARE(memberSpend(lab, member, rule), qint64(15'140));
        rule.departmentId = north;
        QCOMPARE(memberSpend(lab, member, rule), qint64(15'140));
        rule.departmentId = taxi;
        QCOMPARE(memberSpend(lab, member, rule), qint64(15'140));
        rule.departmentId.reset();
        QCOMPARE(memberSpend(lab, member, rule), qint64(30'280));
    }

    // Migration 0013: at most one live earned coupon per member and rule; revoked ones and ones not
    // earned (earned_by_bill_id NULL) do not count. The issuing path refused by the index gives the
    // coupon up and leaves its transaction usable (on PostgreSQL a failed statement would abort it).
    void uniqueIndexHoldsOneLiveEarnedCoupon()
    {
        LAB(lab);
        const qint64 member = lab.member(1'000'000);
        const accounts::CouponRule rule = stored(lab, spendRuleOf(10'000));
        const qint64 bill = lab.issue(lab.session(member, {}, 5000));
        QCOMPARE(liveEarned(lab, member), 1);
        QVERIFY(!insertEarned(lab, QStringLiteral("CP-TWICE"), rule.id, member, bill));
        QVERIFY(insertEarned(lab, QStringLiteral("CP-REVOKED"), rule.id, member, bill, kServiceEnd));
        QVERIFY(storage::Sql::run(lab.db().connection(),
                                  QStringLiteral("INSERT INTO coupons (code, amount_minor, member_id, rule_id, created_ms) "
                                                 "VALUES ('CP-BYHAND', 500, ?, ?, ?)"),
                                  {member, rule.id, kServiceEnd}));
        QCOMPARE(liveEarned(lab, member), 1);

        auto loaded = accounts::AccountRepository(lab.db()).member(member);
        QVERIFY(loaded && loaded->has_value());
        accounts::Coupon second = accounts::CouponIssuer::couponFrom(rule, **loaded, lab.clock.nowMs());
        second.earnedByBillId = bill;
        storage::Transaction tx(lab.db().connection());
        QVERIFY(tx.begin());
        auto issued = accounts::CouponIssuer(lab.db()).issueEarned(second);
        QVERIFY2(issued, qPrintable(issued.error().message));
        QVERIFY(!issued->has_value());
        QCOMPARE(liveEarned(lab, member), 1);  // the transaction still answers
        QVERIFY(storage::Sql::run(lab.db().connection(), QStringLiteral("UPDATE members SET name = 'Li Wei 2' WHERE id = ?"), {member}));
        QVERIFY(tx.commit());
        QCOMPARE(lab.scalar(QStringLiteral("SELECT name FROM members WHERE id = ?"), {member}).toString(), QStringLiteral("Li Wei 2"));
        QCOMPARE(lab.scalar(QStringLiteral("SELECT COUNT(*) FROM coupons WHERE member_id = ?"), {member}).toInt(), 3);
    }

    // Two servers bill one member at once. The winner's coupon is written but not committed when the
    // loser looks, so the loser finds no live coupon; on PostgreSQL its INSERT then waits for the
    // winner and breaks the unique index, on SQLCipher its BEGIN waits for the winner. Either way the
    // loser's bill is issued and the member has one coupon.
    void raceLoserBillsWithoutSecondCoupon()
    {
        LAB(lab);
        const qint64 member = lab.member(1'000'000);
        const accounts::CouponRule rule = stored(lab, spendRuleOf(20'000));
        const qint64 first = lab.issue(lab.session(member, {}, 5000));  // 151.40: below
        QVERIFY(first > 0);
        const qint64 second = lab.session(member, {}, 5000);
        QVERIFY(second > 0);

        storage::Transaction winner(lab.db().connection());
        QVERIFY(winner.begin());
        QVERIFY(insertEarned(lab, QStringLiteral("CP-WINNER"), rule.id, member, first));
        qint64 lostBill = -1;
        std::thread loser([&] {
            lostBill = lab.issue(second);
            lab.db().releaseThreadConnection();
        });
        if (TestDatabase::postgres()) {
            // Not a timing assumption: wait until the loser's INSERT is blocked on the winner's row.
            QTRY_VERIFY_WITH_TIMEOUT(lab.scalar(QStringLiteral("SELECT COUNT(*) FROM pg_locks WHERE NOT granted")).toInt() > 0,
                                     30000);
        }
        QVERIFY(winner.commit());
        loser.join();

        QVERIFY(lostBill > 0);
        QCOMPARE(lab.billCount(second), 1);
        QCOMPARE(liveEarned(lab, member), 1);
        QCOMPARE(lab.scalar(QStringLiteral("SELECT code FROM coupons WHERE member_id = ?"), {member}).toString(),
                 QStringLiteral("CP-WINNER"));
        QCOMPARE(earnAudits(lab), 0);
        QCOMPARE(lab.balance(QStringLiteral("members"), member), qint64(1'000'000 - 2 * 15'140));
    }

    // A correction drops the spend below the threshold (the coupon is revoked); a new bill brings it
    // back up: a new coupon, audited, earned by that bill. One more bill earns nothing.
    void revokedCouponEarnedAgainByNewBill()
    {
        LAB(lab);
        const qint64 member = lab.member(1'000'000);
        QVERIFY(spendRule(lab, 10'000) > 0);  // 100.00
        const qint64 bill = lab.issue(lab.session(member, {}, 5000), {6});  // 151.40
        const qint64 first = lab.scalar(QStringLiteral("SELECT id FROM coupons WHERE member_id = ?"), {member}).toLongLong();
        QVERIFY(first > 0);
        CorrectionEngine engine(lab.db(), nullptr, lab.clock);
        auto preview = engine.plan(bill, CorrectionMethod::MoveServiceEndToChargingEnd);  // → 3.40
        QVERIFY2(preview && preview->ok(), qPrintable(preview ? preview->refusals.join(u' ') : preview.error().message));
        auto applied = engine.apply(*preview, kOperator, QStringLiteral("idle fee"));
        QVERIFY2(applied, qPrintable(applied.error().message));
        QCOMPARE(lab.scalar(QStringLiteral("SELECT status FROM coupons WHERE id = ?"), {first}).toString(), QStringLiteral("revoked"));
        QCOMPARE(liveEarned(lab, member), 0);

        const qint64 again = lab.issue(lab.session(member, {}, 5000));  // 3.40 + 151.40
        QVERIFY(again > 0);
        QCOMPARE(earnedCount(lab, member), 2);
        QCOMPARE(liveEarned(lab, member), 1);
        const qint64 second = lab.scalar(QStringLiteral("SELECT id FROM coupons WHERE member_id = ? AND revoked_ms IS NULL"), {member})
                                  .toLongLong();
        QVERIFY(second != first);
        QCOMPARE(lab.scalar(QStringLiteral("SELECT earned_by_bill_id FROM coupons WHERE id = ?"), {second}).toLongLong(), again);
        QCOMPARE(lab.scalar(QStringLiteral("SELECT status FROM coupons WHERE id = ?"), {second}).toString(), QStringLiteral("issued"));
        QCOMPARE(lab.scalar(QStringLiteral("SELECT amount_minor FROM coupons WHERE id = ?"), {second}).toLongLong(), qint64(500));
        QCOMPARE(earnAudits(lab), 2);
        QCOMPARE(auditedSpend(lab, second), qint64(15'480));

        QVERIFY(lab.issue(lab.session(member, {}, 5000)) > 0);
        QCOMPARE(earnedCount(lab, member), 2);
        QCOMPARE(earnAudits(lab), 2);
    }

    // The same, but a correction raising another bill's total brings the spend back up.
    void revokedCouponEarnedAgainByCorrection()
    {
        LAB(lab);
        const qint64 member = lab.member(1'000'000);
        QVERIFY(spendRule(lab, 1'000) > 0);  // 10.00
        const qint64 bill = lab.issue(lab.session(member, {}, 5000), {6});  // 151.40: earns
        CorrectionEngine engine(lab.db(), nullptr, lab.clock);
        auto lowering = engine.plan(bill, CorrectionMethod::MoveServiceEndToChargingEnd);  // → 3.40: revoked
        QVERIFY2(lowering && lowering->ok(), qPrintable(lowering ? lowering->refusals.join(u' ') : lowering.error().message));
        QVERIFY(engine.apply(*lowering, kOperator, QStringLiteral("idle fee")));
        QCOMPARE(liveEarned(lab, member), 0);

        const qint64 session = lab.session(member, {}, 5000);
        QVERIFY(storage::Sql::run(lab.db().connection(), QStringLiteral("UPDATE sessions SET ended_ms = ? WHERE id = ?"),
                                  {kChargingEnd, session}));
        const qint64 other = lab.issue(session, {11});  // 3.40: spend 6.80, below
        QVERIFY(other > 0);
        QCOMPARE(earnedCount(lab, member), 1);
        CorrectionParams params;
        params.energyWh = 10'000;  // 6.80: spend 10.20
        auto raising = engine.plan(other, CorrectionMethod::ManualEnergy, params);
        QVERIFY2(raising && raising->ok(), qPrintable(raising ? raising->refusals.join(u' ') : raising.error().message));
        const CouponChange *earned = nullptr;
        for (const CouponChange &c : raising->coupons) {
            if (c.kind == CouponChange::Kind::Earned)
                earned = &c;
        }
        QVERIFY(earned);
        QCOMPARE(earned->spendBeforeMinor, qint64(680));
        QCOMPARE(earned->spendAfterMinor, qint64(1'020));
        auto applied = engine.apply(*raising, kOperator, QStringLiteral("energy from the display"));
        QVERIFY2(applied, qPrintable(applied.error().message));
        QCOMPARE(earnedCount(lab, member), 2);
        QCOMPARE(liveEarned(lab, member), 1);
        QCOMPARE(lab.scalar(QStringLiteral("SELECT earned_by_bill_id FROM coupons WHERE member_id = ? AND revoked_ms IS NULL"),
                            {member})
                     .toLongLong(),
                 applied->newBillId);
        QCOMPARE(earnAudits(lab), 2);
    }

    // An operator revoked the earned coupon while the spend stayed above the threshold: the next
    // bill does not bring it back (only coming up from below the threshold earns anew).
    void operatorRevokedCouponNotReissuedAbove()
    {
        LAB(lab);
        const qint64 member = lab.member(1'000'000);
        QVERIFY(spendRule(lab, 10'000) > 0);
        QVERIFY(lab.issue(lab.session(member, {}, 5000)) > 0);
        const qint64 coupon = lab.scalar(QStringLiteral("SELECT id FROM coupons WHERE member_id = ?"), {member}).toLongLong();
        auto revoked = accounts::CouponRepository(lab.db()).revoke(coupon, kServiceEnd, kOperator, QStringLiteral("fraud"));
        QVERIFY(revoked && *revoked);
        QVERIFY(lab.issue(lab.session(member, {}, 5000)) > 0);  // spend 151.40 → 302.80
        QCOMPARE(earnedCount(lab, member), 1);
        QCOMPARE(liveEarned(lab, member), 0);
    }
    // The spend is one statement, and indexes serve it on both engines (migration 0013): no table is
    // read whole, the member's sessions come from an index on member_id. PostgreSQL is asked with
    // sequential scans off, as a big table would make it choose.
    void spendQueryServedByIndexes_data()
    {
        QTest::addColumn<QString>("limit");
        QTest::newRow("none") << QString();
        QTest::newRow("station") << QStringLiteral("station");
        QTest::newRow("sub-operator") << QStringLiteral("subOperator");
        QTest::newRow("department") << QStringLiteral("department");
    }
    void spendQueryServedByIndexes()
    {
        QFETCH(QString, limit);
        LAB(lab);
        accounts::CouponRule rule = spendRuleOf(20'000);
        if (limit == u"station")
            rule.stationId = lab.stationId;
        else if (limit == u"subOperator")
            rule.subOperatorId = lab.subOperator(QStringLiteral("Shiyan"));
        else if (limit == u"department")
            rule.departmentId = lab.department(QStringLiteral("Fleet"), 0);
        const auto query = accounts::CouponRepository::memberSpendQuery(lab.member(0), rule);
        QString sql = query.sql;
        for (const QVariant &v : query.values)  // EXPLAIN is not preparable on PostgreSQL: literals
            sql.replace(sql.indexOf(u'?'), 1, QString::number(v.toLongLong()));
        const bool pg = TestDatabase::postgres();
        const auto conn = lab.db().connection();
        if (pg)
            QVERIFY(storage::Sql::run(conn, QStringLiteral("SET enable_seqscan = off")));
        auto q = storage::Sql::run(conn, (pg ? QStringLiteral("EXPLAIN ") : QStringLiteral("EXPLAIN QUERY PLAN ")) + sql);
        QVERIFY2(q, qPrintable(q.error().message));
        QStringList plan;
        while (q->next())
            plan << q->value(pg ? 0 : 3).toString();
        if (pg)
            QVERIFY(storage::Sql::run(conn, QStringLiteral("RESET enable_seqscan")));
        const QString text = plan.join(u'\n');
        static const QRegularExpression fullScan(
            QStringLiteral("(Seq Scan on|SCAN TABLE|SCAN) (sessions|bills|stations|sites|members|departments)\\b"));
        QVERIFY2(!text.contains(fullScan), qPrintable(text));
        // A station limit may also be served from the station's side: idx_sessions_station_charging
        // (station, charging start; migration 0018) is as narrow as the member's indexes, and
        // PostgreSQL picks either by its statistics.
        const bool byStation = rule.stationId && text.contains(QStringLiteral("idx_sessions_station_charging"));
        QVERIFY2(byStation || text.contains(QStringLiteral("idx_sessions_member")), qPrintable(text));
        if ((rule.stationId || rule.subOperatorId) && !byStation)
            QVERIFY2(text.contains(QStringLiteral("idx_sessions_member_station")), qPrintable(text));
    }
};

QTEST_MAIN(TestSpendCoupons)
#include "tst_spend_coupons.moc"
