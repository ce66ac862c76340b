#pragma once
// ChargingService: what station messages mean, in domain terms, for every OCPP version. The
// version adapters (v16/, later v201/) translate messages into these calls.
//
// Every method works on the calling thread's database connection and expects to run inside a
// transaction that the caller commits before it answers the station (CommitQueue does both):
// nothing a station was told is ever lost, and a failed call leaves nothing behind. Methods are
// idempotent where stations retry (start, stop, meter values, status).

#include "core/charging/chargingevents.h"
#include "core/charging/chargingoptions.h"
#include "core/charging/sessionobserver.h"
#include "core/charging/tagauthorizer.h"
#include "core/charging/transactionevents.h"
#include "core/charging/transactionledger.h"
#include "core/common/clock.h"
#include "core/common/expected.h"
#include "core/storage/stationstaterepository.h"

#include <QCoreApplication>
#include <QHash>
#include <QMutex>

#include <functional>
#include <memory>

namespace cd::storage {
class Database;
}

namespace cd::charging {

// A vendor's DataTransfer handler; runs inside the message's transaction.
using DataTransferHandler = std::function<Expected<DataTransferResult>(const StationRef &, const DataTransferRequest &)>;

class ChargingService {
    Q_DECLARE_TR_FUNCTIONS(cd::charging::ChargingService)
public:
    ChargingService(std::shared_ptr<storage::Database> db, ChargingOptions options, const Clock &clock = Clock::system());
    ChargingService(const ChargingService &) = delete;
    ChargingService &operator=(const ChargingService &) = delete;

    const ChargingOptions &options() const { return m_options; }
    const Clock &clock() const { return m_clock; }
    storage::Database &database() const { return *m_db; }

    // ---- connections ----
    // A connection was accepted. Registers an unknown station when acceptUnknownStations is set
    // (with unknownStationRegistration); marks the station online. nullopt: not in the registry.
    Expected<std::optional<qint64>> stationConnected(const QString &chargePointId, const QString &protocol,
                                                     qint64 connectedSinceMs, const QString &peer);
    // Marks the station offline, unless a newer connection of the same station took over.
    Status stationDisconnected(qint64 stationId, qint64 connectedSinceMs, const QString &reason);
    // At the start of the only server on a database (SQLCipher): every station still marked
    // online was left so by a process that ended without closing its links. Returns how many.
    Expected<int> markAllOffline();
    // The station's registration status; nullopt when the id is not registered.
    Expected<std::optional<RegistrationStatus>> registration(qint64 stationId) const;

    // ---- station → server ----
    // Stores vendor/model/serial/firmware (a firmware change is a station event), answers the
    // registration status with the interval for it, and notes open sessions as "station rebooted"
    // (returned in openTransactions, for a 2.0.1 station to be asked about).
    Expected<BootResult> stationBooted(const StationRef &station, const storage::StationIdentity &identity);
    // Returns the current time to send back.
    Expected<qint64> heartbeat(const StationRef &station);
    // History row for every report (exact replays excepted); the current status follows the
    // station's clock within one boot. Available after a reboot closes ghost sessions on the
    // connector; Charging records when charging began.
    Expected<StatusResult> connectorStatusChanged(const StationRef &station, const StatusReport &report);
    Expected<IdTagInfo> authorize(const StationRef &station, const QString &idTag);
    Expected<StartResult> transactionStarted(const StationRef &station, const StartRequest &request);
    Expected<MeterResult> meterValues(const StationRef &station, const MeterReport &report);
    Expected<StopResult> transactionStopped(const StationRef &station, const StopRequest &request);
    // A numbered transaction message (2.0.1 TransactionEvent): see TransactionEvents.
    Expected<TransactionEventResult> transactionEvent(const StationRef &station, const TransactionEventReport &report);
    // Stores the reported variables as the station's device model; the last part of a report
    // is a "device_report" station event.
    Status deviceModelReported(const StationRef &station, const DeviceModelReport &report);
    // UnknownVendorId unless a handler is registered for the vendor id.
    Expected<DataTransferResult> dataTransfer(const StationRef &station, const DataTransferRequest &request);
    // Firmware/diagnostics/log status and security events: kept on the station timeline.
    Status stationNotice(const StationRef &station, const StationNotice &notice);
    // A CSR (1.6 security extension SignCertificate): kept on the station timeline; returns
    // whether it is accepted (options().acceptCertificateSigningRequests).
    Expected<bool> certificateSigningRequested(const StationRef &station, const QString &csr);

    // ---- answers to server → station CALLs ----
    // 2.0.1 GetTransactionStatus answered for an open session (asked after a boot, use case E14):
    // see TransactionLedger::transactionStatusReported.
    Expected<TransactionStatusOutcome> transactionStatusReported(qint64 sessionId, const TransactionStatusReport &report);
    // GetTransactionStatus was not answered (CALLERROR, timeout, connection lost): noted, nothing closed.
    Status transactionStatusUnknown(qint64 sessionId, const QString &why);

    // Thread-safe. Who hears of sessions committed by station messages (nullptr: nobody); not
    // owned, must outlive its registration.
    void setSessionObserver(SessionObserver *observer);
    // Called after a message's commit and answer (commit thread): tells the observer, if any.
    void notifySessionCommitted(const SessionNotice &notice);

    // Thread-safe; the handler runs on the commit thread.
    void setDataTransferHandler(const QString &vendorId, DataTransferHandler handler);
    void removeDataTransferHandler(const QString &vendorId);

private:
    Status stationEvent(qint64 stationId, const QString &kind, const QString &detail,
                        std::optional<qint64> stationAtMs = std::nullopt, std::optional<qint64> sessionId = std::nullopt);
    Expected<storage::StationState> stationState(qint64 stationId) const;

    std::shared_ptr<storage::Database> m_db;
    ChargingOptions m_options;
    const Clock &m_clock;
    storage::StationStateRepository m_stations;
    TagAuthorizer m_authorizer;
    TransactionLedger m_ledger;
    TransactionEvents m_transactionEvents;

    mutable QMutex m_observerMutex;
    SessionObserver *m_observer = nullptr;

    mutable QMutex m_vendorMutex;
    QHash<QString, DataTransferHandler> m_vendorHandlers;
};

}  // namespace cd::charging
