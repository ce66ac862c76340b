// Code 5: a charging duration that cannot be right.

#include "core/anomalies/detectors/detailtext.h"
#include "core/anomalies/detectors/detectors.h"

#include <algorithm>

namespace cd::anomalies {

std::optional<Finding> DurationAnomaly::check(const SessionFacts &f, const AnomalyThresholds &t)
{
    // Charging start → end; without a Charging status, the station's start → stop.
    std::optional<qint64> charging = f.chargingMs();
    if (!charging && f.startedMs && f.endedMs)
        charging = *f.endedMs - *f.startedMs;
    if (!charging)
        return std::nullopt;
    if (*charging > t.maxChargingMs)
        //: %1 how long the session charged, %2 the limit
        return Finding{code, DetectorText::tr("Charged for %1, longer than %2.")
                                 .arg(DetectorText::duration(*charging), DetectorText::duration(t.maxChargingMs))};
    if (*charging <= 0) {
        qint64 energy = f.energyWh;
        if (const auto station = f.stationEnergyWh())
            energy = std::max(energy, *station);
        if (energy > t.energySlackWh)
            //: %1 the energy, %2 the (zero or negative) charging duration
            return Finding{code, DetectorText::tr("%1 delivered in a charging time of %2.")
                                     .arg(DetectorText::energy(energy), DetectorText::duration(*charging))};
    }
    return std::nullopt;
}

}  // namespace cd::anomalies
