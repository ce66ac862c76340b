#include "core/payments/holdrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>
#include <QVariant>

namespace cd::payments {

using storage::Sql;
using storage::fetchAll;
using storage::firstOf;
using storage::bindable;
using storage::optionalInt64;
using storage::statusOf;

namespace {

const QString kHoldColumns = QStringLiteral(
    "id, session_id, gateway, idempotency_key, amount_minor, captured_minor, refunded_minor, currency, status, "
    "gateway_ref, card_token, last_error, created_ms, updated_ms");
const QString kCallColumns = QStringLiteral(
    "id, hold_id, gateway, operation, idempotency_key, amount_minor, request, state, attempts, response, error, "
    "requested_by, reason, created_ms, updated_ms");
const QString kEventColumns = QStringLiteral(
    "id, hold_id, gateway, gateway_ref, status, source, card_token, amount_minor, raw, applied, received_ms, applied_ms");

PaymentHold holdFromRow(const QSqlQuery &q)
{
    PaymentHold h;
    h.id = q.value(0).toLongLong();
    h.sessionId = optionalInt64(q, 1);
    h.gateway = q.value(2).toString();
    h.idempotencyKey = q.value(3).toString();
    h.amountMinor = q.value(4).toLongLong();
    h.capturedMinor = q.value(5).toLongLong();
    h.refundedMinor = q.value(6).toLongLong();
    h.currency = q.value(7).toString();
    h.status = holdStatusFromName(q.value(8).toString()).value_or(HoldStatus::Failed);
    h.gatewayRef = q.value(9).toString();
    h.cardToken = q.value(10).toString();
    h.lastError = q.value(11).toString();
    h.createdMs = q.value(12).toLongLong();
    h.updatedMs = q.value(13).toLongLong();
    return h;
}

PaymentCall::State callStateFromName(const QString &name)
{
    if (name == u"done")
        return PaymentCall::State::Done;
    if (name == u"failed")
        return PaymentCall::State::Failed;
    return PaymentCall::State::Pending;
}

PaymentCall callFromRow(const QSqlQuery &q)
{
    PaymentCall c;
    c.id = q.value(0).toLongLong();
    c.holdId = optionalInt64(q, 1);
    c.gateway = q.value(2).toString();
    c.operation = operationFromName(q.value(3).toString()).value_or(Operation::Status);
    c.idempotencyKey = q.value(4).toString();
    c.amountMinor = q.value(5).toLongLong();
    c.request = q.value(6).toString();
    c.state = callStateFromName(q.value(7).toString());
    c.attempts = q.value(8).toInt();
    c.response = q.value(9).toString();
    c.error = q.value(10).toString();
    c.requestedBy = q.value(11).toString();
    c.reason = q.value(12).toString();
    c.createdMs = q.value(13).toLongLong();
    c.updatedMs = q.value(14).toLongLong();
    return c;
}

HoldEvent eventFromRow(const QSqlQuery &q)
{
    HoldEvent e;
    e.id = q.value(0).toLongLong();
    e.holdId = optionalInt64(q, 1);
    e.gateway = q.value(2).toString();
    e.gatewayRef = q.value(3).toString();
    e.status = holdStatusFromName(q.value(4).toString()).value_or(HoldStatus::None);
    e.source = q.value(5).toString();
    e.cardToken = q.value(6).toString();
    e.amountMinor = optionalInt64(q, 7);
    e.raw = q.value(8).toString();
    const int applied = q.value(9).toInt();
    e.applied = applied == 1 ? HoldEvent::Applied::Applied
                : applied == 2 ? HoldEvent::Applied::Stale
                               : HoldEvent::Applied::Waiting;
    e.receivedMs = q.value(10).toLongLong();
    e.appliedMs = optionalInt64(q, 11);
    return e;
}

}  // namespace

QString PaymentCall::stateName(State state)
{
    switch (state) {
    case State::Pending:
        return QStringLiteral("pending");
    case State::Done:
        return QStringLiteral("done");
    case State::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

HoldRepository::HoldRepository(const storage::Database &db) : m_db(db) {}

Expected<qint64> HoldRepository::insertHold(const PaymentHold &h)
{
    auto q = Sql::run(m_db.connection(),
                      QStringLiteral("INSERT INTO payment_holds (session_id, gateway, idempotency_key, amount_minor, "
                                     "captured_minor, refunded_minor, currency, status, gateway_ref, card_token, last_error, "
                                     "created_ms, updated_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")
                          + m_db.dialect().returningIdClause(),
                      {bindable(h.sessionId), h.gateway, h.idempotencyKey, h.amountMinor, h.capturedMinor, h.refundedMinor,
                       h.currency, holdStatusName(h.status), h.gatewayRef, h.cardToken, h.lastError, h.createdMs,
                       h.updatedMs});
    if (!q)
        return q.error();
    return m_db.dialect().insertedId(*q);
}

Expected<std::optional<PaymentHold>> HoldRepository::findHold(qint64 id) const
{
    return firstOf(fetchAll(m_db.connection(), QStringLiteral("SELECT ") + kHoldColumns + QStringLiteral(" FROM payment_holds WHERE id = ?"),
                       {id}, holdFromRow));
}

Expected<std::optional<PaymentHold>> HoldRepository::findHoldByRef(const QString &gateway, const QString &gatewayRef) const
{
    if (gatewayRef.isEmpty())
        return std::optional<PaymentHold>();
    return firstOf(fetchAll(m_db.connection(),
                       QStringLiteral("SELECT ") + kHoldColumns
                           + QStringLiteral(" FROM payment_holds WHERE gateway = ? AND gateway_ref = ? ORDER BY id DESC LIMIT 1"),
                       {gateway, gatewayRef}, holdFromRow));
}

Expected<QList<PaymentHold>> HoldRepository::holdsOfSession(qint64 sessionId) const
{
    return fetchAll(m_db.connection(),
                 QStringLiteral("SELECT ") + kHoldColumns + QStringLiteral(" FROM payment_holds WHERE session_id = ? ORDER BY id"),
                 {sessionId}, holdFromRow);
}

Status HoldRepository::updateHold(const PaymentHold &h)
{
    return statusOf(Sql::run(m_db.connection(),
                         QStringLiteral("UPDATE payment_holds SET amount_minor = ?, captured_minor = ?, refunded_minor = ?, "
                                        "currency = ?, status = ?, gateway_ref = ?, card_token = ?, last_error = ?, "
                                        "updated_ms = ? WHERE id = ?"),
                         {h.amountMinor, h.capturedMinor, h.refundedMinor, h.currency, holdStatusName(h.status), h.gatewayRef,
                          h.cardToken, h.lastError, h.updatedMs, h.id}));
}

Expected<qint64> HoldRepository::insertCall(const PaymentCall &c)
{
    auto q = Sql::run(m_db.connection(),
                      QStringLiteral("INSERT INTO payment_calls (hold_id, gateway, operation, idempotency_key, amount_minor, "
                                     "request, state, attempts, response, error, requested_by, reason, created_ms, updated_ms) "
                                     "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                          + m_db.dialect().returningIdClause(),
                      {bindable(c.holdId), c.gateway, operationName(c.operation), c.idempotencyKey, c.amountMinor, c.request,
                       PaymentCall::stateName(c.state), c.attempts, c.response, c.error, c.requestedBy, c.reason,
                       c.createdMs, c.updatedMs});
    if (!q)
        return q.error();
    return m_db.dialect().insertedId(*q);
}

Expected<std::optional<PaymentCall>> HoldRepository::findCall(qint64 id) const
{
    return firstOf(fetchAll(m_db.connection(), QStringLiteral("SELECT ") + kCallColumns + QStringLiteral(" FROM payment_calls WHERE id = ?"),
                       {id}, callFromRow));
}

Expected<QList<PaymentCall>> HoldRepository::pendingCalls(const QString &gateway) const
{
    QString sql = QStringLiteral("SELECT ") + kCallColumns + QStringLiteral(" FROM payment_calls WHERE state = 'pending'");
    QVariantList values;
    if (!gateway.isEmpty()) {
        sql += QStringLiteral(" AND gateway = ?");
        values << gateway;
    }
    sql += QStringLiteral(" ORDER BY created_ms, id");
    return fetchAll(m_db.connection(), sql, values, callFromRow);
}

Expected<QList<PaymentCall>> HoldRepository::callsOfHold(qint64 holdId) const
{
    return fetchAll(m_db.connection(),
                 QStringLiteral("SELECT ") + kCallColumns + QStringLiteral(" FROM payment_calls WHERE hold_id = ? ORDER BY id"),
                 {holdId}, callFromRow);
}

Status HoldRepository::updateCall(const PaymentCall &c)
{
    return statusOf(Sql::run(m_db.connection(),
                         QStringLiteral("UPDATE payment_calls SET hold_id = ?, state = ?, attempts = ?, response = ?, error = ?, "
                                        "updated_ms = ? WHERE id = ?"),
                         {bindable(c.holdId), PaymentCall::stateName(c.state), c.attempts, c.response, c.error, c.updatedMs,
                          c.id}));
}

Expected<qint64> HoldRepository::insertEvent(const HoldEvent &e)
{
    auto q = Sql::run(m_db.connection(),
                      QStringLiteral("INSERT INTO payment_hold_events (hold_id, gateway, gateway_ref, status, source, card_token, "
                                     "amount_minor, raw, applied, received_ms, applied_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?)")
                          + m_db.dialect().returningIdClause(),
                      {bindable(e.holdId), e.gateway, e.gatewayRef, holdStatusName(e.status), e.source, e.cardToken,
                       bindable(e.amountMinor), e.raw, int(e.applied), e.receivedMs, bindable(e.appliedMs)});
    if (!q)
        return q.error();
    return m_db.dialect().insertedId(*q);
}

Expected<QList<HoldEvent>> HoldRepository::waitingEvents(const QString &gateway, const QString &gatewayRef) const
{
    return fetchAll(m_db.connection(),
                 QStringLiteral("SELECT ") + kEventColumns
                     + QStringLiteral(" FROM payment_hold_events WHERE gateway = ? AND gateway_ref = ? AND applied = 0 "
                                      "ORDER BY received_ms, id"),
                 {gateway, gatewayRef}, eventFromRow);
}

Expected<QList<HoldEvent>> HoldRepository::eventsOfHold(qint64 holdId) const
{
    return fetchAll(m_db.connection(),
                 QStringLiteral("SELECT ") + kEventColumns
                     + QStringLiteral(" FROM payment_hold_events WHERE hold_id = ? ORDER BY received_ms, id"),
                 {holdId}, eventFromRow);
}

Status HoldRepository::markEvent(qint64 eventId, HoldEvent::Applied applied, qint64 holdId, qint64 nowMs)
{
    return statusOf(Sql::run(m_db.connection(),
                         QStringLiteral("UPDATE payment_hold_events SET applied = ?, hold_id = ?, applied_ms = ? WHERE id = ?"),
                         {int(applied), holdId, applied == HoldEvent::Applied::Waiting ? QVariant() : QVariant(nowMs), eventId}));
}

Status HoldRepository::linkEvents(const QString &gateway, const QString &gatewayRef, qint64 holdId)
{
    return statusOf(Sql::run(m_db.connection(),
                         QStringLiteral("UPDATE payment_hold_events SET hold_id = ? "
                                        "WHERE gateway = ? AND gateway_ref = ? AND hold_id IS NULL"),
                         {holdId, gateway, gatewayRef}));
}

}  // namespace cd::payments
