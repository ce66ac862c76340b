#pragma once
// The per-version strategy of a simulated station. SimulatedStation speaks in version-neutral
// terms (boot, status, start, sample, stop; remote start, reset, reserve, ...); a
// ProtocolAdapter turns those into one OCPP version's messages and answers, and installs that
// version's handlers for server commands, which call back into StationCommands.
//
// OCPP 1.6J: core/sim/v16. OCPP 2.0.1 slots in as core/sim/v201 implementing the same two
// interfaces (TransactionEvent carries what 1.6 splits into Start/MeterValues/Stop; the adapter
// maps 2.0.1's string transaction ids onto the station's integer ones).

#include "core/ocpp/protocolversion.h"
#include "core/sim/chargingprofiles.h"
#include "core/sim/configurationstore.h"
#include "core/sim/localauthorization.h"
#include "core/sim/stationtypes.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <vector>

namespace cd::ocpp {
class RpcEndpoint;
}

namespace cd::sim {

// One station→server CALL, ready for RpcEndpoint::call().
struct OutgoingMessage {
    QString action;
    nlohmann::json payload = nlohmann::json::object();
};

struct BootResult {
    RegistrationStatus status = RegistrationStatus::Rejected;
    int intervalS = 0;
};

struct StartResult {
    int transactionId = 0;
    AuthorizationStatus status = AuthorizationStatus::Invalid;
};

struct StatusReport {
    int connectorId = 0;
    ConnectorStatus status = ConnectorStatus::Available;
    ConnectorError error = ConnectorError::NoError;
    QString vendorErrorCode;
    qint64 timestampMs = 0;
};

struct StartTransactionData {
    int connectorId = 1;
    QString idTag;
    qint64 meterStartWh = 0;
    qint64 timestampMs = 0;
    std::optional<int> reservationId;
};

struct StopTransactionData {
    QString idTag;
    qint64 meterStopWh = 0;
    qint64 timestampMs = 0;
    StopReason reason = StopReason::Local;
    std::vector<MeterSample> transactionData;
};

// ---- server commands, version-neutral ---------------------------------------------------------

enum class CommandStatus { Accepted, Rejected };
enum class UnlockStatus { Unlocked, UnlockFailed, NotSupported };
enum class AvailabilityStatus { Accepted, Rejected, Scheduled };
enum class TriggerStatus { Accepted, Rejected, NotImplemented };
enum class ReservationStatus { Accepted, Faulted, Occupied, Rejected, Unavailable };
enum class ResetKind { Soft, Hard };
enum class TriggerKind {
    BootNotification,
    DiagnosticsStatusNotification,
    FirmwareStatusNotification,
    Heartbeat,
    MeterValues,
    StatusNotification,
};

struct ReservationRequest {
    int reservationId = 0;
    int connectorId = 0;
    qint64 expiryMs = 0;
    QString idTag;
    QString parentIdTag;
};

struct DataTransferAnswer {
    enum class Status { Accepted, Rejected, UnknownMessageId, UnknownVendorId };
    Status status = Status::UnknownVendorId;
    std::optional<QString> data;
};

struct CompositeSchedule {
    int connectorId = 0;
    qint64 startMs = 0;
    int durationS = 0;
    RateUnit unit = RateUnit::Watts;
    std::vector<SchedulePeriod> periods;
};

// What a station knows of one of its transactions (2.0.1 GetTransactionStatus).
struct TransactionStatusAnswer {
    bool ongoing = false;          // it still runs the transaction
    bool messagesInQueue = false;  // its queue holds messages of it not yet acknowledged
};

// What the station does for each server command. Called from the adapter's handlers on the
// station's thread; the adapter answers with the result right after the call returns.
class StationCommands {
public:
    virtual ~StationCommands() = default;

    virtual int connectorCount() const = 0;
    virtual qint64 nowMs() const = 0;

    virtual CommandStatus remoteStart(std::optional<int> connectorId, const QString &idTag,
                                      std::optional<ChargingProfile> txProfile) = 0;
    virtual CommandStatus remoteStop(int transactionId) = 0;
    virtual CommandStatus reset(ResetKind kind) = 0;
    virtual UnlockStatus unlockConnector(int connectorId) = 0;
    virtual AvailabilityStatus changeAvailability(int connectorId, bool operative) = 0;
    virtual const ConfigurationStore &configuration() const = 0;
    virtual ConfigChangeResult changeConfiguration(const QString &key, const QString &value) = 0;
    virtual CommandStatus clearCache() = 0;
    virtual TriggerStatus triggerMessage(TriggerKind kind, std::optional<int> connectorId) = 0;
    // The file name the diagnostics will be uploaded as; empty when there is nothing to upload.
    virtual QString startDiagnosticsUpload(const QString &location) = 0;
    virtual void scheduleFirmwareUpdate(const QString &location, qint64 retrieveAtMs) = 0;
    virtual ReservationStatus reserveNow(const ReservationRequest &request) = 0;
    virtual CommandStatus cancelReservation(int reservationId) = 0;
    virtual LocalAuthorization::UpdateResult sendLocalList(int version, bool full,
                                                           const std::vector<LocalAuthorization::ListEntry> &entries) = 0;
    // -1 when the local list is disabled.
    virtual int localListVersion() const = 0;
    virtual ChargingProfiles::InstallResult setChargingProfile(ChargingProfile profile) = 0;
    virtual bool clearChargingProfile(std::optional<int> id, std::optional<int> connectorId,
                                      std::optional<ProfilePurpose> purpose, std::optional<int> stackLevel) = 0;
    virtual std::optional<CompositeSchedule> compositeSchedule(int connectorId, int durationS,
                                                               std::optional<RateUnit> unit) = 0;
    virtual DataTransferAnswer dataTransfer(const QString &vendorId, const QString &messageId,
                                            const std::optional<QString> &data) = 0;
    // transactionId nullopt: any transaction (only messagesInQueue means something then).
    virtual TransactionStatusAnswer transactionStatus(std::optional<int> transactionId) const = 0;
    // A CALL the station makes because a command asked for it (NotifyReport after GetBaseReport);
    // false while the station is not Accepted.
    virtual bool sendFollowUp(OutgoingMessage message) = 0;

    // Messages a command causes (a StatusNotification after ChangeAvailability, the message a
    // TriggerMessage asks for, ...) must follow its answer on the wire: the adapter holds the
    // station's outgoing calls while it handles a command and releases them after answering.
    virtual void holdOutgoing() = 0;
    virtual void releaseOutgoing() = 0;
};

class ProtocolAdapter {
public:
    virtual ~ProtocolAdapter() = default;

    virtual ocpp::ProtocolVersion version() const = 0;

    // station → server
    virtual OutgoingMessage bootNotification(const StationIdentity &identity) const = 0;
    virtual OutgoingMessage heartbeat() const = 0;
    virtual OutgoingMessage statusNotification(const StatusReport &report) const = 0;
    virtual OutgoingMessage authorize(const QString &idTag) const = 0;
    virtual OutgoingMessage startTransaction(const StartTransactionData &data) const = 0;
    // transactionId nullopt: a sample outside a (confirmed) transaction.
    virtual OutgoingMessage meterValues(int connectorId, std::optional<int> transactionId,
                                        const std::vector<MeterSample> &samples) const = 0;
    virtual OutgoingMessage stopTransaction(int transactionId, const StopTransactionData &data) const = 0;
    virtual OutgoingMessage diagnosticsStatus(DiagnosticsStatus status) const = 0;
    virtual OutgoingMessage firmwareStatus(FirmwareStatus status) const = 0;

    // Answers (already schema-checked by the endpoint); nullopt when unusable.
    virtual std::optional<BootResult> parseBootResult(const nlohmann::json &payload) const = 0;
    virtual std::optional<AuthorizationStatus> parseAuthorizeResult(const nlohmann::json &payload) const = 0;
    // `sent` is the start message as it went out (2.0.1 stations choose the transaction id).
    virtual std::optional<StartResult> parseStartResult(const OutgoingMessage &sent,
                                                        const nlohmann::json &payload) const = 0;

    // server → station: one handler per command this version defines. `commands` must outlive
    // the endpoint's handlers.
    virtual void installHandlers(ocpp::RpcEndpoint &endpoint, StationCommands &commands) const = 0;
};

// The adapter for a version, or nullptr when the simulator does not speak it yet.
std::unique_ptr<ProtocolAdapter> makeProtocolAdapter(ocpp::ProtocolVersion version);

}  // namespace cd::sim
