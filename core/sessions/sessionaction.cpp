#include "core/sessions/sessionaction.h"

#include "core/payments/moneytext.h"

#include <QJsonArray>

#include <array>
#include <utility>

namespace cd::sessions {

namespace {

constexpr std::array<std::pair<ActionKind, const char16_t *>, 8> kKinds{{
    {ActionKind::Finish, u"finish"},
    {ActionKind::CancelHold, u"cancel-hold"},
    {ActionKind::Finalize, u"finalize"},
    {ActionKind::SetEnergy, u"set-energy"},
    {ActionKind::ChangeStatus, u"set-status"},
    {ActionKind::Start, u"start"},
    {ActionKind::Stop, u"stop"},
    {ActionKind::Reset, u"reset"},
}};

bool isCommand(ActionKind kind)
{
    return kind == ActionKind::Start || kind == ActionKind::Stop || kind == ActionKind::Reset;
}

}  // namespace

QString actionKindName(ActionKind kind)
{
    for (const auto &[value, text] : kKinds) {
        if (value == kind)
            return QString::fromUtf16(text);
    }
    return {};
}

std::optional<ActionKind> actionKindFromName(const QString &name)
{
    for (const auto &[value, text] : kKinds) {
        if (name == QStringView(text))
            return value;
    }
    return std::nullopt;
}

QString sessionEventKind(ActionKind kind)
{
    switch (kind) {
    case ActionKind::Finish:
        return QStringLiteral("operator_finish");
    case ActionKind::CancelHold:
        return QStringLiteral("operator_cancel_hold");
    case ActionKind::Finalize:
        return QStringLiteral("operator_finalize");
    case ActionKind::SetEnergy:
        return QStringLiteral("operator_energy");
    case ActionKind::ChangeStatus:
        return QStringLiteral("operator_status");
    case ActionKind::Start:
        return QStringLiteral("operator_start");
    case ActionKind::Stop:
        return QStringLiteral("operator_stop");
    case ActionKind::Reset:
        return QStringLiteral("operator_reset");
    }
    return {};
}

QString SessionActionText::title(ActionKind kind)
{
    switch (kind) {
    case ActionKind::Finish:
        return tr("Finish");
    case ActionKind::CancelHold:
        return tr("Cancel hold");
    case ActionKind::Finalize:
        return tr("Finalize");
    case ActionKind::SetEnergy:
        return tr("Set energy");
    case ActionKind::ChangeStatus:
        return tr("Change status");
    case ActionKind::Start:
        return tr("Start");
    case ActionKind::Stop:
        return tr("Stop");
    case ActionKind::Reset:
        return tr("Reset");
    }
    return {};
}

QStringList SessionActionText::describe(const ActionPlan &p)
{
    const auto money = [&p](qint64 minor) { return payments::moneyText(minor, p.currency); };
    QStringList lines;
    lines << tr("%1 — session %2, station %3").arg(title(p.kind), p.sessionNumber, p.chargePointId);
    if (isCommand(p.kind)) {
        if (!p.commandAction.isEmpty())
            lines << tr("Command to the station: %1").arg(p.commandAction);
        lines << tr("Money does not move.");
    } else {
        lines << (p.statusBefore == p.statusAfter ? tr("Status: %1 (unchanged)").arg(p.statusBefore)
                                                  : tr("Status: %1 → %2").arg(p.statusBefore, p.statusAfter));
        lines << (p.energyBeforeWh == p.energyAfterWh
                      ? tr("Energy: %1 Wh (unchanged)").arg(p.energyBeforeWh)
                      : tr("Energy: %1 Wh → %2 Wh").arg(p.energyBeforeWh).arg(p.energyAfterWh));
        if (p.noTariff)
            lines << tr("No tariff: the amount stays %1.").arg(money(p.amountBeforeMinor));
        else if (p.amountBeforeMinor == p.amountAfterMinor)
            lines << tr("Amount: %1 (unchanged)").arg(money(p.amountBeforeMinor));
        else
            lines << tr("Amount: %1 → %2").arg(money(p.amountBeforeMinor), money(p.amountAfterMinor));
        if (p.captureMinor > 0)
            lines << tr("Capture %1 of the %2 held.").arg(money(p.captureMinor), money(p.heldMinor));
        if (p.releaseMinor > 0)
            lines << tr("Release %1 back to the customer's card.").arg(money(p.releaseMinor));
        if (p.refundMinor > 0)
            lines << tr("Refund %1 of the captured money.").arg(money(p.refundMinor));
        if (p.uncoveredMinor > 0)
            lines << tr("%1 of the amount is above the hold and is not collected.").arg(money(p.uncoveredMinor));
        if (!p.movesMoney())
            lines << tr("Money does not move.");
        if (p.holdId && p.holdStatusBefore != p.holdStatusAfter)
            lines << tr("Hold %1: %2 → %3").arg(*p.holdId).arg(p.holdStatusBefore, p.holdStatusAfter);
    }
    lines += p.notes;
    for (const QString &r : p.refusals)
        lines << tr("Cannot run: %1").arg(r);
    return lines;
}

QJsonObject planToJson(const ActionPlan &p)
{
    QJsonObject o{{QStringLiteral("action"), actionKindName(p.kind)},
                  {QStringLiteral("sessionId"), p.sessionId},
                  {QStringLiteral("sessionNumber"), p.sessionNumber},
                  {QStringLiteral("chargePointId"), p.chargePointId},
                  {QStringLiteral("currency"), p.currency},
                  {QStringLiteral("statusBefore"), p.statusBefore},
                  {QStringLiteral("statusAfter"), p.statusAfter},
                  {QStringLiteral("energyBeforeWh"), p.energyBeforeWh},
                  {QStringLiteral("energyAfterWh"), p.energyAfterWh},
                  {QStringLiteral("amountBeforeMinor"), p.amountBeforeMinor},
                  {QStringLiteral("amountAfterMinor"), p.amountAfterMinor},
                  {QStringLiteral("priced"), p.priced},
                  {QStringLiteral("noTariff"), p.noTariff},
                  {QStringLiteral("holdId"), p.holdId ? QJsonValue(*p.holdId) : QJsonValue()},
                  {QStringLiteral("holdStatusBefore"), p.holdStatusBefore},
                  {QStringLiteral("holdStatusAfter"), p.holdStatusAfter},
                  {QStringLiteral("heldMinor"), p.heldMinor},
                  {QStringLiteral("captureMinor"), p.captureMinor},
                  {QStringLiteral("releaseMinor"), p.releaseMinor},
                  {QStringLiteral("refundMinor"), p.refundMinor},
                  {QStringLiteral("uncoveredMinor"), p.uncoveredMinor},
                  {QStringLiteral("notes"), QJsonArray::fromStringList(p.notes)},
                  {QStringLiteral("refusals"), QJsonArray::fromStringList(p.refusals)},
                  {QStringLiteral("ok"), p.ok()}};
    if (p.mode)
        o.insert(QStringLiteral("mode"), changeModeName(*p.mode));
    if (!p.commandAction.isEmpty()) {
        o.insert(QStringLiteral("command"), p.commandAction);
        o.insert(QStringLiteral("payload"), p.commandPayload);
    }
    return o;
}

QJsonObject actionResultToJson(const ActionResult &r)
{
    QJsonObject o{{QStringLiteral("plan"), planToJson(r.plan)}, {QStringLiteral("auditId"), r.auditId}};
    if (r.moneyCallId > 0) {
        o.insert(QStringLiteral("holdId"), r.holdId);
        o.insert(QStringLiteral("moneyCallId"), r.moneyCallId);
    }
    if (!r.moneyError.isEmpty())
        o.insert(QStringLiteral("moneyError"), r.moneyError);
    if (r.commandId > 0)
        o.insert(QStringLiteral("commandId"), r.commandId);
    return o;
}

}  // namespace cd::sessions
