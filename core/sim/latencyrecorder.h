#pragma once
// Reply latencies of a run, kept exactly (one integer per CALL) so p50/p99 are true
// percentiles, not histogram estimates.

#include <QtGlobal>

#include <vector>

namespace cd::sim {

struct LatencySummary {
    qint64 count = 0;
    qint64 p50Us = 0;
    qint64 p90Us = 0;
    qint64 p99Us = 0;
    qint64 maxUs = 0;
    qint64 meanUs = 0;
};

class LatencyRecorder {
public:
    void record(qint64 microseconds);
    void clear() { m_samples.clear(); }
    qsizetype count() const { return qsizetype(m_samples.size()); }
    // Nearest-rank percentiles; all zero when nothing was recorded.
    LatencySummary summary() const;

private:
    std::vector<qint64> m_samples;
};

}  // namespace cd::sim
