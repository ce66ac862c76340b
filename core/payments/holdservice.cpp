#include "core/payments/holdservice.h"

#include "core/payments/gatewayresultjson.h"
#include "core/payments/moneytext.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/database.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QUuid>

#include <nlohmann/json.hpp>

namespace cd::payments {

Q_LOGGING_CATEGORY(lcPayments, "chargedesk.payments")

using nlohmann::json;
using storage::Transaction;

namespace {

const QString kSystemActor = QStringLiteral("system:payments");

std::string utf8(const QString &s)
{
    return s.toStdString();
}

QString holdJson(const PaymentHold &h)
{
    return QString::fromStdString(json{{"status", utf8(holdStatusName(h.status))},
                                       {"amountMinor", h.amountMinor},
                                       {"capturedMinor", h.capturedMinor},
                                       {"refundedMinor", h.refundedMinor},
                                       {"currency", utf8(h.currency)},
                                       {"gatewayRef", utf8(h.gatewayRef)},
                                       {"cardToken", !h.cardToken.isEmpty()}}
                                      .dump());
}

QString jsonText(const json &j, const char *key)
{
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

// Statuses a report may only set once the card token is known: a hold without a card to take the
// money from is no hold (seed 000).
bool needsCardToken(HoldStatus status)
{
    return status == HoldStatus::Hold || status == HoldStatus::Success;
}

// Moves the hold forward only: a report or answer that arrives late never takes it back.
bool moveTo(PaymentHold &hold, HoldStatus status)
{
    if (status == HoldStatus::None || statusRank(status) <= statusRank(hold.status))
        return false;
    hold.status = status;
    return true;
}

}  // namespace

QString paymentStatusOf(const PaymentHold &h)
{
    switch (h.status) {
    case HoldStatus::Hold:
        return QStringLiteral("authorised");
    case HoldStatus::Success:
        if (h.refundedMinor > 0)
            return h.refundedMinor >= h.capturedMinor ? QStringLiteral("refunded") : QStringLiteral("partially_refunded");
        return QStringLiteral("paid");
    case HoldStatus::Released:
        return QStringLiteral("released");
    case HoldStatus::Canceled:
        return QStringLiteral("canceled");
    case HoldStatus::Failed:
        return QStringLiteral("failed");
    case HoldStatus::None:
    case HoldStatus::Created:
    case HoldStatus::Processing:
        break;
    }
    return QStringLiteral("none");
}

HoldService::HoldService(const storage::Database &db, PaymentGateway &gateway, const Clock &clock, QObject *parent)
    : QObject(parent), m_db(db), m_gateway(gateway), m_clock(clock)
{
}

QString HoldService::newKey(Operation operation) const
{
    return QStringLiteral("cd-%1-%2").arg(operationName(operation), QUuid::createUuid().toString(QUuid::WithoutBraces));
}

Expected<PaymentHold> HoldService::loadHold(qint64 holdId) const
{
    auto found = HoldRepository(m_db).findHold(holdId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ExitCode::Usage, tr("No payment hold %1.").arg(holdId)};
    return **found;
}

Expected<PaymentHold> HoldService::hold(qint64 holdId) const
{
    return loadHold(holdId);
}

Expected<PaymentCall> HoldService::call(qint64 callId) const
{
    auto found = HoldRepository(m_db).findCall(callId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ExitCode::Usage, tr("No payment call %1.").arg(callId)};
    return **found;
}

Status HoldService::checkGateway(const PaymentHold &hold) const
{
    if (hold.gateway != m_gateway.name()) {
        return Error{ExitCode::Usage, tr("Hold %1 was made with the %2 gateway, but the %3 gateway is in use now. "
                                         "Switch back to it in Settings › Payments to change this hold.")
                                          .arg(hold.id)
                                          .arg(hold.gateway, m_gateway.name())};
    }
    if (hold.gatewayRef.isEmpty())
        return Error{ExitCode::Usage, tr("Hold %1 has no answer from the gateway yet.").arg(hold.id)};
    return {};
}

Status HoldService::checkNoCallRunning(qint64 holdId) const
{
    auto calls = HoldRepository(m_db).callsOfHold(holdId);
    if (!calls)
        return calls.error();
    for (const PaymentCall &c : *calls) {
        if (c.state == PaymentCall::State::Pending) {
            return Error{ExitCode::Usage, tr("Another call about hold %1 is still waiting for the gateway (call %2). "
                                             "Wait for its answer or send it again first.")
                                              .arg(holdId)
                                              .arg(c.id)};
        }
    }
    return {};
}

Expected<HoldTicket> HoldService::journal(PaymentCall call, const std::optional<PaymentHold> &newHold, const Actor &actor)
{
    const qint64 now = m_clock.nowMs();
    call.gateway = m_gateway.name();
    call.idempotencyKey = newKey(call.operation);
    call.state = PaymentCall::State::Pending;
    call.requestedBy = actor.name;
    call.reason = actor.reason;
    call.createdMs = call.updatedMs = now;

    Transaction tx(m_db.connection());
    if (Status s = tx.begin(); !s)
        return s.error();
    HoldRepository repo(m_db);
    if (newHold) {
        PaymentHold h = *newHold;
        h.gateway = call.gateway;
        h.idempotencyKey = call.idempotencyKey;
        h.createdMs = h.updatedMs = now;
        auto id = repo.insertHold(h);
        if (!id)
            return id.error();
        h.id = *id;
        call.holdId = h.id;
        PaymentHold none;
        none.status = HoldStatus::None;
        if (Status s = saveHold(none, h, QStringLiteral("payment.hold.create"), actor); !s)
            return s.error();
    }
    auto callId = repo.insertCall(call);
    if (!callId)
        return callId.error();
    call.id = *callId;

    storage::AuditEntry audit;
    audit.operatorName = actor.name;
    audit.action = QStringLiteral("payment.%1.requested").arg(operationName(call.operation));
    audit.entityType = QStringLiteral("payment_hold");
    audit.entityId = QString::number(call.holdId.value_or(0));
    audit.reason = actor.reason;
    audit.afterState = QString::fromStdString(json{{"call", call.id},
                                                   {"gateway", utf8(call.gateway)},
                                                   {"idempotencyKey", utf8(call.idempotencyKey)},
                                                   {"amountMinor", call.amountMinor}}
                                                  .dump());
    if (auto a = storage::AuditLogRepository(m_db, m_clock).append(audit); !a)
        return a.error();
    if (Status s = tx.commit(); !s)
        return s.error();

    // Stored: now (and only now) the gateway hears of it.
    send(call);
    if (call.holdId)
        emit holdChanged(*call.holdId);
    return HoldTicket{call.holdId.value_or(0), call.id};
}

Expected<HoldTicket> HoldService::placeHold(const PlaceHold &place, const Actor &actor)
{
    const HoldRequest &r = place.request;
    if (r.amountMinor <= 0)
        return Error{ExitCode::Usage, tr("A hold needs an amount above zero.")};
    const QString currency = r.currency.trimmed().toUpper();
    if (currency.size() != 3)
        return Error{ExitCode::Usage, tr("\"%1\" is not a currency code.").arg(r.currency.left(20))};
    if (place.sessionId) {
        auto session = storage::SessionRepository(m_db).find(*place.sessionId);
        if (!session)
            return session.error();
        if (!session->has_value())
            return Error{ExitCode::Usage, tr("No session with the id %1.").arg(*place.sessionId)};
    }
    PaymentHold h;
    h.sessionId = place.sessionId;
    h.amountMinor = r.amountMinor;
    h.currency = currency;
    h.status = HoldStatus::Created;
    h.cardToken = r.cardToken;

    PaymentCall call;
    call.operation = Operation::Hold;
    call.amountMinor = r.amountMinor;
    call.request = QString::fromStdString(json{{"amountMinor", r.amountMinor},
                                               {"currency", utf8(currency)},
                                               {"cardToken", utf8(r.cardToken)},
                                               {"customer", utf8(r.customer)},
                                               {"description", utf8(r.description)}}
                                              .dump());
    return journal(call, h, actor);
}

Expected<HoldTicket> HoldService::capture(qint64 holdId, qint64 amountMinor, const Actor &actor)
{
    auto h = loadHold(holdId);
    if (!h)
        return h.error();
    if (Status s = checkGateway(*h); !s)
        return s.error();
    if (h->status != HoldStatus::Hold)
        return Error{ExitCode::Usage, tr("Hold %1 is %2: only a held amount can be captured.")
                                          .arg(holdId)
                                          .arg(holdStatusName(h->status))};
    if (amountMinor <= 0)
        return Error{ExitCode::Usage, tr("A capture needs an amount above zero; release the hold to capture nothing.")};
    if (amountMinor > h->amountMinor)
        return Error{ExitCode::Usage, tr("Cannot capture %1: only %2 is held.")
                                          .arg(moneyText(amountMinor, h->currency), moneyText(h->amountMinor, h->currency))};
    if (Status s = checkNoCallRunning(holdId); !s)
        return s.error();
    PaymentCall call;
    call.holdId = holdId;
    call.operation = Operation::Capture;
    call.amountMinor = amountMinor;
    call.request = QString::fromStdString(json{{"gatewayRef", utf8(h->gatewayRef)}, {"amountMinor", amountMinor}}.dump());
    return journal(call, std::nullopt, actor);
}

Expected<HoldTicket> HoldService::release(qint64 holdId, const Actor &actor)
{
    auto h = loadHold(holdId);
    if (!h)
        return h.error();
    if (Status s = checkGateway(*h); !s)
        return s.error();
    if (isFinal(h->status))
        return Error{ExitCode::Usage, tr("Hold %1 is %2 and can no longer be released.").arg(holdId).arg(holdStatusName(h->status))};
    if (Status s = checkNoCallRunning(holdId); !s)
        return s.error();
    PaymentCall call;
    call.holdId = holdId;
    call.operation = Operation::Void;
    call.request = QString::fromStdString(json{{"gatewayRef", utf8(h->gatewayRef)}}.dump());
    return journal(call, std::nullopt, actor);
}

Expected<HoldTicket> HoldService::refund(qint64 holdId, qint64 amountMinor, const Actor &actor)
{
    auto h = loadHold(holdId);
    if (!h)
        return h.error();
    if (Status s = checkGateway(*h); !s)
        return s.error();
    if (h->status != HoldStatus::Success)
        return Error{ExitCode::Usage, tr("Hold %1 is %2: only captured money can be refunded.")
                                          .arg(holdId)
                                          .arg(holdStatusName(h->status))};
    const qint64 left = h->capturedMinor - h->refundedMinor;
    if (amountMinor <= 0)
        return Error{ExitCode::Usage, tr("A refund needs an amount above zero.")};
    if (amountMinor > left)
        return Error{ExitCode::Usage, tr("Cannot refund %1: only %2 of the %3 captured is left to refund.")
                                          .arg(moneyText(amountMinor, h->currency), moneyText(left, h->currency),
                                               moneyText(h->capturedMinor, h->currency))};
    if (Status s = checkNoCallRunning(holdId); !s)
        return s.error();
    PaymentCall call;
    call.holdId = holdId;
    call.operation = Operation::Refund;
    call.amountMinor = amountMinor;
    call.request = QString::fromStdString(json{{"gatewayRef", utf8(h->gatewayRef)}, {"amountMinor", amountMinor}}.dump());
    return journal(call, std::nullopt, actor);
}

void HoldService::send(const PaymentCall &stored)
{
    PaymentCall call = stored;
    call.attempts += 1;
    call.updatedMs = m_clock.nowMs();
    if (Status s = HoldRepository(m_db).updateCall(call); !s)
        qCWarning(lcPayments) << "cannot count the attempt of payment call" << call.id << s.error().message;
    m_inFlight.insert(call.id);

    const json request = json::parse(utf8(call.request), nullptr, false);
    const json r = request.is_object() ? request : json::object();
    QPointer<HoldService> self(this);
    const qint64 callId = call.id;
    auto done = [self, callId](const GatewayResult &result) {
        if (self)
            self->answered(callId, result);
    };
    qCInfo(lcPayments) << "sending" << operationName(call.operation) << "call" << call.id << "attempt" << call.attempts;
    switch (call.operation) {
    case Operation::Hold: {
        HoldRequest h;
        h.amountMinor = call.amountMinor;
        h.currency = jsonText(r, "currency");
        h.cardToken = jsonText(r, "cardToken");
        h.customer = jsonText(r, "customer");
        h.description = jsonText(r, "description");
        m_gateway.hold(h, call.idempotencyKey, done);
        break;
    }
    case Operation::Capture:
        m_gateway.capture(jsonText(r, "gatewayRef"), call.amountMinor, call.idempotencyKey, done);
        break;
    case Operation::Void:
        m_gateway.voidHold(jsonText(r, "gatewayRef"), call.idempotencyKey, done);
        break;
    case Operation::Refund:
        m_gateway.refund(jsonText(r, "gatewayRef"), call.amountMinor, call.idempotencyKey, done);
        break;
    case Operation::Status:
        m_gateway.status(jsonText(r, "gatewayRef"), done);
        break;
    }
}

void HoldService::answered(qint64 callId, const GatewayResult &result)
{
    m_inFlight.remove(callId);
    qint64 holdId = 0;
    bool changed = false;
    const Status status = [&]() -> Status {
        Transaction tx(m_db.connection());
        if (Status s = tx.begin(); !s)
            return s;
        HoldRepository repo(m_db);
        auto found = repo.findCall(callId);
        if (!found)
            return found.error();
        if (!found->has_value() || (*found)->state != PaymentCall::State::Pending)
            return {};  // answered already (another attempt, another process): nothing to do twice
        PaymentCall call = **found;
        holdId = call.holdId.value_or(0);
        call.response = resultToJson(result);
        call.error = result.error;
        call.updatedMs = m_clock.nowMs();
        if (result.outcome == Outcome::Unknown) {
            // Still pending: the same key goes out again on retry.
            if (Status s = repo.updateCall(call); !s)
                return s;
            return tx.commit();
        }
        call.state = result.done() ? PaymentCall::State::Done : PaymentCall::State::Failed;
        if (Status s = repo.updateCall(call); !s)
            return s;
        if (call.holdId) {
            auto h = loadHold(*call.holdId);
            if (!h)
                return h.error();
            if (Status s = applyAnswer(call, result, *h); !s)
                return s;
            changed = true;
        }
        return tx.commit();
    }();
    if (!status) {
        qCWarning(lcPayments) << "cannot record the answer to payment call" << callId << status.error().message;
        GatewayResult failed = result;
        failed.outcome = Outcome::Unknown;
        failed.error = status.error().message;
        emit callFinished(callId, holdId, failed);
        return;
    }
    emit callFinished(callId, holdId, result);
    if (changed)
        emit holdChanged(holdId);
}

Status HoldService::applyAnswer(const PaymentCall &call, const GatewayResult &r, PaymentHold &hold)
{
    const PaymentHold before = hold;
    HoldRepository repo(m_db);
    const qint64 now = m_clock.nowMs();

    HoldEvent event;
    event.holdId = hold.id;
    event.gateway = call.gateway;
    event.gatewayRef = r.gatewayRef.isEmpty() ? hold.gatewayRef : r.gatewayRef;
    event.status = r.status;
    event.source = QStringLiteral("call");
    event.cardToken = r.cardToken;
    event.raw = r.raw.isEmpty() ? resultToJson(r) : r.raw;
    event.applied = HoldEvent::Applied::Applied;
    event.receivedMs = now;
    event.appliedMs = now;

    if (!r.done()) {
        hold.lastError = r.error;
        if (call.operation == Operation::Hold) {
            if (!r.gatewayRef.isEmpty() && hold.gatewayRef.isEmpty())
                hold.gatewayRef = r.gatewayRef;
            moveTo(hold, HoldStatus::Failed);
        } else if (!r.gatewayRef.isEmpty() && r.gatewayRef == hold.gatewayRef) {
            moveTo(hold, r.status);  // e.g. the gateway says the hold was canceled meanwhile
        }
    } else {
        hold.lastError.clear();
        switch (call.operation) {
        case Operation::Hold:
            if (!r.gatewayRef.isEmpty())
                hold.gatewayRef = r.gatewayRef;
            if (!r.cardToken.isEmpty())
                hold.cardToken = r.cardToken;
            if (r.amountMinor > 0)
                hold.amountMinor = r.amountMinor;
            if (!r.currency.isEmpty())
                hold.currency = r.currency;
            moveTo(hold, r.status);
            break;
        case Operation::Capture:
            moveTo(hold, HoldStatus::Success);
            hold.capturedMinor = r.capturedMinor > 0 ? r.capturedMinor : call.amountMinor;
            break;
        case Operation::Void:
            moveTo(hold, before.status == HoldStatus::Hold ? HoldStatus::Released : HoldStatus::Canceled);
            break;
        case Operation::Refund:
            hold.refundedMinor += r.refundedMinor > 0 ? r.refundedMinor : call.amountMinor;
            event.amountMinor = r.refundedMinor > 0 ? r.refundedMinor : call.amountMinor;
            break;
        case Operation::Status:
            break;
        }
    }
    if (auto e = repo.insertEvent(event); !e)
        return e.error();
    const Actor actor{call.requestedBy, call.reason};
    if (Status s = saveHold(before, hold, QStringLiteral("payment.%1").arg(operationName(call.operation)), actor); !s)
        return s;

    // The hold's reference is known now: reports that came before it belong to this hold.
    if (call.operation == Operation::Hold && !hold.gatewayRef.isEmpty()) {
        if (Status s = repo.linkEvents(hold.gateway, hold.gatewayRef, hold.id); !s)
            return s;
        auto applied = applyWaiting(hold, 0);
        if (!applied)
            return applied.error();
    }
    return {};
}

Status HoldService::saveHold(const PaymentHold &before, PaymentHold after, const QString &action, const Actor &actor)
{
    const qint64 now = m_clock.nowMs();
    after.updatedMs = now;
    if (before.status != HoldStatus::None) {  // (a new hold was just inserted)
        if (Status s = HoldRepository(m_db).updateHold(after); !s)
            return s;
    }
    if (after.sessionId) {
        auto q = storage::Sql::run(
            m_db.connection(),
            QStringLiteral("UPDATE sessions SET hold_status = ?, payment_status = ?, hold_amount_minor = ?, captured_minor = ?, "
                           "currency = CASE WHEN currency = '' THEN ? ELSE currency END, updated_ms = ? WHERE id = ?"),
            {holdStatusName(after.status), paymentStatusOf(after), after.amountMinor, after.capturedMinor,
             after.currency, now, *after.sessionId});
        if (!q)
            return q.error();
        storage::SessionRepository sessions(m_db);
        if (before.status != after.status) {
            storage::SessionEvent e;
            e.sessionId = *after.sessionId;
            e.atMs = now;
            e.kind = QStringLiteral("hold_status");
            e.detail = QString::fromStdString(json{{"holdId", after.id},
                                                   {"from", utf8(holdStatusName(before.status))},
                                                   {"to", utf8(holdStatusName(after.status))},
                                                   {"amountMinor", after.amountMinor},
                                                   {"capturedMinor", after.capturedMinor},
                                                   {"currency", utf8(after.currency)}}
                                                  .dump());
            e.operatorName = actor.name == kSystemActor ? QString() : actor.name;
            if (auto added = sessions.addEvent(e); !added)
                return added.error();
        }
        if (after.refundedMinor != before.refundedMinor) {
            storage::SessionEvent e;
            e.sessionId = *after.sessionId;
            e.atMs = now;
            e.kind = QStringLiteral("payment_refund");
            e.detail = QString::fromStdString(json{{"holdId", after.id},
                                                   {"amountMinor", after.refundedMinor - before.refundedMinor},
                                                   {"refundedMinor", after.refundedMinor},
                                                   {"currency", utf8(after.currency)}}
                                                  .dump());
            e.operatorName = actor.name == kSystemActor ? QString() : actor.name;
            if (auto added = sessions.addEvent(e); !added)
                return added.error();
        }
    }
    const bool moneyOrStatus = before.status != after.status || before.amountMinor != after.amountMinor
                               || before.capturedMinor != after.capturedMinor || before.refundedMinor != after.refundedMinor;
    if (!moneyOrStatus && before.lastError == after.lastError && before.cardToken == after.cardToken
        && before.gatewayRef == after.gatewayRef)
        return {};
    storage::AuditEntry audit;
    audit.operatorName = actor.name.isEmpty() ? kSystemActor : actor.name;
    audit.action = action;
    audit.entityType = QStringLiteral("payment_hold");
    audit.entityId = QString::number(after.id);
    audit.reason = actor.reason;
    audit.beforeState = before.status == HoldStatus::None ? QString() : holdJson(before);
    audit.afterState = holdJson(after);
    if (auto a = storage::AuditLogRepository(m_db, m_clock).append(audit); !a)
        return a.error();
    return {};
}

Expected<std::optional<ReportResult>> HoldService::applyWaiting(PaymentHold &hold, qint64 watchEventId, int *appliedCount)
{
    HoldRepository repo(m_db);
    auto waiting = repo.waitingEvents(hold.gateway, hold.gatewayRef);
    if (!waiting)
        return waiting.error();
    std::optional<ReportResult> watched;
    const qint64 now = m_clock.nowMs();
    // The card token is a fact of its own: whichever waiting report brings it, it is known now.
    if (hold.cardToken.isEmpty()) {
        for (const HoldEvent &e : *waiting) {
            if (!e.cardToken.isEmpty()) {
                const PaymentHold before = hold;
                hold.cardToken = e.cardToken;
                if (Status s = saveHold(before, hold, QStringLiteral("payment.hold.token"), Actor{kSystemActor, QString()}); !s)
                    return s.error();
                break;
            }
        }
    }
    for (const HoldEvent &e : *waiting) {
        const PaymentHold before = hold;
        if (needsCardToken(e.status) && hold.cardToken.isEmpty())
            break;  // this report and every later one wait for the token, in their order
        const bool moved = moveTo(hold, e.status);
        if (moved) {
            if (e.amountMinor && *e.amountMinor > 0) {
                if (e.status == HoldStatus::Success)
                    hold.capturedMinor = *e.amountMinor;
                else
                    hold.amountMinor = *e.amountMinor;
            }
        }
        const HoldEvent::Applied applied = moved ? HoldEvent::Applied::Applied : HoldEvent::Applied::Stale;
        if (Status s = repo.markEvent(e.id, applied, hold.id, now); !s)
            return s.error();
        if (moved) {
            if (Status s = saveHold(before, hold, QStringLiteral("payment.hold.report"), Actor{kSystemActor, QString()}); !s)
                return s.error();
        }
        if (moved && appliedCount)
            ++*appliedCount;
        if (e.id == watchEventId)
            watched = moved ? ReportResult::Applied : ReportResult::Stale;
    }
    if (watchEventId != 0 && !watched)
        watched = ReportResult::Waiting;
    return watched;
}

Expected<ReportResult> HoldService::report(const HoldReport &report)
{
    if (report.gatewayRef.isEmpty())
        return Error{ExitCode::Usage, tr("A hold report needs the gateway's reference of the hold.")};
    if (report.status == HoldStatus::None)
        return Error{ExitCode::Usage, tr("A hold report needs a status.")};
    std::optional<qint64> changedHold;
    ReportResult outcome = ReportResult::Waiting;
    {
        Transaction tx(m_db.connection());
        if (Status s = tx.begin(); !s)
            return s.error();
        HoldRepository repo(m_db);
        auto found = repo.findHoldByRef(m_gateway.name(), report.gatewayRef);
        if (!found)
            return found.error();
        HoldEvent e;
        e.holdId = *found ? std::optional<qint64>((**found).id) : std::nullopt;
        e.gateway = m_gateway.name();
        e.gatewayRef = report.gatewayRef;
        e.status = report.status;
        e.source = QStringLiteral("report");
        e.cardToken = report.cardToken;
        e.amountMinor = report.amountMinor;
        e.raw = report.raw;
        e.applied = HoldEvent::Applied::Waiting;
        e.receivedMs = m_clock.nowMs();
        auto eventId = repo.insertEvent(e);
        if (!eventId)
            return eventId.error();
        if (found->has_value()) {
            PaymentHold h = **found;
            const PaymentHold before = h;
            auto watched = applyWaiting(h, *eventId);
            if (!watched)
                return watched.error();
            outcome = watched->value_or(ReportResult::Waiting);
            // A report that releases earlier waiting ones (it brought the token) moved the hold too.
            if (outcome == ReportResult::Stale && h.status != before.status)
                outcome = ReportResult::Applied;
            if (outcome == ReportResult::Waiting && h.sessionId) {
                // The session log says why nothing happened (seed 000: IGNORED, NO TOKEN YET).
                storage::SessionEvent se;
                se.sessionId = *h.sessionId;
                se.atMs = m_clock.nowMs();
                se.kind = QStringLiteral("hold_report_waiting");
                se.detail = QString::fromStdString(json{{"holdId", h.id},
                                                        {"status", utf8(holdStatusName(report.status))},
                                                        {"reason", h.cardToken.isEmpty() ? "no_card_token" : "earlier_report_waiting"}}
                                                       .dump());
                if (auto added = storage::SessionRepository(m_db).addEvent(se); !added)
                    return added.error();
            }
            if (h.status != before.status || h.cardToken != before.cardToken)
                changedHold = h.id;
        }
        if (Status s = tx.commit(); !s)
            return s.error();
    }
    qCInfo(lcPayments) << "hold report" << report.gatewayRef << holdStatusName(report.status)
                       << (outcome == ReportResult::Applied ? "applied" : outcome == ReportResult::Stale ? "stale" : "waiting");
    if (changedHold)
        emit holdChanged(*changedHold);
    return outcome;
}

Expected<int> HoldService::attachCardToken(qint64 holdId, const QString &cardToken)
{
    if (cardToken.trimmed().isEmpty())
        return Error{ExitCode::Usage, tr("The card token is empty.")};
    int applied = 0;
    {
        Transaction tx(m_db.connection());
        if (Status s = tx.begin(); !s)
            return s.error();
        auto h = loadHold(holdId);
        if (!h)
            return h.error();
        const PaymentHold before = *h;
        h->cardToken = cardToken.trimmed();
        if (Status s = saveHold(before, *h, QStringLiteral("payment.hold.token"), Actor{kSystemActor, QString()}); !s)
            return s.error();
        if (!h->gatewayRef.isEmpty()) {
            auto watched = applyWaiting(*h, 0, &applied);
            if (!watched)
                return watched.error();
        }
        if (Status s = tx.commit(); !s)
            return s.error();
    }
    emit holdChanged(holdId);
    return applied;
}

Status HoldService::refresh(qint64 holdId)
{
    auto h = loadHold(holdId);
    if (!h)
        return h.error();
    if (Status s = checkGateway(*h); !s)
        return s;
    QPointer<HoldService> self(this);
    const QString ref = h->gatewayRef;
    m_gateway.status(ref, [self, holdId, ref](const GatewayResult &r) {
        if (!self)
            return;
        if (!r.done() || r.status == HoldStatus::None) {
            emit self->refreshFailed(holdId, r.error.isEmpty() ? tr("The gateway gave no status.") : r.error);
            return;
        }
        HoldReport report;
        report.gatewayRef = ref;
        report.status = r.status;
        report.cardToken = r.cardToken;
        report.amountMinor = r.status == HoldStatus::Success ? r.capturedMinor : r.amountMinor;
        report.raw = r.raw;
        if (auto applied = self->report(report); !applied)
            emit self->refreshFailed(holdId, applied.error().message);
    });
    return {};
}

Status HoldService::retry(qint64 callId)
{
    auto c = call(callId);
    if (!c)
        return c.error();
    if (c->state != PaymentCall::State::Pending)
        return Error{ExitCode::Usage, tr("Payment call %1 is finished (%2); there is nothing to send again.")
                                          .arg(callId)
                                          .arg(PaymentCall::stateName(c->state))};
    if (c->gateway != m_gateway.name())
        return Error{ExitCode::Usage, tr("Payment call %1 was made with the %2 gateway, but the %3 gateway is in use now.")
                                          .arg(callId)
                                          .arg(c->gateway, m_gateway.name())};
    if (m_inFlight.contains(callId))
        return Error{ExitCode::Usage, tr("Payment call %1 is on its way already.").arg(callId)};
    send(*c);
    return {};
}

Expected<int> HoldService::resumePending()
{
    auto pending = HoldRepository(m_db).pendingCalls(m_gateway.name());
    if (!pending)
        return pending.error();
    int sent = 0;
    for (const PaymentCall &c : *pending) {
        if (m_inFlight.contains(c.id))
            continue;
        send(c);
        ++sent;
    }
    return sent;
}

}  // namespace cd::payments
