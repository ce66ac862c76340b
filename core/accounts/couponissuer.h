#pragma once
// Which coupons a top-up or a new member earns, and issuing them inside the caller's transaction
// (the top-up or the new member commits together with its coupons):
// - a top-up of a member earns the coupon of the active top-up rule with the highest threshold
//   the amount reaches (one coupon per top-up), with source_topup_id set;
// - a new member gets the coupon of every active new-member rule;
// - a rule limited to a department issues only to members of that department; a rule whose date
//   range is over issues nothing. "A member of that department" includes its sub-departments, as
//   billing's coupon rules accept a parent's coupon (core/billing/couponrules.h).
// The coupon copies the rule's amount, minimum spend and limits; its validity runs valid_days from
// the moment of issue, or the rule's date range.

#include "core/accounts/accounttypes.h"
#include "core/common/expected.h"

#include <QCoreApplication>

#include <optional>

namespace cd::storage {
class Database;
}

namespace cd::accounts {

class CouponIssuer {
    Q_DECLARE_TR_FUNCTIONS(cd::accounts::CouponIssuer)
public:
    explicit CouponIssuer(const storage::Database &db);

    // The rule a top-up of `amountMinor` by `member` would use at `nowMs`; nullopt: none.
    Expected<std::optional<CouponRule>> ruleForTopUp(const Member &member, qint64 amountMinor, qint64 nowMs) const;
    Expected<QList<CouponRule>> rulesForNewMember(const Member &member, qint64 nowMs) const;

    Expected<QList<Coupon>> issueForTopUp(const Member &member, const TopUp &topUp, qint64 nowMs);
    Expected<QList<Coupon>> issueForNewMember(const Member &member, qint64 nowMs);

    // The coupon a rule issues to `member` (not stored).
    static Coupon couponFrom(const CouponRule &rule, const Member &member, qint64 nowMs);
    // `memberDepartments`: the member's department and its parents, nearest first.
    static bool appliesTo(const CouponRule &rule, const QList<qint64> &memberDepartments, qint64 nowMs);

    // Stores `coupon` with a fresh code (inside the caller's transaction); spend coupons use it too
    // (core/accounts/spendcoupons.h).
    Expected<Coupon> issue(Coupon coupon);
    // Stores a coupon earned by spend like issue(); nullopt when the database refuses it because the
    // member holds a live earned coupon of the rule already: another server billing the same member
    // on one PostgreSQL committed it meanwhile (migration 0013's unique index). The loser does not
    // fail its bill: the member has the one coupon, and the caller's transaction goes on.
    Expected<std::optional<Coupon>> issueEarned(Coupon coupon);

private:
    // A code no stored coupon has.
    Expected<QString> freeCode() const;

    const storage::Database &m_db;
};

}  // namespace cd::accounts
