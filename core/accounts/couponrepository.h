#pragma once
// Rows of coupon rules and issued coupons: plain reads and writes inside the caller's transaction.
// Which coupon a top-up or a new member earns is CouponIssuer's; applying a coupon to a bill is
// billing's (core/billing/couponrules.h).

#include "core/accounts/accounttypes.h"
#include "core/common/expected.h"

#include <QList>

#include <optional>

namespace cd::storage {
class Database;
}

namespace cd::accounts {

class CouponRepository {
public:
    explicit CouponRepository(const storage::Database &db);

    // Newest first; activeOnly leaves out switched-off rules.
    Expected<QList<CouponRule>> rules(bool activeOnly = false) const;
    Expected<QList<CouponRule>> activeRules(CouponTrigger trigger) const;
    Expected<std::optional<CouponRule>> rule(qint64 id) const;
    Expected<qint64> insertRule(const CouponRule &rule);
    Status setRuleActive(qint64 id, bool active);

    // Newest first, with the member's name.
    Expected<QList<Coupon>> coupons(const CouponFilter &filter) const;
    Expected<std::optional<Coupon>> coupon(qint64 id) const;
    Expected<bool> codeExists(const QString &code) const;
    Expected<qint64> insertCoupon(const Coupon &coupon);
    // issued -> revoked; false when the coupon was no longer issued (used or revoked meanwhile).
    Expected<bool> revoke(qint64 id, qint64 atMs, const QString &by, const QString &reason);

private:
    const storage::Database &m_db;
};

}  // namespace cd::accounts
