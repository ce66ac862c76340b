#pragma once
// What one run of the workload against one server measured over its steady-state window, and
// the median of several runs.

#include "core/sim/latencyrecorder.h"

#include <QList>
#include <QMap>
#include <QString>

namespace cd::bench {

struct RunResult {
    QString label;            // the server, e.g. "ChargeDesk (SQLCipher)"
    QString error;            // empty when the run completed
    int stations = 0;
    int held = 0;             // fewest stations connected and booted at any moment of the window
    qint64 disconnects = 0;   // during the window
    double windowSeconds = 0;
    qint64 callsSent = 0;     // station CALLs sent in the window
    qint64 callResults = 0;   // CALLRESULTs the stations received in the window
    qint64 callErrors = 0;
    qint64 callTimeouts = 0;
    qint64 backlog = 0;       // transaction messages waiting at the stations when the window ended
    sim::LatencySummary latency;  // every reply received in the window
    QMap<QString, sim::LatencySummary> latencyByAction;
    qint64 rssKiB = 0;        // server VmRSS at the end of the window
    qint64 peakRssKiB = 0;    // server VmHWM (since it started)
    qint64 serverCpuMs = 0;   // server CPU time in the window
    qint64 clientCpuMs = 0;   // this process's (the simulator's) CPU time in the window
    qint64 serverWrittenBytes = 0;  // what the server wrote to storage in the window
    bool ownStorage = true;         // false: its database is another process (PostgreSQL)
    // --storm: after the window every station dropped its connection at once.
    bool storm = false;
    qint64 stormReconnectMs = 0;  // until every station was connected and accepted again
    qint64 stormDrainMs = 0;      // until what the stations queued meanwhile was answered
    qint64 stormLost = 0;         // transaction messages dropped, CALLERRORs and timeouts since the drop

    bool ok() const { return error.isEmpty(); }
    double sentPerSecond() const { return perSecond(callsSent); }
    double answeredPerSecond() const { return perSecond(callResults); }
    double serverCpuPercent() const { return windowSeconds > 0 ? double(serverCpuMs) / 10.0 / windowSeconds : 0; }
    double clientCpuPercent() const { return windowSeconds > 0 ? double(clientCpuMs) / 10.0 / windowSeconds : 0; }
    double serverCpuUsPerCall() const { return callResults > 0 ? double(serverCpuMs) * 1000.0 / double(callResults) : 0; }
    double serverKiBWrittenPerCall() const
    {
        return callResults > 0 ? double(serverWrittenBytes) / 1024.0 / double(callResults) : 0;
    }
    // More messages waiting at the stations than one per station: the server did not keep up.
    bool saturated() const { return backlog > stations; }

private:
    double perSecond(qint64 n) const { return windowSeconds > 0 ? double(n) / windowSeconds : 0; }
};

// Field by field: the median of the completed runs (counts of trouble: the largest).
RunResult medianOf(const QList<RunResult> &runs);

}  // namespace cd::bench
