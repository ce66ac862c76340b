#include "core/charging/v16/ocpp16adapter.h"

#include "core/charging/chargingservice.h"
#include "core/charging/eventdetail.h"
#include "core/charging/timestamps.h"
#include "core/charging/v16/ocpp16messages.h"
#include "core/ocpp/rpcendpoint.h"

namespace cd::charging::v16 {

using nlohmann::json;

namespace {

using Result = Expected<CallAnswer>;

CallAnswer reply(json payload, std::optional<qint64> sessionId = std::nullopt)
{
    return CallAnswer{std::move(payload), sessionId};
}

CallAnswer refuse(ocpp::RpcError error)
{
    return CallAnswer{std::move(error), std::nullopt};
}

QString field(const json &payload, const char *key)
{
    const auto it = payload.find(key);
    return it != payload.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

// ---- Core ----------------------------------------------------------------------------------

Result bootNotification(ChargingService &service, const StationRef &station, const json &payload)
{
    if (station.stationId == 0) {
        // Connected without being registered (the server admitted it anyway): never Accepted.
        BootResult refused;
        refused.status = RegistrationStatus::Rejected;
        refused.intervalSeconds = service.options().rejectedBootIntervalSeconds;
        refused.currentTimeMs = service.clock().nowMs();
        return reply(bootConfirmation(refused));
    }
    auto result = service.stationBooted(station, bootIdentity(payload));
    if (!result)
        return result.error();
    return reply(bootConfirmation(*result));
}

Result heartbeat(ChargingService &service, const StationRef &station, const json &)
{
    auto now = service.heartbeat(station);
    if (!now)
        return now.error();
    return reply({{"currentTime", formatTimestampMs(*now).toStdString()}});
}

Result statusNotification(ChargingService &service, const StationRef &station, const json &payload)
{
    auto report = statusReport(payload);
    if (!report)
        return refuse(report.error());
    auto result = service.connectorStatusChanged(station, report.value());
    if (!result)
        return result.error();
    return reply(json::object());
}

Result authorize(ChargingService &service, const StationRef &station, const json &payload)
{
    auto info = service.authorize(station, field(payload, "idTag"));
    if (!info)
        return info.error();
    return reply({{"idTagInfo", idTagInfo(*info)}});
}

Result startTransaction(ChargingService &service, const StationRef &station, const json &payload)
{
    auto request = startRequest(payload);
    if (!request)
        return refuse(request.error());
    auto started = service.transactionStarted(station, request.value());
    if (!started)
        return started.error();
    bool ok = false;
    const qint64 transactionId = started->transactionId.toLongLong(&ok);
    if (!ok)
        return Error{ExitCode::Failure, QStringLiteral("transaction id %1 is not an integer").arg(started->transactionId)};
    return reply({{"transactionId", transactionId}, {"idTagInfo", idTagInfo(started->idTagInfo)}}, started->sessionId);
}

Result stopTransaction(ChargingService &service, const StationRef &station, const json &payload)
{
    auto request = stopRequest(payload);
    if (!request)
        return refuse(request.error());
    auto stopped = service.transactionStopped(station, request.value());
    if (!stopped)
        return stopped.error();
    json conf = json::object();
    if (stopped->idTagInfo)
        conf["idTagInfo"] = idTagInfo(*stopped->idTagInfo);
    return reply(conf, stopped->sessionId);
}

Result meterValues(ChargingService &service, const StationRef &station, const json &payload)
{
    auto report = meterReport(payload);
    if (!report)
        return refuse(report.error());
    auto result = service.meterValues(station, report.value());
    if (!result)
        return result.error();
    return reply(json::object(), result->sessionId);
}

Result dataTransfer(ChargingService &service, const StationRef &station, const json &payload)
{
    DataTransferRequest request{field(payload, "vendorId"), field(payload, "messageId"), field(payload, "data")};
    auto result = service.dataTransfer(station, request);
    if (!result)
        return result.error();
    json conf = {{"status", dataTransferStatusName(result->status).toStdString()}};
    if (!result->data.isNull())
        conf["data"] = result->data.toStdString();
    return reply(conf);
}

// ---- Firmware Management and the security extension ----------------------------------------------

CallWork notice(const char *kind, std::initializer_list<const char *> fields, const char *timeField = nullptr)
{
    const QString noticeKind = QString::fromLatin1(kind);
    const std::vector<const char *> keys(fields);
    return [noticeKind, keys, timeField](ChargingService &service, const StationRef &station, const json &payload) -> Result {
        StationNotice n;
        n.kind = noticeKind;
        json detail = json::object();
        for (const char *key : keys) {
            if (payload.contains(key))
                detail[key] = payload[key];
        }
        n.detail = detailText(detail);
        if (timeField)
            n.stationTimeMs = parseTimestampMs(field(payload, timeField));
        if (Status st = service.stationNotice(station, n); !st)
            return st.error();
        return reply(json::object());
    };
}

Result signCertificate(ChargingService &service, const StationRef &station, const json &payload)
{
    auto accepted = service.certificateSigningRequested(station, field(payload, "csr"));
    if (!accepted)
        return accepted.error();
    return reply({{"status", *accepted ? "Accepted" : "Rejected"}});
}

struct Route {
    const char *action;
    Gate gate;
    CallWork work;
};

std::vector<Route> routes()
{
    return {
        {"BootNotification", Gate::AnyRegistration, bootNotification},
        {"Heartbeat", Gate::Accepted, heartbeat},
        {"StatusNotification", Gate::Accepted, statusNotification},
        {"Authorize", Gate::Accepted, authorize},
        {"StartTransaction", Gate::Accepted, startTransaction},
        {"StopTransaction", Gate::Accepted, stopTransaction},
        {"MeterValues", Gate::Accepted, meterValues},
        {"DataTransfer", Gate::Accepted, dataTransfer},
        {"DiagnosticsStatusNotification", Gate::Accepted, notice("diagnostics_status", {"status"})},
        {"FirmwareStatusNotification", Gate::Accepted, notice("firmware_status", {"status"})},
        {"LogStatusNotification", Gate::Accepted, notice("log_status", {"status", "requestId"})},
        {"SignedFirmwareStatusNotification", Gate::Accepted,
         notice("signed_firmware_status", {"status", "requestId"})},
        {"SecurityEventNotification", Gate::Accepted,
         notice("security_event", {"type", "timestamp", "techInfo"}, "timestamp")},
        {"SignCertificate", Gate::Accepted, signCertificate},
    };
}

// Outgoing TriggerMessage / ExtendedTriggerMessage: the station may answer with the requested
// message even while Pending.
void noteTrigger(LinkContext &context, const ocpp::FrameRecord &record, const ChargingService &service)
{
    if (record.direction != ocpp::FrameDirection::Outgoing || record.messageType != ocpp::MessageType::Call
        || (record.action != u"TriggerMessage" && record.action != u"ExtendedTriggerMessage"))
        return;
    const json frame = json::parse(record.text.toStdString(), nullptr, false);
    if (!frame.is_array() || frame.size() < 4 || !frame[3].is_object())
        return;
    const QString requested = field(frame[3], "requestedMessage");
    if (requested.isEmpty())
        return;
    context.triggers.allow(triggeredAction(requested), service.clock().nowMs() + service.options().triggeredMessageWindowMs);
}

}  // namespace

QStringList handledActions()
{
    QStringList out;
    for (const Route &r : routes())
        out << QString::fromLatin1(r.action);
    return out;
}

void install(ocpp::RpcEndpoint &endpoint, const std::shared_ptr<LinkContext> &context, ChargingRuntime runtime)
{
    // Direct: the frame must be in the log buffer before the endpoint calls the handler.
    std::weak_ptr<LinkContext> weak = context;
    const ChargingService *service = runtime.service;
    QObject::connect(
        &endpoint, &ocpp::RpcEndpoint::frameObserved, &endpoint,
        [weak, service](const ocpp::FrameRecord &record) {
            if (auto ctx = weak.lock()) {
                noteTrigger(*ctx, record, *service);
                ctx->log.observe(record);
            }
        },
        Qt::DirectConnection);
    for (Route &route : routes()) {
        endpoint.setHandler(QString::fromLatin1(route.action),
                            [weak, runtime, gate = route.gate, work = std::move(route.work)](const ocpp::IncomingCall &call,
                                                                                            const ocpp::Reply &answer) {
                                auto ctx = weak.lock();
                                if (!ctx) {
                                    answer.error(ocpp::RpcError::make(ocpp::ErrorKind::InternalError,
                                                                      QStringLiteral("The connection is closing")));
                                    return;
                                }
                                dispatchCall(call, answer, ctx, runtime, gate, work);
                            });
    }
}

}  // namespace cd::charging::v16
