#pragma once
// What stations tell the charging service, in domain terms (no OCPP version in sight), and
// what the service answers. The 1.6 adapter (v16/) and the 2.0.1 adapter (v201/) map onto these.

#include "core/charging/chargingtypes.h"
#include "core/charging/metervalue.h"
#include "core/storage/devicemodelrepository.h"

#include <QList>
#include <QString>

#include <optional>

namespace cd::charging {

// The station a message came from (resolved when it connected).
struct StationRef {
    qint64 stationId = 0;
    QString chargePointId;
};

// A session the server holds open with the transaction id the station knows it by.
struct OpenTransaction {
    qint64 sessionId = 0;
    QString transactionId;
};

struct BootResult {
    RegistrationStatus status = RegistrationStatus::Pending;
    int intervalSeconds = 0;
    qint64 currentTimeMs = 0;
    bool firmwareChanged = false;
    int openSessions = 0;                   // sessions that were open when the station rebooted
    QList<OpenTransaction> openTransactions;  // those sessions
};

struct StatusReport {
    int evseId = 0;
    int connectorId = 0;            // 0: the station as a whole
    QString status;                 // Available, Preparing, Charging, SuspendedEV, SuspendedEVSE,
                                    // Finishing, Reserved, Unavailable, Faulted (2.0.1: Occupied)
    QString errorCode;              // NoError, …
    QString info;
    QString vendorId;
    QString vendorErrorCode;
    std::optional<qint64> stationTimeMs;
};

struct StatusResult {
    bool replay = false;            // exactly this report was stored before
    bool current = false;           // it became the connector's current status
    QList<qint64> closedSessions;   // ghost sessions closed because of it
};

struct StartRequest {
    int evseId = 0;
    int connectorId = 0;
    QString idTag;                  // 2.0.1: may be empty (plugged in before authorization)
    qint64 meterStartWh = 0;
    bool meterStartKnown = true;    // false: the first energy register reading becomes the start
    qint64 stationTimeMs = 0;
    std::optional<qint64> reservationId;
    QString stationTransactionId;   // 2.0.1: the station names the transaction; 1.6: empty, we issue one
};

struct StartResult {
    qint64 sessionId = 0;
    QString sessionNumber;
    QString transactionId;
    IdTagInfo idTagInfo;
    bool retry = false;             // the same start was processed before: same answer
};

struct MeterReport {
    int evseId = 0;
    int connectorId = 0;
    QString transactionId;          // empty: not tied to a transaction
    QList<MeterReading> readings;
};

struct MeterResult {
    std::optional<qint64> sessionId;
    int stored = 0;
    int duplicates = 0;             // already stored (a replayed message)
    bool afterStop = false;         // readings for a session that already ended
};

struct StopRequest {
    QString transactionId;          // "-1" or unknown: an orphan stop
    QString idTag;                  // empty: none presented
    qint64 meterStopWh = 0;
    qint64 stationTimeMs = 0;
    QString reason = stopreason::Local;
    QList<MeterReading> readings;   // 1.6 transactionData
};

enum class StopOutcome {
    Stopped,    // the session ended now
    Duplicate,  // the station had stopped it before: answered, nothing counted twice
    Orphan,     // no session matches: recorded as a station event
};

struct StopResult {
    StopOutcome outcome = StopOutcome::Orphan;
    std::optional<qint64> sessionId;
    std::optional<IdTagInfo> idTagInfo;
    qint64 energyWh = 0;
};

// A numbered message of a transaction the station names (OCPP 2.0.1 TransactionEvent): started,
// updated or ended, with the id token when one is presented, the charging state, meter
// readings, and for the end the reason. seqNo numbers the station's messages: a seqNo seen
// before is a replay.
enum class TransactionEventType { Started, Updated, Ended };

struct TransactionEventReport {
    TransactionEventType type = TransactionEventType::Updated;
    QString transactionId;
    qint64 seqNo = 0;
    bool offline = false;           // the station queued it while offline
    QString triggerReason;
    qint64 stationTimeMs = 0;
    std::optional<int> evseId;      // absent: the EVSE the transaction started on
    int connectorId = 0;
    QString idToken;                // empty: none in this message
    QString chargingState;          // Charging, EVConnected, SuspendedEV, SuspendedEVSE, Idle; "" when unchanged
    QString stoppedReason;          // Ended: the reason (absent: Local)
    std::optional<qint64> reservationId;
    std::optional<qint64> remoteStartId;
    QList<MeterReading> readings;
};

struct TransactionEventResult {
    std::optional<qint64> sessionId;
    std::optional<IdTagInfo> idTagInfo;  // answered when the message carried an id token
    bool replay = false;                 // this seqNo was processed before: same answer, nothing counted
    QList<qint64> missingSeqNos;         // gaps seen before this message's seqNo
};

// The station's answer to 2.0.1 GetTransactionStatus for one transaction (use case E14).
struct TransactionStatusReport {
    std::optional<bool> ongoing;    // ongoingIndicator; absent: the station did not say
    bool messagesInQueue = false;   // it still holds messages of the transaction to send
};

enum class TransactionStatusOutcome {
    Recorded,    // kept as a session event; the session stays as it is
    Closed,      // the station ended it and will send nothing more: closed as EndedUnreported
    NotOpen,     // the session had ended before the answer came (its Ended arrived meanwhile)
};

// Firmware, diagnostics and log upload status, security events: kept on the station timeline.
struct StationNotice {
    QString kind;                   // "firmware_status", "diagnostics_status", "log_status",
                                    // "signed_firmware_status", "security_event"
    QString detail;                 // compact JSON
    std::optional<qint64> stationTimeMs;
};

// One part of a device model report (2.0.1 NotifyReport): the variables it describes.
struct DeviceModelReport {
    qint64 requestId = 0;
    qint64 seqNo = 0;
    bool toBeContinued = false;
    std::optional<qint64> generatedAtMs;
    QList<storage::DeviceVariable> variables;
};

struct DataTransferRequest {
    QString vendorId;
    QString messageId;
    QString data;
};

enum class DataTransferStatus { Accepted, Rejected, UnknownMessageId, UnknownVendorId };

struct DataTransferResult {
    DataTransferStatus status = DataTransferStatus::UnknownVendorId;
    QString data;
};

}  // namespace cd::charging
