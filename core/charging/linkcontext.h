#pragma once
// The state of one station connection that outlives any single message: shared between the
// connection's thread (handlers, spy) and the commit thread (jobs).

#include "core/charging/messagelog.h"
#include "core/ocpp/protocolversion.h"
#include "core/ocpp/rpcendpoint.h"

#include <QHash>
#include <QMutex>
#include <QString>

#include <functional>
#include <optional>

namespace cd::charging {

// Actions a station may send while not Accepted because we asked for them (TriggerMessage).
class TriggerWindow {
public:
    void allow(const QString &action, qint64 untilMs)
    {
        QMutexLocker locker(&m_mutex);
        m_until.insert(action, untilMs);
    }
    bool allows(const QString &action, qint64 nowMs) const
    {
        QMutexLocker locker(&m_mutex);
        return m_until.value(action, 0) > nowMs;
    }

private:
    mutable QMutex m_mutex;
    QHash<QString, qint64> m_until;
};

// Runs work with the link's endpoint on the endpoint's thread, posted from any thread (the
// commit thread sends the CALLs a job decided on this way). Posting while holding the lock keeps
// the endpoint alive for the post; an event still queued when the endpoint is destroyed is
// discarded. detach() when the link closes (the server destroys the link after that).
class EndpointMailbox {
public:
    void attach(ocpp::RpcEndpoint *endpoint)
    {
        QMutexLocker locker(&m_mutex);
        m_endpoint = endpoint;
    }
    void detach() { attach(nullptr); }
    // False when the link is gone: `work` is dropped.
    bool post(std::function<void(ocpp::RpcEndpoint &endpoint)> work)
    {
        QMutexLocker locker(&m_mutex);
        if (!m_endpoint)
            return false;
        ocpp::RpcEndpoint *endpoint = m_endpoint;
        QMetaObject::invokeMethod(
            endpoint, [endpoint, work = std::move(work)] { work(*endpoint); }, Qt::QueuedConnection);
        return true;
    }

private:
    QMutex m_mutex;
    ocpp::RpcEndpoint *m_endpoint = nullptr;
};

struct LinkContext {
    LinkContext(QString id, ocpp::ProtocolVersion protocolVersion, qint64 since, QString peerAddress,
                std::function<void()> scheduleFlush)
        : chargePointId(id),
          version(protocolVersion),
          connectedSinceMs(since),
          peer(std::move(peerAddress)),
          log(std::move(id), std::move(scheduleFlush))
    {
    }

    const QString chargePointId;
    const ocpp::ProtocolVersion version;
    const qint64 connectedSinceMs;
    const QString peer;

    // Commit thread only.
    std::optional<qint64> stationId;  // set once the connection is recorded (station registered)
    bool connectionRecorded = false;

    LinkMessageLog log;
    TriggerWindow triggers;
    EndpointMailbox endpoint;
};

}  // namespace cd::charging
