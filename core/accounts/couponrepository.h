#pragma once
// Rows of coupon rules and issued coupons: plain reads and writes inside the caller's transaction.
// Which coupon a top-up or a new member earns is CouponIssuer's; applying a coupon to a bill is
// billing's (core/billing/couponrules.h).

#include "core/accounts/accounttypes.h"
#include "core/common/expected.h"

#include <QList>
#include <QVariantList>

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
    // A member's spend for 'spend' rule `rule`: the sum of total_minor of the current version of each
    // bill of the member's sessions that count for the rule — charging started in its date range
    // [validFrom, validTo) (nullopt: open end), at its station (when set), at a station of its
    // sub-operator (stations.site_id -> sites.sub_operator_id, when set), and billed to its
    // department or one below it (the session's department, else the member's; when set). The
    // spend that earns a coupon is spend the coupon could have applied to (core/billing/couponrules.h).
    // One statement; migration 0013's indexes serve it.
    Expected<qint64> memberSpend(qint64 memberId, const CouponRule &rule) const;
    // The statement memberSpend runs and its bound values (tests read its query plan).
    struct Query {
        QString sql;
        QVariantList values;
    };
    static Query memberSpendQuery(qint64 memberId, const CouponRule &rule);
    // A bill's session as a 'spend' rule sees it; nullopt: no such bill, or its session has no member.
    struct BillOwner {
        qint64 memberId = 0;
        qint64 sessionId = 0;
        qint64 chargingStartMs = 0;  // its start when charging never began
        qint64 totalMinor = 0;       // the bill's total
        qint64 stationId = 0;
        std::optional<qint64> subOperatorId;  // of the station's site
        std::optional<qint64> departmentId;   // the session's department, else the member's
    };
    Expected<std::optional<BillOwner>> billOwner(qint64 billId) const;
    // A member's coupons earned from a rule (earned_by_bill_id set), oldest first, any status. At most
    // one is live (not revoked: used and expired ones are live): migration 0013's unique index.
    Expected<QList<Coupon>> earnedCoupons(qint64 ruleId, qint64 memberId) const;
    // insertCoupon inside a savepoint: when the INSERT fails (e.g. 0013's unique index refuses a
    // second live earned coupon another server committed meanwhile) only it is undone, and the
    // caller's transaction goes on (PostgreSQL would otherwise refuse every later statement of it).
    // Runs inside the caller's transaction.
    Expected<qint64> insertCouponInSavepoint(const Coupon &coupon);
    // issued -> revoked; false when the coupon was no longer issued (used or revoked meanwhile).
    Expected<bool> revoke(qint64 id, qint64 atMs, const QString &by, const QString &reason);

private:
    const storage::Database &m_db;
};

}  // namespace cd::accounts
