#pragma once
// Everything the anomaly detectors know about one session, read once (SessionFactsLoader) and then
// judged by pure functions (core/anomalies/detectors). Times are UTC epoch ms: *Ms fields named
// "station" come from the station's clock, "received" from ours. Energy in whole Wh.
//
// "Station's bill": what the station reported at its stop (meter stop − meter start, its start and
// stop timestamps); only a session the station stopped itself has one. "Platform": what our meter
// samples show (the Energy.Active.Import.Register readings and their time span).

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace cd::anomalies {

struct AnomalyThresholds;

// One energy register reading (Energy.Active.Import.Register, total, Wh).
struct EnergyReading {
    qint64 stationAtMs = 0;
    qint64 receivedMs = 0;
    qint64 wh = 0;
    QString context;  // "Transaction.Begin", "Sample.Periodic", "Transaction.End", …

    friend bool operator==(const EnergyReading &, const EnergyReading &) = default;
};

// A connection or disconnection of the station (station_events), our clock.
struct ConnectionChange {
    qint64 atMs = 0;
    bool connected = false;

    friend bool operator==(const ConnectionChange &, const ConnectionChange &) = default;
};

// Another session on the same connector whose time span meets this one's.
struct OtherSession {
    qint64 id = 0;
    QString sessionNumber;
    qint64 startMs = 0;              // station start (creation when the station never started it)
    std::optional<qint64> endMs;     // nullopt: still open

    friend bool operator==(const OtherSession &, const OtherSession &) = default;
};

// A rise of the register between two readings that no charger can deliver in the time between
// them (gdss_case#7: 0 before the start, then the real register).
struct RegisterJump {
    qint64 fromWh = 0;
    qint64 toWh = 0;
    qint64 fromAtMs = 0;
    qint64 toAtMs = 0;
};

// What the register readings say, with jumps and backward steps left out.
struct PlatformMeter {
    int readings = 0;
    std::optional<qint64> firstAtMs;  // station time of the first and last reading
    std::optional<qint64> lastAtMs;
    qint64 energyWh = 0;               // the sum of the plausible rises
    std::optional<qint64> lastRiseAtMs;  // station time of the reading after the last plausible rise
    QList<RegisterJump> jumps;
    int backwardSteps = 0;             // the register went down between two readings
    bool zeroThenJump = false;         // read 0 first, then jumped (gdss_case#7)

    std::optional<qint64> spanMs() const
    {
        if (!firstAtMs || !lastAtMs)
            return std::nullopt;
        return *lastAtMs - *firstAtMs;
    }
};

struct SessionFacts {
    qint64 sessionId = 0;
    QString sessionNumber;
    qint64 stationId = 0;
    QString chargePointId;
    QString vendor;
    QString model;
    QString firmware;
    std::optional<int> evseId;
    std::optional<int> connectorId;
    QString transactionId;

    QString status;
    QString stopSource;  // "station" when the station stopped it; reboot, superseded, reconciled, operator, abandoned
    QString stopReason;
    QStringList eventKinds;  // the kinds in the session's timeline, oldest first, each once

    // Times. created: our clock; started/charging*/ended: the station's clock (ended is our
    // clock when the system or an operator closed the session).
    qint64 createdMs = 0;
    std::optional<qint64> startedMs;
    std::optional<qint64> chargingStartedMs;
    std::optional<qint64> chargingEndedMs;
    std::optional<qint64> endedMs;
    // When the car left: the bill's service end, else the connector's first Available after the
    // session began (its station time, else when we received it).
    std::optional<qint64> serviceEndedMs;
    // When we received the start and the stop (our clock), and when the session was closed by
    // whoever closed it (our clock; the stop's receipt for a station stop).
    std::optional<qint64> startReceivedMs;
    std::optional<qint64> stopReceivedMs;
    std::optional<qint64> closedMs;

    std::optional<qint64> meterStartWh;
    std::optional<qint64> meterStopWh;
    qint64 energyWh = 0;  // what the session recorded (billed unless corrected)

    // The energy register samples of the session (meter_samples), by station time. The start
    // message's meter start is not among them: it belongs to the station's bill.
    QList<EnergyReading> readings;

    // The station's connections from the start's receipt to the close (our clock), and whether it
    // was disconnected when the session was closed (or is now, for an open one).
    QList<ConnectionChange> connections;
    bool offlineAtClose = false;

    QList<OtherSession> overlapping;

    // The bill being tagged, when there is one.
    std::optional<qint64> billId;
    std::optional<qint64> billEnergyWh;
    std::optional<qint64> billIdleFeeMinor;

    qint64 nowMs = 0;  // when the facts were read

    // The station sent its own stop (StopTransaction / TransactionEvent Ended).
    bool stationStopped() const;
    // The station's bill: meter stop − meter start (may be negative), when it stopped the session.
    std::optional<qint64> stationEnergyWh() const;
    // The station's duration: stop − start by its clock, when it stopped the session.
    std::optional<qint64> stationDurationMs() const;
    // Charging end → service end.
    std::optional<qint64> idleMs() const;
    // Charging start → charging end.
    std::optional<qint64> chargingMs() const;
    // Whether a disconnection falls between the start's receipt and the close.
    bool disconnectedDuringSession() const;
};

// The platform's view of the readings (sorted by station time, then value): consecutive rises are
// summed unless one is a jump (at least jumpMinWh and more than maxPowerW allows in its time, plus
// energySlackWh); backward steps are counted and skipped.
PlatformMeter analyzeReadings(const QList<EnergyReading> &readings, const AnomalyThresholds &thresholds);

// The energy `powerW` delivers in `ms`, in Wh (rounded up).
qint64 energyAtPowerWh(qint64 powerW, qint64 ms);

}  // namespace cd::anomalies
