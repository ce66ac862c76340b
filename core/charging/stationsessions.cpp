#include "core/charging/stationsessions.h"

#include "core/charging/chargingservice.h"
#include "core/charging/commitqueue.h"
#include "core/charging/v16/ocpp16adapter.h"
#include "core/charging/v201/ocpp201adapter.h"
#include "core/ocpp/rpcendpoint.h"

#include <QLoggingCategory>

namespace cd::charging {

namespace {

Q_LOGGING_CATEGORY(lcSessions, "cd.charging.sessions")

}  // namespace

StationSessions::StationSessions(ChargingRuntime runtime) : m_runtime(runtime) {}

StationSessions::~StationSessions() = default;

void StationSessions::stationConnected(server::StationLink &link)
{
    const ChargingRuntime runtime = m_runtime;
    // The flush callback holds the context weakly: the context owns the log that owns it.
    auto holder = std::make_shared<std::weak_ptr<LinkContext>>();
    auto context = std::make_shared<LinkContext>(
        link.chargePointId(), link.version(), link.connectedSinceMs(), link.peerAddress().toString(), [holder, runtime] {
            if (auto ctx = holder->lock())
                scheduleLogFlush(ctx, runtime);
        });
    *holder = context;
    {
        QMutexLocker locker(&m_mutex);
        m_links.insert(&link, context);
    }

    switch (link.version()) {
    case ocpp::ProtocolVersion::Ocpp16:
        v16::install(link.endpoint(), context, runtime);
        break;
    case ocpp::ProtocolVersion::Ocpp201:
        v201::install(link.endpoint(), context, runtime);
        break;
    case ocpp::ProtocolVersion::Ocpp21:
        // No 2.1 adapter yet: every CALL gets the endpoint's NotSupported; the traffic is still logged.
        qCWarning(lcSessions, "%s speaks %s, which the charging service does not handle yet",
                  qUtf8Printable(link.chargePointId()), qUtf8Printable(ocpp::subprotocolName(link.version())));
        QObject::connect(
            &link.endpoint(), &ocpp::RpcEndpoint::frameObserved, &link.endpoint(),
            [weak = std::weak_ptr<LinkContext>(context)](const ocpp::FrameRecord &record) {
                if (auto ctx = weak.lock())
                    ctx->log.observe(record);
            },
            Qt::DirectConnection);
        break;
    }

    // Record the connection first: every message job of this link queues behind it.
    CommitQueue::Job job;
    job.work = [context, service = runtime.service]() { return recordConnection(*service, *context); };
    job.done = [id = context->chargePointId](const Status &status) {
        if (!status)
            qCWarning(lcSessions, "connection of %s not recorded: %s", qUtf8Printable(id),
                      qUtf8Printable(status.error().message));
    };
    runtime.queue->submit(std::move(job));
}

void StationSessions::stationDisconnected(server::StationLink &link, const QString &reason)
{
    std::shared_ptr<LinkContext> context;
    {
        QMutexLocker locker(&m_mutex);
        context = m_links.take(&link);
    }
    if (!context)
        return;
    context->endpoint.detach();
    CommitQueue::Job job;
    job.work = [context, service = m_runtime.service, reason]() -> Status {
        if (!context->stationId)
            return {};
        return service->stationDisconnected(*context->stationId, context->connectedSinceMs, reason);
    };
    job.done = [id = context->chargePointId](const Status &status) {
        if (!status)
            qCWarning(lcSessions, "disconnection of %s not recorded: %s", qUtf8Printable(id),
                      qUtf8Printable(status.error().message));
    };
    m_runtime.queue->submit(std::move(job));
    scheduleLogFlush(context, m_runtime, /*closing=*/true);
}

void StationSessions::flushMessageLogs()
{
    QList<std::shared_ptr<LinkContext>> contexts;
    {
        QMutexLocker locker(&m_mutex);
        contexts = m_links.values();
    }
    for (const auto &context : std::as_const(contexts))
        scheduleLogFlush(context, m_runtime);
}

int StationSessions::connectedCount() const
{
    QMutexLocker locker(&m_mutex);
    return int(m_links.size());
}

}  // namespace cd::charging
