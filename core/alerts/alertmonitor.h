#pragma once
// Evaluates the alert rules against what the database holds, every few seconds, in the process
// that serves the stations (core/runtime/serverruntime):
//   conditions, read from the current state each pass — station offline, heartbeat overdue,
//   connector faulted, a connector reporting Charging without an open session; an alert opens
//   when the condition holds and is resolved by the system ("cleared") when it no longer does;
//   events, read incrementally past a watermark — session events (start_not_authorized: charging
//   without authorisation, stop_not_honoured, a session that ended as failed), remote starts the
//   station rejected or that failed, energy register readings that jump or go backwards; they
//   stay until an operator resolves them, and a repeat while the alert is active counts as
//   another occurrence.
// At most one active alert per condition (the database's unique index on the dedupe key). Each
// pass runs in one transaction; a new alert gets its history row and one delivery row per enabled
// channel (e-mail, webhook) in that same transaction.
// On a database the monitor has never seen, the watermarks start at the newest rows: history is
// not turned into alerts.

#include "core/alerts/alertsettings.h"
#include "core/alerts/alerttypes.h"
#include "core/common/clock.h"
#include "core/common/expected.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <memory>

namespace cd::storage {
class Database;
}

namespace cd::alerts {

class AlertRepository;

struct MonitorPass {
    QList<qint64> opened;  // ids of the alerts this pass opened
    int seenAgain = 0;
    int cleared = 0;
};

class AlertMonitor : public QObject {
    Q_OBJECT
public:
    // `heartbeatIntervalSeconds`: what the server tells stations at boot (ChargingOptions).
    AlertMonitor(std::shared_ptr<storage::Database> db, AlertSettings settings, int heartbeatIntervalSeconds,
                 const Clock &clock = Clock::system(), QObject *parent = nullptr);
    ~AlertMonitor() override;

    // Evaluates every rule once, now.
    Expected<MonitorPass> evaluate();
    // Evaluates every rules.evaluateIntervalSeconds (the first pass right away).
    void start();
    void stop();

    const AlertSettings &settings() const { return m_settings; }

Q_SIGNALS:
    void alertsOpened(const QList<qint64> &ids);

private:
    struct Subject {
        std::optional<qint64> stationId;
        QString chargePointId;
        std::optional<int> connectorId;
        std::optional<qint64> sessionId;
    };
    struct Pass;

    Status raise(Pass &pass, AlertKind kind, const Subject &subject, const QString &details);
    Status clear(Pass &pass, Alert alert);
    Status clearUnless(Pass &pass, AlertKind kind, const QSet<QString> &holding);
    Status history(AlertRepository &repo, qint64 alertId, const QString &action, const QString &from,
                   const QString &to, const QString &note = {});

    // The id watermark `mark` over `table`; nullopt on the first pass, when it is set to the table's
    // newest id (rows written before the monitor ever ran raise nothing).
    Expected<std::optional<qint64>> idWatermark(Pass &pass, const QString &mark, const QString &table);
    Status stationRules(Pass &pass);
    Status connectorRules(Pass &pass);
    Status sessionEventRules(Pass &pass);
    Status commandRules(Pass &pass);
    Status meterRules(Pass &pass);
    Status sessionBoundConditions(Pass &pass);

    std::shared_ptr<storage::Database> m_db;
    AlertSettings m_settings;
    int m_heartbeatIntervalSeconds;
    const Clock &m_clock;
    QTimer m_timer;
    // Newest energy register reading per (station, connector, session) key: value (Wh) and
    // station time, so consecutive readings are compared without reading the table again.
    QHash<QString, std::pair<qint64, qint64>> m_lastRegister;
};

}  // namespace cd::alerts
