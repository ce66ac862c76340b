#include "core/ocpp/v16/actions.h"

#include <array>

namespace cd::ocpp::v16 {
namespace {

constexpr Initiator CP = Initiator::ChargingStation;
constexpr Initiator CS = Initiator::CentralSystem;

constexpr std::array<ActionInfo, 39> kActions{{
    // Core
    {u"Authorize", CP},
    {u"BootNotification", CP},
    {u"ChangeAvailability", CS},
    {u"ChangeConfiguration", CS},
    {u"ClearCache", CS},
    {u"DataTransfer", Initiator::Either},
    {u"GetConfiguration", CS},
    {u"Heartbeat", CP},
    {u"MeterValues", CP},
    {u"RemoteStartTransaction", CS},
    {u"RemoteStopTransaction", CS},
    {u"Reset", CS},
    {u"StartTransaction", CP},
    {u"StatusNotification", CP},
    {u"StopTransaction", CP},
    {u"UnlockConnector", CS},
    // Firmware Management
    {u"DiagnosticsStatusNotification", CP},
    {u"FirmwareStatusNotification", CP},
    {u"GetDiagnostics", CS},
    {u"UpdateFirmware", CS},
    // Local Auth List Management
    {u"GetLocalListVersion", CS},
    {u"SendLocalList", CS},
    // Reservation
    {u"CancelReservation", CS},
    {u"ReserveNow", CS},
    // Smart Charging
    {u"ClearChargingProfile", CS},
    {u"GetCompositeSchedule", CS},
    {u"SetChargingProfile", CS},
    // Remote Trigger
    {u"TriggerMessage", CS},
    // Security extension (OCPP 1.6 Security Whitepaper)
    {u"CertificateSigned", CS},
    {u"DeleteCertificate", CS},
    {u"ExtendedTriggerMessage", CS},
    {u"GetInstalledCertificateIds", CS},
    {u"GetLog", CS},
    {u"InstallCertificate", CS},
    {u"LogStatusNotification", CP},
    {u"SecurityEventNotification", CP},
    {u"SignCertificate", CP},
    {u"SignedFirmwareStatusNotification", CP},
    {u"SignedUpdateFirmware", CS},
}};

}  // namespace

std::span<const ActionInfo> actions()
{
    return kActions;
}

}  // namespace cd::ocpp::v16
