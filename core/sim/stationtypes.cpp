#include "core/sim/stationtypes.h"

#include <array>

namespace cd::sim {

QString connectorStatusName(ConnectorStatus status)
{
    switch (status) {
    case ConnectorStatus::Available: return QStringLiteral("Available");
    case ConnectorStatus::Preparing: return QStringLiteral("Preparing");
    case ConnectorStatus::Charging: return QStringLiteral("Charging");
    case ConnectorStatus::SuspendedEVSE: return QStringLiteral("SuspendedEVSE");
    case ConnectorStatus::SuspendedEV: return QStringLiteral("SuspendedEV");
    case ConnectorStatus::Finishing: return QStringLiteral("Finishing");
    case ConnectorStatus::Reserved: return QStringLiteral("Reserved");
    case ConnectorStatus::Unavailable: return QStringLiteral("Unavailable");
    case ConnectorStatus::Faulted: return QStringLiteral("Faulted");
    }
    return {};
}

QString connectorErrorName(ConnectorError error)
{
    switch (error) {
    case ConnectorError::NoError: return QStringLiteral("NoError");
    case ConnectorError::ConnectorLockFailure: return QStringLiteral("ConnectorLockFailure");
    case ConnectorError::EVCommunicationError: return QStringLiteral("EVCommunicationError");
    case ConnectorError::GroundFailure: return QStringLiteral("GroundFailure");
    case ConnectorError::HighTemperature: return QStringLiteral("HighTemperature");
    case ConnectorError::InternalError: return QStringLiteral("InternalError");
    case ConnectorError::LocalListConflict: return QStringLiteral("LocalListConflict");
    case ConnectorError::OtherError: return QStringLiteral("OtherError");
    case ConnectorError::OverCurrentFailure: return QStringLiteral("OverCurrentFailure");
    case ConnectorError::OverVoltage: return QStringLiteral("OverVoltage");
    case ConnectorError::PowerMeterFailure: return QStringLiteral("PowerMeterFailure");
    case ConnectorError::PowerSwitchFailure: return QStringLiteral("PowerSwitchFailure");
    case ConnectorError::ReaderFailure: return QStringLiteral("ReaderFailure");
    case ConnectorError::ResetFailure: return QStringLiteral("ResetFailure");
    case ConnectorError::UnderVoltage: return QStringLiteral("UnderVoltage");
    case ConnectorError::WeakSignal: return QStringLiteral("WeakSignal");
    }
    return {};
}

QString stopReasonName(StopReason reason)
{
    switch (reason) {
    case StopReason::Local: return QStringLiteral("Local");
    case StopReason::Remote: return QStringLiteral("Remote");
    case StopReason::EVDisconnected: return QStringLiteral("EVDisconnected");
    case StopReason::DeAuthorized: return QStringLiteral("DeAuthorized");
    case StopReason::EmergencyStop: return QStringLiteral("EmergencyStop");
    case StopReason::HardReset: return QStringLiteral("HardReset");
    case StopReason::SoftReset: return QStringLiteral("SoftReset");
    case StopReason::PowerLoss: return QStringLiteral("PowerLoss");
    case StopReason::Reboot: return QStringLiteral("Reboot");
    case StopReason::UnlockCommand: return QStringLiteral("UnlockCommand");
    case StopReason::Other: return QStringLiteral("Other");
    }
    return {};
}

QString authorizationStatusName(AuthorizationStatus status)
{
    switch (status) {
    case AuthorizationStatus::Accepted: return QStringLiteral("Accepted");
    case AuthorizationStatus::Blocked: return QStringLiteral("Blocked");
    case AuthorizationStatus::Expired: return QStringLiteral("Expired");
    case AuthorizationStatus::Invalid: return QStringLiteral("Invalid");
    case AuthorizationStatus::ConcurrentTx: return QStringLiteral("ConcurrentTx");
    }
    return {};
}

std::optional<AuthorizationStatus> authorizationStatusFromName(const QString &name)
{
    static constexpr std::array all{AuthorizationStatus::Accepted, AuthorizationStatus::Blocked,
                                    AuthorizationStatus::Expired, AuthorizationStatus::Invalid,
                                    AuthorizationStatus::ConcurrentTx};
    for (AuthorizationStatus status : all) {
        if (authorizationStatusName(status) == name)
            return status;
    }
    return std::nullopt;
}

bool isSessionStatus(ConnectorStatus status)
{
    return status == ConnectorStatus::Preparing || status == ConnectorStatus::Charging
        || status == ConnectorStatus::SuspendedEV || status == ConnectorStatus::SuspendedEVSE
        || status == ConnectorStatus::Finishing;
}

}  // namespace cd::sim
