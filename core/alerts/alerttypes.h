#pragma once
// Alerts (issue #5 item 8): what the monitor watches for, the states an alert goes through, and
// the rows of the alert tables (migration 0007). Time: UTC epoch ms.

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace cd::alerts {

enum class AlertKind {
    StationOffline,          // disconnected longer than the rule allows
    HeartbeatStale,          // connected, but no heartbeat for k × the heartbeat interval
    ConnectorFaulted,        // a connector (or the station, connector 0) reports Faulted
    FailedStart,             // a remote start the station rejected, or a session that failed to start
    ChargingWithoutSession,  // theft: energy flows without an authorised session
    StopNotHonoured,         // the station accepted a stop but kept charging
    MeterJump,               // the energy register rose more than plausible between two readings
    MeterReset,              // the energy register went backwards
};

enum class AlertState { Open, Acknowledged, Resolved };

class AlertText {
    Q_DECLARE_TR_FUNCTIONS(cd::alerts::AlertText)
public:
    static const QList<AlertKind> &allKinds();
    // Stable, untranslated: "station_offline", ... (database, CLI, webhook JSON).
    static QString kindName(AlertKind kind);
    static std::optional<AlertKind> kindFromName(const QString &name);
    static QString stateName(AlertState state);
    static std::optional<AlertState> stateFromName(const QString &name);

    // For the operator, in the current language.
    static QString kindTitle(AlertKind kind);
    static QString stateTitle(AlertState state);
    // A history action ("opened", "acknowledged", ...) in plain words.
    static QString actionTitle(const QString &action);
    // Whether the alert describes a condition that can clear by itself (offline, fault, ...)
    // rather than an event that happened (a failed start, a meter jump).
    static bool isCondition(AlertKind kind);
};

struct Alert {
    qint64 id = 0;
    AlertKind kind = AlertKind::StationOffline;
    QString dedupeKey;
    bool active = true;
    AlertState state = AlertState::Open;
    std::optional<qint64> stationId;
    QString chargePointId;
    std::optional<int> connectorId;
    std::optional<qint64> sessionId;
    qint64 openedMs = 0;
    qint64 lastSeenMs = 0;
    int occurrences = 1;
    std::optional<qint64> clearedMs;
    std::optional<qint64> acknowledgedMs;
    QString acknowledgedBy;
    QString assignee;
    std::optional<qint64> resolvedMs;
    QString resolvedBy;
    QString details;  // JSON object text: what the rule saw
    qint64 updatedMs = 0;

    // "<kind>:<station>:<connector>:<session>" with empty parts left empty.
    static QString makeKey(AlertKind kind, std::optional<qint64> stationId, std::optional<int> connectorId,
                           std::optional<qint64> sessionId = std::nullopt);
    // One line for the operator: "Station offline · CP-1, connector 2".
    QString summary() const;
    // Where: "CP-1", "CP-1, connector 2".
    QString place() const;
    // What the rule saw, in plain words from `details` (times in the local zone).
    QString describe() const;
};

struct AlertHistoryEntry {
    qint64 id = 0;
    qint64 alertId = 0;
    qint64 atMs = 0;
    QString actor;      // operator name, or "system"
    QString action;     // opened, seen_again, acknowledged, assigned, resolved, cleared, reopened
    QString fromState;
    QString toState;
    QString note;
};

struct AlertDelivery {
    enum class Status { Pending, Sending, Sent, Failed };

    qint64 id = 0;
    qint64 alertId = 0;
    QString channel;  // "email", "webhook"
    QString target;   // recipients or URL, as configured when the alert opened
    Status status = Status::Pending;
    int attempts = 0;
    qint64 nextAttemptMs = 0;
    std::optional<qint64> claimedMs;
    std::optional<qint64> sentMs;
    QString lastError;
    qint64 createdMs = 0;

    static QString statusName(Status status);
    static Status statusFromName(const QString &name);
};

// Who the monitor and the delivery journal act as in the history.
inline QString systemActor()
{
    return QStringLiteral("system");
}

}  // namespace cd::alerts
