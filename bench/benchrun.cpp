#include "benchrun.h"

#include "eventwait.h"
#include "processusage.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace cd::bench {

namespace {

using namespace std::chrono_literals;

// Latencies of the replies received while it lives: a window's recorder.
class WindowRecorder : public QObject {
public:
    explicit WindowRecorder(const sim::Simulator &simulator)
    {
        for (sim::SimulatedStation *station : simulator.stations())
            connect(station, &sim::SimulatedStation::callCompleted, this,
                    [this](const QString &action, qint64 latencyUs, const QString &) {
                        m_all.record(latencyUs);
                        m_byAction[action].record(latencyUs);
                    });
    }

    void summarise(RunResult &result) const
    {
        result.latency = m_all.summary();
        for (auto it = m_byAction.cbegin(); it != m_byAction.cend(); ++it)
            result.latencyByAction.insert(it.key(), it.value().summary());
    }

private:
    sim::LatencyRecorder m_all;
    QMap<QString, sim::LatencyRecorder> m_byAction;
};

ProcessUsage usageOf(qint64 pid)
{
    return readProcessUsage(pid).value_or(ProcessUsage{});
}

void measureWindow(sim::Simulator &simulator, const ServerProcess &server, const BenchOptions &options, RunResult &result)
{
    const qint64 selfPid = QCoreApplication::applicationPid();
    const sim::SimulatorStats before = simulator.stats();
    const ProcessUsage serverBefore = usageOf(server.pid());
    const ProcessUsage selfBefore = usageOf(selfPid);
    QElapsedTimer window;
    window.start();

    WindowRecorder recorder(simulator);
    result.held = simulator.bootedCount();
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, &sampler,
                     [&] { result.held = std::min(result.held, simulator.bootedCount()); });
    sampler.start(250ms);
    const bool serverDied = waitUntil([&server] { return !server.isRunning(); }, options.duration);
    sampler.stop();
    result.held = std::min(result.held, simulator.bootedCount());

    const sim::SimulatorStats after = simulator.stats();
    const ProcessUsage serverAfter = usageOf(server.pid());
    const ProcessUsage selfAfter = usageOf(selfPid);
    result.windowSeconds = double(window.nsecsElapsed()) / 1e9;
    if (serverDied) {
        result.error = QStringLiteral("the server exited during the measured window. Its output:\n%1").arg(server.output());
        return;
    }
    result.callsSent = after.callsSent - before.callsSent;
    result.callResults = after.callResults - before.callResults;
    result.callErrors = after.callErrors - before.callErrors;
    result.callTimeouts = after.callTimeouts - before.callTimeouts;
    result.disconnects = after.disconnects - before.disconnects;
    result.backlog = after.queuedTransactionMessages;
    recorder.summarise(result);
    result.rssKiB = serverAfter.rssKiB;
    result.peakRssKiB = serverAfter.peakRssKiB;
    result.serverCpuMs = serverAfter.cpuMs - serverBefore.cpuMs;
    result.clientCpuMs = selfAfter.cpuMs - selfBefore.cpuMs;
    result.serverWrittenBytes = serverAfter.writtenBytes - serverBefore.writtenBytes;
}

// Every station loses its connection at the same moment and reconnects half a second (wall
// clock) later, as after a network blip at the site; meanwhile their chargers keep charging
// and queue their transaction messages.
constexpr qint64 kStormOfflineMs = 500;  // wall clock

void measureStorm(sim::Simulator &simulator, const ServerProcess &server, RunResult &result)
{
    result.storm = true;
    const sim::SimulatorStats before = simulator.stats();
    const auto offline = std::chrono::milliseconds(std::llround(double(kStormOfflineMs) * simulator.options().timeScale));
    QElapsedTimer clock;
    clock.start();
    for (sim::SimulatedStation *station : simulator.stations())
        station->goOffline(offline);
    const int stations = int(simulator.stations().size());
    const bool back = waitUntil([&] { return simulator.stats().booted == stations || !server.isRunning(); }, 180s)
        && server.isRunning() && simulator.stats().booted == stations;
    result.stormReconnectMs = std::max<qint64>(0, clock.elapsed() - kStormOfflineMs);
    if (!back) {
        result.error = QStringLiteral("after the reconnect storm only %1 of %2 stations came back within 180 s")
                           .arg(simulator.stats().booted)
                           .arg(stations);
        return;
    }
    // Drained: nothing queued at the stations beyond what a normal moment holds in flight.
    waitUntil([&] { return simulator.stats().queuedTransactionMessages <= stations / 10; }, 180s);
    result.stormDrainMs = std::max<qint64>(0, clock.elapsed() - kStormOfflineMs);
    const sim::SimulatorStats after = simulator.stats();
    result.stormLost = (after.transactionMessagesDropped - before.transactionMessagesDropped)
        + (after.callErrors - before.callErrors) + (after.callTimeouts - before.callTimeouts);
}

}  // namespace

RunResult runWorkload(const ServerCommand &command, const BenchOptions &options)
{
    RunResult result;
    result.label = command.label;
    result.stations = options.workload.stations;
    result.ownStorage = command.ownStorage;

    ServerProcess server;
    if (Status started = server.start(command, 60s); !started) {
        result.error = started.error().message;
        return result;
    }
    QUrl url;
    url.setScheme(QStringLiteral("ws"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(server.port());
    url.setPath(QStringLiteral("/ocpp"));

    sim::Simulator simulator(options.workload.simulatorOptions(url));
    bool allBooted = false;
    QObject::connect(&simulator, &sim::Simulator::allStationsBooted, &simulator, [&allBooted] { allBooted = true; });
    simulator.start();
    const auto bootTimeout = 60s + simulator.options().stagger * options.workload.stations;
    waitUntil([&] { return allBooted || !server.isRunning(); }, bootTimeout);
    if (!allBooted) {
        const sim::SimulatorStats s = simulator.stats();
        result.error = QStringLiteral("only %1 of %2 stations booted within %3 s (last connection error: %4). Server output:\n%5")
                           .arg(s.booted)
                           .arg(s.stations)
                           .arg(std::chrono::duration_cast<std::chrono::seconds>(bootTimeout).count())
                           .arg(s.lastConnectError.isEmpty() ? QStringLiteral("none") : s.lastConnectError, server.output());
    } else if (waitUntil([&server] { return !server.isRunning(); }, options.warmup.value_or(options.workload.warmup()))) {
        result.error = QStringLiteral("the server exited during the warm-up. Its output:\n%1").arg(server.output());
    } else {
        measureWindow(simulator, server, options, result);
        if (options.storm && result.ok())
            measureStorm(simulator, server, result);
    }

    // Sessions end and their StopTransactions go out, so a PostgreSQL database is left tidy.
    bool finished = false;
    QObject::connect(&simulator, &sim::Simulator::finished, &simulator, [&finished] { finished = true; });
    simulator.shutdown(10s);
    if (!waitUntil([&finished] { return finished; }, 15s))
        simulator.stop();
    server.stop();
    return result;
}

}  // namespace cd::bench
