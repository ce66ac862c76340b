#pragma once
// The benchmark's workload: a fleet of simulated OCPP stations (1.6J or 2.0.1) with two connectors each.
// Every station boots, and on each connector a driver plugs in within seconds (Authorize,
// StartTransaction, StatusNotifications) and charges for about two hours, sending MeterValues
// every 15 s, with a Heartbeat every 5 minutes (all simulated time). The measured window falls in
// that plateau: the traffic a busy network sends most, at a steady rate. The simulated clock runs
// fast enough that the plateau offers about `rate` station CALLs per second, and the stations
// boot one after the other over one meter interval so that the load is even. The same workload
// (same seed) runs against every server.

#include "core/sim/simulator.h"

#include <QUrl>

#include <chrono>

namespace cd::bench {

struct Workload {
    int stations = 1000;
    double rate = 200.0;  // offered station CALLs per second (wall clock), whole fleet
    quint64 seed = 1;
    int connectors = 2;
    std::chrono::seconds meterInterval{15};
    std::chrono::seconds sessionDuration{7200};  // mean; each session varies ±30 %
    std::chrono::seconds sessionInterval{10};    // mean wait for the first driver per connector
    std::chrono::seconds heartbeatInterval{300};
    QString idTag = QStringLiteral("BENCH-FLEET");
    ocpp::ProtocolVersion version = ocpp::ProtocolVersion::Ocpp16;  // what the stations speak

    // Station CALLs one station sends per simulated second while every connector charges.
    double callsPerStationPerSimSecond() const;
    // How much faster than the wall clock simulated time runs to offer `rate`.
    double timeScale() const;
    // Wall-clock time from the last boot until (nearly) every connector charges and sends
    // MeterValues: three mean waits for a driver, the start and one meter interval; at least 10 s.
    std::chrono::seconds warmup() const;
    sim::SimulatorOptions simulatorOptions(const QUrl &serverUrl) const;
};

}  // namespace cd::bench
