// Coupons earned by spend (trigger 'spend', core/accounts/spendcoupons; igo_case#92: "cumulative
// spend from Oct 1 to Nov 30 earns a coupon", then a manual correction lowered the total):
// - a 'spend' rule issues exactly one coupon per member when the spend reaches its threshold (not
//   below, not twice), in the bill's transaction, with earned_by_bill_id and an audit record;
// - a correction that lowers the total below the threshold revokes the unused earned coupon, and
//   reports a used one without revoking it; one that raises it issues the coupon;
// - the preview's lines and JSON name the change.

#include "correctionlab.h"
#include "support/testdatabase.h"

#include "core/accounts/couponrepository.h"
#include "core/anomalies/correctionengine.h"
#include "core/billing/anomalytagger.h"
#include "core/billing/billingservice.h"
#include "core/billing/tariffrepository.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace cd;
using namespace cd::anomalies;
using cd::test::TestDatabase;

using namespace cd::test::correctionlab;

namespace {

constexpr qint64 kDay = 24 * 60 * kMinute;

qint64 spendRule(Lab &lab, qint64 threshold)
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
    auto id = accounts::CouponRepository(lab.db()).insertRule(r);
    return id ? *id : 0;
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
};

QTEST_MAIN(TestSpendCoupons)
#include "tst_spend_coupons.moc"
