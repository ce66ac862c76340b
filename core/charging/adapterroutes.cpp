#include "core/charging/adapterroutes.h"

#include "core/charging/chargingservice.h"
#include "core/charging/eventdetail.h"
#include "core/charging/payloadfields.h"
#include "core/charging/timestamps.h"
#include "core/ocpp/rpcendpoint.h"

namespace cd::charging {

using nlohmann::json;

CallAnswer replyWith(json payload, std::optional<qint64> sessionId)
{
    return CallAnswer{std::move(payload), sessionId, {}};
}

CallAnswer refuseWith(ocpp::RpcError error)
{
    return CallAnswer{std::move(error), std::nullopt, {}};
}

Expected<BootResult> bootOf(ChargingService &service, const StationRef &station, const storage::StationIdentity &identity)
{
    if (station.stationId == 0) {
        BootResult refused;
        refused.status = RegistrationStatus::Rejected;
        refused.intervalSeconds = service.options().rejectedBootIntervalSeconds;
        refused.currentTimeMs = service.clock().nowMs();
        return refused;
    }
    return service.stationBooted(station, identity);
}

Expected<CallAnswer> answerHeartbeat(ChargingService &service, const StationRef &station, const json &)
{
    auto now = service.heartbeat(station);
    if (!now)
        return now.error();
    return replyWith({{"currentTime", formatTimestampMs(*now).toStdString()}});
}

Expected<CallAnswer> answerDataTransfer(ChargingService &service, const StationRef &station, const json &payload)
{
    DataTransferRequest request{payloadText(payload, "vendorId"), payloadText(payload, "messageId"), {}};
    if (const auto data = payload.find("data"); data != payload.end())
        request.data = data->is_string() ? QString::fromStdString(data->get<std::string>()) : QString::fromStdString(data->dump());
    auto result = service.dataTransfer(station, request);
    if (!result)
        return result.error();
    json conf = {{"status", dataTransferStatusName(result->status).toStdString()}};
    if (!result->data.isNull())
        conf["data"] = result->data.toStdString();
    return replyWith(conf);
}

Expected<CallAnswer> answerSignCertificate(ChargingService &service, const StationRef &station, const json &payload)
{
    auto accepted = service.certificateSigningRequested(station, payloadText(payload, "csr"));
    if (!accepted)
        return accepted.error();
    return replyWith({{"status", *accepted ? "Accepted" : "Rejected"}});
}

QString dataTransferStatusName(DataTransferStatus status)
{
    switch (status) {
    case DataTransferStatus::Accepted:
        return QStringLiteral("Accepted");
    case DataTransferStatus::Rejected:
        return QStringLiteral("Rejected");
    case DataTransferStatus::UnknownMessageId:
        return QStringLiteral("UnknownMessageId");
    case DataTransferStatus::UnknownVendorId:
        break;
    }
    return QStringLiteral("UnknownVendorId");
}

CallWork noticeWork(const char *kind, std::initializer_list<const char *> fields, const char *timeField)
{
    const QString noticeKind = QString::fromLatin1(kind);
    const std::vector<const char *> keys(fields);
    return [noticeKind, keys, timeField](ChargingService &service, const StationRef &station,
                                         const json &payload) -> Expected<CallAnswer> {
        StationNotice n;
        n.kind = noticeKind;
        json detail = json::object();
        for (const char *key : keys) {
            if (payload.contains(key))
                detail[key] = payload[key];
        }
        n.detail = detailText(detail);
        if (timeField)
            n.stationTimeMs = parseTimestampMs(payloadText(payload, timeField));
        if (Status st = service.stationNotice(station, n); !st)
            return st.error();
        return replyWith(json::object());
    };
}

QStringList routeActions(const std::vector<Route> &routes)
{
    QStringList out;
    for (const Route &r : routes)
        out << QString::fromLatin1(r.action);
    return out;
}

namespace {

// Outgoing TriggerMessage (1.6 also ExtendedTriggerMessage): the station may answer with the
// requested message even while Pending.
void noteTrigger(LinkContext &context, const ocpp::FrameRecord &record, const ChargingService &service,
                 TriggeredAction triggered)
{
    if (record.direction != ocpp::FrameDirection::Outgoing || record.messageType != ocpp::MessageType::Call
        || (record.action != u"TriggerMessage" && record.action != u"ExtendedTriggerMessage"))
        return;
    const json frame = json::parse(record.text.toStdString(), nullptr, false);
    if (!frame.is_array() || frame.size() < 4 || !frame[3].is_object())
        return;
    const QString requested = payloadText(frame[3], "requestedMessage");
    if (requested.isEmpty())
        return;
    context.triggers.allow(triggered(requested), service.clock().nowMs() + service.options().triggeredMessageWindowMs);
}

}  // namespace

void installRoutes(ocpp::RpcEndpoint &endpoint, const std::shared_ptr<LinkContext> &context, ChargingRuntime runtime,
                   std::vector<Route> routes, TriggeredAction triggered)
{
    context->endpoint.attach(&endpoint);
    // Direct: the frame must be in the log buffer before the endpoint calls the handler.
    std::weak_ptr<LinkContext> weak = context;
    const ChargingService *service = runtime.service;
    QObject::connect(
        &endpoint, &ocpp::RpcEndpoint::frameObserved, &endpoint,
        [weak, service, triggered](const ocpp::FrameRecord &record) {
            if (auto ctx = weak.lock()) {
                noteTrigger(*ctx, record, *service, triggered);
                ctx->log.observe(record);
            }
        },
        Qt::DirectConnection);
    for (Route &route : routes) {
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

}  // namespace cd::charging
