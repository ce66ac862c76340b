#include "core/accounts/couponrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace cd::accounts {

using storage::Sql;
using storage::bindable;
using storage::fetchAll;
using storage::firstOf;
using storage::optionalInt64;
using storage::statusOf;

namespace {

const QString kRuleColumns =
    u"id, name, trigger_kind, min_topup_minor, amount_minor, min_spend_minor, department_id, sub_operator_id, "
    "station_id, valid_days, valid_from_ms, valid_to_ms, active, created_by, created_ms, min_total_spend_minor"_s;
const QString kCouponColumns =
    u"c.id, c.code, c.name, c.amount_minor, c.min_spend_minor, c.department_id, c.sub_operator_id, c.station_id, "
    "c.valid_from_ms, c.valid_to_ms, c.valid_days, c.member_id, c.issued_reason, c.source_topup_id, c.rule_id, "
    "c.status, c.used_session_id, c.revoked_ms, c.revoked_by, c.revoke_reason, c.created_ms, "
    "(SELECT m.name FROM members m WHERE m.id = c.member_id), c.earned_by_bill_id"_s;

std::optional<int> optionalInt(const QSqlQuery &q, int column)
{
    return q.isNull(column) ? std::nullopt : std::optional<int>(q.value(column).toInt());
}

CouponRule ruleFromRow(const QSqlQuery &q)
{
    CouponRule r;
    r.id = q.value(0).toLongLong();
    r.name = q.value(1).toString();
    r.trigger = AccountText::triggerFromName(q.value(2).toString()).value_or(CouponTrigger::TopUp);
    r.minTopUpMinor = q.value(3).toLongLong();
    r.amountMinor = q.value(4).toLongLong();
    r.minSpendMinor = q.value(5).toLongLong();
    r.departmentId = optionalInt64(q, 6);
    r.subOperatorId = optionalInt64(q, 7);
    r.stationId = optionalInt64(q, 8);
    r.validDays = optionalInt(q, 9);
    r.validFromMs = optionalInt64(q, 10);
    r.validToMs = optionalInt64(q, 11);
    r.active = q.value(12).toInt() != 0;
    r.createdBy = q.value(13).toString();
    r.createdMs = q.value(14).toLongLong();
    r.minTotalSpendMinor = q.value(15).toLongLong();
    return r;
}

Coupon couponFromRow(const QSqlQuery &q)
{
    Coupon c;
    c.id = q.value(0).toLongLong();
    c.code = q.value(1).toString();
    c.name = q.value(2).toString();
    c.amountMinor = q.value(3).toLongLong();
    c.minSpendMinor = q.value(4).toLongLong();
    c.departmentId = optionalInt64(q, 5);
    c.subOperatorId = optionalInt64(q, 6);
    c.stationId = optionalInt64(q, 7);
    c.validFromMs = optionalInt64(q, 8);
    c.validToMs = optionalInt64(q, 9);
    c.validDays = optionalInt(q, 10);
    c.memberId = optionalInt64(q, 11);
    c.issuedReason = q.value(12).toString();
    c.sourceTopUpId = optionalInt64(q, 13);
    c.ruleId = optionalInt64(q, 14);
    c.status = q.value(15).toString();
    c.usedSessionId = optionalInt64(q, 16);
    c.revokedMs = optionalInt64(q, 17);
    c.revokedBy = q.value(18).toString();
    c.revokeReason = q.value(19).toString();
    c.createdMs = q.value(20).toLongLong();
    c.memberName = q.value(21).toString();
    c.earnedByBillId = optionalInt64(q, 22);
    return c;
}

}  // namespace

CouponRepository::CouponRepository(const storage::Database &db) : m_db(db) {}

Expected<QList<CouponRule>> CouponRepository::rules(bool activeOnly) const
{
    return fetchAll(m_db.connection(),
                    u"SELECT "_s + kRuleColumns + u" FROM coupon_rules"_s + (activeOnly ? u" WHERE active = 1"_s : QString())
                        + u" ORDER BY id DESC"_s,
                    {}, ruleFromRow);
}

Expected<QList<CouponRule>> CouponRepository::activeRules(CouponTrigger trigger) const
{
    return fetchAll(m_db.connection(),
                    u"SELECT "_s + kRuleColumns
                        + u" FROM coupon_rules WHERE trigger_kind = ? AND active = 1 ORDER BY min_topup_minor DESC, "
                          "amount_minor DESC, id"_s,
                    {AccountText::triggerName(trigger)}, ruleFromRow);
}

Expected<std::optional<CouponRule>> CouponRepository::rule(qint64 id) const
{
    return firstOf(
        fetchAll(m_db.connection(), u"SELECT "_s + kRuleColumns + u" FROM coupon_rules WHERE id = ?"_s, {id}, ruleFromRow));
}

Expected<qint64> CouponRepository::insertRule(const CouponRule &r)
{
    auto q = Sql::run(m_db.connection(),
                      u"INSERT INTO coupon_rules (name, trigger_kind, min_topup_minor, amount_minor, min_spend_minor, "
                      "department_id, sub_operator_id, station_id, valid_days, valid_from_ms, valid_to_ms, active, "
                      "created_by, created_ms, min_total_spend_minor) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"_s
                          + m_db.dialect().returningIdClause(),
                      {r.name, AccountText::triggerName(r.trigger), r.minTopUpMinor, r.amountMinor, r.minSpendMinor,
                       bindable(r.departmentId), bindable(r.subOperatorId), bindable(r.stationId), bindable(r.validDays),
                       bindable(r.validFromMs), bindable(r.validToMs), r.active ? 1 : 0, r.createdBy, r.createdMs,
                       r.minTotalSpendMinor});
    if (!q)
        return q.error();
    return m_db.dialect().insertedId(*q);
}

Status CouponRepository::setRuleActive(qint64 id, bool active)
{
    return statusOf(
        Sql::run(m_db.connection(), u"UPDATE coupon_rules SET active = ? WHERE id = ?"_s, {active ? 1 : 0, id}));
}

Expected<QList<Coupon>> CouponRepository::coupons(const CouponFilter &filter) const
{
    QString sql = u"SELECT "_s + kCouponColumns + u" FROM coupons c WHERE 1 = 1"_s;
    QVariantList values;
    if (filter.memberId) {
        sql += u" AND c.member_id = ?"_s;
        values << *filter.memberId;
    }
    if (filter.ruleId) {
        sql += u" AND c.rule_id = ?"_s;
        values << *filter.ruleId;
    }
    if (filter.sourceTopUpId) {
        sql += u" AND c.source_topup_id = ?"_s;
        values << *filter.sourceTopUpId;
    }
    if (!filter.status.isEmpty()) {
        sql += u" AND c.status = ?"_s;
        values << filter.status;
    }
    if (filter.beforeId) {
        sql += u" AND c.id < ?"_s;
        values << *filter.beforeId;
    }
    sql += u" ORDER BY c.id DESC LIMIT ?"_s;
    values << qMax(1, filter.limit);
    return fetchAll(m_db.connection(), sql, values, couponFromRow);
}

Expected<std::optional<Coupon>> CouponRepository::coupon(qint64 id) const
{
    return firstOf(
        fetchAll(m_db.connection(), u"SELECT "_s + kCouponColumns + u" FROM coupons c WHERE c.id = ?"_s, {id}, couponFromRow));
}

Expected<bool> CouponRepository::codeExists(const QString &code) const
{
    auto q = Sql::run(m_db.connection(), u"SELECT COUNT(*) FROM coupons WHERE code = ?"_s, {code});
    if (!q)
        return q.error();
    return q->next() && q->value(0).toInt() > 0;
}

Expected<qint64> CouponRepository::insertCoupon(const Coupon &c)
{
    auto q = Sql::run(m_db.connection(),
                      u"INSERT INTO coupons (code, name, amount_minor, min_spend_minor, department_id, sub_operator_id, "
                      "station_id, valid_from_ms, valid_to_ms, valid_days, member_id, issued_reason, source_topup_id, "
                      "rule_id, status, created_ms, earned_by_bill_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"_s
                          + m_db.dialect().returningIdClause(),
                      {c.code, c.name, c.amountMinor, c.minSpendMinor, bindable(c.departmentId), bindable(c.subOperatorId),
                       bindable(c.stationId), bindable(c.validFromMs), bindable(c.validToMs), bindable(c.validDays),
                       bindable(c.memberId), c.issuedReason, bindable(c.sourceTopUpId), bindable(c.ruleId), c.status,
                       c.createdMs, bindable(c.earnedByBillId)});
    if (!q)
        return q.error();
    return m_db.dialect().insertedId(*q);
}

Expected<qint64> CouponRepository::memberSpend(qint64 memberId, const CouponRule &rule) const
{
    const Query query = memberSpendQuery(memberId, rule);
    auto q = Sql::run(m_db.connection(), query.sql, query.values);
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toLongLong() : 0;
}

CouponRepository::Query CouponRepository::memberSpendQuery(qint64 memberId, const CouponRule &rule)
{
    // Driven by the member's sessions (idx_sessions_member_station: member, then station), each joined
    // to the current version of its bill (no higher version of the session's bill exists:
    // idx_bills_session); sessions by their charging start (the start when charging never began).
    QString sql = u"SELECT COALESCE(SUM(b.total_minor), 0) FROM sessions s JOIN bills b ON b.session_id = s.id "
                  "WHERE s.member_id = ? AND NOT EXISTS (SELECT 1 FROM bills n WHERE n.session_id = b.session_id "
                  "AND n.version > b.version)"_s;
    QVariantList values{memberId};
    if (rule.validFromMs) {
        sql += u" AND COALESCE(s.charging_started_ms, s.started_ms) >= ?"_s;
        values << *rule.validFromMs;
    }
    if (rule.validToMs) {
        sql += u" AND COALESCE(s.charging_started_ms, s.started_ms) < ?"_s;
        values << *rule.validToMs;
    }
    if (rule.stationId) {
        sql += u" AND s.station_id = ?"_s;
        values << *rule.stationId;
    }
    if (rule.subOperatorId) {
        // Uncorrelated, so evaluated once: the sub-operator's stations (idx_sites_sub_operator,
        // idx_stations_site), then the member's sessions at them.
        sql += u" AND s.station_id IN (SELECT st.id FROM sites si JOIN stations st ON st.site_id = si.id "
               "WHERE si.sub_operator_id = ?)"_s;
        values << *rule.subOperatorId;
    }
    if (rule.departmentId) {
        // The rule's department and every department below it (billing applies a parent's coupon to
        // a sub-department's session); UNION, not UNION ALL, ends even on a cycle of parents.
        sql += u" AND COALESCE(s.department_id, (SELECT m.department_id FROM members m WHERE m.id = s.member_id)) IN "
               "(WITH RECURSIVE scope(id) AS (SELECT CAST(? AS BIGINT) UNION SELECT d.id FROM departments d "
               "JOIN scope ON d.parent_id = scope.id) SELECT id FROM scope)"_s;
        values << *rule.departmentId;
    }
    return {sql, values};
}

Expected<std::optional<CouponRepository::BillOwner>> CouponRepository::billOwner(qint64 billId) const
{
    return firstOf(fetchAll(
        m_db.connection(),
        u"SELECT s.member_id, s.id, COALESCE(b.charging_started_ms, s.charging_started_ms, s.started_ms, 0), b.total_minor, "
        "s.station_id, si.sub_operator_id, COALESCE(s.department_id, m.department_id) "
        "FROM bills b JOIN sessions s ON s.id = b.session_id JOIN members m ON m.id = s.member_id "
        "LEFT JOIN stations st ON st.id = s.station_id LEFT JOIN sites si ON si.id = st.site_id WHERE b.id = ?"_s,
        {billId}, +[](const QSqlQuery &q) {
            BillOwner o;
            o.memberId = q.value(0).toLongLong();
            o.sessionId = q.value(1).toLongLong();
            o.chargingStartMs = q.value(2).toLongLong();
            o.totalMinor = q.value(3).toLongLong();
            o.stationId = q.value(4).toLongLong();
            o.subOperatorId = optionalInt64(q, 5);
            o.departmentId = optionalInt64(q, 6);
            return o;
        }));
}

Expected<QList<Coupon>> CouponRepository::earnedCoupons(qint64 ruleId, qint64 memberId) const
{
    return fetchAll(m_db.connection(),
                    u"SELECT "_s + kCouponColumns
                        + u" FROM coupons c WHERE c.rule_id = ? AND c.member_id = ? AND c.earned_by_bill_id IS NOT NULL "
                          "ORDER BY c.id"_s,
                    {ruleId, memberId}, couponFromRow);
}

Expected<qint64> CouponRepository::insertCouponInSavepoint(const Coupon &coupon)
{
    const QSqlDatabase db = m_db.connection();
    if (auto sp = Sql::run(db, u"SAVEPOINT cd_coupon"_s); !sp)
        return sp.error();
    auto id = insertCoupon(coupon);
    if (!id) {
        if (auto back = Sql::run(db, u"ROLLBACK TO SAVEPOINT cd_coupon"_s); !back)
            return back.error();
    }
    if (auto release = Sql::run(db, u"RELEASE SAVEPOINT cd_coupon"_s); !release)
        return release.error();
    return id;
}

Expected<bool> CouponRepository::revoke(qint64 id, qint64 atMs, const QString &by, const QString &reason)
{
    auto q = Sql::run(m_db.connection(),
                      u"UPDATE coupons SET status = 'revoked', revoked_ms = ?, revoked_by = ?, revoke_reason = ? "
                      "WHERE id = ? AND status = 'issued'"_s,
                      {atMs, by, reason, id});
    if (!q)
        return q.error();
    return q->numRowsAffected() == 1;
}

}  // namespace cd::accounts
