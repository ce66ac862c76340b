#include "core/sim/latencyrecorder.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace cd::sim {

void LatencyRecorder::record(qint64 microseconds)
{
    m_samples.push_back(std::max<qint64>(0, microseconds));
}

LatencySummary LatencyRecorder::summary() const
{
    LatencySummary s;
    if (m_samples.empty())
        return s;
    std::vector<qint64> sorted = m_samples;
    std::sort(sorted.begin(), sorted.end());
    const auto rank = [&sorted](double percent) {
        const auto n = double(sorted.size());
        const auto index = size_t(std::max(1.0, std::ceil(percent / 100.0 * n))) - 1;
        return sorted[std::min(index, sorted.size() - 1)];
    };
    s.count = qint64(sorted.size());
    s.p50Us = rank(50.0);
    s.p90Us = rank(90.0);
    s.p99Us = rank(99.0);
    s.maxUs = sorted.back();
    s.meanUs = std::accumulate(sorted.begin(), sorted.end(), qint64(0)) / s.count;
    return s;
}

}  // namespace cd::sim
