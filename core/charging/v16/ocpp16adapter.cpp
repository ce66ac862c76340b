#include "core/charging/v16/ocpp16adapter.h"

#include "core/charging/adapterroutes.h"
#include "core/charging/chargingservice.h"
#include "core/charging/payloadfields.h"
#include "core/charging/timestamps.h"
#include "core/charging/v16/ocpp16messages.h"

namespace cd::charging::v16 {

using nlohmann::json;

namespace {

using Result = Expected<CallAnswer>;

// ---- Core ----------------------------------------------------------------------------------

Result bootNotification(ChargingService &service, const StationRef &station, const json &payload)
{
    auto result = bootOf(service, station, bootIdentity(payload));
    if (!result)
        return result.error();
    return replyWith(bootConfirmation(*result));
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

Result authorize(ChargingService &service, const StationRef &station, const json &payload)
{
    auto info = service.authorize(station, payloadText(payload, "idTag"));
    if (!info)
        return info.error();
    return replyWith({{"idTagInfo", idTagInfo(*info)}});
}

Result startTransaction(ChargingService &service, const StationRef &station, const json &payload)
{
    auto request = startRequest(payload);
    if (!request)
        return refuseWith(request.error());
    auto started = service.transactionStarted(station, request.value());
    if (!started)
        return started.error();
    bool ok = false;
    const qint64 transactionId = started->transactionId.toLongLong(&ok);
    if (!ok)
        return Error{ExitCode::Failure, QStringLiteral("transaction id %1 is not an integer").arg(started->transactionId)};
    return replyWith({{"transactionId", transactionId}, {"idTagInfo", idTagInfo(started->idTagInfo)}}, started->sessionId);
}

Result stopTransaction(ChargingService &service, const StationRef &station, const json &payload)
{
    auto request = stopRequest(payload);
    if (!request)
        return refuseWith(request.error());
    auto stopped = service.transactionStopped(station, request.value());
    if (!stopped)
        return stopped.error();
    json conf = json::object();
    if (stopped->idTagInfo)
        conf["idTagInfo"] = idTagInfo(*stopped->idTagInfo);
    return replyWith(conf, stopped->sessionId);
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
        {"Authorize", Gate::Accepted, authorize},
        {"StartTransaction", Gate::Accepted, startTransaction},
        {"StopTransaction", Gate::Accepted, stopTransaction},
        {"MeterValues", Gate::Accepted, meterValues},
        {"DataTransfer", Gate::Accepted, answerDataTransfer},
        {"DiagnosticsStatusNotification", Gate::Accepted, noticeWork("diagnostics_status", {"status"})},
        {"FirmwareStatusNotification", Gate::Accepted, noticeWork("firmware_status", {"status"})},
        {"LogStatusNotification", Gate::Accepted, noticeWork("log_status", {"status", "requestId"})},
        {"SignedFirmwareStatusNotification", Gate::Accepted,
         noticeWork("signed_firmware_status", {"status", "requestId"})},
        {"SecurityEventNotification", Gate::Accepted,
         noticeWork("security_event", {"type", "timestamp", "techInfo"}, "timestamp")},
        {"SignCertificate", Gate::Accepted, answerSignCertificate},
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

}  // namespace cd::charging::v16
