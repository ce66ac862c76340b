// Coupon applicability (core/billing/couponrules): status, member, department (or a parent),
// sub-operator, station, validity (date range or days from issue), min spend; one coupon per
// session: the largest deduction, ties by earliest expiry, then lowest id.

#include "core/billing/couponrules.h"

#include <QTest>

using namespace cd::billing;

Q_DECLARE_METATYPE(cd::billing::Coupon)
Q_DECLARE_METATYPE(cd::billing::CouponVerdict)

namespace {

constexpr qint64 kDay = 24LL * 3600 * 1000;
constexpr qint64 kT0 = 1'764'547'200'000;  // 2025-12-01 00:00 UTC

Coupon coupon(qint64 id = 1, qint64 amount = 500, qint64 minSpend = 0)
{
    Coupon c;
    c.id = id;
    c.code = QStringLiteral("C%1").arg(id);
    c.amountMinor = amount;
    c.minSpendMinor = minSpend;
    c.createdMs = kT0;
    return c;
}

CouponContext context(qint64 amount = 3000)
{
    CouponContext ctx;
    ctx.memberId = 10;
    ctx.departmentIds = {20, 21};  // department 20, its parent 21
    ctx.subOperatorId = 30;
    ctx.stationId = 40;
    ctx.atMs = kT0 + 2 * kDay;
    ctx.amountBeforeCouponMinor = amount;
    return ctx;
}

}  // namespace

class TestCouponRules : public QObject {
    Q_OBJECT

private slots:
    void check_data()
    {
        QTest::addColumn<Coupon>("c");
        QTest::addColumn<CouponVerdict>("verdict");

        QTest::newRow("plain") << coupon() << CouponVerdict::Applies;
        Coupon c = coupon();
        c.status = QStringLiteral("used");
        QTest::newRow("used") << c << CouponVerdict::NotIssued;
        c.status = QStringLiteral("revoked");
        QTest::newRow("revoked") << c << CouponVerdict::NotIssued;
        c = coupon();
        c.memberId = 10;
        QTest::newRow("same member") << c << CouponVerdict::Applies;
        c.memberId = 11;
        QTest::newRow("other member") << c << CouponVerdict::OtherMember;
        c = coupon();
        c.departmentId = 20;
        QTest::newRow("department") << c << CouponVerdict::Applies;
        c.departmentId = 21;
        QTest::newRow("parent department") << c << CouponVerdict::Applies;
        c.departmentId = 22;
        QTest::newRow("other department") << c << CouponVerdict::OtherDepartment;
        c = coupon();
        c.subOperatorId = 30;
        QTest::newRow("sub-operator") << c << CouponVerdict::Applies;
        c.subOperatorId = 31;
        QTest::newRow("other sub-operator") << c << CouponVerdict::OtherSubOperator;
        c = coupon();
        c.stationId = 40;
        QTest::newRow("station") << c << CouponVerdict::Applies;
        c.stationId = 41;
        QTest::newRow("other station") << c << CouponVerdict::OtherStation;
        c = coupon();
        c.validFromMs = kT0;
        c.validToMs = kT0 + 2 * kDay + 1;
        QTest::newRow("in date range") << c << CouponVerdict::Applies;
        c.validToMs = kT0 + 2 * kDay;
        QTest::newRow("range ends at the session (exclusive)") << c << CouponVerdict::Expired;
        c.validFromMs = kT0 + 3 * kDay;
        c.validToMs = kT0 + 9 * kDay;
        QTest::newRow("range not started") << c << CouponVerdict::NotYetValid;
        c = coupon();
        c.validDays = 3;
        QTest::newRow("3 days from issue") << c << CouponVerdict::Applies;
        c.validDays = 2;
        QTest::newRow("2 days from issue: over") << c << CouponVerdict::Expired;
        c.validDays = 0;
        QTest::newRow("0 days") << c << CouponVerdict::Expired;
        // igo_case#92: a coupon issued at 7:00 never applies to a 5:00 session, whatever its
        // validity kind (none, date range, days from issue).
        c = coupon();
        c.createdMs = kT0 + 2 * kDay + 1;
        QTest::newRow("issued after the session started") << c << CouponVerdict::NotYetValid;
        c.validFromMs = kT0;
        c.validToMs = kT0 + 9 * kDay;
        QTest::newRow("issued after start, range covers it") << c << CouponVerdict::NotYetValid;
        c = coupon();
        c.createdMs = kT0 + 2 * kDay + 1;
        c.validDays = 30;
        QTest::newRow("issued after start, days from issue") << c << CouponVerdict::NotYetValid;
        c = coupon();
        c.createdMs = kT0 + 2 * kDay;
        QTest::newRow("issued at the session start") << c << CouponVerdict::Applies;
        c = coupon(1, 500, 3000);
        QTest::newRow("min spend reached") << c << CouponVerdict::Applies;
        c = coupon(1, 500, 3001);
        QTest::newRow("below min spend") << c << CouponVerdict::BelowMinSpend;
    }

    void check()
    {
        QFETCH(Coupon, c);
        QFETCH(CouponVerdict, verdict);
        QCOMPARE(CouponRules::check(c, context()), verdict);
        QCOMPARE(CouponRules::deduction(c, context()) > 0, verdict == CouponVerdict::Applies);
        QVERIFY(!CouponRules::verdictText(verdict).isEmpty());
    }

    void noMemberInContext()
    {
        Coupon c = coupon();
        c.memberId = 10;
        CouponContext ctx = context();
        ctx.memberId.reset();
        QCOMPARE(CouponRules::check(c, ctx), CouponVerdict::OtherMember);
    }

    void deductionCapped()
    {
        QCOMPARE(CouponRules::deduction(coupon(1, 5000), context(3000)), qint64(3000));
        QCOMPARE(CouponRules::deduction(coupon(1, 500), context(3000)), qint64(500));
        QCOMPARE(CouponRules::deduction(coupon(1, 500), context(0)), qint64(0));
    }

    void best_data()
    {
        QTest::addColumn<QList<Coupon>>("coupons");
        QTest::addColumn<qint64>("amount");
        QTest::addColumn<qint64>("chosen");  // 0: none

        QTest::newRow("none") << QList<Coupon>{} << qint64(3000) << qint64(0);
        QTest::newRow("largest deduction") << QList<Coupon>{coupon(1, 500), coupon(2, 800), coupon(3, 300)} << qint64(3000)
                                           << qint64(2);
        // Both capped at the amount 600: a tie, the one that expires first wins.
        Coupon a = coupon(1, 1000);
        a.validDays = 30;
        Coupon b = coupon(2, 800);
        b.validDays = 10;
        QTest::newRow("tie: earliest expiry") << QList<Coupon>{a, b} << qint64(600) << qint64(2);
        Coupon never = coupon(1, 800);
        Coupon expires = coupon(2, 800);
        expires.validToMs = kT0 + 5 * kDay;
        QTest::newRow("tie: an expiry before none") << QList<Coupon>{never, expires} << qint64(3000) << qint64(2);
        QTest::newRow("tie: lowest id") << QList<Coupon>{coupon(5, 800), coupon(3, 800)} << qint64(3000) << qint64(3);
        QTest::newRow("min spend rules the big one out") << QList<Coupon>{coupon(1, 2000, 5000), coupon(2, 100)} << qint64(3000)
                                                         << qint64(2);
        Coupon used = coupon(1, 2000);
        used.status = QStringLiteral("used");
        QTest::newRow("used one skipped") << QList<Coupon>{used, coupon(2, 100)} << qint64(3000) << qint64(2);
    }

    void best()
    {
        QFETCH(QList<Coupon>, coupons);
        QFETCH(qint64, amount);
        QFETCH(qint64, chosen);
        const auto picked = CouponRules::best(coupons, context(amount));
        QCOMPARE(picked ? picked->id : 0, chosen);
    }
};

QTEST_GUILESS_MAIN(TestCouponRules)
#include "tst_coupon_rules.moc"
