#include "core/charging/messagelog.h"

#include <nlohmann/json.hpp>

namespace cd::charging {

LinkMessageLog::LinkMessageLog(QString chargePointId, std::function<void()> scheduleFlush)
    : m_chargePointId(std::move(chargePointId)), m_scheduleFlush(std::move(scheduleFlush))
{
}

QString LinkMessageLog::errorCodeOf(const QString &raw)
{
    const nlohmann::json frame = nlohmann::json::parse(raw.toStdString(), nullptr, false);
    if (frame.is_array() && frame.size() >= 3 && frame[2].is_string())
        return QString::fromStdString(frame[2].get<std::string>()).left(64);
    return {};
}

void LinkMessageLog::observe(const ocpp::FrameRecord &record)
{
    storage::MessageLogEntry entry;
    entry.chargePointId = m_chargePointId;
    entry.direction = record.direction == ocpp::FrameDirection::Incoming ? QStringLiteral("in") : QStringLiteral("out");
    entry.messageType = record.messageType ? int(*record.messageType) : 0;
    entry.messageId = record.messageId.left(128);
    entry.action = record.action.left(64);
    entry.problem = record.problem.left(500);
    entry.raw = record.text;
    entry.atMs = record.timestampMs;
    if (record.messageType == ocpp::MessageType::CallError)
        entry.errorCode = errorCodeOf(record.text);

    const bool incomingCall = record.direction == ocpp::FrameDirection::Incoming
        && record.messageType == ocpp::MessageType::Call && record.problem.isEmpty();
    const bool answer = record.direction == ocpp::FrameDirection::Outgoing
        && (record.messageType == ocpp::MessageType::CallResult || record.messageType == ocpp::MessageType::CallError);
    bool schedule = false;
    {
        QMutexLocker locker(&m_mutex);
        if (answer) {
            if (const auto it = m_answerSessions.constFind(record.messageId); it != m_answerSessions.constEnd()) {
                entry.sessionId = *it;
                m_answerSessions.erase(it);
            }
            // A CALL the endpoint answered without its handler (validation, unknown action):
            // nobody will take it; release it to the flush.
            for (Pending &p : m_pending) {
                if (p.held && p.entry.messageId == entry.messageId)
                    p.held = false;
            }
        }
        m_pending.append(Pending{entry, incomingCall});
        if (!incomingCall && !m_flushScheduled) {
            m_flushScheduled = true;
            schedule = true;
        }
    }
    if (schedule && m_scheduleFlush)
        m_scheduleFlush();
}

QList<storage::MessageLogEntry> LinkMessageLog::takeForCall(const QString &messageId)
{
    QMutexLocker locker(&m_mutex);
    QList<storage::MessageLogEntry> out;
    QList<Pending> keep;
    bool own = false;
    for (Pending &p : m_pending) {
        if (!p.held) {
            out.append(std::move(p.entry));
        } else if (!own && p.entry.messageId == messageId) {
            own = true;
            out.append(std::move(p.entry));
        } else {
            keep.append(std::move(p));
        }
    }
    m_pending = std::move(keep);
    return out;
}

QList<storage::MessageLogEntry> LinkMessageLog::takeReady(bool all)
{
    QMutexLocker locker(&m_mutex);
    m_flushScheduled = false;
    QList<storage::MessageLogEntry> out;
    QList<Pending> keep;
    if (all)
        m_answerSessions.clear();
    for (Pending &p : m_pending) {
        if (all || !p.held)
            out.append(std::move(p.entry));
        else
            keep.append(std::move(p));
    }
    m_pending = std::move(keep);
    return out;
}

void LinkMessageLog::linkAnswer(const QString &messageId, std::optional<qint64> sessionId)
{
    QMutexLocker locker(&m_mutex);
    m_answerSessions.insert(messageId, sessionId);
}

Status writeMessageLog(const storage::Database &db, QList<storage::MessageLogEntry> entries,
                       std::optional<qint64> stationId)
{
    if (stationId) {
        for (storage::MessageLogEntry &e : entries) {
            if (!e.stationId)
                e.stationId = stationId;
        }
    }
    return storage::MessageLogRepository(db).append(entries);
}

}  // namespace cd::charging
