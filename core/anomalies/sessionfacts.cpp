#include "core/anomalies/sessionfacts.h"

#include "core/anomalies/anomalythresholds.h"
#include "core/charging/chargingtypes.h"

#include <algorithm>

namespace cd::anomalies {

bool SessionFacts::stationStopped() const
{
    return stopSource == charging::stopsource::Station;
}

std::optional<qint64> SessionFacts::stationEnergyWh() const
{
    if (!stationStopped() || !meterStartWh || !meterStopWh)
        return std::nullopt;
    return *meterStopWh - *meterStartWh;
}

std::optional<qint64> SessionFacts::stationDurationMs() const
{
    if (!stationStopped() || !startedMs || !endedMs)
        return std::nullopt;
    return *endedMs - *startedMs;
}

std::optional<qint64> SessionFacts::idleMs() const
{
    if (!chargingEndedMs || !serviceEndedMs)
        return std::nullopt;
    return *serviceEndedMs - *chargingEndedMs;
}

std::optional<qint64> SessionFacts::chargingMs() const
{
    if (!chargingStartedMs || !chargingEndedMs)
        return std::nullopt;
    return *chargingEndedMs - *chargingStartedMs;
}

bool SessionFacts::disconnectedDuringSession() const
{
    return std::any_of(connections.cbegin(), connections.cend(), [](const ConnectionChange &c) { return !c.connected; });
}

qint64 energyAtPowerWh(qint64 powerW, qint64 ms)
{
    if (powerW <= 0 || ms <= 0)
        return 0;
    // W × ms / 3 600 000 = Wh; split to stay far from overflow for any realistic span.
    const qint64 perHour = 3600LL * 1000;
    const qint64 whole = (ms / perHour) * powerW;
    const qint64 rest = ((ms % perHour) * powerW + perHour - 1) / perHour;
    return whole + rest;
}

PlatformMeter analyzeReadings(const QList<EnergyReading> &input, const AnomalyThresholds &t)
{
    QList<EnergyReading> readings = input;
    std::stable_sort(readings.begin(), readings.end(), [](const EnergyReading &a, const EnergyReading &b) {
        return a.stationAtMs != b.stationAtMs ? a.stationAtMs < b.stationAtMs : a.wh < b.wh;
    });
    PlatformMeter m;
    m.readings = int(readings.size());
    if (readings.isEmpty())
        return m;
    m.firstAtMs = readings.first().stationAtMs;
    m.lastAtMs = readings.last().stationAtMs;
    bool allZeroSoFar = readings.first().wh == 0;
    for (qsizetype i = 1; i < readings.size(); ++i) {
        const EnergyReading &a = readings.at(i - 1);
        const EnergyReading &b = readings.at(i);
        const qint64 rise = b.wh - a.wh;
        if (rise < 0) {
            ++m.backwardSteps;
        } else if (rise >= t.jumpMinWh
                   && rise > energyAtPowerWh(t.maxPowerW, b.stationAtMs - a.stationAtMs) + t.energySlackWh) {
            if (m.jumps.isEmpty() && allZeroSoFar && a.wh == 0)
                m.zeroThenJump = true;
            m.jumps.append(RegisterJump{a.wh, b.wh, a.stationAtMs, b.stationAtMs});
        } else if (rise > 0) {
            m.energyWh += rise;
            m.lastRiseAtMs = b.stationAtMs;
        }
        allZeroSoFar = allZeroSoFar && b.wh == 0;
    }
    return m;
}

}  // namespace cd::anomalies
