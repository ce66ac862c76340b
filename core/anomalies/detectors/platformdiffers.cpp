// Codes 8 and 9: the station's bill against the platform's meter readings (gdss_case#7: the
// register read 0 before the start and then jumped; gdss_case#9: 77,854 of 115,291 open anomaly
// bills were code 8).

#include "core/anomalies/detectors/detailtext.h"
#include "core/anomalies/detectors/detectors.h"

#include <QStringList>

#include <algorithm>

namespace cd::anomalies {

namespace {

qint64 percentOf(qint64 value, int percent)
{
    return (value < 0 ? -value : value) * percent / 100;
}

// The longest time between two consecutive readings (by station time).
qint64 largestGapMs(const QList<EnergyReading> &readings)
{
    QList<qint64> times;
    for (const EnergyReading &r : readings)
        times << r.stationAtMs;
    std::sort(times.begin(), times.end());
    qint64 gap = 0;
    for (qsizetype i = 1; i < times.size(); ++i)
        gap = std::max(gap, times.at(i) - times.at(i - 1));
    return gap;
}

// What the charger may have delivered outside the readings' span (start → first reading, last
// reading → stop) at the session's average power, never more than maxPowerW allows. Each end
// counts for at most one sampling interval (the largest gap between readings, at least
// durationToleranceMs): a station that stops reporting long before its stop is not excused.
qint64 uncoveredAllowanceWh(const SessionFacts &f, const PlatformMeter &m, const AnomalyThresholds &t)
{
    const std::optional<qint64> span = m.spanMs();
    if (!span || *span <= 0)
        return 0;
    const qint64 cap = std::max(largestGapMs(f.readings), t.durationToleranceMs);
    qint64 uncovered = 0;
    if (f.startedMs && *m.firstAtMs > *f.startedMs)
        uncovered += std::min(cap, *m.firstAtMs - *f.startedMs);
    if (f.endedMs && *f.endedMs > *m.lastAtMs)
        uncovered += std::min(cap, *f.endedMs - *m.lastAtMs);
    if (uncovered <= 0)
        return 0;
    // energy × uncovered / span without overflow for realistic numbers (Wh × ms).
    const qint64 atAverage = qint64(double(m.energyWh) * double(uncovered) / double(*span) + 0.5);
    return std::min(atAverage, energyAtPowerWh(t.maxPowerW, uncovered));
}

}  // namespace

std::optional<Finding> EnergyDiffers::check(const SessionFacts &f, const AnomalyThresholds &t)
{
    const std::optional<qint64> station = f.stationEnergyWh();
    if (!station)
        return std::nullopt;
    const PlatformMeter m = analyzeReadings(f.readings, t);
    if (m.readings < 2)
        return std::nullopt;
    const qint64 diff = *station - m.energyWh;
    qint64 tolerance = std::max(t.energyToleranceWh, percentOf(std::max(*station, m.energyWh), t.energyTolerancePercent));
    if (diff > 0)
        tolerance += uncoveredAllowanceWh(f, m, t);
    if ((diff < 0 ? -diff : diff) <= tolerance)
        return std::nullopt;
    //: %1 the station's energy, %2 the platform's energy from meter values
    QString detail = DetectorText::tr("The station billed %1, the meter values show %2.")
                         .arg(DetectorText::energy(*station), DetectorText::energy(m.energyWh));
    if (m.zeroThenJump)
        //: %1 the register reading after the jump, %2 when
        detail += u' ' + DetectorText::tr("The register read 0 before the start and then jumped to %1 (%2).")
                             .arg(DetectorText::energy(m.jumps.first().toWh), DetectorText::time(m.jumps.first().toAtMs));
    else if (!m.jumps.isEmpty())
        //: %1 and %2 the register before and after the jump, %3 and %4 their times
        detail += u' ' + DetectorText::tr("The register jumped from %1 to %2 (%3 → %4).")
                             .arg(DetectorText::energy(m.jumps.first().fromWh), DetectorText::energy(m.jumps.first().toWh),
                                  DetectorText::time(m.jumps.first().fromAtMs), DetectorText::time(m.jumps.first().toAtMs));
    if (m.backwardSteps > 0)
        detail += u' ' + DetectorText::tr("The register went backwards %n time(s).", nullptr, m.backwardSteps);
    return Finding{code, detail};
}

std::optional<Finding> DurationDiffers::check(const SessionFacts &f, const AnomalyThresholds &t)
{
    const std::optional<qint64> station = f.stationDurationMs();
    if (!station)
        return std::nullopt;
    const PlatformMeter m = analyzeReadings(f.readings, t);
    if (m.readings < 2)
        return std::nullopt;
    const qint64 platform = *m.spanMs();
    const qint64 diff = *station - platform;
    const qint64 tolerance = std::max(t.durationToleranceMs, percentOf(*station, t.durationTolerancePercent));
    if ((diff < 0 ? -diff : diff) <= tolerance)
        return std::nullopt;
    //: %1 the station's duration (start → stop), %2 the span of the meter values, %3 and %4 its first and last
    return Finding{code, DetectorText::tr("The station's start → stop is %1, the meter values span %2 (%3 → %4).")
                             .arg(DetectorText::duration(*station), DetectorText::duration(platform),
                                  DetectorText::time(*m.firstAtMs), DetectorText::time(*m.lastAtMs))};
}

}  // namespace cd::anomalies
