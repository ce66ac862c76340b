#include "workload.h"

#include <algorithm>
#include <cmath>

namespace cd::bench {

double Workload::callsPerStationPerSimSecond() const
{
    return double(connectors) / double(meterInterval.count()) + 1.0 / double(heartbeatInterval.count());
}

double Workload::timeScale() const
{
    const double perSimSecond = callsPerStationPerSimSecond() * double(std::max(1, stations));
    return std::clamp(rate / perSimSecond, 0.001, 100000.0);
}

std::chrono::seconds Workload::warmup() const
{
    const sim::SessionProfile profile;
    const double simSeconds = 3.0 * double(sessionInterval.count()) + double(profile.startLatency.count())
        + double(meterInterval.count());
    return std::chrono::seconds(std::max<qint64>(10, qint64(std::ceil(simSeconds / timeScale()))));
}

sim::SimulatorOptions Workload::simulatorOptions(const QUrl &serverUrl) const
{
    sim::SimulatorOptions o;
    o.serverUrl = serverUrl;
    o.stationCount = stations;
    o.version = version;
    o.idPrefix = QStringLiteral("BENCH");
    o.timeScale = timeScale();
    // Boots spread over one meter interval (wall clock): the connectors' MeterValues then go out
    // evenly through every interval instead of in bursts.
    const double meterWallMs = double(meterInterval.count()) * 1000.0 / o.timeScale;
    o.stagger = std::chrono::milliseconds(std::max<qint64>(1, std::llround(meterWallMs / double(std::max(1, stations)))));
    o.sessions = true;
    o.sessionInterval = sessionInterval;
    o.seed = seed;
    o.station.connectorCount = connectors;
    o.station.idTags = {idTag};
    o.station.meterSampleInterval = meterInterval;
    o.station.heartbeatInterval = heartbeatInterval;
    o.station.session.meanDuration = sessionDuration;
    o.station.faultProbability = 0.0;
    return o;
}

}  // namespace cd::bench
