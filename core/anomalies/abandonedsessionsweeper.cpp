#include "core/anomalies/abandonedsessionsweeper.h"

#include "core/anomalies/abandonedsessions.h"

#include <QLoggingCategory>
#include <QTimer>

namespace cd::anomalies {

Q_LOGGING_CATEGORY(lcAbandoned, "chargedesk.anomalies.abandoned")

AbandonedSessionSweeper::AbandonedSessionSweeper(const storage::Database &db, const Clock &clock,
                                                 const AnomalyThresholds &thresholds, std::chrono::milliseconds interval,
                                                 QObject *parent)
    : QObject(parent), m_db(db), m_clock(clock), m_thresholds(thresholds), m_interval(interval)
{
}

void AbandonedSessionSweeper::start()
{
    if (!m_timer && m_interval.count() > 0) {
        m_timer = new QTimer(this);
        m_timer->setInterval(m_interval);
        connect(m_timer, &QTimer::timeout, this, [this] { (void)sweep(); });
        m_timer->start();
    }
    (void)sweep();
}

Expected<QList<qint64>> AbandonedSessionSweeper::sweep()
{
    auto closed = AbandonedSessions::closeDue(m_db, m_clock.nowMs(), m_thresholds);
    if (!closed) {
        qCWarning(lcAbandoned) << "closing abandoned sessions failed:" << closed.error().message;
        Q_EMIT failed(closed.error().message);
        return closed;
    }
    if (!closed->isEmpty()) {
        qCInfo(lcAbandoned) << "closed abandoned sessions" << *closed;
        Q_EMIT sessionsAbandoned(*closed);
    }
    return closed;
}

}  // namespace cd::anomalies
