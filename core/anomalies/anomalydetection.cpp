#include "core/anomalies/anomalydetection.h"

#include "core/anomalies/detectors/detectors.h"

namespace cd::anomalies {

namespace {

template <typename D>
Detector entry()
{
    return Detector{D::code, &D::check};
}

}  // namespace

const QList<Detector> &allDetectors()
{
    static const QList<Detector> detectors = {
        entry<BillLost>(),        entry<BillLostOffline>(), entry<TimeAnomaly>(),   entry<EnergyAnomaly>(),
        entry<DurationAnomaly>(), entry<OccupancyAnomaly>(), entry<TimeOverlap>(),  entry<EnergyDiffers>(),
        entry<DurationDiffers>(), entry<EnergyLost>(),
    };
    return detectors;
}

QList<Finding> detectAnomalies(const SessionFacts &facts, const AnomalyThresholds &thresholds)
{
    QList<Finding> out;
    for (const Detector &d : allDetectors()) {
        if (auto finding = d.check(facts, thresholds))
            out.append(*finding);
    }
    return out;
}

}  // namespace cd::anomalies
