#include "runresult.h"

#include <algorithm>
#include <functional>
#include <vector>

namespace cd::bench {

namespace {

template <typename T>
T median(const QList<RunResult> &runs, const std::function<T(const RunResult &)> &field)
{
    std::vector<T> values;
    for (const RunResult &r : runs)
        values.push_back(field(r));
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    if (n == 0)
        return T{};
    return n % 2 == 1 ? values[n / 2] : T((values[n / 2 - 1] + values[n / 2]) / 2);
}

template <typename T>
T largest(const QList<RunResult> &runs, const std::function<T(const RunResult &)> &field)
{
    T most{};
    for (const RunResult &r : runs)
        most = std::max(most, field(r));
    return most;
}

sim::LatencySummary medianLatency(const QList<RunResult> &runs,
                                  const std::function<sim::LatencySummary(const RunResult &)> &pick)
{
    sim::LatencySummary m;
    m.count = median<qint64>(runs, [&](const RunResult &r) { return pick(r).count; });
    m.p50Us = median<qint64>(runs, [&](const RunResult &r) { return pick(r).p50Us; });
    m.p90Us = median<qint64>(runs, [&](const RunResult &r) { return pick(r).p90Us; });
    m.p99Us = median<qint64>(runs, [&](const RunResult &r) { return pick(r).p99Us; });
    m.maxUs = median<qint64>(runs, [&](const RunResult &r) { return pick(r).maxUs; });
    m.meanUs = median<qint64>(runs, [&](const RunResult &r) { return pick(r).meanUs; });
    return m;
}

}  // namespace

RunResult medianOf(const QList<RunResult> &all)
{
    QList<RunResult> runs;
    std::copy_if(all.cbegin(), all.cend(), std::back_inserter(runs), [](const RunResult &r) { return r.ok(); });
    RunResult m;
    if (all.isEmpty())
        return m;
    m.label = all.first().label;
    if (runs.isEmpty()) {
        m.error = all.last().error;
        return m;
    }
    m.stations = runs.first().stations;
    m.ownStorage = runs.first().ownStorage;
    m.held = median<int>(runs, &RunResult::held);
    m.disconnects = largest<qint64>(runs, &RunResult::disconnects);
    m.windowSeconds = median<double>(runs, &RunResult::windowSeconds);
    m.callsSent = median<qint64>(runs, &RunResult::callsSent);
    m.callResults = median<qint64>(runs, &RunResult::callResults);
    m.callErrors = largest<qint64>(runs, &RunResult::callErrors);
    m.callTimeouts = largest<qint64>(runs, &RunResult::callTimeouts);
    m.backlog = median<qint64>(runs, &RunResult::backlog);
    m.latency = medianLatency(runs, &RunResult::latency);
    for (const RunResult &r : runs) {
        for (auto it = r.latencyByAction.cbegin(); it != r.latencyByAction.cend(); ++it) {
            const QString action = it.key();
            if (!m.latencyByAction.contains(action))
                m.latencyByAction.insert(action, medianLatency(runs, [&action](const RunResult &x) {
                                             return x.latencyByAction.value(action);
                                         }));
        }
    }
    m.rssKiB = median<qint64>(runs, &RunResult::rssKiB);
    m.peakRssKiB = median<qint64>(runs, &RunResult::peakRssKiB);
    m.serverCpuMs = median<qint64>(runs, &RunResult::serverCpuMs);
    m.clientCpuMs = median<qint64>(runs, &RunResult::clientCpuMs);
    m.serverWrittenBytes = median<qint64>(runs, &RunResult::serverWrittenBytes);
    m.storm = runs.first().storm;
    m.stormReconnectMs = median<qint64>(runs, &RunResult::stormReconnectMs);
    m.stormDrainMs = median<qint64>(runs, &RunResult::stormDrainMs);
    m.stormLost = largest<qint64>(runs, &RunResult::stormLost);
    return m;
}

}  // namespace cd::bench
