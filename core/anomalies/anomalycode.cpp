#include "core/anomalies/anomalycode.h"

#include <QStringList>

namespace cd::anomalies {

QList<AnomalyCode> allAnomalyCodes()
{
    return {AnomalyCode::BillLost,         AnomalyCode::BillLostOffline, AnomalyCode::TimeAnomaly,
            AnomalyCode::EnergyAnomaly,    AnomalyCode::DurationAnomaly, AnomalyCode::OccupancyAnomaly,
            AnomalyCode::TimeOverlap,      AnomalyCode::EnergyDiffers,   AnomalyCode::DurationDiffers,
            AnomalyCode::EnergyLost};
}

std::optional<AnomalyCode> anomalyCodeFromInt(int code)
{
    for (AnomalyCode c : allAnomalyCodes()) {
        if (toInt(c) == code)
            return c;
    }
    return std::nullopt;
}

QString anomalyCodeText(AnomalyCode code)
{
    switch (code) {
    case AnomalyCode::BillLost:
        return AnomalyCodeText::tr("Bill lost");
    case AnomalyCode::BillLostOffline:
        return AnomalyCodeText::tr("Bill lost (station offline)");
    case AnomalyCode::TimeAnomaly:
        return AnomalyCodeText::tr("Time anomaly");
    case AnomalyCode::EnergyAnomaly:
        return AnomalyCodeText::tr("Energy anomaly");
    case AnomalyCode::DurationAnomaly:
        return AnomalyCodeText::tr("Duration anomaly");
    case AnomalyCode::OccupancyAnomaly:
        return AnomalyCodeText::tr("Occupancy anomaly");
    case AnomalyCode::TimeOverlap:
        return AnomalyCodeText::tr("Time overlap");
    case AnomalyCode::EnergyDiffers:
        return AnomalyCodeText::tr("Energy differs from platform");
    case AnomalyCode::DurationDiffers:
        return AnomalyCodeText::tr("Duration differs from platform");
    case AnomalyCode::EnergyLost:
        return AnomalyCodeText::tr("Energy lost");
    }
    return {};
}

QString anomalyCodeText(int code)
{
    if (const auto c = anomalyCodeFromInt(code))
        return anomalyCodeText(*c);
    //: an anomaly code number the program does not know
    return AnomalyCodeText::tr("Code %1").arg(code);
}

QString anomalyCodeDescription(AnomalyCode code)
{
    switch (code) {
    case AnomalyCode::BillLost:
        return AnomalyCodeText::tr("The station never sent the final bill (StopTransaction); the session was closed "
                                   "by the platform or by an operator.");
    case AnomalyCode::BillLostOffline:
        return AnomalyCodeText::tr("The final bill is missing and the station was offline during or at the end of the "
                                   "session.");
    case AnomalyCode::TimeAnomaly:
        return AnomalyCodeText::tr("The session's times are implausible: an end before the start, a station clock far "
                                   "from ours, or a session longer than the threshold (168 h by default).");
    case AnomalyCode::EnergyAnomaly:
        return AnomalyCodeText::tr("The energy is implausible: negative, more than the station's power allows in the "
                                   "time, or above the ceiling (a bad meter reading).");
    case AnomalyCode::DurationAnomaly:
        return AnomalyCodeText::tr("The charging duration is implausible: longer than the threshold, or zero while "
                                   "energy was delivered.");
    case AnomalyCode::OccupancyAnomaly:
        return AnomalyCodeText::tr("The connector stayed occupied far too long after charging, for example charging "
                                   "failed within a minute and the car stayed; the idle fee may be unjust.");
    case AnomalyCode::TimeOverlap:
        return AnomalyCodeText::tr("Another session on the same connector overlaps this one in time.");
    case AnomalyCode::EnergyDiffers:
        return AnomalyCodeText::tr("The station's bill and the platform's meter readings disagree on the energy, often "
                                   "because the register read 0 before the start and then jumped.");
    case AnomalyCode::DurationDiffers:
        return AnomalyCodeText::tr("The station's bill and the platform's readings disagree on the charging duration.");
    case AnomalyCode::EnergyLost:
        return AnomalyCodeText::tr("There is no energy data for the session: no meter values and no meter stop.");
    }
    return {};
}

QString anomalyCodeDescription(int code)
{
    if (const auto c = anomalyCodeFromInt(code))
        return anomalyCodeDescription(*c);
    return anomalyCodeText(code);
}

QString anomalyCodesText(const QList<int> &codes)
{
    QStringList parts;
    for (int code : codes)
        //: one anomaly code in a list: %1 its number, %2 its short name
        parts.append(AnomalyCodeText::tr("%1 %2").arg(code).arg(anomalyCodeText(code)));
    return parts.join(QStringLiteral(", "));
}

}  // namespace cd::anomalies
