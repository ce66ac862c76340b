#include "core/anomalies/correctionpreview.h"

#include "core/anomalies/anomalycode.h"
#include "core/billing/billingservice.h"
#include "core/payments/moneytext.h"

#include <QJsonArray>

namespace cd::anomalies {

namespace {

QString money(qint64 minor, const QString &currency)
{
    return payments::moneyText(minor, currency);
}

QJsonValue optionalJson(const std::optional<qint64> &v)
{
    return v ? QJsonValue(*v) : QJsonValue();
}

QString changeText(const QString &before, const QString &after)
{
    return before == after ? CorrectionText::tr("%1 (unchanged)").arg(before) : CorrectionText::tr("%1 → %2").arg(before, after);
}

}  // namespace

QString paymentKindName(PaymentKind kind)
{
    switch (kind) {
    case PaymentKind::None:
        return QStringLiteral("none");
    case PaymentKind::Member:
        return QStringLiteral("member");
    case PaymentKind::Department:
        return QStringLiteral("department");
    case PaymentKind::Card:
        return QStringLiteral("card");
    }
    return {};
}

QString couponChangeKindName(CouponChange::Kind kind)
{
    switch (kind) {
    case CouponChange::Kind::Kept:
        return QStringLiteral("kept");
    case CouponChange::Kind::StopsApplying:
        return QStringLiteral("released");
    case CouponChange::Kind::StartsApplying:
        return QStringLiteral("used");
    case CouponChange::Kind::NotApplied:
        return QStringLiteral("not_applied");
    case CouponChange::Kind::EarnedRevoked:
        return QStringLiteral("revoked_earned");
    case CouponChange::Kind::EarnedUsed:
        return QStringLiteral("earned_used");
    case CouponChange::Kind::Earned:
        return QStringLiteral("earned");
    }
    return {};
}

bool CorrectionPreview::changesNumbers() const
{
    return before.energyWh != after.energyWh || before.energyFeeMinor != after.energyFeeMinor
        || before.serviceFeeMinor != after.serviceFeeMinor || before.idleFeeMinor != after.idleFeeMinor
        || before.couponId != after.couponId || before.couponDeductionMinor != after.couponDeductionMinor
        || before.totalMinor != after.totalMinor || before.tariffId != after.tariffId
        || before.serviceEndedMs != after.serviceEndedMs;
}

qint64 BalanceEffect::refundableAfterMinor() const
{
    if (kind != PaymentKind::Member)
        return 0;
    return billing::BillingService::cappedRefundableMinor(refundableBeforeMinor, balanceAfterMinor());
}

QStringList CorrectionText::moneyLines(const CorrectionPreview &p)
{
    QStringList lines;
    const QString &cur = p.currency;
    if (p.balance && p.balance->deltaMinor != 0) {
        const BalanceEffect &b = *p.balance;
        QString whose;
        if (b.kind == PaymentKind::Member)
            whose = tr("member %1").arg(b.accountName.isEmpty() ? QString::number(b.accountId) : b.accountName);
        else if (b.ownDepartmentId)
            whose = tr("department %1 (paying for %2)")
                        .arg(b.accountName.isEmpty() ? QString::number(b.accountId) : b.accountName,
                             b.ownDepartmentName.isEmpty() ? QString::number(*b.ownDepartmentId) : b.ownDepartmentName);
        else
            whose = tr("department %1").arg(b.accountName.isEmpty() ? QString::number(b.accountId) : b.accountName);
        if (b.deltaMinor > 0)
            lines << tr("Take %1 from the balance of %2 (%3 → %4).")
                         .arg(money(b.deltaMinor, cur), whose, money(b.balanceBeforeMinor, cur), money(b.balanceAfterMinor(), cur));
        else
            lines << tr("Give %1 back to the balance of %2 (%3 → %4).")
                         .arg(money(-b.deltaMinor, cur), whose, money(b.balanceBeforeMinor, cur), money(b.balanceAfterMinor(), cur));
        if (b.kind == PaymentKind::Member && b.refundableAfterMinor() != b.refundableBeforeMinor)
            //: the member's refundable amount never exceeds the balance (DOMAIN "Refunds")
            lines << tr("The refundable amount falls to the new balance (%1 → %2).")
                         .arg(money(b.refundableBeforeMinor, cur), money(b.refundableAfterMinor(), cur));
    }
    if (p.hold) {
        const HoldEffect &h = *p.hold;
        if (h.captureMinor > 0)
            lines << tr("Capture %1 from the card (hold %2).").arg(money(h.captureMinor, cur)).arg(h.holdId);
        if (h.releaseMinor > 0)
            lines << tr("Release %1 back to the customer's card.").arg(money(h.releaseMinor, cur));
        if (h.refundMinor > 0)
            lines << tr("Refund %1 of the captured money to the card (hold %2).").arg(money(h.refundMinor, cur)).arg(h.holdId);
    }
    if (p.uncollectedMinor > 0)
        lines << tr("%1 is to be collected another way: no balance or hold can take it.").arg(money(p.uncollectedMinor, cur));
    if (lines.isEmpty())
        lines << tr("Money does not move.");
    return lines;
}

QString CorrectionText::couponLine(const CouponChange &c, const QString &currency)
{
    const QString name = c.name.isEmpty() ? c.code : tr("%1 (%2)").arg(c.code, c.name);
    QString line;
    switch (c.kind) {
    case CouponChange::Kind::Kept:
        line = c.deductionBeforeMinor == c.deductionAfterMinor
            ? tr("Coupon %1 still applies: %2 off.").arg(name, money(c.deductionAfterMinor, currency))
            : tr("Coupon %1 still applies: %2 → %3 off.")
                  .arg(name, money(c.deductionBeforeMinor, currency), money(c.deductionAfterMinor, currency));
        break;
    case CouponChange::Kind::StopsApplying:
        line = tr("Coupon %1 stops applying (%2 off no more).").arg(name, money(c.deductionBeforeMinor, currency));
        break;
    case CouponChange::Kind::StartsApplying:
        line = tr("Coupon %1 starts applying: %2 off.").arg(name, money(c.deductionAfterMinor, currency));
        break;
    case CouponChange::Kind::NotApplied:
        line = tr("Coupon %1 would apply but is not used.").arg(name);
        break;
    case CouponChange::Kind::EarnedRevoked:
        //: %1 coupon, %2 spend rule, %3 → %4 the member's spend before → after the correction, %5 the rule's threshold
        line = tr("Coupon %1 stops being earned (rule \"%2\": spend %3 → %4, below %5): it is unused and is revoked.")
                   .arg(name, c.ruleName, money(c.spendBeforeMinor, currency), money(c.spendAfterMinor, currency),
                        money(c.thresholdMinor, currency));
        break;
    case CouponChange::Kind::EarnedUsed:
        //: %1 coupon, %2 spend rule, %3 → %4 the member's spend before → after the correction, %5 the rule's threshold
        line = tr("Coupon %1 stops being earned (rule \"%2\": spend %3 → %4, below %5), but it has been used already: "
                  "the correction leaves it; decide with the member whether to recover it.")
                   .arg(name, c.ruleName, money(c.spendBeforeMinor, currency), money(c.spendAfterMinor, currency),
                        money(c.thresholdMinor, currency));
        break;
    case CouponChange::Kind::Earned:
        //: %1 spend rule, %2 → %3 the member's spend before → after the correction, %4 the rule's threshold
        line = tr("A coupon becomes earned (rule \"%1\": spend %2 → %3 reaches %4): it is issued to the member.")
                   .arg(c.ruleName, money(c.spendBeforeMinor, currency), money(c.spendAfterMinor, currency),
                        money(c.thresholdMinor, currency));
        break;
    }
    return c.why.isEmpty() ? line : line + u' ' + c.why;
}

QString CorrectionText::settlementLine(const CorrectionPreview &p)
{
    return changeText(billing::SettlementText::stateTitle(p.before.settlement),
                      billing::SettlementText::stateTitle(p.after.settlement));
}

QStringList CorrectionText::describe(const CorrectionPreview &p)
{
    QStringList out;
    const QString &cur = p.currency;
    out << tr("Bill %1 (version %2) of session %3 — %4")
               .arg(p.before.billId)
               .arg(p.before.version)
               .arg(p.sessionNumber, CorrectionMethodText::title(p.request.method));
    if (p.after.version > 0) {
        out << tr("Energy: %1").arg(changeText(tr("%1 Wh").arg(p.before.energyWh), tr("%1 Wh").arg(p.after.energyWh)));
        for (const billing::EnergyLine &line : p.after.energyLines) {
            out << tr("  %1 Wh × %2/kWh = %3")
                       .arg(line.energyWh)
                       .arg(money(line.priceMinorPerKwh, cur), money(line.feeMinor, cur));
        }
        out << tr("Energy fee: %1").arg(changeText(money(p.before.energyFeeMinor, cur), money(p.after.energyFeeMinor, cur)));
        out << tr("Service fee: %1").arg(changeText(money(p.before.serviceFeeMinor, cur), money(p.after.serviceFeeMinor, cur)));
        out << tr("Idle fee: %1").arg(changeText(money(p.before.idleFeeMinor, cur), money(p.after.idleFeeMinor, cur)));
        out << tr("Coupon: %1")
                   .arg(changeText(money(p.before.couponDeductionMinor, cur), money(p.after.couponDeductionMinor, cur)));
        out << tr("Total: %1").arg(changeText(money(p.before.totalMinor, cur), money(p.after.totalMinor, cur)));
        if (p.additionalChargeMinor > 0)
            out << tr("Additional charge: %1").arg(money(p.additionalChargeMinor, cur));
        else if (p.refundMinor > 0)
            out << tr("Refund: %1").arg(money(p.refundMinor, cur));
        for (const QString &line : moneyLines(p))
            out << tr("Money: %1").arg(line);
        for (const CouponChange &c : p.coupons)
            out << couponLine(c, cur);
        out << tr("Settlement: %1").arg(settlementLine(p));
        if (!p.anomalyCodesResolved.isEmpty()) {
            QStringList codes;
            for (int code : p.anomalyCodesResolved)
                codes << tr("%1 %2").arg(code).arg(anomalyCodeText(code));
            out << tr("Anomalies resolved: %1").arg(codes.join(QStringLiteral(", ")));
        }
        if (!p.anomalyCodesReopened.isEmpty()) {
            QStringList codes;
            for (int code : p.anomalyCodesReopened)
                codes << tr("%1 %2").arg(code).arg(anomalyCodeText(code));
            out << tr("Anomalies open again: %1").arg(codes.join(QStringLiteral(", ")));
        }
    }
    for (const QString &note : p.notes)
        out << tr("Note: %1").arg(note);
    for (const QString &refusal : p.refusals)
        out << tr("Cannot apply: %1").arg(refusal);
    return out;
}

QString CorrectionText::confirmation(const CorrectionPreview &p)
{
    QString text = tr("Bill %1 becomes version %2 with a total of %3 (was %4).")
                       .arg(p.before.billId)
                       .arg(p.after.version)
                       .arg(money(p.after.totalMinor, p.currency), money(p.before.totalMinor, p.currency));
    text += u' ' + moneyLines(p).join(u' ');
    return text;
}

QJsonObject toJson(const BillLines &l)
{
    QJsonArray lines;
    for (const billing::EnergyLine &e : l.energyLines) {
        lines.append(QJsonObject{{QStringLiteral("period"), billing::TariffText::periodKindName(e.kind)},
                                 {QStringLiteral("fromMs"), e.fromMs},
                                 {QStringLiteral("toMs"), e.toMs},
                                 {QStringLiteral("energyWh"), e.energyWh},
                                 {QStringLiteral("priceMinorPerKwh"), e.priceMinorPerKwh},
                                 {QStringLiteral("feeMinor"), e.feeMinor}});
    }
    return QJsonObject{{QStringLiteral("billId"), l.billId},
                       {QStringLiteral("version"), l.version},
                       {QStringLiteral("currency"), l.currency},
                       {QStringLiteral("tariffId"), optionalJson(l.tariffId)},
                       {QStringLiteral("tariffName"), l.tariffName},
                       {QStringLiteral("energySource"), billing::BillText::energySourceName(l.energySource)},
                       {QStringLiteral("energyWh"), l.energyWh},
                       {QStringLiteral("energyLines"), lines},
                       {QStringLiteral("energyFeeMinor"), l.energyFeeMinor},
                       {QStringLiteral("serviceFeeMinor"), l.serviceFeeMinor},
                       {QStringLiteral("idleMinutes"), l.idleMinutes},
                       {QStringLiteral("idleFeeMinor"), l.idleFeeMinor},
                       {QStringLiteral("couponId"), optionalJson(l.couponId)},
                       {QStringLiteral("couponCode"), l.couponCode},
                       {QStringLiteral("couponDeductionMinor"), l.couponDeductionMinor},
                       {QStringLiteral("totalMinor"), l.totalMinor},
                       {QStringLiteral("chargingStartedMs"), optionalJson(l.chargingStartedMs)},
                       {QStringLiteral("chargingEndedMs"), optionalJson(l.chargingEndedMs)},
                       {QStringLiteral("serviceEndedMs"), optionalJson(l.serviceEndedMs)},
                       {QStringLiteral("settlement"), billing::SettlementText::stateName(l.settlement)},
                       {QStringLiteral("correctionMethod"), l.correctionMethod}};
}

QJsonObject toJson(const CorrectionPreview &p)
{
    QJsonObject o{{QStringLiteral("billId"), p.request.billId},
                  {QStringLiteral("method"), correctionMethodName(p.request.method)},
                  {QStringLiteral("sessionId"), p.sessionId},
                  {QStringLiteral("sessionNumber"), p.sessionNumber},
                  {QStringLiteral("currency"), p.currency},
                  {QStringLiteral("before"), toJson(p.before)},
                  {QStringLiteral("after"), toJson(p.after)},
                  {QStringLiteral("payment"), paymentKindName(p.payment)},
                  {QStringLiteral("paidBeforeMinor"), p.paidBeforeMinor},
                  {QStringLiteral("dueAfterMinor"), p.dueAfterMinor},
                  {QStringLiteral("additionalChargeMinor"), p.additionalChargeMinor},
                  {QStringLiteral("refundMinor"), p.refundMinor},
                  {QStringLiteral("uncollectedMinor"), p.uncollectedMinor},
                  {QStringLiteral("ok"), p.ok()}};
    if (p.request.params.energyWh)
        o.insert(QStringLiteral("energyWh"), *p.request.params.energyWh);
    if (p.request.params.tariffId)
        o.insert(QStringLiteral("tariffId"), *p.request.params.tariffId);
    if (p.request.params.toBillId)
        o.insert(QStringLiteral("toBillId"), *p.request.params.toBillId);
    if (p.balance) {
        o.insert(QStringLiteral("balance"),
                 QJsonObject{{QStringLiteral("kind"), paymentKindName(p.balance->kind)},
                             {QStringLiteral("accountId"), p.balance->accountId},
                             {QStringLiteral("accountName"), p.balance->accountName},
                             {QStringLiteral("ownDepartmentId"), optionalJson(p.balance->ownDepartmentId)},
                             {QStringLiteral("balanceBeforeMinor"), p.balance->balanceBeforeMinor},
                             {QStringLiteral("deltaMinor"), p.balance->deltaMinor},
                             {QStringLiteral("balanceAfterMinor"), p.balance->balanceAfterMinor()},
                             {QStringLiteral("refundableBeforeMinor"), p.balance->refundableBeforeMinor},
                             {QStringLiteral("refundableAfterMinor"), p.balance->refundableAfterMinor()}});
    }
    if (p.hold) {
        o.insert(QStringLiteral("hold"), QJsonObject{{QStringLiteral("holdId"), p.hold->holdId},
                                                     {QStringLiteral("statusBefore"), p.hold->statusBefore},
                                                     {QStringLiteral("statusAfter"), p.hold->statusAfter},
                                                     {QStringLiteral("heldMinor"), p.hold->heldMinor},
                                                     {QStringLiteral("capturedMinor"), p.hold->capturedMinor},
                                                     {QStringLiteral("refundedMinor"), p.hold->refundedMinor},
                                                     {QStringLiteral("captureMinor"), p.hold->captureMinor},
                                                     {QStringLiteral("releaseMinor"), p.hold->releaseMinor},
                                                     {QStringLiteral("refundMinor"), p.hold->refundMinor}});
    }
    QJsonArray coupons;
    for (const CouponChange &c : p.coupons) {
        coupons.append(QJsonObject{{QStringLiteral("couponId"), c.couponId},
                                   {QStringLiteral("code"), c.code},
                                   {QStringLiteral("change"), couponChangeKindName(c.kind)},
                                   {QStringLiteral("deductionBeforeMinor"), c.deductionBeforeMinor},
                                   {QStringLiteral("deductionAfterMinor"), c.deductionAfterMinor},
                                   {QStringLiteral("why"), c.why},
                                   {QStringLiteral("ruleId"), c.ruleId ? QJsonValue(c.ruleId) : QJsonValue()},
                                   {QStringLiteral("ruleName"), c.ruleName},
                                   {QStringLiteral("spendBeforeMinor"), c.spendBeforeMinor},
                                   {QStringLiteral("spendAfterMinor"), c.spendAfterMinor},
                                   {QStringLiteral("thresholdMinor"), c.thresholdMinor}});
    }
    o.insert(QStringLiteral("coupons"), coupons);
    QJsonArray resolved;
    for (int code : p.anomalyCodesResolved)
        resolved.append(code);
    o.insert(QStringLiteral("anomalyCodesResolved"), resolved);
    QJsonArray reopened;
    for (int code : p.anomalyCodesReopened)
        reopened.append(code);
    o.insert(QStringLiteral("anomalyCodesReopened"), reopened);
    o.insert(QStringLiteral("notes"), QJsonArray::fromStringList(p.notes));
    o.insert(QStringLiteral("refusals"), QJsonArray::fromStringList(p.refusals));
    QJsonArray explanation;
    if (p.after.version > 0)
        explanation = QJsonArray::fromStringList(p.result.explanation());
    o.insert(QStringLiteral("explanation"), explanation);
    return o;
}

QJsonObject toJson(const CorrectionResult &r)
{
    QJsonObject o = toJson(r.preview);
    o.insert(QStringLiteral("newBillId"), r.newBillId);
    o.insert(QStringLiteral("newVersion"), r.newVersion);
    o.insert(QStringLiteral("auditId"), r.auditId);
    o.insert(QStringLiteral("moneyCallId"), r.moneyCallId);
    if (!r.moneyError.isEmpty())
        o.insert(QStringLiteral("moneyError"), r.moneyError);
    return o;
}

}  // namespace cd::anomalies
