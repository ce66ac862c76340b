#include "core/charging/calldispatch.h"

#include "core/charging/chargingservice.h"
#include "core/charging/commitqueue.h"

#include <QLoggingCategory>

namespace cd::charging {

namespace {

Q_LOGGING_CATEGORY(lcDispatch, "cd.charging.dispatch")

ocpp::RpcError notAccepted(const QString &action, const QString &registration)
{
    return ocpp::RpcError::make(ocpp::ErrorKind::SecurityError,
                                QStringLiteral("%1 refused: the station's registration is %2; only BootNotification is "
                                               "processed until it is Accepted")
                                    .arg(action, registration));
}

}  // namespace

Status recordConnection(ChargingService &service, LinkContext &context)
{
    if (context.connectionRecorded)
        return {};
    auto id = service.stationConnected(context.chargePointId, ocpp::subprotocolName(context.version),
                                       context.connectedSinceMs, context.peer);
    if (!id)
        return id.error();
    context.stationId = *id;
    context.connectionRecorded = true;
    return {};
}

void dispatchCall(const ocpp::IncomingCall &call, const ocpp::Reply &reply, const std::shared_ptr<LinkContext> &context,
                  ChargingRuntime runtime, Gate gate, CallWork work)
{
    auto frames = std::make_shared<QList<storage::MessageLogEntry>>(context->log.takeForCall(call.messageId));
    auto answer = std::make_shared<std::optional<CallAnswer>>();
    ChargingService *service = runtime.service;

    CommitQueue::Job job;
    job.work = [context, service, call, gate, work = std::move(work), answer]() -> Status {
        if (Status st = recordConnection(*service, *context); !st)
            return st;
        const StationRef station{context->stationId.value_or(0), context->chargePointId};
        if (gate == Gate::Accepted) {
            QString registration = QStringLiteral("unknown");
            if (context->stationId) {
                auto status = service->registration(*context->stationId);
                if (!status)
                    return status.error();
                if (status->has_value())
                    registration = registrationStatusName(**status);
            }
            const bool triggered = context->triggers.allows(call.action, service->clock().nowMs());
            if (registration != u"Accepted" && !(context->stationId && triggered)) {
                answer->emplace(CallAnswer{notAccepted(call.action, registration), std::nullopt, {}});
                return {};
            }
        }
        auto result = work(*service, station, call.payload);
        if (!result)
            return result.error();
        answer->emplace(std::move(*result));
        return {};
    };
    job.record = [context, service, frames, answer, messageId = call.messageId](const Status &status) -> Status {
        const std::optional<qint64> sessionId = status && answer->has_value() ? (*answer)->sessionId : std::nullopt;
        QList<storage::MessageLogEntry> entries = *frames;
        for (storage::MessageLogEntry &e : entries) {
            if (e.direction == u"in" && e.messageType == 2 && e.messageId == messageId) {
                e.sessionId = sessionId;
                if (!status)
                    e.problem = QStringLiteral("not processed: ") + status.error().message.left(300);
            }
        }
        context->log.linkAnswer(messageId, sessionId);
        return writeMessageLog(service->database(), entries, context->stationId);
    };
    job.done = [reply, answer, context, runtime, action = call.action](const Status &status) {
        if (!status || !answer->has_value()) {
            reply.error(ocpp::RpcError::make(ocpp::ErrorKind::InternalError,
                                             QStringLiteral("Internal error: the message was not stored; please retry")));
            return;
        }
        std::visit(
            [&reply](const auto &payload) {
                if constexpr (std::is_same_v<std::decay_t<decltype(payload)>, ocpp::RpcError>)
                    reply.error(payload);
                else
                    reply.result(payload);
            },
            (*answer)->payload);
        // Posted after the answer (same thread, same order): our CALLs follow it on the wire.
        if (AfterAnswer after = (*answer)->after; after && std::holds_alternative<nlohmann::json>((*answer)->payload))
            context->endpoint.post([after = std::move(after), runtime](ocpp::RpcEndpoint &endpoint) { after(endpoint, runtime); });
        // Committed and answered: what follows for the session (payments) may start now.
        if ((*answer)->sessionId && std::holds_alternative<nlohmann::json>((*answer)->payload))
            runtime.service->notifySessionCommitted(SessionNotice{*(*answer)->sessionId, action});
    };
    runtime.queue->submit(std::move(job));
}

void scheduleLogFlush(const std::shared_ptr<LinkContext> &context, ChargingRuntime runtime, bool closing)
{
    // Taken once, on the first run, so a retry after a failed batch writes the same rows.
    auto frames = std::make_shared<std::optional<QList<storage::MessageLogEntry>>>();
    ChargingService *service = runtime.service;
    CommitQueue::Job job;
    job.record = [context, service, frames, closing](const Status &) -> Status {
        if (!frames->has_value())
            frames->emplace(context->log.takeReady(closing));
        if ((*frames)->isEmpty())
            return {};
        return writeMessageLog(service->database(), **frames, context->stationId);
    };
    job.done = [chargePointId = context->chargePointId](const Status &status) {
        if (!status)
            qCWarning(lcDispatch, "message log of %s not written: %s", qUtf8Printable(chargePointId),
                      qUtf8Printable(status.error().message));
    };
    runtime.queue->submit(std::move(job));
}

}  // namespace cd::charging

