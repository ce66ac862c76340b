#pragma once
// Coupons earned by spend (trigger 'spend', migrations 0012 and 0013, igo_case#92): a rule issues ONE
// live coupon per member when the member's spend reaches the rule's min_total_spend_minor. The spend
// is the sum of total_minor (after any coupon: what the member was charged) of the current version of
// each bill of the member's sessions that count for the rule: charging started within the rule's
// date range [validFrom, validTo), and — when the rule is limited to them — at its station, at a
// station of its sub-operator, billed to its department or one below it (the session's department,
// else the member's). A limit restricts which sessions count, not only who may earn: the spend that
// earns a coupon is spend the coupon could have applied to (core/billing/couponrules.h).
// - "One per member and rule" means one LIVE earned coupon (not revoked; a used or expired one is
//   live): a unique index holds it (0013), so two servers billing one member at once on PostgreSQL
//   issue one; the loser's bill goes on without it (CouponIssuer::issueEarned).
// - A revoked earned coupon does not count: when the spend comes back up to the threshold (a new
//   bill, or a correction raising a total) a new coupon is issued and audited ("coupon.earn"). Only
//   a change that brings the spend from below the threshold to it re-earns one, so a coupon an
//   operator revoked while the spend stayed above it does not come back with the next bill.
// - afterBillIssued: called inside the transaction that issues a bill; issues the coupons the bill
//   made the member earn (earned_by_bill_id = the bill), each audited ("coupon.earn").
// - changesForTotal: what a correction changing a bill's total would do to earned coupons
//   (core/anomalies shows it in the preview); applyChanges carries them out inside the
//   correction's transaction: an unused earned coupon is revoked, a used one is only reported
//   (the operator decides), a newly earned one is issued. The preview's texts are
//   core/anomalies' (CorrectionText::couponLine).

#include "core/accounts/accounttypes.h"
#include "core/accounts/couponrepository.h"
#include "core/common/clock.h"
#include "core/common/expected.h"

#include <QCoreApplication>
#include <QList>

#include <optional>

namespace cd::storage {
class Database;
}

namespace cd::accounts {

struct SpendCouponChange {
    enum class Kind {
        Earned,        // the member newly reaches the threshold: a coupon is issued
        Revoked,       // the member no longer reaches it: the unused coupon is revoked
        EarnedButUsed  // no longer reached, but the coupon was used already: left to the operator
    };
    Kind kind = Kind::Earned;
    CouponRule rule;
    std::optional<Coupon> coupon;  // Revoked / EarnedButUsed: the coupon concerned
    qint64 spendBeforeMinor = 0;
    qint64 spendAfterMinor = 0;
};

class SpendCoupons {
    Q_DECLARE_TR_FUNCTIONS(cd::accounts::SpendCoupons)
public:
    SpendCoupons(const storage::Database &db, const Clock &clock);

    // Inside the bill's transaction, after bill `billId` was written.
    Expected<QList<Coupon>> afterBillIssued(qint64 billId, const QString &actor);

    // A correction is about to replace the current version of bill `billId` (total
    // `oldTotalMinor`) by one totalling `newTotalMinor`.
    Expected<QList<SpendCouponChange>> changesForTotal(qint64 billId, qint64 oldTotalMinor, qint64 newTotalMinor) const;
    // Carries out `changes` (from changesForTotal) inside the caller's transaction; `newBillId`: the
    // correcting bill version (earned_by_bill_id of a newly earned coupon). Returns the coupons issued.
    Expected<QList<Coupon>> applyChanges(const QList<SpendCouponChange> &changes, qint64 newBillId,
                                         const QString &actor, const QString &reason);

    // The rule's date range contains the session's charging start.
    static bool inWindow(const CouponRule &rule, qint64 chargingStartMs);
    // The bill's session counts towards the rule's spend (CouponRepository::memberSpend's conditions
    // for one session); `sessionDepartments`: the session's department and its parents.
    static bool counts(const CouponRule &rule, const CouponRepository::BillOwner &owner,
                       const QList<qint64> &sessionDepartments);
    // A member without a live earned coupon of the rule earns one when the spend goes from `before` to
    // `after`: by reaching the threshold; after a revoked one (`revokedBefore`), only by coming up to
    // it from below.
    static bool earns(const CouponRule &rule, qint64 beforeMinor, qint64 afterMinor, bool revokedBefore);

private:
    // nullopt: another writer issued the member's coupon of the rule meanwhile (not an error).
    Expected<std::optional<Coupon>> issueEarned(const CouponRule &rule, const Member &member, qint64 billId,
                                                qint64 spendMinor, const QString &actor, const QString &reason);

    const storage::Database &m_db;
    const Clock &m_clock;
};

}  // namespace cd::accounts
