#include "core/sim/chargingmodel.h"

#include <algorithm>
#include <cmath>

namespace cd::sim {

namespace {

constexpr qint64 kStepMs = 10000;  // integration step: power is re-evaluated every 10 s of sim time

}  // namespace

ChargingModel::ChargingModel(EvParameters ev, SupplyParameters supply)
    : m_ev(ev)
    , m_supply(supply)
{
    m_ev.batteryWh = std::max<qint64>(m_ev.batteryWh, 1000);
    m_ev.startSocPercent = std::clamp(m_ev.startSocPercent, 0, 100);
    m_ev.targetSocPercent = std::clamp(m_ev.targetSocPercent, m_ev.startSocPercent, 100);
    m_supply.phases = std::clamp(m_supply.phases, 1, 3);
    m_batteryMWh = m_ev.batteryWh * 1000 * m_ev.startSocPercent / 100;
    m_targetMWh = m_ev.batteryWh * 1000 * m_ev.targetSocPercent / 100;
}

qint64 ChargingModel::powerW(std::optional<double> limitW) const
{
    if (m_batteryMWh >= m_targetMWh)
        return 0;
    const double supplyMax = double(m_supply.phases) * m_supply.voltageV * double(m_supply.maxCurrentA);
    double power = std::min(supplyMax, double(m_ev.maxPowerW));
    if (limitW)
        power = std::min(power, std::max(0.0, *limitW));
    // Constant power to 80 %, then a linear taper to 15 % of it at 100 %.
    const double soc = double(m_batteryMWh) / double(m_ev.batteryWh * 1000);
    if (soc > 0.8)
        power *= std::max(0.15, 1.0 - (soc - 0.8) / 0.2 * 0.85);
    return std::max<qint64>(0, qint64(std::llround(power)));
}

qint64 ChargingModel::advance(qint64 spanMs, std::optional<double> limitW)
{
    qint64 delivered = 0;
    while (spanMs > 0 && m_batteryMWh < m_targetMWh) {
        const qint64 step = std::min(spanMs, kStepMs);
        spanMs -= step;
        // W * ms / 3600 = mWh; the remainder carries over so no energy is lost to rounding.
        const qint64 wattMs = powerW(limitW) * step + m_carryWattMs;
        qint64 energy = wattMs / 3600;
        m_carryWattMs = wattMs % 3600;
        energy = std::min(energy, m_targetMWh - m_batteryMWh);
        m_batteryMWh += energy;
        delivered += energy;
    }
    m_deliveredMWh += delivered;
    return delivered;
}

std::vector<double> ChargingModel::currentsA(qint64 power) const
{
    const double perPhase = double(power) / (double(m_supply.phases) * m_supply.voltageV);
    std::vector<double> currents(size_t(m_supply.phases), std::round(perPhase * 10.0) / 10.0);
    return currents;
}

std::vector<double> ChargingModel::voltagesV(quint32 jitterSeed) const
{
    std::vector<double> volts;
    for (int phase = 0; phase < m_supply.phases; ++phase) {
        // Deterministic jitter of -2.0 .. +2.0 V per phase.
        const quint32 h = (jitterSeed * 2654435761u) ^ (quint32(phase + 1) * 40503u);
        const double jitter = double(int(h % 41u) - 20) / 10.0;
        volts.push_back(std::round((m_supply.voltageV + jitter) * 10.0) / 10.0);
    }
    return volts;
}

int ChargingModel::socPercent() const
{
    return int(m_batteryMWh * 100 / (m_ev.batteryWh * 1000));
}

bool ChargingModel::full() const
{
    return m_batteryMWh >= m_targetMWh;
}

}  // namespace cd::sim
