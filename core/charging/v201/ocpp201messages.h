#pragma once
// OCPP 2.0.1 payloads ↔ charging-service domain types. Payloads arrive schema-validated; what
// the schema cannot check (date-times we cannot place, integers out of range, meter values we
// cannot hold exactly) is reported as an RpcError for the station.

#include "core/charging/chargingevents.h"
#include "core/charging/payloadfields.h"
#include "core/storage/stationstaterepository.h"

#include <nlohmann/json.hpp>

namespace cd::charging::v201 {

// BootNotification: chargingStation {vendorName, model, serialNumber, firmwareVersion, modem}.
storage::StationIdentity bootIdentity(const nlohmann::json &request);
nlohmann::json bootResponse(const BootResult &result);

// StatusNotification: evseId + connectorId → the connector; connectorStatus (Available,
// Occupied, Reserved, Unavailable, Faulted) as the status.
Parsed<StatusReport> statusReport(const nlohmann::json &request);

// meterValue arrays (MeterValues, TransactionEvent): value × 10^multiplier in unitOfMeasure.unit
// (default Wh for energy); values that cannot be held exactly are skipped and counted.
Parsed<QList<MeterReading>> meterReadings(const nlohmann::json &meterValues, int *skipped);
Parsed<MeterReport> meterReport(const nlohmann::json &request);

Parsed<TransactionEventReport> transactionEvent(const nlohmann::json &request);

// NotifyReport: every reportData × variableAttribute as one device-model variable.
Parsed<DeviceModelReport> deviceModelReport(const nlohmann::json &request);

// IdTokenInfoType for Authorize and TransactionEvent answers.
nlohmann::json idTokenInfo(const IdTagInfo &info);

// The action a TriggerMessage asks the station to send.
QString triggeredAction(const QString &requestedMessage);

}  // namespace cd::charging::v201
