#pragma once
// The physics of one charging session: an EV battery behind an AC supply. Power follows a
// constant-power phase up to 80 % state of charge, then tapers; at the target state of charge
// the EV stops drawing (SuspendedEV). Energy is integrated in integer milli-watt-hours so the
// meter register (integer Wh) never drifts.

#include <QtGlobal>

#include <optional>
#include <vector>

namespace cd::sim {

struct SupplyParameters {
    int phases = 3;
    double voltageV = 230.0;  // phase to neutral
    int maxCurrentA = 32;     // per phase, the connector's rating
};

struct EvParameters {
    qint64 batteryWh = 60000;
    int startSocPercent = 20;
    int targetSocPercent = 100;
    qint64 maxPowerW = 11000;  // the on-board charger
};

class ChargingModel {
public:
    ChargingModel(EvParameters ev, SupplyParameters supply);

    // Delivers energy over `spanMs` of simulated time with the power limited to `limitW` (a
    // charging profile) when set. Returns the energy delivered in milli-Wh (>= 0).
    qint64 advance(qint64 spanMs, std::optional<double> limitW = std::nullopt);

    // The power the EV draws now, under the limit.
    qint64 powerW(std::optional<double> limitW = std::nullopt) const;
    // Per-phase current for a power, and the per-phase voltage (with a little jitter from `seed`).
    std::vector<double> currentsA(qint64 powerW) const;
    std::vector<double> voltagesV(quint32 jitterSeed) const;

    int socPercent() const;
    bool full() const;
    qint64 deliveredMWh() const { return m_deliveredMWh; }
    const SupplyParameters &supply() const { return m_supply; }

private:
    EvParameters m_ev;
    SupplyParameters m_supply;
    qint64 m_batteryMWh = 0;     // energy in the battery
    qint64 m_targetMWh = 0;
    qint64 m_deliveredMWh = 0;
    qint64 m_carryWattMs = 0;    // energy below 1 mWh, carried to the next step
};

}  // namespace cd::sim
