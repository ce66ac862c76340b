#pragma once
// Coupon rules and issued coupons as the operator manages them: list, create a rule, switch a rule
// on or off, list coupons, revoke one that is not used yet. Each change with an audit log entry in
// one transaction. Issuing happens with top-ups and new members (AccountService, CouponIssuer).

#include "core/access/actor.h"
#include "core/accounts/accounttypes.h"
#include "core/common/clock.h"
#include "core/common/expected.h"

#include <QCoreApplication>

namespace cd::storage {
class Database;
}

namespace cd::accounts {

class CouponService {
    Q_DECLARE_TR_FUNCTIONS(cd::accounts::CouponService)
public:
    explicit CouponService(const storage::Database &db, const Clock &clock = Clock::system());

    // Empty: valid; else the problems, translated.
    static QStringList validate(const CouponRule &rule);

    Expected<QList<CouponRule>> rules() const;
    Expected<CouponRule> createRule(const CouponRule &rule, const access::Actor &actor, const QString &reason = {});
    Expected<CouponRule> setRuleActive(qint64 ruleId, bool active, const access::Actor &actor, const QString &reason = {});

    Expected<QList<Coupon>> coupons(const CouponFilter &filter) const;
    // issued -> revoked; refused for a used or already revoked coupon.
    Expected<Coupon> revoke(qint64 couponId, const access::Actor &actor, const QString &reason);

private:
    const storage::Database &m_db;
    const Clock &m_clock;
};

}  // namespace cd::accounts
