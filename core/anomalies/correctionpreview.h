#pragma once
// What a bill correction will do, before it is done (issue #6 item 6; DOMAIN "Anomaly bills" ›
// Correction): the old and the new bill line by line, and EVERY effect — the money (a balance
// debited or credited, a card hold captured or partly refunded, what nobody can collect), the
// coupons (one that stops applying goes back to the member, one that starts applying is used,
// igo_case#92), the settlement (held / provisional → settled) and the anomaly codes it resolves.
// Plain values: the wizard, the CLI and the audit log read the same preview.

#include "core/anomalies/correctionmethod.h"
#include "core/billing/billcalculator.h"
#include "core/billing/settlement.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace cd::anomalies {

// One version of the bill as the preview shows it.
struct BillLines {
    qint64 billId = 0;  // 0 for the version the correction would write
    int version = 0;
    QString currency;
    std::optional<qint64> tariffId;
    QString tariffName;
    int tariffVersion = 0;
    billing::EnergySource energySource = billing::EnergySource::None;
    qint64 energyWh = 0;
    QList<billing::EnergyLine> energyLines;  // energy per tariff period
    qint64 energyFeeMinor = 0;
    qint64 serviceFeeMinor = 0;
    qint64 idleMinutes = 0;
    qint64 idleFeeMinor = 0;
    std::optional<qint64> couponId;
    QString couponCode;
    qint64 couponDeductionMinor = 0;
    qint64 totalMinor = 0;
    std::optional<qint64> chargingStartedMs;
    std::optional<qint64> chargingEndedMs;
    std::optional<qint64> serviceEndedMs;
    billing::SettlementState settlement = billing::SettlementState::Unsettled;
    QString correctionMethod;  // of a stored version
    QString createdBy;
    qint64 createdMs = 0;
};

// Who pays the bill and how the correction moves that money.
enum class PaymentKind {
    None,        // nobody known: nothing can be collected or given back
    Member,      // the member's balance
    Department,  // a department's pooled balance (maybe the parent's: bill to parent)
    Card,        // a payment hold on the customer's card
};

QString paymentKindName(PaymentKind kind);  // "none", "member", "department", "card"

struct BalanceEffect {
    PaymentKind kind = PaymentKind::None;  // Member or Department
    qint64 accountId = 0;
    QString accountName;
    std::optional<qint64> ownDepartmentId;  // the session's department when the parent pays
    QString ownDepartmentName;
    qint64 balanceBeforeMinor = 0;
    qint64 deltaMinor = 0;  // taken from the balance (> 0) or given back (< 0)
    qint64 balanceAfterMinor() const { return balanceBeforeMinor - deltaMinor; }
    // A member's refundable amount: never above the balance, so taking money can lower it (a credit
    // never raises it: what comes back from a bill is not a top-up). Departments have none.
    qint64 refundableBeforeMinor = 0;
    qint64 refundableAfterMinor() const;
};

struct HoldEffect {
    qint64 holdId = 0;
    QString gateway;
    QString statusBefore;  // payments::holdStatusName
    QString statusAfter;   // once the gateway has done it
    qint64 heldMinor = 0;  // reserved on the card (status hold)
    qint64 capturedMinor = 0;
    qint64 refundedMinor = 0;
    qint64 captureMinor = 0;  // capture now (the rest of the hold is released)
    qint64 releaseMinor = 0;
    qint64 refundMinor = 0;   // of the captured money, back to the card
    bool movesMoney() const { return captureMinor > 0 || releaseMinor > 0 || refundMinor > 0; }
};

struct CouponChange {
    enum class Kind {
        Kept,               // still applies (its deduction may change)
        StopsApplying,      // the new amount no longer reaches its min spend (or …): back to the member, issued
        StartsApplying,     // the new amount reaches its min spend: used by this bill
        NotApplied,         // could apply but is not used (issued after the session started: igo_case#92)
        // Coupons earned by spend (trigger 'spend', core/accounts/spendcoupons.h; igo_case#92): the
        // corrected total changes the member's spend in the rule's period.
        EarnedRevoked,      // no longer earned and still unused: apply revokes it
        EarnedUsed,         // no longer earned but already used: reported, left to the operator
        Earned,             // newly earned: apply issues it (couponId 0 in the preview)
    };
    Kind kind = Kind::Kept;
    qint64 couponId = 0;
    QString code;
    QString name;
    qint64 deductionBeforeMinor = 0;
    qint64 deductionAfterMinor = 0;
    QString why;  // translated
    // Earned* kinds: the spend rule, the member's spend before → after the correction, its threshold.
    qint64 ruleId = 0;
    QString ruleName;
    qint64 spendBeforeMinor = 0;
    qint64 spendAfterMinor = 0;
    qint64 thresholdMinor = 0;
};

// "kept", "released", "used", "not_applied", "revoked_earned", "earned_used", "earned"
QString couponChangeKindName(CouponChange::Kind kind);

struct CorrectionPreview {
    CorrectionRequest request;
    qint64 sessionId = 0;
    QString sessionNumber;
    QString chargePointId;
    QString currency;

    BillLines before;  // the bill as it is (the session's current version)
    BillLines after;   // the version the correction writes (billId 0)
    billing::BillResult result;  // the new bill as computed (its explanation, its inputs)

    PaymentKind payment = PaymentKind::None;
    qint64 paidBeforeMinor = 0;  // what the customer has paid for this bill so far
    qint64 dueAfterMinor = 0;    // what the corrected bill asks for
    qint64 additionalChargeMinor = 0;  // dueAfter − paidBefore when > 0
    qint64 refundMinor = 0;            // paidBefore − dueAfter when > 0
    qint64 uncollectedMinor = 0;       // of the additional charge, what no balance or hold can take
    std::optional<BalanceEffect> balance;
    std::optional<HoldEffect> hold;
    QList<CouponChange> coupons;

    QList<int> anomalyCodesResolved;   // open codes of the session's bill that the new version resolves
    QList<int> anomalyCodesReopened;   // Revert to a version that had anomalies: they are open again

    QStringList notes;     // more the operator should know (translated)
    QStringList refusals;  // why it cannot be applied (translated); empty: it can

    bool ok() const { return refusals.isEmpty(); }
    bool changesNumbers() const;
    bool movesMoney() const { return (balance && balance->deltaMinor != 0) || (hold && hold->movesMoney()); }
};

struct CorrectionResult {
    CorrectionPreview preview;  // as applied
    qint64 newBillId = 0;
    int newVersion = 0;
    qint64 auditId = 0;
    // The card money call journaled after the commit (payments::HoldService::callFinished); 0: none.
    qint64 holdId = 0;
    qint64 moneyCallId = 0;
    QString moneyError;  // the bill was corrected but the money call could not be journaled
};

class CorrectionText {
    Q_DECLARE_TR_FUNCTIONS(cd::anomalies::CorrectionText)
public:
    // The money effect in words: "Refund 1.48 CNY to the member's balance (Li Wei).", …
    static QStringList moneyLines(const CorrectionPreview &preview);
    static QString couponLine(const CouponChange &change, const QString &currency);
    static QString settlementLine(const CorrectionPreview &preview);
    // The whole preview in plain lines (CLI, confirmation): bill lines old → new, money, coupons,
    // settlement, anomalies, notes, refusals.
    static QStringList describe(const CorrectionPreview &preview);
    // The confirmation's question: what happens to money, in one paragraph.
    static QString confirmation(const CorrectionPreview &preview);
};

QJsonObject toJson(const BillLines &lines);
QJsonObject toJson(const CorrectionPreview &preview);
QJsonObject toJson(const CorrectionResult &result);

}  // namespace cd::anomalies
