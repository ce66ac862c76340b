#include "core/commands/commandtemplates.h"

namespace cd::commands {

using nlohmann::json;

QList<CommandTemplate> commandTemplates(ocpp::ProtocolVersion version)
{
    if (version == ocpp::ProtocolVersion::Ocpp16) {
        return {
            {QStringLiteral("Reset"), {{"type", "Soft"}}},
            {QStringLiteral("UnlockConnector"), {{"connectorId", 1}}},
            {QStringLiteral("RemoteStartTransaction"), {{"connectorId", 1}, {"idTag", "TAG"}}},
            {QStringLiteral("RemoteStopTransaction"), {{"transactionId", 1}}},
            {QStringLiteral("ChangeAvailability"), {{"connectorId", 0}, {"type", "Inoperative"}}},
            {QStringLiteral("TriggerMessage"), {{"requestedMessage", "StatusNotification"}}},
            {QStringLiteral("GetConfiguration"), json::object()},
            {QStringLiteral("ChangeConfiguration"), {{"key", "HeartbeatInterval"}, {"value", "300"}}},
            {QStringLiteral("ClearCache"), json::object()},
            {QStringLiteral("GetLocalListVersion"), json::object()},
            {QStringLiteral("SendLocalList"), {{"listVersion", 1}, {"updateType", "Full"}, {"localAuthorizationList", json::array()}}},
            {QStringLiteral("ReserveNow"),
             {{"connectorId", 1}, {"expiryDate", "2030-01-01T00:00:00Z"}, {"idTag", "TAG"}, {"reservationId", 1}}},
            {QStringLiteral("CancelReservation"), {{"reservationId", 1}}},
            {QStringLiteral("SetChargingProfile"),
             {{"connectorId", 1},
              {"csChargingProfiles",
               {{"chargingProfileId", 1}, {"stackLevel", 0}, {"chargingProfilePurpose", "TxDefaultProfile"},
                {"chargingProfileKind", "Relative"},
                {"chargingSchedule", {{"chargingRateUnit", "A"},
                                      {"chargingSchedulePeriod", json::array({{{"startPeriod", 0}, {"limit", 16}}})}}}}}}},
            {QStringLiteral("GetCompositeSchedule"), {{"connectorId", 1}, {"duration", 3600}}},
            {QStringLiteral("ClearChargingProfile"), json::object()},
            {QStringLiteral("GetDiagnostics"), {{"location", "ftp://logs.example.com/"}}},
            {QStringLiteral("UpdateFirmware"), {{"location", "https://firmware.example.com/fw.bin"}, {"retrieveDate", "2030-01-01T00:00:00Z"}}},
            {QStringLiteral("DataTransfer"), {{"vendorId", "com.example"}}},
        };
    }
    if (version == ocpp::ProtocolVersion::Ocpp201) {
        return {
            {QStringLiteral("Reset"), {{"type", "OnIdle"}}},
            {QStringLiteral("UnlockConnector"), {{"evseId", 1}, {"connectorId", 1}}},
            {QStringLiteral("RequestStartTransaction"), {{"idToken", {{"idToken", "TAG"}, {"type", "ISO14443"}}}, {"remoteStartId", 1}, {"evseId", 1}}},
            {QStringLiteral("RequestStopTransaction"), {{"transactionId", "1"}}},
            {QStringLiteral("GetTransactionStatus"), {{"transactionId", "1"}}},
            {QStringLiteral("ChangeAvailability"), {{"operationalStatus", "Inoperative"}}},
            {QStringLiteral("TriggerMessage"), {{"requestedMessage", "StatusNotification"}}},
            {QStringLiteral("GetVariables"),
             {{"getVariableData", json::array({{{"component", {{"name", "OCPPCommCtrlr"}}}, {"variable", {{"name", "HeartbeatInterval"}}}}})}}},
            {QStringLiteral("SetVariables"),
             {{"setVariableData", json::array({{{"attributeValue", "300"}, {"component", {{"name", "OCPPCommCtrlr"}}},
                                                 {"variable", {{"name", "HeartbeatInterval"}}}}})}}},
            {QStringLiteral("GetBaseReport"), {{"requestId", 1}, {"reportBase", "FullInventory"}}},
            {QStringLiteral("ClearCache"), json::object()},
            {QStringLiteral("GetLocalListVersion"), json::object()},
            {QStringLiteral("SendLocalList"),
             {{"versionNumber", 1},
              {"updateType", "Full"},
              {"localAuthorizationList",
               json::array({{{"idToken", {{"idToken", "TAG"}, {"type", "ISO14443"}}}, {"idTokenInfo", {{"status", "Accepted"}}}}})}}},
            {QStringLiteral("ReserveNow"),
             {{"id", 1}, {"expiryDateTime", "2030-01-01T00:00:00Z"}, {"idToken", {{"idToken", "TAG"}, {"type", "ISO14443"}}}}},
            {QStringLiteral("CancelReservation"), {{"reservationId", 1}}},
            {QStringLiteral("SetChargingProfile"),
             {{"evseId", 1},
              {"chargingProfile",
               {{"id", 1}, {"stackLevel", 0}, {"chargingProfilePurpose", "TxDefaultProfile"}, {"chargingProfileKind", "Relative"},
                {"chargingSchedule", json::array({{{"id", 1}, {"chargingRateUnit", "A"},
                                                   {"chargingSchedulePeriod", json::array({{{"startPeriod", 0}, {"limit", 16}}})}}})}}}}},
            {QStringLiteral("GetCompositeSchedule"), {{"evseId", 1}, {"duration", 3600}}},
            {QStringLiteral("ClearChargingProfile"), json::object()},
            {QStringLiteral("GetLog"), {{"logType", "DiagnosticsLog"}, {"requestId", 1}, {"log", {{"remoteLocation", "ftp://logs.example.com/"}}}}},
            {QStringLiteral("UpdateFirmware"),
             {{"requestId", 1}, {"firmware", {{"location", "https://firmware.example.com/fw.bin"}, {"retrieveDateTime", "2030-01-01T00:00:00Z"}}}}},
            {QStringLiteral("DataTransfer"), {{"vendorId", "com.example"}}},
        };
    }
    return {};
}

}  // namespace cd::commands
