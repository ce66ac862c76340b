#pragma once
// Sessions as stations report them: start (idempotent on retries), meter samples (deduplicated,
// energy progress by station time), stop (duplicates answered, never counted twice; unknown or
// -1 transaction ids recorded as orphans), and the closing of ghost sessions after a reboot or
// when a new transaction starts on the same connector. Every status change and every
// noteworthy message goes to session_events. Runs inside the caller's transaction.

#include "core/charging/chargingevents.h"
#include "core/common/clock.h"
#include "core/common/expected.h"
#include "core/storage/sessionrepository.h"

#include <QCoreApplication>

#include <nlohmann/json.hpp>

namespace cd::storage {
class Database;
struct MeterSample;
}

namespace cd::charging {

class TagAuthorizer;

class TransactionLedger {
    Q_DECLARE_TR_FUNCTIONS(cd::charging::TransactionLedger)
public:
    TransactionLedger(const storage::Database &db, const Clock &clock, const TagAuthorizer &authorizer);

    Expected<StartResult> start(const StationRef &station, const StartRequest &request);
    Expected<MeterResult> meter(const StationRef &station, const MeterReport &report);
    Expected<StopResult> stop(const StationRef &station, const StopRequest &request);

    // The station booted: each of its open sessions gets a "station_rebooted" event. Returns them.
    Expected<QList<OpenTransaction>> noteReboot(qint64 stationId);
    // The station answered GetTransactionStatus for the session (2.0.1 E14): a "transaction_status"
    // event; closed by the system (reconciled, EndedUnreported) when the station neither runs the
    // transaction nor holds messages of it, with the energy up to the last register reading.
    Expected<TransactionStatusOutcome> transactionStatusReported(qint64 sessionId, const TransactionStatusReport &report);
    // GetTransactionStatus got no usable answer (`why`): a "transaction_status_unknown" event only.
    Status transactionStatusUnknown(qint64 sessionId, const QString &why);
    // A connector of the EVSE (1.6: the connector) reported Available after the boot at lastBootMs:
    // the sessions on it that began before that boot are closed (finished with the energy last
    // reported, or failed without).
    Expected<QList<qint64>> closeAfterReboot(qint64 stationId, int evseId, qint64 lastBootMs, qint64 atMs);
    // The EVSE (1.6: the connector) reported Charging: its open session records when charging began.
    Status markCharging(qint64 stationId, int evseId, qint64 atMs);

    // The energy register (total, Wh) of the earliest / newest reading by station time.
    static std::optional<qint64> earliestRegister(const QList<MeterReading> &readings);
    static std::optional<qint64> latestRegister(const QList<MeterReading> &readings);

    // Appends a session event (now) for the session log.
    Status addEvent(qint64 sessionId, const QString &kind, const nlohmann::json &detail);

    // Closes the session's charging columns without a Stop from the station (the system, or an
    // operator's Finish): energy up to the last register reading the station delivered (nothing
    // invented), meter stop, end time, stop reason and source. The status is the caller's. Returns
    // the energy.
    static qint64 closeAtLastReading(storage::Session &session, const QString &source, const QString &reason, qint64 atMs);

private:
    Status changeStatus(storage::Session &session, SessionStatus status, const QString &why);
    Status closeBySystem(storage::Session &session, const QString &source, const QString &reason, qint64 atMs);
    Expected<int> storeSamples(const StationRef &station, std::optional<qint64> sessionId, std::optional<int> connectorId,
                               const QList<MeterReading> &readings);
    // Takes the newest total import register reading (by station time) into the session.
    static bool applyRegister(storage::Session &session, const QList<MeterReading> &readings);
    static bool holdActive(const storage::Session &session);

    const storage::Database &m_db;
    const Clock &m_clock;
    const TagAuthorizer &m_authorizer;
    storage::SessionRepository m_sessions;
};

}  // namespace cd::charging
