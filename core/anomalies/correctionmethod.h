#pragma once
// The ways an operator corrects a bill (DOMAIN "Anomaly bills" › Correction, 账单矫正), and what
// each needs. Plain values, so a worker thread, the wizard and the CLI carry them alike.

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace cd::anomalies {

enum class CorrectionMethod {
    EstimateFromSamples,          // the energy from the session's meter register samples
    UseStationBill,               // the station's own bill ("device bill"): its energy and, when it gave one, its amount
    ManualEnergy,                 // the operator types the energy in Wh
    MoveServiceEndToChargingEnd,  // service end := charging end: removes an unjust idle fee (zpd_case#4)
    RecomputeWithTariff,          // the same inputs priced again: the tariff valid when the session ran, or a chosen version
    Revert,                       // back to an older version's numbers (a new version, never an edit)
};

// "estimate", "station", "manual", "service-end", "tariff", "revert": the CLI's --method and
// bills.correction_method.
QString correctionMethodName(CorrectionMethod method);
std::optional<CorrectionMethod> correctionMethodFromName(const QString &name);
// Every method in the order the wizard offers them.
QList<CorrectionMethod> allCorrectionMethods();

// What a method needs besides the bill.
struct CorrectionParams {
    std::optional<qint64> energyWh;   // ManualEnergy: the energy in Wh
    std::optional<qint64> tariffId;   // RecomputeWithTariff: a chosen tariff version (nullopt: the one valid when the session ran)
    std::optional<qint64> toBillId;   // Revert: the older version whose numbers come back
};

struct CorrectionRequest {
    qint64 billId = 0;  // the bill to correct: must be the session's current version when applied
    CorrectionMethod method = CorrectionMethod::RecomputeWithTariff;
    CorrectionParams params;
};

class CorrectionMethodText {
    Q_DECLARE_TR_FUNCTIONS(cd::anomalies::CorrectionMethodText)
public:
    // "Estimate energy from meter samples", …
    static QString title(CorrectionMethod method);
    // One sentence: what the method does to the bill.
    static QString explanation(CorrectionMethod method);
};

}  // namespace cd::anomalies
