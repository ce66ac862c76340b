#pragma once
// Shared set-up for the simulator tests: station options that run fast on the simulated clock
// (time scale 600: a minute of simulated time is 100 ms of wall clock) and QTest printers.

#include "core/sim/simulatedstation.h"
#include "fakecentralsystem.h"

#include <QTest>

#include <chrono>

namespace cd::simtest {

using namespace std::chrono_literals;

inline constexpr double kTestScale = 600.0;

inline cd::sim::StationOptions fastStation(const QUrl &url, const QString &id)
{
    cd::sim::StationOptions o;
    o.serverUrl = url;
    o.chargePointId = id;
    o.timeScale = kTestScale;
    o.connectorCount = 2;
    o.idTags = {QStringLiteral("TAG-A"), QStringLiteral("TAG-B")};
    o.heartbeatInterval = 60s;
    o.meterSampleInterval = 60s;
    o.bootRetryInterval = 30s;
    o.session.meanDuration = 10min;
    o.session.startLatency = 5s;
    o.session.unplugDelay = 20s;
    o.session.chargeNeedMinPercent = 60;  // no battery fills up unless a test asks for it
    o.session.chargeNeedMaxPercent = 80;
    o.misbehaviourOffline = 3min;
    o.rebootDuration = 10s;
    o.reconnectMin = 50ms;
    o.reconnectMax = 200ms;
    o.connectTimeout = 3000ms;
    o.callTimeout = 3000ms;
    o.seed = 42;
    return o;
}

// Station CALL payloads of one action, in order.
inline std::vector<nlohmann::json> payloads(const FakeCentralSystem &server, const QString &action,
                                            const QString &stationId = {})
{
    std::vector<nlohmann::json> result;
    for (const WireFrame &f : server.calls(action, stationId))
        result.push_back(f.payload);
    return result;
}

inline QStringList statusesOf(const FakeCentralSystem &server, int connectorId, const QString &stationId = {})
{
    QStringList result;
    for (const WireFrame &f : server.calls(QStringLiteral("StatusNotification"), stationId)) {
        if (f.payload.value("connectorId", -1) == connectorId)
            result.append(jsonText(f.payload, "status"));
    }
    return result;
}

}  // namespace cd::simtest

namespace cd::sim {

inline char *toString(ConnectorStatus status)
{
    return qstrdup(qPrintable(connectorStatusName(status)));
}

inline char *toString(SimulatedStation::State state)
{
    static const char *const names[] = {"Stopped", "Connecting", "Booting", "Pending", "Rejected", "Accepted", "Offline"};
    return qstrdup(names[int(state)]);
}

}  // namespace cd::sim

#define QCOMPARE_JSON(actual, expected)                                                                   \
    QCOMPARE(QString::fromStdString(nlohmann::json(actual).dump()),                                      \
             QString::fromStdString(nlohmann::json(expected).dump()))
