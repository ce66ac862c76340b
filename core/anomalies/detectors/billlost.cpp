// Codes 1 and 2: the station's bill (its StopTransaction / TransactionEvent Ended) never came.

#include "core/anomalies/detectors/detailtext.h"
#include "core/anomalies/detectors/detectors.h"

namespace cd::anomalies {

std::optional<Finding> BillLost::check(const SessionFacts &facts, const AnomalyThresholds &)
{
    if (facts.stationStopped())
        return std::nullopt;
    //: %1 how the session ended without the station's stop ("closed after the station rebooted")
    return Finding{code, DetectorText::tr("No stop from the station: %1.").arg(DetectorText::closedBy(facts.stopSource))};
}

std::optional<Finding> BillLostOffline::check(const SessionFacts &facts, const AnomalyThresholds &)
{
    if (facts.stationStopped())
        return std::nullopt;
    for (const ConnectionChange &c : facts.connections) {
        if (!c.connected)
            return Finding{code, DetectorText::tr("No stop from the station, which went offline during the session "
                                                  "(disconnected %1).")
                                     .arg(DetectorText::time(c.atMs))};
    }
    if (facts.offlineAtClose)
        return Finding{code, DetectorText::tr("No stop from the station, which was offline when the session was closed.")};
    return std::nullopt;
}

}  // namespace cd::anomalies
