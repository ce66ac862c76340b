// Code 6: the car occupied the connector far too long after charging (seed 003: charging failed
// within 60 s and the driver did not come back; the idle fee runs up).

#include "core/anomalies/detectors/detailtext.h"
#include "core/anomalies/detectors/detectors.h"

#include <algorithm>

namespace cd::anomalies {

std::optional<Finding> OccupancyAnomaly::check(const SessionFacts &f, const AnomalyThresholds &t)
{
    if (!f.serviceEndedMs)
        return std::nullopt;
    // Charging ended when the session says so, or earlier, when the register stopped rising (a
    // full car, a start that failed: stations often stop only at unplug).
    std::optional<qint64> chargingEnd = f.chargingEndedMs;
    const PlatformMeter meter = analyzeReadings(f.readings, t);
    if (meter.readings >= 2) {
        const qint64 flowEnd = meter.lastRiseAtMs.value_or(*meter.firstAtMs);
        chargingEnd = chargingEnd ? std::min(*chargingEnd, flowEnd) : flowEnd;
    }
    if (!chargingEnd)
        return std::nullopt;
    const qint64 idle = *f.serviceEndedMs - *chargingEnd;
    if (idle > t.maxIdleMs)
        //: %1 how long the car stayed after charging, %2 the limit, %3 charging end, %4 when it left
        return Finding{code, DetectorText::tr("The car stayed %1 after charging ended, longer than %2 (%3 → %4).")
                                 .arg(DetectorText::duration(idle), DetectorText::duration(t.maxIdleMs),
                                      DetectorText::time(*chargingEnd), DetectorText::time(*f.serviceEndedMs))};
    const std::optional<qint64> chargingStart = f.chargingStartedMs ? f.chargingStartedMs : f.startedMs;
    if (!chargingStart)
        return std::nullopt;
    const qint64 charging = std::max<qint64>(0, *chargingEnd - *chargingStart);
    if (charging < t.failedStartChargingMs && idle > t.failedStartIdleMs)
        //: %1 how long it charged (under a minute), %2 how long the car stayed afterwards
        return Finding{code, DetectorText::tr("Charging lasted only %1 (a failed start?) but the car stayed %2.")
                                 .arg(DetectorText::duration(charging), DetectorText::duration(idle))};
    return std::nullopt;
}

}  // namespace cd::anomalies
