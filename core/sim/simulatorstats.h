#pragma once
// What a Simulator run measured: fleet state, traffic, reply latency, errors. The benchmark
// reads it; chargedesk-sim writes it as JSON (--stats-json).

#include "core/sim/latencyrecorder.h"

#include <QJsonObject>
#include <QMap>
#include <QString>

namespace cd::sim {

struct SimulatorStats {
    qint64 elapsedMs = 0;         // wall clock since start()
    qint64 simulatedMs = 0;       // simulated time since start()
    int stations = 0;
    int connected = 0;            // connected now
    int booted = 0;               // accepted by the server now
    int everConnected = 0;
    int neverConnected = 0;       // stations that could not connect at all
    int activeSessions = 0;
    qint64 sessionsStarted = 0;
    qint64 sessionsRefused = 0;   // plug-ins the server (or the local list) did not authorise
    qint64 sessionsFinished = 0;
    qint64 energyWh = 0;

    qint64 messagesSent = 0;      // frames out
    qint64 messagesReceived = 0;  // frames in
    qint64 callsSent = 0;         // station CALLs
    qint64 callResults = 0;
    qint64 callErrors = 0;
    qint64 callTimeouts = 0;
    qint64 callsReceived = 0;     // server CALLs (commands)
    qint64 callsAnswered = 0;     // commands answered with a CALLRESULT
    qint64 callsRefused = 0;      // commands answered with a CALLERROR
    qint64 connects = 0;
    qint64 reconnects = 0;
    qint64 connectFailures = 0;
    qint64 disconnects = 0;
    qint64 transactionMessagesDropped = 0;
    qint64 queuedTransactionMessages = 0;
    QMap<QString, qint64> errorsByCode;  // CALLERROR codes received, plus "Timeout"
    QString lastConnectError;            // the most recent connection failure, for the operator

    LatencySummary latency;                      // every station CALL
    QMap<QString, LatencySummary> latencyByAction;

    // Station CALLs answered per second of wall clock.
    double callsPerSecond() const;
    // Frames (both directions) per second of wall clock.
    double messagesPerSecond() const;

    QJsonObject toJson() const;
};

QJsonObject latencyToJson(const LatencySummary &summary);

}  // namespace cd::sim
