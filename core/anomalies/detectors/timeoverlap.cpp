// Code 7: two sessions on one connector at the same time.

#include "core/anomalies/detectors/detailtext.h"
#include "core/anomalies/detectors/detectors.h"

#include <QStringList>

namespace cd::anomalies {

std::optional<Finding> TimeOverlap::check(const SessionFacts &f, const AnomalyThresholds &)
{
    if (f.overlapping.isEmpty())
        return std::nullopt;
    QStringList others;
    for (const OtherSession &o : f.overlapping)
        //: another session in a list: %1 its number, %2 its start, %3 its end (or "still open")
        others << DetectorText::tr("%1 (%2 → %3)")
                      .arg(o.sessionNumber, DetectorText::time(o.startMs),
                           o.endMs ? DetectorText::time(*o.endMs) : DetectorText::tr("still open"));
    //: %1 the connector number, %2 the overlapping sessions
    return Finding{code, DetectorText::tr("Overlaps on connector %1 with %2.")
                             .arg(f.connectorId.value_or(0))
                             .arg(others.join(QStringLiteral(", ")))};
}

}  // namespace cd::anomalies
