#pragma once
// Version-neutral vocabulary of a simulated charging station: connector states, error codes,
// stop reasons, meter samples and the station's identity. The per-version adapters
// (core/sim/v16, later v201) translate these to and from the wire.

#include <QString>
#include <QtGlobal>

#include <optional>
#include <vector>

namespace cd::sim {

// OCPP connector states (1.6 names; 2.0.1 maps them to its ConnectorStatus + ChargingState).
enum class ConnectorStatus {
    Available,
    Preparing,
    Charging,
    SuspendedEVSE,
    SuspendedEV,
    Finishing,
    Reserved,
    Unavailable,
    Faulted,
};

enum class ConnectorError {
    NoError,
    ConnectorLockFailure,
    EVCommunicationError,
    GroundFailure,
    HighTemperature,
    InternalError,
    LocalListConflict,
    OtherError,
    OverCurrentFailure,
    OverVoltage,
    PowerMeterFailure,
    PowerSwitchFailure,
    ReaderFailure,
    ResetFailure,
    UnderVoltage,
    WeakSignal,
};

enum class StopReason {
    Local,
    Remote,
    EVDisconnected,
    DeAuthorized,
    EmergencyStop,
    HardReset,
    SoftReset,
    PowerLoss,
    Reboot,
    UnlockCommand,
    Other,
};

enum class AuthorizationStatus {
    Accepted,
    Blocked,
    Expired,
    Invalid,
    ConcurrentTx,
};

enum class RegistrationStatus {
    Accepted,
    Pending,
    Rejected,
};

enum class SampleContext {
    TransactionBegin,
    Periodic,
    TransactionEnd,
    Trigger,
};

enum class DiagnosticsStatus {
    Idle,
    Uploading,
    Uploaded,
    UploadFailed,
};

enum class FirmwareStatus {
    Idle,
    Downloading,
    Downloaded,
    DownloadFailed,
    Installing,
    Installed,
    InstallationFailed,
};

// The OCPP 1.6 spelling of each value (also what logs and tests print).
QString connectorStatusName(ConnectorStatus status);
QString connectorErrorName(ConnectorError error);
QString stopReasonName(StopReason reason);
QString authorizationStatusName(AuthorizationStatus status);
std::optional<AuthorizationStatus> authorizationStatusFromName(const QString &name);

// True while energy may flow or a transaction is open on the connector.
bool isSessionStatus(ConnectorStatus status);

// What the station reports about itself in BootNotification.
struct StationIdentity {
    QString vendor;
    QString model;
    QString firmwareVersion;
    QString serialNumber;
    QString meterType;
    QString meterSerialNumber;
};

// One sampled meter value set. Energy in integer Wh; the other quantities are physical readings
// and travel as decimal strings.
struct MeterSample {
    qint64 timestampMs = 0;  // UTC epoch ms, simulated clock
    SampleContext context = SampleContext::Periodic;
    std::optional<qint64> energyWh;   // Energy.Active.Import.Register
    std::optional<qint64> powerW;     // Power.Active.Import
    std::vector<double> currentA;     // Current.Import per phase L1, L2, L3 (empty: not sampled)
    std::vector<double> voltageV;     // Voltage per phase L1-N, L2-N, L3-N (empty: not sampled)
    std::optional<int> socPercent;    // SoC (location EV)
};

}  // namespace cd::sim
