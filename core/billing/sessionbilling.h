#pragma once
// Every session that ends gets its bill (issue #6 items 3, 4, 7). A charging::SessionObserver like
// payments::SessionPayments: hears of sessions on the commit thread after the station was answered,
// only posts; on this object's thread it issues the bill (BillingService::issueBill) of each noticed
// session that is closed (stop_source set). sweep() (at start and every sweepInterval) bills the
// closed sessions without a bill that ended since automatic billing began (the settings row
// billing.autoBillSinceMs, written at the first start: sessions that ended before the upgrade are
// not billed behind anybody's back; `bill issue` does them by hand). billIssued also brings the
// session back to payments::SessionPayments (ServerRuntime connects it): under "hold until
// corrected" a card hold's capture waits for the bill (billing/settlement.h).

#include "core/charging/sessionobserver.h"
#include "core/common/clock.h"
#include "core/common/expected.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QSet>

#include <chrono>
#include <memory>

class QTimer;

namespace cd::storage {
class Database;
}

namespace cd::billing {

// The settings row (table settings) holding when automatic billing began (epoch ms, as text).
inline constexpr char kAutoBillSinceKey[] = "billing.autoBillSinceMs";

class AnomalyTagger;
class BillingService;

class SessionBilling : public QObject, public charging::SessionObserver {
    Q_OBJECT
public:
    // `db` and `clock` are not owned and must outlive this object.
    explicit SessionBilling(const storage::Database &db, const Clock &clock = Clock::system(),
                            std::chrono::milliseconds sweepInterval = std::chrono::minutes(5), QObject *parent = nullptr);
    ~SessionBilling() override;

    BillingService &service() { return *m_service; }
    // Not owned (nullptr: none).
    void setAnomalyTagger(AnomalyTagger *tagger);

    // Starts the periodic sweep and runs the first one.
    void start();

    // Any thread; returns at once.
    void sessionCommitted(const charging::SessionNotice &notice) override;

    // This object's thread. Issues the bill of the session when it is closed and has none.
    Status process(qint64 sessionId);
    // Bills closed sessions without a bill (see above), except those no tariff applied to when this
    // object last tried (a notice of the session tries again; since sessions without a tariff get a
    // zero-price bill, BillingService no longer reports any). How many bills were issued.
    Expected<int> sweep();

Q_SIGNALS:
    void billIssued(qint64 sessionId, qint64 billId);
    void failed(qint64 sessionId, const QString &error);

private:
    void flush();
    Expected<qint64> autoBillSinceMs();

    const storage::Database &m_db;
    const Clock &m_clock;
    std::unique_ptr<BillingService> m_service;
    std::chrono::milliseconds m_sweepInterval;
    QTimer *m_sweepTimer = nullptr;
    std::optional<qint64> m_sinceMs;

    QMutex m_mutex;  // guards m_dirty, m_flushPosted
    QSet<qint64> m_dirty;
    bool m_flushPosted = false;
};

}  // namespace cd::billing
