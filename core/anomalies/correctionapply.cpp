// Applying a bill correction: the new version and everything it touches in one transaction, then
// the card money through the hold service's journal.

#include "core/anomalies/correctionengine.h"

#include "core/access/accessguard.h"

#include "core/billing/billingservice.h"
#include "core/payments/holdservice.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QJsonDocument>
#include <QLoggingCategory>

namespace cd::anomalies {

Q_LOGGING_CATEGORY(lcCorrection, "chargedesk.anomalies.correction")

namespace {

// What must come out the same when the correction is planned again inside the transaction: the
// numbers and every effect the operator confirmed.
QString effectKey(const CorrectionPreview &p)
{
    QStringList parts;
    parts << QString::number(p.after.totalMinor) << QString::number(p.after.energyWh)
          << QString::number(p.paidBeforeMinor) << QString::number(p.uncollectedMinor);
    if (p.balance)
        parts << QStringLiteral("b%1:%2:%3").arg(int(p.balance->kind)).arg(p.balance->accountId).arg(p.balance->deltaMinor);
    if (p.hold)
        parts << QStringLiteral("h%1:%2:%3:%4").arg(p.hold->holdId).arg(p.hold->captureMinor).arg(p.hold->releaseMinor).arg(p.hold->refundMinor);
    for (const CouponChange &c : p.coupons)
        parts << QStringLiteral("c%1:%2:%3:%4").arg(c.couponId).arg(int(c.kind)).arg(c.deductionAfterMinor).arg(c.ruleId);
    for (int code : p.anomalyCodesResolved)
        parts << QStringLiteral("a%1").arg(code);
    return parts.join(u'|');
}

}  // namespace

Expected<CorrectionResult> CorrectionEngine::apply(const CorrectionPreview &confirmed, const access::Actor &actor,
                                                   const QString &reason)
{
    const QString operatorName = actor.name();
    if (operatorName.trimmed().isEmpty())
        return Error{ExitCode::Usage, tr("Who corrects must be known: an operator name is required.")};
    if (reason.trimmed().isEmpty())
        return Error{ExitCode::Usage, tr("A reason is required: it is kept with the bill and in the audit log.")};
    if (Status allowed = access::AccessGuard(m_db).require(actor, access::Permission::BillsCorrect); !allowed)
        return allowed.error();
    if (!confirmed.ok())
        return Error{ExitCode::Usage, confirmed.refusals.join(u' ')};

    CorrectionResult result;
    {
        storage::Transaction tx(m_db.connection());
        if (Status s = tx.begin(); !s)
            return s.error();
        auto context = load(confirmed.request.billId);
        if (!context)
            return context.error();
        if (context->current && context->current->id != confirmed.before.billId) {
            return Error{ExitCode::Usage,
                         tr("Bill %1 was corrected meanwhile: version %2 (bill %3) by %4 is current now. Nothing was "
                            "written; look at the bill again.")
                             .arg(confirmed.before.billId)
                             .arg(context->current->version)
                             .arg(context->current->id)
                             .arg(context->current->createdBy)};
        }
        auto again = makePreview(*context, confirmed.request);
        if (!again)
            return again.error();
        if (!again->ok())
            return Error{ExitCode::Usage, again->refusals.join(u' ')};
        if (effectKey(*again) != effectKey(confirmed)) {
            return Error{ExitCode::Usage, tr("Something changed since the preview (a payment, a coupon or the bill's "
                                             "data): nothing was written. Look at the new preview and apply again.")};
        }
        result.preview = *again;
        if (Status s = write(*context, result.preview, operatorName.trimmed(), reason.trimmed(), result); !s)
            return s.error();
        if (Status s = tx.commit(); !s)
            return s.error();
    }
    qCInfo(lcCorrection) << "bill" << confirmed.before.billId << "corrected by" << operatorName << "->" << result.newBillId
                         << correctionMethodName(confirmed.request.method);
    callMoney(result.preview, operatorName.trimmed(), reason.trimmed(), result);
    return result;
}

Status CorrectionEngine::write(const Context &c, const CorrectionPreview &p, const QString &operatorName,
                               const QString &reason, CorrectionResult &result)
{
    const qint64 now = m_clock.nowMs();
    const QSqlDatabase db = m_db.connection();

    // 1. The new version.
    billing::Bill bill = billing::Bill::fromResult(c.session.id, p.result);
    bill.version = c.bill.version + 1;
    bill.supersedesBillId = c.bill.id;
    bill.currency = p.currency;
    bill.stationEnergyWh = c.bill.stationEnergyWh;
    bill.stationAmountMinor = c.bill.stationAmountMinor;
    bill.settlementState = p.after.settlement;
    bill.correctionMethod = correctionMethodName(p.request.method);
    bill.reason = reason;
    bill.createdBy = operatorName;
    bill.createdMs = now;
    auto id = billing::BillRepository(m_db).insert(bill);
    if (!id) {
        // Another process may have written the same version first (UNIQUE (session_id, version)).
        auto current = billing::BillRepository(m_db).current(c.session.id);
        if (current && current->has_value() && (*current)->id != c.bill.id)
            return Error{ExitCode::Usage, tr("Bill %1 was corrected meanwhile by %2: nothing was written.")
                                              .arg(c.bill.id)
                                              .arg((*current)->createdBy)};
        return id.error();
    }
    result.newBillId = *id;
    result.newVersion = bill.version;

    // 2. Anomalies: the session's open codes are resolved by the new version; a Revert to a version
    //    with anomalies opens them again on it.
    if (auto q = storage::Sql::run(db,
                                   QStringLiteral("UPDATE bill_anomalies SET resolved_ms = ?, resolved_by_bill_id = ? "
                                                  "WHERE session_id = ? AND resolved_ms IS NULL"),
                                   {now, result.newBillId, c.session.id});
        !q)
        return q.error();
    if (!p.anomalyCodesReopened.isEmpty() && p.request.params.toBillId) {
        if (auto q = storage::Sql::run(db,
                                       QStringLiteral("INSERT INTO bill_anomalies (bill_id, session_id, code, detail, detected_ms) "
                                                      "SELECT CAST(? AS BIGINT), session_id, code, detail, CAST(? AS BIGINT) "
                                                      "FROM bill_anomalies WHERE bill_id = ?"),
                                       {result.newBillId, now, *p.request.params.toBillId});
            !q)
            return q.error();
    }

    // 3. Coupons.
    for (const CouponChange &change : p.coupons) {
        if (change.kind == CouponChange::Kind::StopsApplying) {
            auto q = storage::Sql::run(db,
                                       QStringLiteral("UPDATE coupons SET status = 'issued', used_session_id = NULL "
                                                      "WHERE id = ? AND status = 'used' AND used_session_id = ?"),
                                       {change.couponId, c.session.id});
            if (!q)
                return q.error();
        } else if (change.kind == CouponChange::Kind::StartsApplying) {
            auto q = storage::Sql::run(db,
                                       QStringLiteral("UPDATE coupons SET status = 'used', used_session_id = ? "
                                                      "WHERE id = ? AND status = 'issued'"),
                                       {c.session.id, change.couponId});
            if (!q)
                return q.error();
            if (q->numRowsAffected() != 1)
                return Error{ExitCode::Usage, tr("Coupon %1 was used or revoked meanwhile: nothing was written.").arg(change.code)};
        }
    }

    // 3b. Coupons earned by spend: revoke the unused ones no longer earned, issue the newly earned.
    if (Status s = applySpendCoupons(p, result.newBillId, operatorName, reason); !s)
        return s;

    // 4. The balance.
    if (p.balance && p.balance->deltaMinor != 0) {
        billing::BalancePayer payer;
        payer.kind = p.balance->kind == PaymentKind::Member ? billing::BalancePayer::Kind::Member
                                                            : billing::BalancePayer::Kind::Department;
        payer.id = p.balance->accountId;
        if (Status s = billing::BillingService(m_db, m_clock)
                           .debitBalance(payer, p.balance->deltaMinor, c.session.id, result.newBillId, operatorName, reason);
            !s)
            return s;
    }

    // 5. The session's total follows its bill.
    if (auto q = storage::Sql::run(db,
                                   QStringLiteral("UPDATE sessions SET amount_minor = ?, tariff_id = ?, "
                                                  "currency = CASE WHEN currency = '' THEN ? ELSE currency END WHERE id = ?"),
                                   {p.after.totalMinor, storage::bindable(p.after.tariffId), p.currency, c.session.id});
        !q)
        return q.error();

    // 6. The audit record: who, why, before and after.
    storage::AuditEntry audit;
    audit.operatorName = operatorName;
    audit.action = QStringLiteral("bill.correct");
    audit.entityType = QStringLiteral("bill");
    audit.entityId = QString::number(result.newBillId);
    audit.reason = reason;
    audit.beforeState = QString::fromUtf8(QJsonDocument(toJson(p.before)).toJson(QJsonDocument::Compact));
    QJsonObject after = toJson(p);
    after.insert(QStringLiteral("newBillId"), result.newBillId);
    after.insert(QStringLiteral("newVersion"), result.newVersion);
    audit.afterState = QString::fromUtf8(QJsonDocument(after).toJson(QJsonDocument::Compact));
    auto auditId = storage::AuditLogRepository(m_db, m_clock).append(audit);
    if (!auditId)
        return auditId.error();
    result.auditId = *auditId;
    return {};
}

void CorrectionEngine::callMoney(const CorrectionPreview &p, const QString &operatorName, const QString &reason,
                                 CorrectionResult &result)
{
    if (!p.hold || !p.hold->movesMoney() || !m_holds)
        return;
    const payments::Actor actor{operatorName, reason};
    Expected<payments::HoldTicket> ticket = Error{};
    if (p.hold->refundMinor > 0)
        ticket = m_holds->refund(p.hold->holdId, p.hold->refundMinor, actor);
    else if (p.hold->captureMinor > 0)
        ticket = m_holds->capture(p.hold->holdId, p.hold->captureMinor, actor);  // the rest is released
    else
        ticket = m_holds->release(p.hold->holdId, actor);
    if (ticket) {
        result.holdId = ticket->holdId;
        result.moneyCallId = ticket->callId;
        return;
    }
    // The plan checked what the hold service checks, so only a race or the database gets here.
    result.moneyError = ticket.error().message;
    qCWarning(lcCorrection) << "bill" << result.newBillId << "written, money call failed:" << result.moneyError;
}

}  // namespace cd::anomalies
