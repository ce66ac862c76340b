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
    // A member's spend for 'spend' rules: the sum of total_minor of the current version of each bill
    // of the member's sessions whose charging started in [fromMs, toMs) (nullopt: open end).
    Expected<qint64> memberSpend(qint64 memberId, std::optional<qint64> fromMs, std::optional<qint64> toMs) const;
    // The member of a bill's session and when the session started charging (its start when charging
    // never began); nullopt: no such bill, or its session has no member.
    struct BillOwner {
        qint64 memberId = 0;
        qint64 sessionId = 0;
        qint64 chargingStartMs = 0;
    };
    Expected<std::optional<BillOwner>> billOwner(qint64 billId) const;
    // The coupon a rule issued to a member (any status); nullopt: none yet. A 'spend' rule issues one.
    Expected<std::optional<Coupon>> couponOfRule(qint64 ruleId, qint64 memberId) const;
    // issued -> revoked; false when the coupon was no longer issued (used or revoked meanwhile).
    Expected<bool> revoke(qint64 id, qint64 atMs, const QString &by, const QString &reason);

private:
    const storage::Database &m_db;
};

}  // namespace cd::accounts
