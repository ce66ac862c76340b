#pragma once
// Closes abandoned sessions (abandonedsessions.h) every few minutes and says which, so the billing
// pipeline bills them (ServerRuntime connects sessionsAbandoned to billing::SessionBilling::process).
// Lives in one thread; create, start and destroy it there.

#include "core/anomalies/anomalythresholds.h"
#include "core/common/clock.h"
#include "core/common/expected.h"

#include <QList>
#include <QObject>

#include <chrono>

class QTimer;

namespace cd::storage {
class Database;
}

namespace cd::anomalies {

class AbandonedSessionSweeper : public QObject {
    Q_OBJECT
public:
    // `db` and `clock` are not owned and must outlive the sweeper. interval 0: only sweep() by hand.
    AbandonedSessionSweeper(const storage::Database &db, const Clock &clock, const AnomalyThresholds &thresholds,
                            std::chrono::milliseconds interval = std::chrono::minutes(5), QObject *parent = nullptr);

    // Starts the timer and sweeps once.
    void start();
    // Closes what is due now; the ids closed (also announced by sessionsAbandoned when not empty).
    Expected<QList<qint64>> sweep();

Q_SIGNALS:
    void sessionsAbandoned(const QList<qint64> &sessionIds);
    void failed(const QString &error);

private:
    const storage::Database &m_db;
    const Clock &m_clock;
    AnomalyThresholds m_thresholds;
    std::chrono::milliseconds m_interval;
    QTimer *m_timer = nullptr;
};

}  // namespace cd::anomalies
