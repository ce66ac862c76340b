#include "core/payments/manualgateway.h"

#include "core/payments/gatewayresultjson.h"
#include "core/payments/moneytext.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QPointer>
#include <QSqlQuery>
#include <QVariant>

namespace cd::payments {

using storage::Sql;

namespace {

const QString kRefPrefix = QStringLiteral("cash_");

QString reference(qint64 id)
{
    return kRefPrefix + QString::number(id);
}

std::optional<qint64> paymentIdOf(const QString &ref)
{
    if (!ref.startsWith(kRefPrefix))
        return std::nullopt;
    bool ok = false;
    const qint64 id = ref.mid(kRefPrefix.size()).toLongLong(&ok);
    return ok && id > 0 ? std::optional<qint64>(id) : std::nullopt;
}

GatewayResult refused(const QString &code, const QString &message)
{
    GatewayResult r;
    r.outcome = Outcome::Refused;
    r.errorCode = code;
    r.error = message;
    return r;
}

GatewayResult unknown(const Error &error)
{
    GatewayResult r;
    r.outcome = Outcome::Unknown;
    r.errorCode = QStringLiteral("database");
    r.error = error.message;
    return r;
}

}  // namespace

struct ManualGateway::Payment {
    qint64 id = 0;
    qint64 amountMinor = 0;
    qint64 capturedMinor = 0;
    qint64 refundedMinor = 0;
    QString currency;
    HoldStatus status = HoldStatus::Created;
    QString method;

    GatewayResult result() const
    {
        GatewayResult r;
        r.outcome = Outcome::Done;
        r.status = status;
        r.gatewayRef = reference(id);
        r.cardToken = method;
        r.currency = currency;
        r.amountMinor = amountMinor;
        r.capturableMinor = status == HoldStatus::Hold ? amountMinor : 0;
        r.capturedMinor = capturedMinor;
        return r;
    }
};

ManualGateway::ManualGateway(const storage::Database &db, const Clock &clock, QObject *parent)
    : PaymentGateway(parent), m_db(db), m_clock(clock)
{
}

void ManualGateway::answer(Callback done, GatewayResult result)
{
    if (result.raw.isEmpty())
        result.raw = resultToJson(result);
    // Never from inside the call: the caller finishes its own bookkeeping first.
    QMetaObject::invokeMethod(
        this, [done = std::move(done), result = std::move(result)] { done(result); }, Qt::QueuedConnection);
}

GatewayResult ManualGateway::once(Operation operation, const QString &idempotencyKey,
                                  const std::function<GatewayResult(qint64 &)> &work)
{
    if (idempotencyKey.isEmpty() || idempotencyKey.size() > 255)
        return refused(QStringLiteral("idempotency_key"), tr("A payment call needs an idempotency key of 1 to 255 characters."));
    const QSqlDatabase db = m_db.connection();
    storage::Transaction tx(db);
    if (Status s = tx.begin(); !s)
        return unknown(s.error());
    auto known = Sql::run(db, QStringLiteral("SELECT operation, response FROM manual_payment_requests WHERE idempotency_key = ?"),
                          {idempotencyKey});
    if (!known)
        return unknown(known.error());
    if (known->next()) {
        if (known->value(0).toString() != operationName(operation)) {
            return refused(QStringLiteral("idempotency_key_in_use"),
                           tr("The idempotency key %1 was already used for another kind of call.").arg(idempotencyKey));
        }
        const auto replay = resultFromJson(known->value(1).toString());
        return replay ? *replay : unknown(Error{ExitCode::Failure, tr("The stored answer for this key is damaged.")});
    }
    qint64 paymentId = 0;
    GatewayResult result = work(paymentId);
    if (result.outcome == Outcome::Unknown)
        return result;  // nothing stored: the same key may try again
    auto stored = Sql::run(db,
                           QStringLiteral("INSERT INTO manual_payment_requests (idempotency_key, operation, payment_id, "
                                          "response, created_ms) VALUES (?,?,?,?,?)"),
                           {idempotencyKey, operationName(operation), paymentId > 0 ? QVariant(paymentId) : QVariant(),
                            resultToJson(result), m_clock.nowMs()});
    if (!stored)
        return unknown(stored.error());
    if (Status s = tx.commit(); !s)
        return unknown(s.error());
    return result;
}

GatewayResult ManualGateway::holdNow(const HoldRequest &request, const QString &idempotencyKey)
{
    return once(Operation::Hold, idempotencyKey, [&](qint64 &paymentId) -> GatewayResult {
        if (request.amountMinor <= 0)
            return refused(QStringLiteral("amount_too_small"), tr("A hold needs an amount above zero."));
        const QString currency = request.currency.trimmed().toUpper();
        if (currency.size() != 3)
            return refused(QStringLiteral("invalid_currency"), tr("\"%1\" is not a currency code.").arg(request.currency));
        const QString method = request.cardToken.isEmpty() ? QStringLiteral("cash") : request.cardToken;
        const qint64 now = m_clock.nowMs();
        auto q = Sql::run(m_db.connection(),
                          QStringLiteral("INSERT INTO manual_payments (amount_minor, currency, status, payment_method, "
                                         "created_ms, updated_ms) VALUES (?,?,?,?,?,?)")
                              + m_db.dialect().returningIdClause(),
                          {request.amountMinor, currency, holdStatusName(HoldStatus::Hold), method, now, now});
        if (!q)
            return unknown(q.error());
        Payment p;
        p.id = paymentId = m_db.dialect().insertedId(*q);
        p.amountMinor = request.amountMinor;
        p.currency = currency;
        p.status = HoldStatus::Hold;
        p.method = method;
        return p.result();
    });
}

GatewayResult ManualGateway::changePayment(Operation operation, const QString &gatewayRef, qint64 amountMinor,
                                           const QString &idempotencyKey)
{
    return once(operation, idempotencyKey, [&](qint64 &paymentId) -> GatewayResult {
        const std::optional<qint64> id = paymentIdOf(gatewayRef);
        const QSqlDatabase db = m_db.connection();
        auto q = Sql::run(db,
                          QStringLiteral("SELECT id, amount_minor, captured_minor, refunded_minor, currency, status, "
                                         "payment_method FROM manual_payments WHERE id = ?"),
                          {id.value_or(0)});
        if (!q)
            return unknown(q.error());
        if (!id || !q->next())
            return refused(QStringLiteral("resource_missing"), tr("No manual payment %1.").arg(gatewayRef));
        Payment p;
        p.id = paymentId = q->value(0).toLongLong();
        p.amountMinor = q->value(1).toLongLong();
        p.capturedMinor = q->value(2).toLongLong();
        p.refundedMinor = q->value(3).toLongLong();
        p.currency = q->value(4).toString();
        p.status = holdStatusFromName(q->value(5).toString()).value_or(HoldStatus::Failed);
        p.method = q->value(6).toString();
        const QString statusText = holdStatusName(p.status);
        qint64 refund = 0;

        switch (operation) {
        case Operation::Capture:
            if (p.status != HoldStatus::Hold)
                return refused(QStringLiteral("payment_intent_unexpected_state"),
                               tr("The hold %1 is %2: only a held amount can be captured.").arg(gatewayRef, statusText));
            if (amountMinor <= 0)
                return refused(QStringLiteral("amount_too_small"),
                               tr("A capture needs an amount above zero; release the hold to capture nothing."));
            if (amountMinor > p.amountMinor)
                return refused(QStringLiteral("amount_too_large"),
                               tr("Cannot capture %1: only %2 is held.")
                                   .arg(moneyText(amountMinor, p.currency), moneyText(p.amountMinor, p.currency)));
            p.capturedMinor = amountMinor;
            p.status = HoldStatus::Success;
            break;
        case Operation::Void:
            if (p.status != HoldStatus::Hold && p.status != HoldStatus::Created && p.status != HoldStatus::Processing)
                return refused(QStringLiteral("payment_intent_unexpected_state"),
                               tr("The hold %1 is %2 and can no longer be released.").arg(gatewayRef, statusText));
            p.status = p.status == HoldStatus::Hold ? HoldStatus::Released : HoldStatus::Canceled;
            break;
        case Operation::Refund: {
            if (p.status != HoldStatus::Success)
                return refused(QStringLiteral("charge_not_captured"),
                               tr("The hold %1 is %2: only captured money can be refunded.").arg(gatewayRef, statusText));
            const qint64 left = p.capturedMinor - p.refundedMinor;
            if (amountMinor <= 0)
                return refused(QStringLiteral("amount_too_small"), tr("A refund needs an amount above zero."));
            if (amountMinor > left)
                return refused(QStringLiteral("amount_too_large"),
                               tr("Cannot refund %1: only %2 of the %3 captured is left to refund.")
                                   .arg(moneyText(amountMinor, p.currency), moneyText(left, p.currency),
                                        moneyText(p.capturedMinor, p.currency)));
            p.refundedMinor += amountMinor;
            refund = amountMinor;
            break;
        }
        case Operation::Hold:
        case Operation::Status:
            break;
        }
        auto updated = Sql::run(db,
                                QStringLiteral("UPDATE manual_payments SET captured_minor = ?, refunded_minor = ?, status = ?, "
                                               "updated_ms = ? WHERE id = ?"),
                                {p.capturedMinor, p.refundedMinor, holdStatusName(p.status), m_clock.nowMs(), p.id});
        if (!updated)
            return unknown(updated.error());
        GatewayResult r = p.result();
        if (operation == Operation::Refund) {
            r.refundedMinor = refund;
            r.refundRef = QStringLiteral("cashrefund_%1_%2").arg(p.id).arg(p.refundedMinor);
        }
        return r;
    });
}

GatewayResult ManualGateway::captureNow(const QString &gatewayRef, qint64 amountMinor, const QString &idempotencyKey)
{
    return changePayment(Operation::Capture, gatewayRef, amountMinor, idempotencyKey);
}

GatewayResult ManualGateway::voidNow(const QString &gatewayRef, const QString &idempotencyKey)
{
    return changePayment(Operation::Void, gatewayRef, 0, idempotencyKey);
}

GatewayResult ManualGateway::refundNow(const QString &gatewayRef, qint64 amountMinor, const QString &idempotencyKey)
{
    return changePayment(Operation::Refund, gatewayRef, amountMinor, idempotencyKey);
}

GatewayResult ManualGateway::statusNow(const QString &gatewayRef)
{
    const std::optional<qint64> id = paymentIdOf(gatewayRef);
    auto q = Sql::run(m_db.connection(),
                      QStringLiteral("SELECT id, amount_minor, captured_minor, refunded_minor, currency, status, "
                                     "payment_method FROM manual_payments WHERE id = ?"),
                      {id.value_or(0)});
    if (!q)
        return unknown(q.error());
    if (!id || !q->next())
        return refused(QStringLiteral("resource_missing"), tr("No manual payment %1.").arg(gatewayRef));
    Payment p;
    p.id = q->value(0).toLongLong();
    p.amountMinor = q->value(1).toLongLong();
    p.capturedMinor = q->value(2).toLongLong();
    p.refundedMinor = q->value(3).toLongLong();
    p.currency = q->value(4).toString();
    p.status = holdStatusFromName(q->value(5).toString()).value_or(HoldStatus::Failed);
    p.method = q->value(6).toString();
    return p.result();
}

void ManualGateway::hold(const HoldRequest &request, const QString &idempotencyKey, Callback done)
{
    answer(std::move(done), holdNow(request, idempotencyKey));
}

void ManualGateway::capture(const QString &gatewayRef, qint64 amountMinor, const QString &idempotencyKey, Callback done)
{
    answer(std::move(done), captureNow(gatewayRef, amountMinor, idempotencyKey));
}

void ManualGateway::voidHold(const QString &gatewayRef, const QString &idempotencyKey, Callback done)
{
    answer(std::move(done), voidNow(gatewayRef, idempotencyKey));
}

void ManualGateway::refund(const QString &gatewayRef, qint64 amountMinor, const QString &idempotencyKey, Callback done)
{
    answer(std::move(done), refundNow(gatewayRef, amountMinor, idempotencyKey));
}

void ManualGateway::status(const QString &gatewayRef, Callback done)
{
    answer(std::move(done), statusNow(gatewayRef));
}

void ManualGateway::checkConnection(Callback done)
{
    GatewayResult r;
    r.outcome = Outcome::Done;
    answer(std::move(done), r);
}

}  // namespace cd::payments
