#pragma once
// The limits the anomaly detectors judge a session by (issue #6 item 4). Every limit has a
// documented default and can be changed in QSettings under "anomalies/" (the key is the field
// name, e.g. anomalies/maxSessionMinutes). Times are minutes or seconds in the settings (what an
// operator writes) and milliseconds here; energy Wh; power W.

#include <QtGlobal>

class QSettings;

namespace cd::anomalies {

struct AnomalyThresholds {
    // 3 time anomaly: a session (station start → station stop) longer than this. The field's
    // platforms use 168 h (igo_case#89: a wrong unplug time under 168 h raised nothing).
    qint64 maxSessionMs = 168LL * 3600 * 1000;
    // 3: a station timestamp later than the moment we received it by more than this (the station's
    // clock runs ahead; nothing can be reported before it happens).
    qint64 clockAheadToleranceMs = 15LL * 60 * 1000;
    // 3: a station timestamp earlier than its receipt by more than this. Queued offline messages
    // arrive late legitimately, so the default is the same generous 168 h.
    qint64 clockBehindToleranceMs = 168LL * 3600 * 1000;

    // 4 energy anomaly and register jumps: no connector delivers more than this power. 400 kW is
    // above every DC charger in the field (350 kW HPC).
    qint64 maxPowerW = 400000;
    // 4: no session delivers more than this, whatever its duration (bus batteries are ~400 kWh;
    // the bad meters of gdss_case#6 reported tens of thousands of kWh).
    qint64 maxEnergyWh = 1000000;
    // Slack on "power × time" (short sessions, whole-Wh rounding, a sample late by a few seconds).
    qint64 energySlackWh = 1000;
    // A register rise between two readings counts as a jump only when it is at least this large
    // (and more than maxPowerW allows in the time between them).
    qint64 jumpMinWh = 1000;

    // 5 duration anomaly: charging (charging start → charging end) longer than this.
    qint64 maxChargingMs = 48LL * 3600 * 1000;

    // 6 occupancy anomaly: the car stayed (charging end → service end) longer than this ...
    qint64 maxIdleMs = 4LL * 3600 * 1000;
    // ... or charging lasted under failedStartChargingMs (start failed, seed 003 "charged < 60 s")
    // and the car still stayed longer than failedStartIdleMs.
    qint64 failedStartChargingMs = 60LL * 1000;
    qint64 failedStartIdleMs = 15LL * 60 * 1000;

    // 8 energy differs from platform: |station − platform| above the larger of these two.
    qint64 energyToleranceWh = 500;
    int energyTolerancePercent = 5;
    // 9 duration differs from platform: |station − platform| above the larger of these two.
    qint64 durationToleranceMs = 15LL * 60 * 1000;
    int durationTolerancePercent = 10;

    // Abandoned sessions: open, and nothing heard of them (start, meter value) for this long.
    qint64 abandonedAfterMs = 24LL * 3600 * 1000;

    // Reads anomalies/* (missing or invalid keys keep their defaults).
    static AnomalyThresholds load(const QSettings &settings);
    void save(QSettings &settings) const;

    friend bool operator==(const AnomalyThresholds &, const AnomalyThresholds &) = default;
};

}  // namespace cd::anomalies
