// Who pays a corrected bill and how the difference moves: a balance (member, department, parent
// department) debited or credited, or a card hold captured, released or partly refunded.

#include "core/anomalies/correctionengine.h"

#include "core/billing/billingservice.h"
#include "core/payments/holdservice.h"
#include "core/payments/moneytext.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

namespace cd::anomalies {

using billing::SettlementState;
using payments::HoldStatus;

Status CorrectionEngine::planMoney(const Context &c, CorrectionPreview &p) const
{
    p.dueAfterMinor = p.after.totalMinor;
    // The new version is settled: the correction moves the money (or says who cannot be charged).
    // A Revert to a version with anomalies opens them again: money moved, anomalies pending.
    p.after.settlement = p.anomalyCodesReopened.isEmpty() ? SettlementState::Settled : SettlementState::Provisional;

    if (c.hold) {
        p.payment = PaymentKind::Card;
        planHold(c, p);
    } else {
        auto payer = billing::BillingService(m_db, m_clock).payerForSession(c.session);
        if (!payer)
            return payer.error();
        const bool paid = p.before.settlement == SettlementState::Settled || p.before.settlement == SettlementState::Provisional;
        if (payer->kind == billing::BalancePayer::Kind::None) {
            p.payment = PaymentKind::None;
            if (p.dueAfterMinor != p.before.totalMinor || !paid)
                p.notes << tr("Nobody is known to pay this session (no member, department or card): ChargeDesk "
                              "collects or gives back nothing.");
        } else {
            BalanceEffect b;
            const bool member = payer->kind == billing::BalancePayer::Kind::Member;
            b.kind = member ? PaymentKind::Member : PaymentKind::Department;
            b.accountId = payer->id;
            auto row = storage::Sql::run(
                m_db.connection(),
                member ? QStringLiteral("SELECT name, balance_minor, refundable_minor FROM members WHERE id = ?")
                       : QStringLiteral("SELECT name, balance_minor, 0 FROM departments WHERE id = ?"),
                {payer->id});
            if (!row)
                return row.error();
            if (row->next()) {
                b.accountName = row->value(0).toString();
                b.balanceBeforeMinor = row->value(1).toLongLong();
                b.refundableBeforeMinor = row->value(2).toLongLong();
            }
            if (!member && c.session.departmentId && *c.session.departmentId != payer->id) {
                b.ownDepartmentId = c.session.departmentId;
                auto own = storage::Sql::run(m_db.connection(), QStringLiteral("SELECT name FROM departments WHERE id = ?"),
                                             {*c.session.departmentId});
                if (!own)
                    return own.error();
                if (own->next())
                    b.ownDepartmentName = own->value(0).toString();
            }
            p.payment = b.kind;
            p.paidBeforeMinor = paid ? p.before.totalMinor : 0;
            b.deltaMinor = p.dueAfterMinor - p.paidBeforeMinor;
            p.balance = b;
            if (!paid)
                p.notes << tr("The bill was %1: nothing was taken for it yet, so the whole corrected total is taken now.")
                               .arg(billing::SettlementText::stateTitle(p.before.settlement).toLower());
            if (b.deltaMinor > 0 && b.balanceAfterMinor() < 0)
                p.notes << tr("The balance goes below zero (%1).").arg(payments::moneyText(b.balanceAfterMinor(), p.currency));
        }
    }

    const qint64 difference = p.dueAfterMinor - p.paidBeforeMinor;
    p.additionalChargeMinor = std::max<qint64>(difference, 0);
    p.refundMinor = std::max<qint64>(-difference, 0);
    return {};
}

void CorrectionEngine::planHold(const Context &c, CorrectionPreview &p) const
{
    const payments::PaymentHold &h = *c.hold;
    HoldEffect e;
    e.holdId = h.id;
    e.gateway = h.gateway;
    e.statusBefore = e.statusAfter = payments::holdStatusName(h.status);
    e.heldMinor = h.status == HoldStatus::Hold ? h.amountMinor : 0;
    e.capturedMinor = h.capturedMinor;
    e.refundedMinor = h.refundedMinor;
    const qint64 due = p.dueAfterMinor;
    const QString money = payments::moneyText(due, p.currency);

    switch (h.status) {
    case HoldStatus::Hold:
        // Nothing captured yet (the bill was held): capture the corrected total, release the rest.
        p.paidBeforeMinor = 0;
        e.captureMinor = std::min(due, h.amountMinor);
        e.releaseMinor = h.amountMinor - e.captureMinor;
        p.uncollectedMinor = due - e.captureMinor;
        e.statusAfter = payments::holdStatusName(e.captureMinor > 0 ? HoldStatus::Success : HoldStatus::Released);
        if (p.uncollectedMinor > 0)
            p.notes << tr("Only %1 is held on the card: %2 of the corrected total cannot be captured and is to be "
                          "collected another way.")
                           .arg(payments::moneyText(h.amountMinor, p.currency),
                                payments::moneyText(p.uncollectedMinor, p.currency));
        break;
    case HoldStatus::Success: {
        p.paidBeforeMinor = h.capturedMinor - h.refundedMinor;
        const qint64 difference = due - p.paidBeforeMinor;
        if (difference < 0) {
            e.refundMinor = -difference;  // never more than what is left of the capture
        } else if (difference > 0) {
            p.uncollectedMinor = difference;
            p.notes << tr("Hold %1 was captured already and a capture cannot be raised: the additional %2 is to be "
                          "collected another way.")
                           .arg(h.id)
                           .arg(payments::moneyText(difference, p.currency));
        }
        break;
    }
    case HoldStatus::Created:
    case HoldStatus::Processing:
        p.paidBeforeMinor = 0;
        if (due > 0)
            p.refusals << tr("Hold %1 is %2: the bank has not reserved the money yet. Correct the bill when the hold "
                             "is there.")
                              .arg(h.id)
                              .arg(payments::holdStatusName(h.status));
        break;
    case HoldStatus::Released:
    case HoldStatus::Canceled:
    case HoldStatus::Failed:
    case HoldStatus::None:
        p.paidBeforeMinor = 0;
        p.uncollectedMinor = due;
        if (due > 0)
            p.notes << tr("Hold %1 is %2: the card pays nothing; %3 is to be collected another way.")
                           .arg(h.id)
                           .arg(payments::holdStatusName(h.status), money);
        break;
    }
    p.hold = e;
    if (!e.movesMoney())
        return;
    if (!m_holds) {
        p.refusals << tr("Payments are not available here, so the money of hold %1 cannot be moved.").arg(h.id);
        return;
    }
    if (h.gateway != m_holds->gateway().name())
        p.refusals << tr("Hold %1 was made with the %2 gateway, but the %3 gateway is in use now.")
                          .arg(h.id)
                          .arg(h.gateway, m_holds->gateway().name());
    if (h.gatewayRef.isEmpty())
        p.refusals << tr("Hold %1 has no answer from the gateway yet; try again when it has one.").arg(h.id);
    if (c.callRunning)
        p.refusals << tr("A payment call about hold %1 still waits for the gateway; try again when it has answered.").arg(h.id);
}

}  // namespace cd::anomalies
