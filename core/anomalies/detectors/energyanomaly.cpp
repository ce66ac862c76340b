// Code 4: energy no meter could have measured (gdss_case#6: tens of thousands of kWh).

#include "core/anomalies/detectors/detailtext.h"
#include "core/anomalies/detectors/detectors.h"

#include <algorithm>

namespace cd::anomalies {

std::optional<Finding> EnergyAnomaly::check(const SessionFacts &f, const AnomalyThresholds &t)
{
    if (f.meterStartWh && f.meterStopWh && *f.meterStopWh < *f.meterStartWh)
        return Finding{code, DetectorText::tr("The meter stop (%1) is below the meter start (%2).")
                                 .arg(DetectorText::energy(*f.meterStopWh), DetectorText::energy(*f.meterStartWh))};

    // The most plausible measure: when the station and the platform disagree, that is code 8; the
    // energy is implausible only when even the smaller of them is.
    const PlatformMeter meter = analyzeReadings(f.readings, t);
    std::optional<qint64> energy;
    if (const auto station = f.stationEnergyWh())
        energy = *station;
    if (meter.readings >= 2)
        energy = energy ? std::min(*energy, meter.energyWh) : meter.energyWh;
    if (!energy)
        energy = f.energyWh;
    if (*energy < 0)
        return Finding{code, DetectorText::tr("The energy is negative (%1).").arg(DetectorText::energy(*energy))};
    if (*energy > t.maxEnergyWh)
        //: %1 the session's energy, %2 the limit
        return Finding{code, DetectorText::tr("%1 is more than any session can take (limit %2).")
                                 .arg(DetectorText::energy(*energy), DetectorText::energy(t.maxEnergyWh))};

    // The longest span the energy may have flowed in (the most lenient).
    qint64 span = 0;
    for (const std::optional<qint64> &d : {f.chargingMs(), f.stationDurationMs(), meter.spanMs()})
        span = std::max(span, d.value_or(0));
    if (f.startedMs && f.endedMs)
        span = std::max(span, *f.endedMs - *f.startedMs);
    if (span <= 0)
        return std::nullopt;  // no time at all: code 5 judges that
    const qint64 possible = energyAtPowerWh(t.maxPowerW, span) + t.energySlackWh;
    if (*energy <= possible)
        return std::nullopt;
    const qint64 neededW = *energy * 3600 * 1000 / span;
    //: %1 the energy, %2 the duration, %3 the power that would need, %4 the most any charger delivers
    return Finding{code, DetectorText::tr("%1 in %2 needs %3; no charger delivers more than %4.")
                             .arg(DetectorText::energy(*energy), DetectorText::duration(span),
                                  DetectorText::power(neededW), DetectorText::power(t.maxPowerW))};
}

}  // namespace cd::anomalies
