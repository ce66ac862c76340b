#pragma once
// Charging sessions ("operations") and their append-only event timeline (session_events).
// The charging service owns the session's charging columns (status, connector, transaction,
// meter, stop); billing columns (amounts, hold, payment, tariff) belong to the billing service
// and are never written here.

#include "core/common/expected.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace cd::storage {

class Database;

struct Session {
    qint64 id = 0;
    QString sessionNumber;
    qint64 stationId = 0;
    QString chargePointId;  // read only (joined from stations)
    QString memberName;     // read only (joined from members); empty without a member
    QString memberPhone;    // read only (joined from members)
    std::optional<qint64> connectorRowId;
    std::optional<int> evseId;
    std::optional<int> connectorId;
    QString transactionId;  // the OCPP transaction id; empty until the station started
    QString idTag;
    std::optional<qint64> memberId;
    std::optional<qint64> departmentId;
    QString status = QStringLiteral("created");
    QString holdStatus = QStringLiteral("none");     // read only here
    QString paymentStatus = QStringLiteral("none");  // read only here
    QString currency;                                // read only here
    qint64 amountMinor = 0;                          // read only here
    std::optional<qint64> meterStartWh;
    std::optional<qint64> meterStopWh;
    qint64 energyWh = 0;
    QString stopReason;
    QString stopSource;       // "station", "reboot", "superseded", "reconciled", "operator"; empty while open
    QString stopIdTag;
    QString startKey;         // idempotency key of the station's start message
    QString startAuthStatus;  // the authorization answered at start
    std::optional<qint64> lastMeterWh;   // newest energy register reading (by station time)
    std::optional<qint64> lastMeterAtMs;
    qint64 createdMs = 0;
    std::optional<qint64> startedMs;          // station time of the start
    std::optional<qint64> chargingStartedMs;  // first Charging status
    std::optional<qint64> chargingEndedMs;
    std::optional<qint64> endedMs;            // station time of the stop
    qint64 updatedMs = 0;
};

struct SessionEvent {
    qint64 id = 0;
    qint64 sessionId = 0;
    qint64 atMs = 0;
    QString kind;       // e.g. "created", "started", "stopped", "status", "stop_duplicate"
    QString detail;     // compact JSON object
    QString operatorName;  // empty when the station or the system acted
};

struct SessionFilter {
    std::optional<qint64> stationId;
    QString chargePointId;
    QString idTag;              // case-insensitive
    QString sessionNumber;
    QString transactionId;
    QStringList statuses;       // empty: every status
    bool openOnly = false;      // created, pending, starting, ongoing
    std::optional<qint64> createdBeforeMs;  // OLD&OPEN: open and created before this time
    std::optional<qint64> createdFromMs;
    // One search box: the session number, the internal id, the OCPP transaction id or a card
    // (exact), or a substring of the station id, of a registered card, of the member's name or
    // phone. Each term uses an index (fast with millions of sessions).
    QString search;
    int limit = 100;
    int offset = 0;
};

// Sessions support should look at (SuspiciousSessions in core/charging holds the policy): any
// of these event kinds in its timeline, closed by one of these sources (not by the station's
// Stop), or closed with 0 Wh after at least zeroEnergyMinMs (start to end, station time).
struct SuspicionCriteria {
    QStringList eventKinds;
    QStringList stopSources;
    std::optional<qint64> zeroEnergyMinMs;
};

class SessionRepository {
    Q_DECLARE_TR_FUNCTIONS(cd::storage::SessionRepository)
public:
    explicit SessionRepository(const Database &db);

    // The session number of row `id` created at `createdMs`: "261123-000042" (UTC day, id).
    static QString numberFor(qint64 id, qint64 createdMs);

    // The statuses of a session that has not ended (the station may still deliver energy, or a
    // start is on its way).
    static QStringList openStatuses();
    // The statuses in which a vehicle is (about to be) charging: what ConcurrentTx counts.
    static QStringList runningStatuses();

    // Inserts the session and gives it its number ("YYMMDD-000042", from the creation date and
    // the row id: unique and easy to read out on the phone).
    Expected<Session> create(const Session &session, qint64 nowMs);
    // Writes the charging columns of `session` (not the billing ones); updated_ms = nowMs.
    Status update(const Session &session, qint64 nowMs);

    Expected<std::optional<Session>> find(qint64 id) const;
    Expected<std::optional<Session>> findByNumber(const QString &sessionNumber) const;
    Expected<std::optional<Session>> findByTransaction(qint64 stationId, const QString &transactionId) const;
    Expected<std::optional<Session>> findByStartKey(qint64 stationId, const QString &startKey) const;
    // A session created ahead of the station's start (remote start, app): same station, same id
    // tag, the connector or no connector chosen yet, no transaction yet. Newest first.
    Expected<std::optional<Session>> findAwaitingStart(qint64 stationId, int connectorId, const QString &idTag) const;
    // Open sessions with a transaction on one connector / on the whole station.
    Expected<QList<Session>> openWithTransaction(qint64 stationId, std::optional<int> connectorId = std::nullopt,
                                                 std::optional<int> evseId = std::nullopt) const;
    // Every station's open sessions that have a transaction (the station list), by id.
    Expected<QList<Session>> openWithTransactionEverywhere() const;
    Expected<int> countRunningForTag(const QString &idTag) const;
    Expected<int> countRunningForMember(qint64 memberId) const;

    // Newest first.
    Expected<QList<Session>> list(const SessionFilter &filter) const;

    // Sessions matching any of the criteria, newest first.
    Expected<QList<Session>> suspicious(const SuspicionCriteria &criteria, int limit = 100, int offset = 0) const;
    // Which of `kinds` each of the sessions has in its timeline (session id → kinds, oldest first).
    Expected<QHash<qint64, QStringList>> eventKinds(const QList<qint64> &sessionIds, const QStringList &kinds) const;

    Expected<qint64> addEvent(const SessionEvent &event);
    // Oldest first.
    Expected<QList<SessionEvent>> events(qint64 sessionId) const;

private:
    Expected<std::optional<Session>> findOne(const QString &where, const QVariantList &values) const;

    const Database &m_db;
};

}  // namespace cd::storage
