#pragma once
// One detector per anomaly code (DOMAIN.md "Anomaly bills"). Each is a pure function of the
// session's facts and the thresholds: nullopt when the session does not show the anomaly, else a
// Finding whose detail names the numbers. They never look at each other's results, so a bill gets
// every code that applies ("3,8,6").

#include "core/anomalies/anomalythresholds.h"
#include "core/anomalies/finding.h"
#include "core/anomalies/sessionfacts.h"

#include <optional>

namespace cd::anomalies {

// 1: the station never sent its stop; the system, an operator or abandonment closed the session.
struct BillLost {
    static constexpr AnomalyCode code = AnomalyCode::BillLost;
    static std::optional<Finding> check(const SessionFacts &facts, const AnomalyThresholds &thresholds);
};

// 2: bill lost, and the station was disconnected during the session or when it was closed.
struct BillLostOffline {
    static constexpr AnomalyCode code = AnomalyCode::BillLostOffline;
    static std::optional<Finding> check(const SessionFacts &facts, const AnomalyThresholds &thresholds);
};

// 3: implausible times: a stop before the start, charging ending before it began, the car leaving
// before charging ended, a session longer than maxSessionMs, station timestamps ahead of their
// receipt by more than clockAheadToleranceMs or behind by more than clockBehindToleranceMs.
struct TimeAnomaly {
    static constexpr AnomalyCode code = AnomalyCode::TimeAnomaly;
    static std::optional<Finding> check(const SessionFacts &facts, const AnomalyThresholds &thresholds);
};

// 4: implausible energy: the meter stop below the meter start, or the most plausible measure of the
// energy (the smaller of the station's bill and the platform's readings) above maxEnergyWh or above
// what maxPowerW delivers in the session's longest known duration (+ energySlackWh).
struct EnergyAnomaly {
    static constexpr AnomalyCode code = AnomalyCode::EnergyAnomaly;
    static std::optional<Finding> check(const SessionFacts &facts, const AnomalyThresholds &thresholds);
};

// 5: implausible charging duration: longer than maxChargingMs, or zero / negative while energy
// (more than energySlackWh) was delivered.
struct DurationAnomaly {
    static constexpr AnomalyCode code = AnomalyCode::DurationAnomaly;
    static std::optional<Finding> check(const SessionFacts &facts, const AnomalyThresholds &thresholds);
};

// 6: the car stayed (charging end → service end) longer than maxIdleMs, or charging lasted less
// than failedStartChargingMs and the car still stayed longer than failedStartIdleMs. Charging ends
// at the session's (bill's) charging end, or earlier at the last rise of the register (stations
// often stop only at unplug, so a full car or a failed start shows only in the readings).
struct OccupancyAnomaly {
    static constexpr AnomalyCode code = AnomalyCode::OccupancyAnomaly;
    static std::optional<Finding> check(const SessionFacts &facts, const AnomalyThresholds &thresholds);
};

// 7: another session on the same connector overlaps this one in time.
struct TimeOverlap {
    static constexpr AnomalyCode code = AnomalyCode::TimeOverlap;
    static std::optional<Finding> check(const SessionFacts &facts, const AnomalyThresholds &thresholds);
};

// 8: the station's energy and the platform's differ by more than the larger of energyToleranceWh
// and energyTolerancePercent (a larger station value may also cover what the charger delivered,
// at the session's average power, before the first and after the last reading, up to one sampling
// interval at each end). A register that
// read 0 and then jumped (gdss_case#7) makes them differ: the jump is not platform energy.
struct EnergyDiffers {
    static constexpr AnomalyCode code = AnomalyCode::EnergyDiffers;
    static std::optional<Finding> check(const SessionFacts &facts, const AnomalyThresholds &thresholds);
};

// 9: the station's duration (stop − start) and the time span of the platform's readings differ by
// more than the larger of durationToleranceMs and durationTolerancePercent.
struct DurationDiffers {
    static constexpr AnomalyCode code = AnomalyCode::DurationDiffers;
    static std::optional<Finding> check(const SessionFacts &facts, const AnomalyThresholds &thresholds);
};

// 11: no energy data at all: no register sample and no meter stop from the station.
struct EnergyLost {
    static constexpr AnomalyCode code = AnomalyCode::EnergyLost;
    static std::optional<Finding> check(const SessionFacts &facts, const AnomalyThresholds &thresholds);
};

}  // namespace cd::anomalies
