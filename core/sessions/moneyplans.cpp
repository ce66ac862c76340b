// The plans of the session actions that change the session and may move money: Finish, Cancel
// hold, Finalize, Energy, Change status.

#include "core/charging/chargingtypes.h"
#include "core/charging/transactionledger.h"
#include "core/payments/moneytext.h"
#include "core/sessions/sessionactions.h"

namespace cd::sessions {

using payments::HoldStatus;

namespace {

constexpr qint64 kMaxEnergyWh = 100'000'000;  // 100 MWh: far above any one session

bool isStatus(const QString &status, charging::SessionStatus s)
{
    return status == charging::sessionStatusName(s);
}

bool holdOpen(const std::optional<payments::PaymentHold> &hold)
{
    return hold && !payments::isFinal(hold->status);
}

}  // namespace

Status SessionActions::planFinish(const Context &c, ActionPlan &p, storage::Session &after) const
{
    using charging::SessionStatus;
    const storage::Session &s = c.session;
    if (isStatus(s.status, SessionStatus::Finished) || isStatus(s.status, SessionStatus::Canceled)) {
        p.refusals << tr("Session %1 is %2 already; there is nothing to finish.").arg(s.sessionNumber, s.status);
        return {};
    }
    // As if the station's Stop arrived: the energy up to the last reading it delivered. A session
    // the station (or the system) closed already keeps its energy and its stop.
    qint64 energy = s.energyWh;
    if (s.stopSource.isEmpty())
        energy = charging::TransactionLedger::closeAtLastReading(after, charging::stopsource::Operator, kOperatorFinishReason,
                                                                 m_clock.nowMs());
    else
        p.notes << tr("The session was closed before (%1): its energy stays as it was recorded.").arg(s.stopSource);
    p.energyAfterWh = energy;
    p.statusAfter = charging::sessionStatusName(energy > 0 ? SessionStatus::Finished : SessionStatus::Canceled);
    after.status = p.statusAfter;
    if (energy > 0) {
        if (Status st = price(c, energy, p); !st)
            return st;
    } else {
        p.amountAfterMinor = 0;
        p.notes << tr("No energy was delivered: the session is canceled and nothing is charged.");
    }
    const qint64 due = energy > 0 ? p.amountAfterMinor : 0;

    if (!holdOpen(c.hold)) {
        if (due > 0)
            p.notes << tr("No open payment hold: %1 is to be collected another way.").arg(payments::moneyText(due, p.currency));
        return {};
    }
    const payments::PaymentHold &h = *c.hold;
    if (h.status == HoldStatus::Hold) {
        p.captureMinor = std::min(due, h.amountMinor);
        p.releaseMinor = h.amountMinor - p.captureMinor;
        p.uncoveredMinor = due - p.captureMinor;
        p.holdStatusAfter = payments::holdStatusName(p.captureMinor > 0 ? HoldStatus::Success : HoldStatus::Released);
    } else if (due > 0) {
        p.refusals << tr("Hold %1 is %2: the bank has not reserved the money yet. Wait for the hold, or cancel it.")
                          .arg(h.id)
                          .arg(payments::holdStatusName(h.status));
    } else {
        p.releaseMinor = h.amountMinor;
        p.holdStatusAfter = payments::holdStatusName(HoldStatus::Canceled);
    }
    return {};
}

void SessionActions::planCancelHold(const Context &c, ActionPlan &p, storage::Session &after) const
{
    using charging::SessionStatus;
    const storage::Session &s = c.session;
    if (holdOpen(c.hold)) {
        p.releaseMinor = c.hold->amountMinor;
        p.holdStatusAfter = payments::holdStatusName(c.hold->status == HoldStatus::Hold ? HoldStatus::Released
                                                                                         : HoldStatus::Canceled);
    } else if (c.hold && c.hold->status == HoldStatus::Success && c.hold->capturedMinor > c.hold->refundedMinor) {
        p.refundMinor = c.hold->capturedMinor - c.hold->refundedMinor;
        p.notes << tr("Hold %1 was captured already: the captured money is refunded.").arg(c.hold->id);
    } else {
        p.refusals << tr("Session %1 has no payment hold to cancel.").arg(s.sessionNumber);
        return;
    }
    if (!isStatus(s.status, SessionStatus::Failed) && !isStatus(s.status, SessionStatus::FailedHold))
        p.statusAfter = charging::sessionStatusName(SessionStatus::Canceled);
    after.status = p.statusAfter;
    if (storage::SessionRepository::openStatuses().contains(s.status))
        p.notes << tr("The station may still be charging: send Stop as well.");
}

void SessionActions::planFinalize(const Context &c, const ActionRequest &request, ActionPlan &p,
                                  storage::Session &after) const
{
    using charging::SessionStatus;
    const storage::Session &s = c.session;
    if (!c.hold || c.hold->status != HoldStatus::Hold) {
        if (c.hold)
            p.refusals << tr("Hold %1 is %2: only a held amount can be captured.")
                              .arg(c.hold->id)
                              .arg(payments::holdStatusName(c.hold->status));
        else
            p.refusals << tr("Session %1 has no payment hold to finalize.").arg(s.sessionNumber);
        return;
    }
    const payments::PaymentHold &h = *c.hold;
    const qint64 amount = request.amountMinor.value_or(s.amountMinor);
    if (!request.amountMinor && amount <= 0) {
        p.refusals << tr("Session %1 reports no total amount; give the amount to capture.").arg(s.sessionNumber);
        return;
    }
    if (amount <= 0) {
        p.refusals << tr("A capture needs an amount above zero; use Cancel hold to capture nothing.");
        return;
    }
    if (amount > h.amountMinor) {
        p.refusals << tr("Cannot capture %1: only %2 is held.")
                          .arg(payments::moneyText(amount, p.currency), payments::moneyText(h.amountMinor, p.currency));
        return;
    }
    p.captureMinor = amount;
    p.releaseMinor = h.amountMinor - amount;
    p.holdStatusAfter = payments::holdStatusName(HoldStatus::Success);
    if (isStatus(s.status, SessionStatus::PendingFinalPayment))
        p.statusAfter = charging::sessionStatusName(SessionStatus::Finished);
    else if (storage::SessionRepository::openStatuses().contains(s.status))
        p.notes << tr("The session is still open: the station may keep charging after the money is taken.");
    after.status = p.statusAfter;
}

Status SessionActions::planSetEnergy(const Context &c, const ActionRequest &request, ActionPlan &p,
                                     storage::Session &after) const
{
    const storage::Session &s = c.session;
    if (!request.energyWh) {
        p.refusals << tr("Give the new energy counter in Wh.");
        return {};
    }
    const qint64 energy = *request.energyWh;
    if (energy < 0 || energy > kMaxEnergyWh) {
        p.refusals << tr("The energy must be between 0 and %1 Wh.").arg(kMaxEnergyWh);
        return {};
    }
    if (energy == s.energyWh && !request.recompute) {
        p.refusals << tr("Session %1 has %2 Wh already.").arg(s.sessionNumber).arg(energy);
        return {};
    }
    p.energyAfterWh = energy;
    after.energyWh = energy;
    if (s.meterStartWh) {
        // The counter follows: the register as if the station had reported it.
        after.lastMeterWh = *s.meterStartWh + energy;
        if (!s.stopSource.isEmpty())
            after.meterStopWh = after.lastMeterWh;
    }
    if (request.recompute) {
        if (Status st = price(c, energy, p); !st)
            return st;
    }
    if (holdOpen(c.hold))
        p.notes << tr("The payment hold is not touched: use Finish or Finalize to take the money.");
    return {};
}

void SessionActions::planChangeStatus(const Context &c, const ActionRequest &request, ActionPlan &p,
                                      storage::Session &after) const
{
    const storage::Session &s = c.session;
    const QString to = request.status.trimmed();
    p.mode = request.mode;
    if (Status st = StatusPriority::check(s.sessionNumber, s.status, to, request.mode); !st) {
        p.refusals << st.error().message;
        return;
    }
    p.statusAfter = to;
    after.status = to;
    if (request.mode == ChangeMode::Override)
        p.notes << tr("OVERRIDE ignores the status priorities; the change is recorded with its mode.");
    if (holdOpen(c.hold)) {
        p.notes << tr("Hold %1 stays as it is: use Finalize or Cancel hold to settle it.").arg(c.hold->id);
    }
}

}  // namespace cd::sessions
