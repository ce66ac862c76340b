#pragma once
// The anomaly codes a bill can carry (DOMAIN.md "Anomaly bills"; issue #6 item 4). The numbers
// are the ones used in the field and are stored in bill_anomalies.code: never renumber them.
// 10 is not used in the sources and stays unused. A bill can carry several codes ("3,8,6").

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace cd::anomalies {

enum class AnomalyCode {
    BillLost = 1,          // the station never sent the final bill (StopTransaction)
    BillLostOffline = 2,   // bill lost, and the station went offline during / at the end of the session
    TimeAnomaly = 3,       // implausible times (end before start, clock far off, longer than 168 h)
    EnergyAnomaly = 4,     // implausible energy (above max power × duration, above a ceiling, negative)
    DurationAnomaly = 5,   // implausible charging duration
    OccupancyAnomaly = 6,  // idle (parking) time far too long, e.g. start failed within 60 s and the car stayed
    TimeOverlap = 7,       // two sessions overlap on one connector
    EnergyDiffers = 8,     // station's energy vs the platform's meter samples (register 0 then a jump)
    DurationDiffers = 9,   // station's duration vs the platform's
    EnergyLost = 11,       // no energy data for the session
};

// Every code, in numeric order.
QList<AnomalyCode> allAnomalyCodes();

// The code for a stored number; nullopt for 10, 0, negatives and unknown numbers.
std::optional<AnomalyCode> anomalyCodeFromInt(int code);

inline int toInt(AnomalyCode code)
{
    return static_cast<int>(code);
}

// Short name for lists and filters, in the current language ("Energy differs from platform").
QString anomalyCodeText(AnomalyCode code);
// The same for a stored number; "Code %1" for a number that is not a known code.
QString anomalyCodeText(int code);

// One or two sentences for the operator: what the code means and its usual cause.
QString anomalyCodeDescription(AnomalyCode code);
QString anomalyCodeDescription(int code);

// "3,8,6" → "3 Time anomaly, 8 Energy differs from platform, 6 Occupancy anomaly" style label of a
// list of codes, in the given order.
QString anomalyCodesText(const QList<int> &codes);

// The tr() context of this file (lupdate: cd::anomalies::AnomalyCodeText).
class AnomalyCodeText {
    Q_DECLARE_TR_FUNCTIONS(cd::anomalies::AnomalyCodeText)
};

}  // namespace cd::anomalies
