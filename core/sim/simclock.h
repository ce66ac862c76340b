#pragma once
// SimClock: simulated time for the simulator. It runs `scale` times faster than a base clock,
// so a "30 minute" session takes 30/scale minutes of wall-clock time while every timestamp in
// the messages follows the simulated clock. Intervals the station waits (heartbeat, meter
// sampling, session phases) are simulated spans, turned into wall-clock timer intervals by
// toWall().

#include "core/common/clock.h"

#include <chrono>
#include <optional>

namespace cd::sim {

class SimClock final : public Clock {
public:
    // Simulated time starts at simStartMs (the base clock's now when nullopt) and advances
    // `scale` times as fast as `base`, which must outlive this clock. scale <= 0 is taken as 1.
    explicit SimClock(const Clock &base, double scale = 1.0, std::optional<qint64> simStartMs = std::nullopt);

    // UTC epoch ms on the simulated timeline.
    qint64 nowMs() const override;

    double scale() const { return m_scale; }
    const Clock &base() const { return m_base; }

    // The wall-clock span for a simulated span: span / scale, at least 1 ms for a positive span.
    std::chrono::milliseconds toWall(std::chrono::milliseconds simSpan) const;
    // The simulated span for a wall-clock span.
    std::chrono::milliseconds toSim(std::chrono::milliseconds wallSpan) const;

private:
    const Clock &m_base;
    double m_scale;
    qint64 m_baseStartMs;
    qint64 m_simStartMs;
};

}  // namespace cd::sim
