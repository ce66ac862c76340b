#include "core/refunds/refundrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace cd::refunds {

using storage::Sql;
using storage::bindable;
using storage::fetchAll;
using storage::firstOf;
using storage::optionalInt64;

namespace {

const QString kApplicationColumns =
    u"a.id, a.member_id, a.amount_minor, a.commission_minor, a.refunded_minor, a.currency, a.reason, a.status, "
    "a.progress, a.revoke_coupons, a.applied_ms, a.decided_ms, a.decided_by, m.name"_s;
const QString kApplicationFrom = u" FROM refund_applications a LEFT JOIN members m ON m.id = a.member_id"_s;

const QString kRecordColumns =
    u"r.id, r.application_id, r.topup_id, r.original_total_minor, r.amount_minor, r.our_refund_no, "
    "r.gateway_refund_no, r.status, r.created_ms, r.updated_ms, t.gateway, t.gateway_receipt, r.error_code, r.error"_s;
const QString kRecordFrom = u" FROM refund_gateway_records r LEFT JOIN topups t ON t.id = r.topup_id"_s;

// What counts against a top-up: refunds that succeeded or may still succeed.
const QString kRefundedOfTopUp =
    u"(SELECT COALESCE(SUM(r.amount_minor), 0) FROM refund_gateway_records r WHERE r.topup_id = t.id "
    "AND r.status IN ('in_progress', 'success'))"_s;

RefundApplication applicationFromRow(const QSqlQuery &q)
{
    RefundApplication a;
    a.id = q.value(0).toLongLong();
    a.memberId = q.value(1).toLongLong();
    a.amountMinor = q.value(2).toLongLong();
    a.commissionMinor = q.value(3).toLongLong();
    a.refundedMinor = q.value(4).toLongLong();
    a.currency = q.value(5).toString();
    a.reason = q.value(6).toString();
    a.status = statusFromName(q.value(7).toString()).value_or(RefundStatus::Pending);
    a.progress = progressFromName(q.value(8).toString()).value_or(RefundProgress::Applied);
    a.revokeCoupons = q.value(9).toLongLong() != 0;
    a.appliedMs = q.value(10).toLongLong();
    a.decidedMs = optionalInt64(q, 11);
    a.decidedBy = q.value(12).toString();
    a.memberName = q.value(13).toString();
    return a;
}

RefundAuditEntry auditFromRow(const QSqlQuery &q)
{
    RefundAuditEntry e;
    e.id = q.value(0).toLongLong();
    e.applicationId = q.value(1).toLongLong();
    e.atMs = q.value(2).toLongLong();
    e.operatorName = q.value(3).toString();
    e.decision = q.value(4).toString();
    e.fromState = q.value(5).toString();
    e.toState = q.value(6).toString();
    e.reason = q.value(7).toString();
    return e;
}

RefundGatewayRecord recordFromRow(const QSqlQuery &q)
{
    RefundGatewayRecord r;
    r.id = q.value(0).toLongLong();
    r.applicationId = q.value(1).toLongLong();
    r.topUpId = optionalInt64(q, 2);
    r.originalTotalMinor = q.value(3).toLongLong();
    r.amountMinor = q.value(4).toLongLong();
    r.ourRefundNo = q.value(5).toString();
    r.gatewayRefundNo = q.value(6).toString();
    r.status = recordStatusFromName(q.value(7).toString()).value_or(RecordStatus::InProgress);
    r.createdMs = q.value(8).toLongLong();
    r.updatedMs = q.value(9).toLongLong();
    r.gateway = q.value(10).toString();
    r.gatewayReceipt = q.value(11).toString();
    r.errorCode = q.value(12).toString();
    r.error = q.value(13).toString();
    return r;
}

RefundableTopUp topUpFromRow(const QSqlQuery &q)
{
    RefundableTopUp out;
    accounts::TopUp &t = out.topUp;
    t.id = q.value(0).toLongLong();
    t.memberId = optionalInt64(q, 1);
    t.amountMinor = q.value(2).toLongLong();
    t.currency = q.value(3).toString();
    t.gateway = q.value(4).toString();
    t.receipt = q.value(5).toString();
    t.createdBy = q.value(6).toString();
    t.createdMs = q.value(7).toLongLong();
    out.leftMinor = t.amountMinor - q.value(8).toLongLong();
    return out;
}

RefundCoupon couponFromRow(const QSqlQuery &q)
{
    RefundCoupon c;
    c.id = q.value(0).toLongLong();
    c.code = q.value(1).toString();
    c.amountMinor = q.value(2).toLongLong();
    c.topUpId = q.value(3).toLongLong();
    c.status = q.value(4).toString();
    return c;
}

}  // namespace

RefundRepository::RefundRepository(const storage::Database &db) : m_db(db) {}

Expected<qint64> RefundRepository::insertApplication(const RefundApplication &a)
{
    auto q = Sql::run(m_db.connection(),
                      u"INSERT INTO refund_applications (member_id, amount_minor, commission_minor, refunded_minor, currency, "
                      "reason, status, progress, revoke_coupons, applied_ms) VALUES (?,?,?,?,?,?,?,?,?,?)"_s
                          + m_db.dialect().returningIdClause(),
                      {a.memberId, a.amountMinor, a.commissionMinor, a.refundedMinor, a.currency, a.reason,
                       statusName(a.status), progressName(a.progress), a.revokeCoupons ? 1 : 0, a.appliedMs});
    if (!q)
        return q.error();
    return m_db.dialect().insertedId(*q);
}

Expected<std::optional<RefundApplication>> RefundRepository::application(qint64 id) const
{
    return firstOf(fetchAll(m_db.connection(), u"SELECT "_s + kApplicationColumns + kApplicationFrom + u" WHERE a.id = ?"_s,
                            {id}, applicationFromRow));
}

Expected<QList<RefundApplication>> RefundRepository::applications(const RefundFilter &filter) const
{
    QString sql = u"SELECT "_s + kApplicationColumns + kApplicationFrom + u" WHERE 1 = 1"_s;
    QVariantList values;
    if (filter.status) {
        sql += u" AND a.status = ?"_s;
        values << statusName(*filter.status);
    }
    if (filter.memberId) {
        sql += u" AND a.member_id = ?"_s;
        values << *filter.memberId;
    }
    if (filter.beforeId) {
        sql += u" AND a.id < ?"_s;
        values << *filter.beforeId;
    }
    sql += u" ORDER BY a.id DESC LIMIT ?"_s;
    values << qBound(1, filter.limit, 1000);
    return fetchAll(m_db.connection(), sql, values, applicationFromRow);
}

Expected<bool> RefundRepository::updateApplication(const RefundApplication &a, RefundStatus fromStatus,
                                                   RefundProgress fromProgress)
{
    auto q = Sql::run(m_db.connection(),
                      u"UPDATE refund_applications SET status = ?, progress = ?, commission_minor = ?, refunded_minor = ?, "
                      "decided_ms = ?, decided_by = ? WHERE id = ? AND status = ? AND progress = ?"_s,
                      {statusName(a.status), progressName(a.progress), a.commissionMinor, a.refundedMinor,
                       bindable(a.decidedMs), a.decidedBy.isEmpty() ? QVariant() : QVariant(a.decidedBy), a.id,
                       statusName(fromStatus), progressName(fromProgress)});
    if (!q)
        return q.error();
    return q->numRowsAffected() == 1;
}

Expected<qint64> RefundRepository::appendAudit(const RefundAuditEntry &e)
{
    auto q = Sql::run(m_db.connection(),
                      u"INSERT INTO refund_audit (application_id, at_ms, operator_name, decision, from_status, to_status, "
                      "reason) VALUES (?,?,?,?,?,?,?)"_s
                          + m_db.dialect().returningIdClause(),
                      {e.applicationId, e.atMs, e.operatorName, e.decision, e.fromState, e.toState, e.reason});
    if (!q)
        return q.error();
    return m_db.dialect().insertedId(*q);
}

Expected<QList<RefundAuditEntry>> RefundRepository::auditOf(qint64 applicationId) const
{
    return fetchAll(m_db.connection(),
                    u"SELECT id, application_id, at_ms, operator_name, decision, from_status, to_status, reason "
                    "FROM refund_audit WHERE application_id = ? ORDER BY id"_s,
                    {applicationId}, auditFromRow);
}

Expected<qint64> RefundRepository::insertRecord(const RefundGatewayRecord &r)
{
    auto q = Sql::run(m_db.connection(),
                      u"INSERT INTO refund_gateway_records (application_id, topup_id, original_total_minor, amount_minor, "
                      "our_refund_no, gateway_refund_no, status, created_ms, updated_ms) VALUES (?,?,?,?,?,?,?,?,?)"_s
                          + m_db.dialect().returningIdClause(),
                      {r.applicationId, bindable(r.topUpId), r.originalTotalMinor, r.amountMinor, r.ourRefundNo,
                       r.gatewayRefundNo, recordStatusName(r.status), r.createdMs, r.updatedMs});
    if (!q)
        return q.error();
    return m_db.dialect().insertedId(*q);
}

Expected<std::optional<RefundGatewayRecord>> RefundRepository::record(qint64 id) const
{
    return firstOf(
        fetchAll(m_db.connection(), u"SELECT "_s + kRecordColumns + kRecordFrom + u" WHERE r.id = ?"_s, {id}, recordFromRow));
}

Expected<QList<RefundGatewayRecord>> RefundRepository::recordsOf(qint64 applicationId) const
{
    return fetchAll(m_db.connection(),
                    u"SELECT "_s + kRecordColumns + kRecordFrom + u" WHERE r.application_id = ? ORDER BY r.id"_s,
                    {applicationId}, recordFromRow);
}

Expected<bool> RefundRepository::finishRecord(qint64 id, RecordStatus status, const QString &gatewayRefundNo,
                                              const QString &errorCode, const QString &error, qint64 nowMs)
{
    auto q = Sql::run(m_db.connection(),
                      u"UPDATE refund_gateway_records SET status = ?, gateway_refund_no = ?, error_code = ?, error = ?, "
                      "updated_ms = ? WHERE id = ? AND status = 'in_progress'"_s,
                      {recordStatusName(status), gatewayRefundNo, errorCode, error, nowMs, id});
    if (!q)
        return q.error();
    return q->numRowsAffected() == 1;
}

Status RefundRepository::noteRecordError(qint64 id, const QString &errorCode, const QString &error, qint64 nowMs)
{
    return storage::statusOf(Sql::run(m_db.connection(),
                                      u"UPDATE refund_gateway_records SET error_code = ?, error = ?, updated_ms = ? "
                                      "WHERE id = ? AND status = 'in_progress'"_s,
                                      {errorCode, error, nowMs, id}));
}

Status RefundRepository::noteGatewayRefundNo(qint64 id, const QString &gatewayRefundNo, qint64 nowMs)
{
    return storage::statusOf(Sql::run(m_db.connection(),
                                      u"UPDATE refund_gateway_records SET gateway_refund_no = ?, error_code = '', error = '', "
                                      "updated_ms = ? WHERE id = ? AND status = 'in_progress'"_s,
                                      {gatewayRefundNo, nowMs, id}));
}

Expected<bool> RefundRepository::revokeRecord(qint64 id, const QString &errorCode, const QString &error, qint64 nowMs)
{
    auto q = Sql::run(m_db.connection(),
                      u"UPDATE refund_gateway_records SET status = 'revoked', error_code = ?, error = ?, updated_ms = ? "
                      "WHERE id = ? AND status = 'success'"_s,
                      {errorCode, error, nowMs, id});
    if (!q)
        return q.error();
    return q->numRowsAffected() == 1;
}

Expected<std::optional<RefundGatewayRecord>> RefundRepository::recordByRefundNo(const QString &ourRefundNo,
                                                                                const QString &gatewayRefundNo) const
{
    if (!ourRefundNo.isEmpty()) {
        auto ours = firstOf(fetchAll(m_db.connection(), u"SELECT "_s + kRecordColumns + kRecordFrom + u" WHERE r.our_refund_no = ?"_s,
                                     {ourRefundNo}, recordFromRow));
        if (!ours || ours->has_value())
            return ours;
    }
    if (gatewayRefundNo.isEmpty())
        return std::optional<RefundGatewayRecord>();
    return firstOf(fetchAll(m_db.connection(),
                            u"SELECT "_s + kRecordColumns + kRecordFrom + u" WHERE r.gateway_refund_no = ? ORDER BY r.id"_s,
                            {gatewayRefundNo}, recordFromRow));
}

Expected<QList<RefundableTopUp>> RefundRepository::refundableTopUps(qint64 memberId) const
{
    return fetchAll(m_db.connection(),
                    u"SELECT t.id, t.member_id, t.amount_minor, t.currency, t.gateway, t.gateway_receipt, t.created_by, "
                    "t.created_ms, "_s
                        + kRefundedOfTopUp + u" FROM topups t WHERE t.member_id = ? ORDER BY t.created_ms DESC, t.id DESC"_s,
                    {memberId}, topUpFromRow);
}

Expected<QList<RefundCoupon>> RefundRepository::couponsOfTopUps(const QList<qint64> &topUpIds) const
{
    QList<RefundCoupon> out;
    for (qint64 topUpId : topUpIds) {
        auto rows = fetchAll(m_db.connection(),
                             u"SELECT id, code, amount_minor, source_topup_id, status FROM coupons "
                             "WHERE source_topup_id = ? ORDER BY id"_s,
                             {topUpId}, couponFromRow);
        if (!rows)
            return rows.error();
        out += *rows;
    }
    return out;
}

Status RefundRepository::lockMember(qint64 memberId)
{
    return storage::statusOf(Sql::run(m_db.connection(),
                                      u"UPDATE members SET pending_refund_minor = pending_refund_minor WHERE id = ?"_s, {memberId}));
}

Expected<bool> RefundRepository::moveMemberMoney(qint64 memberId, qint64 balanceDelta, qint64 refundableDelta,
                                                 qint64 pendingDelta, qint64 needRefundable, qint64 needPending)
{
    auto q = Sql::run(m_db.connection(),
                      u"UPDATE members SET balance_minor = balance_minor + ?, refundable_minor = refundable_minor + ?, "
                      "pending_refund_minor = pending_refund_minor + ? "
                      "WHERE id = ? AND refundable_minor >= ? AND pending_refund_minor >= ?"_s,
                      {balanceDelta, refundableDelta, pendingDelta, memberId, needRefundable, needPending});
    if (!q)
        return q.error();
    return q->numRowsAffected() == 1;
}

}  // namespace cd::refunds
