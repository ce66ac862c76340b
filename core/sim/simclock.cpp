#include "core/sim/simclock.h"

#include <cmath>

namespace cd::sim {

SimClock::SimClock(const Clock &base, double scale, std::optional<qint64> simStartMs)
    : m_base(base)
    , m_scale(scale > 0.0 && std::isfinite(scale) ? scale : 1.0)
    , m_baseStartMs(base.nowMs())
    , m_simStartMs(simStartMs.value_or(m_baseStartMs))
{
}

qint64 SimClock::nowMs() const
{
    const qint64 elapsed = m_base.nowMs() - m_baseStartMs;
    return m_simStartMs + qint64(std::llround(double(elapsed) * m_scale));
}

std::chrono::milliseconds SimClock::toWall(std::chrono::milliseconds simSpan) const
{
    if (simSpan.count() <= 0)
        return std::chrono::milliseconds(0);
    const auto wall = qint64(std::llround(double(simSpan.count()) / m_scale));
    return std::chrono::milliseconds(wall < 1 ? 1 : wall);
}

std::chrono::milliseconds SimClock::toSim(std::chrono::milliseconds wallSpan) const
{
    return std::chrono::milliseconds(qint64(std::llround(double(wallSpan.count()) * m_scale)));
}

}  // namespace cd::sim
