#pragma once
// The state of one station connection that outlives any single message: shared between the
// connection's thread (handlers, spy) and the commit thread (jobs).

#include "core/charging/messagelog.h"
#include "core/ocpp/protocolversion.h"

#include <QHash>
#include <QMutex>
#include <QString>

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
};

}  // namespace cd::charging
