#include "core/charging/v201/ocpp201adapter.h"

#include "core/charging/adapterroutes.h"
#include "core/charging/chargingservice.h"
#include "core/charging/v201/ocpp201messages.h"
#include "core/charging/v201/transactionstatus.h"

namespace cd::charging::v201 {

using nlohmann::json;

namespace {

using Result = Expected<CallAnswer>;

// ---- B Provisioning, G Availability -----------------------------------------------------------

Result bootNotification(ChargingService &service, const StationRef &station, const json &payload)
{
    auto result = bootOf(service, station, bootIdentity(payload));
    if (!result)
        return result.error();
    CallAnswer answer = replyWith(bootResponse(*result));
    // E14: a session still open here may have ended at the station with its Ended lost.
    if (result->status == RegistrationStatus::Accepted && !result->openTransactions.isEmpty())
        answer.after = askTransactionStatus(station, result->openTransactions);
    return answer;
}

Result statusNotification(ChargingService &service, const StationRef &station, const json &payload)
{
    auto report = statusReport(payload);
    if (!report)
        return refuseWith(report.error());
    auto result = service.connectorStatusChanged(station, report.value());
    if (!result)
        return result.error();
    return replyWith(json::object());
}

Result notifyReport(ChargingService &service, const StationRef &station, const json &payload)
{
    auto report = deviceModelReport(payload);
    if (!report)
        return refuseWith(report.error());
    if (Status st = service.deviceModelReported(station, report.value()); !st)
        return st.error();
    return replyWith(json::object());
}

// ---- C Authorization, E Transactions, J Meter values ------------------------------------------

Result authorize(ChargingService &service, const StationRef &station, const json &payload)
{
    const json token = payload.value("idToken", json::object());
    auto info = service.authorize(station, payloadText(token, "idToken"));
    if (!info)
        return info.error();
    return replyWith({{"idTokenInfo", idTokenInfo(*info)}});
}

Result transactionEvent(ChargingService &service, const StationRef &station, const json &payload)
{
    auto report = v201::transactionEvent(payload);
    if (!report)
        return refuseWith(report.error());
    auto result = service.transactionEvent(station, report.value());
    if (!result)
        return result.error();
    json response = json::object();
    if (result->idTagInfo)
        response["idTokenInfo"] = idTokenInfo(*result->idTagInfo);
    return replyWith(response, result->sessionId);
}

Result meterValues(ChargingService &service, const StationRef &station, const json &payload)
{
    auto report = meterReport(payload);
    if (!report)
        return refuseWith(report.error());
    auto result = service.meterValues(station, report.value());
    if (!result)
        return result.error();
    return replyWith(json::object(), result->sessionId);
}

std::vector<Route> routes()
{
    return {
        {"BootNotification", Gate::AnyRegistration, bootNotification},
        {"Heartbeat", Gate::Accepted, answerHeartbeat},
        {"StatusNotification", Gate::Accepted, statusNotification},
        {"NotifyReport", Gate::Accepted, notifyReport},
        {"Authorize", Gate::Accepted, authorize},
        {"TransactionEvent", Gate::Accepted, transactionEvent},
        {"MeterValues", Gate::Accepted, meterValues},
        {"DataTransfer", Gate::Accepted, answerDataTransfer},
        {"SignCertificate", Gate::Accepted, answerSignCertificate},
        {"SecurityEventNotification", Gate::Accepted,
         noticeWork("security_event", {"type", "timestamp", "techInfo"}, "timestamp")},
        {"FirmwareStatusNotification", Gate::Accepted, noticeWork("firmware_status", {"status", "requestId"})},
        {"PublishFirmwareStatusNotification", Gate::Accepted,
         noticeWork("publish_firmware_status", {"status", "location", "requestId"})},
        {"LogStatusNotification", Gate::Accepted, noticeWork("log_status", {"status", "requestId"})},
        {"NotifyEvent", Gate::Accepted, noticeWork("device_event", {"generatedAt", "seqNo", "tbc", "eventData"}, "generatedAt")},
        {"NotifyMonitoringReport", Gate::Accepted,
         noticeWork("monitoring_report", {"requestId", "seqNo", "tbc", "generatedAt", "monitor"}, "generatedAt")},
        {"NotifyCustomerInformation", Gate::Accepted,
         noticeWork("customer_information", {"data", "seqNo", "tbc", "requestId", "generatedAt"}, "generatedAt")},
        {"NotifyDisplayMessages", Gate::Accepted,
         noticeWork("display_messages", {"requestId", "tbc", "messageInfo"})},
        {"NotifyChargingLimit", Gate::Accepted,
         noticeWork("charging_limit", {"evseId", "chargingLimit", "chargingSchedule"})},
        {"ClearedChargingLimit", Gate::Accepted,
         noticeWork("charging_limit_cleared", {"evseId", "chargingLimitSource"})},
        {"NotifyEVChargingNeeds", Gate::Accepted,
         noticeWork("ev_charging_needs", {"evseId", "maxScheduleTuples", "chargingNeeds"})},
        {"NotifyEVChargingSchedule", Gate::Accepted,
         noticeWork("ev_charging_schedule", {"evseId", "timeBase", "chargingSchedule"}, "timeBase")},
        {"ReportChargingProfiles", Gate::Accepted,
         noticeWork("charging_profiles_report", {"requestId", "evseId", "tbc", "chargingLimitSource", "chargingProfile"})},
        {"ReservationStatusUpdate", Gate::Accepted,
         noticeWork("reservation_status", {"reservationId", "reservationUpdateStatus"})},
    };
}

}  // namespace

QStringList handledActions()
{
    return routeActions(routes());
}

void install(ocpp::RpcEndpoint &endpoint, const std::shared_ptr<LinkContext> &context, ChargingRuntime runtime)
{
    installRoutes(endpoint, context, runtime, routes(), triggeredAction);
}

}  // namespace cd::charging::v201
