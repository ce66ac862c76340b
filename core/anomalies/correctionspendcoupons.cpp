// Coupons earned by spend in a correction (igo_case#92): the corrected total changes the member's
// spend in each active 'spend' rule the bill counts for (its period, and its station, sub-operator
// or department when limited: core/accounts/spendcoupons.h); the preview says which coupon stops
// being earned (an unused one is revoked, a used one is left to the operator) or becomes earned (it
// is issued — also anew after a revoked one, when the spend comes back up to the threshold). When
// another writer issued that coupon between preview and apply, apply issues none and goes on.

#include "core/accounts/couponrepository.h"
#include "core/accounts/spendcoupons.h"
#include "core/anomalies/correctionengine.h"

namespace cd::anomalies {

namespace {

CouponChange::Kind kindOf(accounts::SpendCouponChange::Kind kind)
{
    switch (kind) {
    case accounts::SpendCouponChange::Kind::Earned:
        return CouponChange::Kind::Earned;
    case accounts::SpendCouponChange::Kind::Revoked:
        return CouponChange::Kind::EarnedRevoked;
    case accounts::SpendCouponChange::Kind::EarnedButUsed:
        return CouponChange::Kind::EarnedUsed;
    }
    return CouponChange::Kind::Earned;
}

}  // namespace

Status CorrectionEngine::planSpendCoupons(const Context &c, CorrectionPreview &p) const
{
    auto changes = accounts::SpendCoupons(m_db, m_clock).changesForTotal(c.bill.id, p.before.totalMinor, p.after.totalMinor);
    if (!changes)
        return changes.error();
    for (const accounts::SpendCouponChange &s : *changes) {
        CouponChange change;
        change.kind = kindOf(s.kind);
        if (s.coupon) {
            change.couponId = s.coupon->id;
            change.code = s.coupon->code;
            change.name = s.coupon->name;
        }
        change.ruleId = s.rule.id;
        change.ruleName = s.rule.name;
        change.spendBeforeMinor = s.spendBeforeMinor;
        change.spendAfterMinor = s.spendAfterMinor;
        change.thresholdMinor = s.rule.minTotalSpendMinor;
        p.coupons << change;
    }
    return {};
}

Status CorrectionEngine::applySpendCoupons(const CorrectionPreview &p, qint64 newBillId, const QString &operatorName,
                                           const QString &reason)
{
    accounts::CouponRepository repo(m_db);
    QList<accounts::SpendCouponChange> changes;
    for (const CouponChange &change : p.coupons) {
        accounts::SpendCouponChange s;
        if (change.kind == CouponChange::Kind::EarnedRevoked)
            s.kind = accounts::SpendCouponChange::Kind::Revoked;
        else if (change.kind == CouponChange::Kind::Earned)
            s.kind = accounts::SpendCouponChange::Kind::Earned;
        else
            continue;  // EarnedUsed: reported only; the others are the bill's own coupon (correctionapply.cpp)
        auto rule = repo.rule(change.ruleId);
        if (!rule)
            return rule.error();
        if (!rule->has_value())
            return Error{ExitCode::Failure, tr("Coupon rule %1 is not there any more: nothing was written.").arg(change.ruleId)};
        s.rule = **rule;
        if (change.couponId) {
            auto coupon = repo.coupon(change.couponId);
            if (!coupon)
                return coupon.error();
            if (!coupon->has_value())
                return Error{ExitCode::Failure, tr("Coupon %1 is not there any more: nothing was written.").arg(change.code)};
            s.coupon = **coupon;
        }
        s.spendBeforeMinor = change.spendBeforeMinor;
        s.spendAfterMinor = change.spendAfterMinor;
        changes << s;
    }
    if (changes.isEmpty())
        return {};
    auto issued = accounts::SpendCoupons(m_db, m_clock).applyChanges(changes, newBillId, operatorName, reason);
    if (!issued)
        return issued.error();
    return {};
}

}  // namespace cd::anomalies
