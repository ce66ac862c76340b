// Code 3: times that cannot be right (igo_case#89: a wrong unplug time; threshold 168 h).

#include "core/anomalies/detectors/detailtext.h"
#include "core/anomalies/detectors/detectors.h"

#include <QStringList>

namespace cd::anomalies {

namespace {

// A station timestamp against when we received it.
void checkClock(QStringList &why, const QString &what, std::optional<qint64> stationMs, std::optional<qint64> receivedMs,
                const AnomalyThresholds &t)
{
    if (!stationMs || !receivedMs)
        return;
    const qint64 ahead = *stationMs - *receivedMs;
    if (ahead > t.clockAheadToleranceMs)
        //: %1 what the station reported ("the start"), %2 its time, %3 how far ahead, %4 when we received it
        why << DetectorText::tr("%1: station time %2, %3 later than its receipt (%4)")
                   .arg(what, DetectorText::time(*stationMs), DetectorText::duration(ahead), DetectorText::time(*receivedMs));
    else if (-ahead > t.clockBehindToleranceMs)
        //: %1 what the station reported ("the stop"), %2 its time, %3 how far behind, %4 when we received it
        why << DetectorText::tr("%1: station time %2, %3 earlier than its receipt (%4)")
                   .arg(what, DetectorText::time(*stationMs), DetectorText::duration(-ahead), DetectorText::time(*receivedMs));
}

}  // namespace

std::optional<Finding> TimeAnomaly::check(const SessionFacts &f, const AnomalyThresholds &t)
{
    QStringList why;
    if (f.startedMs && f.endedMs && *f.endedMs < *f.startedMs)
        why << DetectorText::tr("the stop (%1) lies before the start (%2)")
                   .arg(DetectorText::time(*f.endedMs), DetectorText::time(*f.startedMs));
    if (f.chargingStartedMs && f.chargingEndedMs && *f.chargingEndedMs < *f.chargingStartedMs)
        why << DetectorText::tr("charging ended (%1) before it began (%2)")
                   .arg(DetectorText::time(*f.chargingEndedMs), DetectorText::time(*f.chargingStartedMs));
    if (f.chargingEndedMs && f.serviceEndedMs && *f.serviceEndedMs < *f.chargingEndedMs)
        why << DetectorText::tr("the car left (%1) before charging ended (%2)")
                   .arg(DetectorText::time(*f.serviceEndedMs), DetectorText::time(*f.chargingEndedMs));
    if (f.startedMs) {
        const qint64 end = f.endedMs.value_or(f.nowMs);
        if (end - *f.startedMs > t.maxSessionMs)
            //: %1 the session's length, %2 the limit (168 h by default)
            why << DetectorText::tr("the session lasted %1, longer than %2")
                       .arg(DetectorText::duration(end - *f.startedMs), DetectorText::duration(t.maxSessionMs));
    }
    checkClock(why, DetectorText::tr("the start"), f.startedMs, f.startReceivedMs, t);
    if (f.stationStopped())
        checkClock(why, DetectorText::tr("the stop"), f.endedMs, f.stopReceivedMs, t);
    // The reading furthest from its receipt stands for all of them.
    std::optional<qint64> worstAt;
    std::optional<qint64> worstReceived;
    qint64 worst = 0;
    for (const EnergyReading &r : f.readings) {
        const qint64 skew = r.stationAtMs - r.receivedMs;
        const qint64 beyond = skew > 0 ? skew - t.clockAheadToleranceMs : -skew - t.clockBehindToleranceMs;
        if (beyond > 0 && beyond > worst) {
            worst = beyond;
            worstAt = r.stationAtMs;
            worstReceived = r.receivedMs;
        }
    }
    checkClock(why, DetectorText::tr("a meter value"), worstAt, worstReceived, t);
    if (why.isEmpty())
        return std::nullopt;
    //: the reasons a session's times are implausible, joined by "; "
    return Finding{code, DetectorText::tr("Implausible times: %1.").arg(why.join(QStringLiteral("; ")))};
}

}  // namespace cd::anomalies
