#pragma once
// Coupons earned by spend (trigger 'spend', migration 0012, igo_case#92): a rule issues ONE coupon
// per member when the member's spend — the sum of total_minor (after any coupon: what the member
// was charged) of the current version of each bill of the member's sessions whose charging started
// within the rule's date range [validFrom, validTo) — reaches the rule's min_total_spend_minor.
// - afterBillIssued: called inside the transaction that issues a bill; issues the coupons the bill
//   made the member earn (earned_by_bill_id = the bill), each audited ("coupon.earn").
// - changesForTotal: what a correction changing a bill's total would do to earned coupons
//   (core/anomalies shows it in the preview); applyChanges carries them out inside the
//   correction's transaction: an unused earned coupon is revoked, a used one is only reported
//   (the operator decides), a newly earned one is issued. The preview's texts are
//   core/anomalies' (CorrectionText::couponLine).

#include "core/accounts/accounttypes.h"
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

private:
    Expected<Coupon> issueEarned(const CouponRule &rule, const Member &member, qint64 billId, const QString &actor,
                                 const QString &reason);

    const storage::Database &m_db;
    const Clock &m_clock;
};

}  // namespace cd::accounts
