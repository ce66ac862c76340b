#pragma once
// The operator's actions on a session: for each a plan (the dry run the confirmation shows: status,
// energy, amount, and what happens to money) and an apply that does it, audited with who and why.
//
// apply() writes the session change, its session event(s) and its audit record in ONE
// transaction, planned again inside it (so it acts on what is stored, not on an old preview); only
// then does it journal the money call through HoldService (which journals and audits it itself).
// Everything the money call would refuse (amount above the hold, a call still running, another
// gateway) is refused by the plan first, so nothing is half-written. The money's outcome comes
// later with HoldService::callFinished(ActionResult::moneyCallId, …): the journal resends a call
// whose answer was lost with the same key until the gateway has done it once.
//
// Start / Stop / Reset queue a command through commands::CommandQueue (audited there, with the
// reason) and add a session event.
//
// Not thread-safe: call plan() on any thread with its own Database handle, apply() on the thread
// that owns the HoldService.

#include "core/access/actor.h"
#include "core/access/permission.h"
#include "core/common/clock.h"
#include "core/common/expected.h"
#include "core/payments/holdrepository.h"
#include "core/payments/holdservice.h"
#include "core/sessions/sessionaction.h"
#include "core/storage/sessionrepository.h"

#include <QCoreApplication>

#include <optional>

namespace cd::storage {
class Database;
}

namespace cd::sessions {

class SessionPricing;

// The stop reason of a session the operator finished (stop source "operator").
inline const QString kOperatorFinishReason = QStringLiteral("OperatorFinished");

// What became of an applied action's money call, for the operator.
struct MoneyOutcome {
    QString text;         // empty: there was no money call
    bool failed = false;  // the session changed but the money has not (yet) moved as planned
};

class SessionActions {
    Q_DECLARE_TR_FUNCTIONS(cd::sessions::SessionActions)
public:
    // Not owned; all must outlive this. `holds` may be null (plans then refuse to move money);
    // `pricing` may be null (no tariff: amounts stay).
    SessionActions(const storage::Database &db, payments::HoldService *holds, const SessionPricing *pricing,
                   const Clock &clock = Clock::system());

    // The dry run. An Error only when the session is not there or the database fails; an action
    // that cannot run is a plan with refusals.
    Expected<ActionPlan> plan(const ActionRequest &request) const;
    // Does it. A refused plan is an Error (ExitCode::Usage) with its refusals, and nothing is written.
    // The actor needs requiredPermission(kind) (ExitCode::Forbidden otherwise, nothing written), a
    // name and a reason.
    Expected<ActionResult> apply(const ActionRequest &request, const access::Actor &actor, const QString &reason);
    // The same for a bare name (payments::Actor): allowed only while the database has no operators.
    Expected<ActionResult> apply(const ActionRequest &request, const payments::Actor &actor)
    {
        return apply(request, access::Actor(actor.name), actor.reason);
    }
    // What an action needs: sessions.finish, … ; Start / Stop / Reset: stations.command.
    static access::Permission requiredPermission(ActionKind kind);

    // The money call of `result` given the gateway's answer so far (nullopt: none yet).
    static MoneyOutcome moneyOutcome(const ActionResult &result, const std::optional<payments::GatewayResult> &answer);

private:
    struct Context {
        storage::Session session;
        std::optional<payments::PaymentHold> hold;
        bool callRunning = false;  // a journaled call of the hold still waits for the gateway
        QString protocol;          // stations.protocol (Start / Stop / Reset)
    };

    Expected<Context> load(qint64 sessionId) const;
    // The plan, and the session as it will be stored.
    Expected<ActionPlan> makePlan(const Context &context, const ActionRequest &request, storage::Session &after) const;
    // makePlan, with its refusals as an error: what apply runs on.
    Expected<ActionPlan> approvedPlan(const Context &context, const ActionRequest &request, storage::Session &after) const;
    ActionPlan basePlan(const Context &context, ActionKind kind) const;

    // moneyplans.cpp
    Status planFinish(const Context &context, ActionPlan &plan, storage::Session &after) const;
    void planCancelHold(const Context &context, ActionPlan &plan, storage::Session &after) const;
    void planFinalize(const Context &context, const ActionRequest &request, ActionPlan &plan, storage::Session &after) const;
    Status planSetEnergy(const Context &context, const ActionRequest &request, ActionPlan &plan, storage::Session &after) const;
    void planChangeStatus(const Context &context, const ActionRequest &request, ActionPlan &plan,
                          storage::Session &after) const;
    // The amount for `energyWh` (plan.amountAfter, priced / noTariff).
    Status price(const Context &context, qint64 energyWh, ActionPlan &plan) const;
    // Refusals for a money call about the context's hold.
    void checkMoneyCall(const Context &context, ActionPlan &plan) const;

    // commandplans.cpp
    void planCommand(const Context &context, const ActionRequest &request, ActionPlan &plan) const;
    Expected<ActionResult> applyCommand(const ActionRequest &request, const access::Actor &who, const payments::Actor &actor);

    Status writeSessionChange(const Context &context, const ActionRequest &request, const ActionPlan &plan,
                              const storage::Session &after, const payments::Actor &actor, qint64 *auditId);
    void callMoney(const ActionPlan &plan, const payments::Actor &actor, ActionResult &result);

    const storage::Database &m_db;
    payments::HoldService *m_holds;
    const SessionPricing *m_pricing;
    const Clock &m_clock;
};

}  // namespace cd::sessions
