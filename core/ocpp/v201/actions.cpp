#include "core/ocpp/v201/actions.h"

#include <array>

namespace cd::ocpp::v201 {
namespace {

constexpr Initiator CS = Initiator::ChargingStation;
constexpr Initiator CSMS = Initiator::CentralSystem;

// Grouped by functional block (OCPP 2.0.1 part 2).
constexpr std::array<ActionInfo, 64> kActions{{
    // A Security
    {u"CertificateSigned", CSMS},
    {u"SecurityEventNotification", CS},
    {u"SignCertificate", CS},
    // B Provisioning
    {u"BootNotification", CS},
    {u"GetBaseReport", CSMS},
    {u"GetReport", CSMS},
    {u"GetVariables", CSMS},
    {u"NotifyReport", CS},
    {u"Reset", CSMS},
    {u"SetNetworkProfile", CSMS},
    {u"SetVariables", CSMS},
    // C Authorization
    {u"Authorize", CS},
    {u"ClearCache", CSMS},
    // D Local authorization list management
    {u"GetLocalListVersion", CSMS},
    {u"SendLocalList", CSMS},
    // E Transactions
    {u"GetTransactionStatus", CSMS},
    {u"TransactionEvent", CS},
    // F Remote control
    {u"RequestStartTransaction", CSMS},
    {u"RequestStopTransaction", CSMS},
    {u"TriggerMessage", CSMS},
    {u"UnlockConnector", CSMS},
    // G Availability
    {u"ChangeAvailability", CSMS},
    {u"Heartbeat", CS},
    {u"StatusNotification", CS},
    // H Reservation
    {u"CancelReservation", CSMS},
    {u"ReservationStatusUpdate", CS},
    {u"ReserveNow", CSMS},
    // I Tariff and cost
    {u"CostUpdated", CSMS},
    // J Meter values
    {u"MeterValues", CS},
    // K Smart charging
    {u"ClearChargingProfile", CSMS},
    {u"ClearedChargingLimit", CS},
    {u"GetChargingProfiles", CSMS},
    {u"GetCompositeSchedule", CSMS},
    {u"NotifyChargingLimit", CS},
    {u"NotifyEVChargingNeeds", CS},
    {u"NotifyEVChargingSchedule", CS},
    {u"ReportChargingProfiles", CS},
    {u"SetChargingProfile", CSMS},
    // L Firmware management
    {u"FirmwareStatusNotification", CS},
    {u"PublishFirmware", CSMS},
    {u"PublishFirmwareStatusNotification", CS},
    {u"UnpublishFirmware", CSMS},
    {u"UpdateFirmware", CSMS},
    // M ISO 15118 certificate management
    {u"DeleteCertificate", CSMS},
    {u"Get15118EVCertificate", CS},
    {u"GetCertificateStatus", CS},
    {u"GetInstalledCertificateIds", CSMS},
    {u"InstallCertificate", CSMS},
    // N Diagnostics
    {u"ClearVariableMonitoring", CSMS},
    {u"CustomerInformation", CSMS},
    {u"GetLog", CSMS},
    {u"GetMonitoringReport", CSMS},
    {u"LogStatusNotification", CS},
    {u"NotifyCustomerInformation", CS},
    {u"NotifyEvent", CS},
    {u"NotifyMonitoringReport", CS},
    {u"SetMonitoringBase", CSMS},
    {u"SetMonitoringLevel", CSMS},
    {u"SetVariableMonitoring", CSMS},
    // O Display message
    {u"ClearDisplayMessage", CSMS},
    {u"GetDisplayMessages", CSMS},
    {u"NotifyDisplayMessages", CS},
    {u"SetDisplayMessage", CSMS},
    // P Data transfer
    {u"DataTransfer", Initiator::Either},
}};

}  // namespace

std::span<const ActionInfo> actions()
{
    return kActions;
}

}  // namespace cd::ocpp::v201
