// Code 11: nothing tells how much energy flowed.

#include "core/anomalies/detectors/detailtext.h"
#include "core/anomalies/detectors/detectors.h"

namespace cd::anomalies {

std::optional<Finding> EnergyLost::check(const SessionFacts &f, const AnomalyThresholds &)
{
    if (!f.readings.isEmpty() || f.stationEnergyWh())
        return std::nullopt;
    return Finding{code, DetectorText::tr("No energy data: no meter values and no meter stop from the station.")};
}

}  // namespace cd::anomalies
