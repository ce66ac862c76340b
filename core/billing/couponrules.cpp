#include "core/billing/couponrules.h"

#include <algorithm>

namespace cd::billing {

namespace {

constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;

}  // namespace

std::optional<qint64> Coupon::expiresMs() const
{
    std::optional<qint64> out = validToMs;
    if (validDays) {
        const qint64 byDays = createdMs + qint64(*validDays) * kDayMs;
        out = out ? std::min(*out, byDays) : byDays;
    }
    return out;
}

BillCoupon Coupon::toBillCoupon() const
{
    return {id, code, amountMinor, minSpendMinor};
}

CouponVerdict CouponRules::check(const Coupon &c, const CouponContext &ctx)
{
    if (c.status != u"issued")
        return CouponVerdict::NotIssued;
    if (c.memberId && c.memberId != ctx.memberId)
        return CouponVerdict::OtherMember;
    if (c.departmentId && !ctx.departmentIds.contains(*c.departmentId))
        return CouponVerdict::OtherDepartment;
    if (c.subOperatorId && c.subOperatorId != ctx.subOperatorId)
        return CouponVerdict::OtherSubOperator;
    if (c.stationId && *c.stationId != ctx.stationId)
        return CouponVerdict::OtherStation;
    // A coupon never applies to a session that started before it was issued (igo_case#92: a coupon
    // issued at 7:00 used on a 5:00 session after a manual correction), whatever its validity kind.
    if ((c.validFromMs && ctx.atMs < *c.validFromMs) || ctx.atMs < c.createdMs)
        return CouponVerdict::NotYetValid;
    if (const auto expires = c.expiresMs(); expires && ctx.atMs >= *expires)
        return CouponVerdict::Expired;
    if (ctx.amountBeforeCouponMinor < c.minSpendMinor)
        return CouponVerdict::BelowMinSpend;
    return CouponVerdict::Applies;
}

qint64 CouponRules::deduction(const Coupon &coupon, const CouponContext &context)
{
    if (check(coupon, context) != CouponVerdict::Applies)
        return 0;
    return std::max<qint64>(0, std::min(coupon.amountMinor, context.amountBeforeCouponMinor));
}

std::optional<Coupon> CouponRules::best(const QList<Coupon> &coupons, const CouponContext &context)
{
    std::optional<Coupon> chosen;
    qint64 chosenDeduction = 0;
    for (const Coupon &c : coupons) {
        const qint64 d = deduction(c, context);
        if (d <= 0)
            continue;
        bool better = !chosen || d > chosenDeduction;
        if (chosen && d == chosenDeduction) {
            const auto a = c.expiresMs();
            const auto b = chosen->expiresMs();
            if (a && (!b || *a < *b))
                better = true;
            else if (a == b && c.id < chosen->id)
                better = true;
        }
        if (better) {
            chosen = c;
            chosenDeduction = d;
        }
    }
    return chosen;
}

QString CouponRules::verdictText(CouponVerdict verdict)
{
    switch (verdict) {
    case CouponVerdict::Applies: return tr("The coupon applies.");
    case CouponVerdict::NotIssued: return tr("The coupon has been used, revoked or has expired.");
    case CouponVerdict::OtherMember: return tr("The coupon belongs to another member.");
    case CouponVerdict::OtherDepartment: return tr("The coupon is limited to another department.");
    case CouponVerdict::OtherSubOperator: return tr("The coupon is limited to another sub-operator.");
    case CouponVerdict::OtherStation: return tr("The coupon is limited to another station.");
    case CouponVerdict::NotYetValid: return tr("The coupon is not valid yet.");
    case CouponVerdict::Expired: return tr("The coupon has expired.");
    case CouponVerdict::BelowMinSpend: return tr("The amount is below the coupon's minimum spend.");
    }
    return {};
}

}  // namespace cd::billing
