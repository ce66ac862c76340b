#pragma once
// OCPP 1.6J payloads ↔ charging-service domain types. Payloads arrive schema-validated; what
// the schema cannot check (date-time values we cannot place, integers out of range, meter
// values that are not numbers) is reported as an RpcError for the station.

#include "core/charging/chargingevents.h"
#include "core/charging/payloadfields.h"
#include "core/ocpp/outcome.h"
#include "core/ocpp/rpcerror.h"
#include "core/storage/stationstaterepository.h"

#include <nlohmann/json.hpp>

namespace cd::charging::v16 {

storage::StationIdentity bootIdentity(const nlohmann::json &request);
nlohmann::json bootConfirmation(const BootResult &result);

Parsed<StatusReport> statusReport(const nlohmann::json &request);
Parsed<StartRequest> startRequest(const nlohmann::json &request);
Parsed<MeterReport> meterReport(const nlohmann::json &request);
Parsed<StopRequest> stopRequest(const nlohmann::json &request);

// meterValue / transactionData arrays. SignedData values and values that are not decimal
// numbers are skipped (the raw frame stays in the message log); `skipped` counts them.
Parsed<QList<MeterReading>> meterReadings(const nlohmann::json &meterValues, int *skipped);

nlohmann::json idTagInfo(const IdTagInfo &info);

// The action a TriggerMessage / ExtendedTriggerMessage asks the station to send.
QString triggeredAction(const QString &requestedMessage);

}  // namespace cd::charging::v16
