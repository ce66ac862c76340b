#include "core/sessions/sessionactions.h"

#include "core/access/accessguard.h"
#include "core/charging/chargingtypes.h"
#include "core/payments/moneytext.h"
#include "core/sessions/sessionpricing.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QLoggingCategory>

#include <nlohmann/json.hpp>

namespace cd::sessions {

Q_LOGGING_CATEGORY(lcSessionActions, "chargedesk.sessions")

using nlohmann::json;

namespace {

std::string utf8(const QString &s)
{
    return s.toStdString();
}

// The audit action of each change.
QString auditAction(ActionKind kind)
{
    switch (kind) {
    case ActionKind::Finish:
        return QStringLiteral("session.finish");
    case ActionKind::CancelHold:
        return QStringLiteral("session.cancel_hold");
    case ActionKind::Finalize:
        return QStringLiteral("session.finalize");
    case ActionKind::SetEnergy:
        return QStringLiteral("session.set_energy");
    case ActionKind::ChangeStatus:
        return QStringLiteral("session.status");
    case ActionKind::Start:
        return QStringLiteral("session.start");
    case ActionKind::Stop:
        return QStringLiteral("session.stop");
    case ActionKind::Reset:
        return QStringLiteral("session.reset");
    }
    return {};
}

json stateJson(const storage::Session &s, qint64 amountMinor)
{
    return {{"status", utf8(s.status)},
            {"energyWh", s.energyWh},
            {"amountMinor", amountMinor},
            {"currency", utf8(s.currency)},
            {"holdStatus", utf8(s.holdStatus)},
            {"stopSource", utf8(s.stopSource)},
            {"lastMeterWh", s.lastMeterWh ? json(*s.lastMeterWh) : json(nullptr)}};
}

json moneyJson(const ActionPlan &p)
{
    return {{"holdId", p.holdId ? json(*p.holdId) : json(nullptr)},
            {"heldMinor", p.heldMinor},
            {"captureMinor", p.captureMinor},
            {"releaseMinor", p.releaseMinor},
            {"refundMinor", p.refundMinor},
            {"uncoveredMinor", p.uncoveredMinor},
            {"holdStatusAfter", utf8(p.holdStatusAfter)}};
}

}  // namespace

SessionActions::SessionActions(const storage::Database &db, payments::HoldService *holds, const SessionPricing *pricing,
                               const Clock &clock)
    : m_db(db), m_holds(holds), m_pricing(pricing), m_clock(clock)
{
}

Expected<SessionActions::Context> SessionActions::load(qint64 sessionId) const
{
    auto found = storage::SessionRepository(m_db).find(sessionId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ExitCode::Failure, tr("No session with the id %1.").arg(sessionId)};
    Context c;
    c.session = **found;

    // The hold money calls go to: the newest one still open, else the newest captured one (refunds),
    // else the newest.
    payments::HoldRepository holds(m_db);
    auto all = holds.holdsOfSession(sessionId);
    if (!all)
        return all.error();
    for (auto it = all->crbegin(); it != all->crend() && !c.hold; ++it) {
        if (!payments::isFinal(it->status))
            c.hold = *it;
    }
    for (auto it = all->crbegin(); it != all->crend() && !c.hold; ++it) {
        if (it->status == payments::HoldStatus::Success)
            c.hold = *it;
    }
    if (!c.hold && !all->isEmpty())
        c.hold = all->constLast();
    if (c.hold) {
        auto calls = holds.callsOfHold(c.hold->id);
        if (!calls)
            return calls.error();
        for (const payments::PaymentCall &call : *calls)
            c.callRunning = c.callRunning || call.state == payments::PaymentCall::State::Pending;
    }
    auto protocol = storage::Sql::run(m_db.connection(), QStringLiteral("SELECT protocol FROM stations WHERE id = ?"),
                                      {c.session.stationId});
    if (!protocol)
        return protocol.error();
    if (protocol->next())
        c.protocol = protocol->value(0).toString();
    return c;
}

ActionPlan SessionActions::basePlan(const Context &c, ActionKind kind) const
{
    const storage::Session &s = c.session;
    ActionPlan p;
    p.kind = kind;
    p.sessionId = s.id;
    p.sessionNumber = s.sessionNumber;
    p.chargePointId = s.chargePointId;
    p.currency = !s.currency.isEmpty() ? s.currency : c.hold ? c.hold->currency : QString();
    p.statusBefore = p.statusAfter = s.status;
    p.energyBeforeWh = p.energyAfterWh = s.energyWh;
    p.amountBeforeMinor = p.amountAfterMinor = s.amountMinor;
    if (c.hold) {
        p.holdId = c.hold->id;
        p.holdStatusBefore = p.holdStatusAfter = payments::holdStatusName(c.hold->status);
        p.heldMinor = c.hold->status == payments::HoldStatus::Hold ? c.hold->amountMinor : 0;
    }
    return p;
}

Expected<ActionPlan> SessionActions::makePlan(const Context &c, const ActionRequest &request, storage::Session &after) const
{
    ActionPlan p = basePlan(c, request.kind);
    after = c.session;
    switch (request.kind) {
    case ActionKind::Finish:
        if (Status s = planFinish(c, p, after); !s)
            return s.error();
        break;
    case ActionKind::CancelHold:
        planCancelHold(c, p, after);
        break;
    case ActionKind::Finalize:
        planFinalize(c, request, p, after);
        break;
    case ActionKind::SetEnergy:
        if (Status s = planSetEnergy(c, request, p, after); !s)
            return s.error();
        break;
    case ActionKind::ChangeStatus:
        planChangeStatus(c, request, p, after);
        break;
    case ActionKind::Start:
    case ActionKind::Stop:
    case ActionKind::Reset:
        planCommand(c, request, p);
        break;
    }
    if (p.movesMoney())
        checkMoneyCall(c, p);
    return p;
}

Expected<ActionPlan> SessionActions::plan(const ActionRequest &request) const
{
    auto context = load(request.sessionId);
    if (!context)
        return context.error();
    storage::Session after;
    return makePlan(*context, request, after);
}

Expected<ActionPlan> SessionActions::approvedPlan(const Context &context, const ActionRequest &request,
                                                  storage::Session &after) const
{
    auto planned = makePlan(context, request, after);
    if (planned && !planned->ok())
        return Error{ExitCode::Usage, planned->refusals.join(u' ')};
    return planned;
}

void SessionActions::checkMoneyCall(const Context &c, ActionPlan &p) const
{
    if (!c.hold)
        return;
    if (!m_holds) {
        p.refusals << tr("Payments are not available here, so the money of hold %1 cannot be moved.").arg(c.hold->id);
        return;
    }
    if (c.hold->gateway != m_holds->gateway().name()) {
        p.refusals << tr("Hold %1 was made with the %2 gateway, but the %3 gateway is in use now.")
                          .arg(c.hold->id)
                          .arg(c.hold->gateway, m_holds->gateway().name());
    }
    if (c.hold->gatewayRef.isEmpty())
        p.refusals << tr("Hold %1 has no answer from the gateway yet; try again when it has one.").arg(c.hold->id);
    if (c.callRunning) {
        p.refusals << tr("A payment call about hold %1 still waits for the gateway; try again when it has answered.")
                          .arg(c.hold->id);
    }
}

Status SessionActions::price(const Context &c, qint64 energyWh, ActionPlan &p) const
{
    const QString amountText = payments::moneyText(c.session.amountMinor, p.currency);
    if (!m_pricing) {
        p.noTariff = true;
        return {};
    }
    auto quote = m_pricing->quote(c.session, energyWh);
    if (!quote)
        return quote.error();
    if (!quote->has_value()) {
        p.noTariff = true;
        return {};
    }
    const PriceQuote &q = **quote;
    if (!p.currency.isEmpty() && !q.currency.isEmpty() && q.currency.compare(p.currency, Qt::CaseInsensitive) != 0) {
        p.notes << tr("The tariff is in %1 but the session is in %2: the amount stays %3.").arg(q.currency, p.currency, amountText);
        return {};
    }
    if (p.currency.isEmpty())
        p.currency = q.currency;
    p.amountAfterMinor = q.amountMinor;
    p.priced = true;
    // The price at the charging start is only where the bill begins: time-of-use periods and the
    // idle fee can make the amount more than energy × that price, so the note says so.
    p.notes << tr("Priced with tariff %1: %2 per kWh at the charging start, with the tariff's time-of-use periods and "
                  "idle fee.")
                   .arg(q.tariffId)
                   .arg(payments::moneyText(q.pricePerKwhMinor, p.currency));
    return {};
}

MoneyOutcome SessionActions::moneyOutcome(const ActionResult &result, const std::optional<payments::GatewayResult> &answer)
{
    const QString waiting = tr("The gateway has not answered yet. Payment call %1 stays in the journal and is sent again "
                               "with the same key.")
                                .arg(result.moneyCallId);
    if (!result.moneyError.isEmpty())
        return {tr("The session was changed, but the money call could not be made: %1").arg(result.moneyError), true};
    if (result.moneyCallId <= 0)
        return {};
    if (!answer)
        return {waiting, true};
    if (!answer->done()) {
        if (answer->outcome == payments::Outcome::Refused)
            return {tr("The gateway refused payment call %1: %2").arg(result.moneyCallId).arg(answer->error), true};
        return {waiting, true};
    }
    return {tr("The gateway did it (payment call %1).").arg(result.moneyCallId), false};
}

access::Permission SessionActions::requiredPermission(ActionKind kind)
{
    switch (kind) {
    case ActionKind::Finish: return access::Permission::SessionsFinish;
    case ActionKind::CancelHold: return access::Permission::SessionsCancelHold;
    case ActionKind::Finalize: return access::Permission::SessionsFinalize;
    case ActionKind::SetEnergy: return access::Permission::SessionsSetEnergy;
    case ActionKind::ChangeStatus: return access::Permission::SessionsSetStatus;
    case ActionKind::Start:
    case ActionKind::Stop:
    case ActionKind::Reset: return access::Permission::StationsCommand;
    }
    return access::Permission::SessionsSetStatus;
}

Expected<ActionResult> SessionActions::apply(const ActionRequest &request, const access::Actor &who, const QString &reason)
{
    const payments::Actor actor{who.name(), reason};
    if (actor.name.trimmed().isEmpty())
        return Error{ExitCode::Usage, tr("Who acts must be known: an operator name is required.")};
    if (actor.reason.trimmed().isEmpty())
        return Error{ExitCode::Usage, tr("A reason is required: it is kept in the audit log.")};
    if (Status allowed = access::AccessGuard(m_db).require(who, requiredPermission(request.kind)); !allowed)
        return allowed.error();
    if (request.kind == ActionKind::Start || request.kind == ActionKind::Stop || request.kind == ActionKind::Reset)
        return applyCommand(request, who, actor);

    ActionResult result;
    {
        storage::Transaction tx(m_db.connection());
        if (Status s = tx.begin(); !s)
            return s.error();
        auto context = load(request.sessionId);
        if (!context)
            return context.error();
        storage::Session after;
        auto planned = approvedPlan(*context, request, after);
        if (!planned)
            return planned.error();
        result.plan = *planned;
        if (Status s = writeSessionChange(*context, request, result.plan, after, actor, &result.auditId); !s)
            return s.error();
        if (Status s = tx.commit(); !s)
            return s.error();
    }
    qCInfo(lcSessionActions) << actionKindName(request.kind) << "session" << result.plan.sessionId << "by" << actor.name;
    callMoney(result.plan, actor, result);
    return result;
}

Status SessionActions::writeSessionChange(const Context &c, const ActionRequest &request, const ActionPlan &p,
                                          const storage::Session &after, const payments::Actor &actor, qint64 *auditId)
{
    const qint64 now = m_clock.nowMs();
    storage::SessionRepository sessions(m_db);
    if (Status s = sessions.update(after, now); !s)
        return s;
    if (p.amountAfterMinor != p.amountBeforeMinor) {
        // A billing column (SessionRepository writes only the charging ones): the operator's
        // correction of the total, audited below.
        auto q = storage::Sql::run(m_db.connection(),
                                   QStringLiteral("UPDATE sessions SET amount_minor = ?, "
                                                  "currency = CASE WHEN currency = '' THEN ? ELSE currency END WHERE id = ?"),
                                   {p.amountAfterMinor, p.currency, after.id});
        if (!q)
            return q.error();
    }

    json detail = {{"from", utf8(p.statusBefore)},
                   {"to", utf8(p.statusAfter)},
                   {"energyBeforeWh", p.energyBeforeWh},
                   {"energyAfterWh", p.energyAfterWh},
                   {"amountBeforeMinor", p.amountBeforeMinor},
                   {"amountAfterMinor", p.amountAfterMinor},
                   {"currency", utf8(p.currency)},
                   {"money", moneyJson(p)},
                   {"reason", utf8(actor.reason)}};
    if (request.kind == ActionKind::ChangeStatus)
        detail["mode"] = utf8(changeModeName(request.mode));
    if (request.kind == ActionKind::SetEnergy)
        detail["recompute"] = request.recompute;
    storage::SessionEvent event;
    event.sessionId = after.id;
    event.atMs = now;
    event.kind = sessionEventKind(request.kind);
    event.detail = QString::fromStdString(detail.dump());
    event.operatorName = actor.name;
    if (auto added = sessions.addEvent(event); !added)
        return added.error();
    if (p.statusBefore != p.statusAfter) {
        // The same "status" line every status change leaves in the session log.
        storage::SessionEvent status = event;
        status.kind = QStringLiteral("status");
        status.detail = QString::fromStdString(json{{"from", utf8(p.statusBefore)},
                                                    {"to", utf8(p.statusAfter)},
                                                    {"why", utf8(tr("Operator: %1").arg(actor.reason))}}
                                                   .dump());
        if (auto added = sessions.addEvent(status); !added)
            return added.error();
    }

    storage::AuditEntry audit;
    audit.operatorName = actor.name;
    audit.action = auditAction(request.kind);
    audit.entityType = QStringLiteral("session");
    audit.entityId = QString::number(after.id);
    audit.reason = actor.reason;
    audit.beforeState = QString::fromStdString(stateJson(c.session, p.amountBeforeMinor).dump());
    json afterState = stateJson(after, p.amountAfterMinor);
    afterState["money"] = moneyJson(p);
    if (request.kind == ActionKind::ChangeStatus)
        afterState["mode"] = utf8(changeModeName(request.mode));
    audit.afterState = QString::fromStdString(afterState.dump());
    auto id = storage::AuditLogRepository(m_db, m_clock).append(audit);
    if (!id)
        return id.error();
    *auditId = *id;
    return {};
}

void SessionActions::callMoney(const ActionPlan &p, const payments::Actor &actor, ActionResult &result)
{
    if (!p.movesMoney() || !p.holdId || !m_holds)
        return;
    Expected<payments::HoldTicket> ticket = Error{};
    if (p.refundMinor > 0)
        ticket = m_holds->refund(*p.holdId, p.refundMinor, actor);
    else if (p.captureMinor > 0)
        ticket = m_holds->capture(*p.holdId, p.captureMinor, actor);  // the rest is released
    else
        ticket = m_holds->release(*p.holdId, actor);
    if (ticket) {
        result.holdId = ticket->holdId;
        result.moneyCallId = ticket->callId;
        return;
    }
    // The plan checked what the hold service checks, so only a race or the database gets here.
    result.moneyError = ticket.error().message;
    qCWarning(lcSessionActions) << "session" << p.sessionId << "changed, money call failed:" << result.moneyError;
    storage::SessionEvent event;
    event.sessionId = p.sessionId;
    event.atMs = m_clock.nowMs();
    event.kind = QStringLiteral("operator_money_failed");
    event.detail = QString::fromStdString(json{{"action", utf8(actionKindName(p.kind))},
                                               {"money", moneyJson(p)},
                                               {"error", utf8(result.moneyError)}}
                                              .dump());
    event.operatorName = actor.name;
    storage::Transaction tx(m_db.connection());
    if (tx.begin() && storage::SessionRepository(m_db).addEvent(event))
        static_cast<void>(tx.commit());
}

}  // namespace cd::sessions
