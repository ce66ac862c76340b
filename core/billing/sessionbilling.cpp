#include "core/billing/sessionbilling.h"

#include "core/billing/billingservice.h"
#include "core/billing/billrepository.h"
#include "core/storage/database.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"

#include <QLoggingCategory>
#include <QTimer>

namespace cd::billing {

Q_LOGGING_CATEGORY(lcSessionBilling, "chargedesk.billing.sessions")

namespace {

const QString kSinceKey = QLatin1String(kAutoBillSinceKey);

}  // namespace

SessionBilling::SessionBilling(const storage::Database &db, const Clock &clock, std::chrono::milliseconds sweepInterval,
                               QObject *parent)
    : QObject(parent),
      m_db(db),
      m_clock(clock),
      m_service(std::make_unique<BillingService>(db, clock)),
      m_sweepInterval(sweepInterval)
{
}

SessionBilling::~SessionBilling() = default;

void SessionBilling::setAnomalyTagger(AnomalyTagger *tagger)
{
    m_service->setAnomalyTagger(tagger);
}

void SessionBilling::start()
{
    if (!m_sweepTimer) {
        m_sweepTimer = new QTimer(this);
        if (m_sweepInterval.count() > 0) {
            m_sweepTimer->setInterval(m_sweepInterval);
            connect(m_sweepTimer, &QTimer::timeout, this, [this] { (void)sweep(); });
            m_sweepTimer->start();
        }
    }
    (void)sweep();
}

void SessionBilling::sessionCommitted(const charging::SessionNotice &notice)
{
    if (notice.action == u"MeterValues")
        return;  // a meter value never ends a session
    QMutexLocker locker(&m_mutex);
    m_dirty.insert(notice.sessionId);
    if (m_flushPosted)
        return;
    m_flushPosted = true;
    QMetaObject::invokeMethod(this, &SessionBilling::flush, Qt::QueuedConnection);
}

void SessionBilling::flush()
{
    QSet<qint64> dirty;
    {
        QMutexLocker locker(&m_mutex);
        dirty.swap(m_dirty);
        m_flushPosted = false;
    }
    for (qint64 id : std::as_const(dirty))
        (void)process(id);
}

Status SessionBilling::process(qint64 sessionId)
{
    const Status status = [&]() -> Status {
        auto found = storage::SessionRepository(m_db).find(sessionId);
        if (!found)
            return found.error();
        if (!found->has_value() || (**found).stopSource.isEmpty())
            return {};
        auto issued = m_service->issue(sessionId);
        if (!issued)
            return issued.error();
        if (issued->created)
            emit billIssued(sessionId, issued->billId);
        return {};
    }();
    if (!status) {
        qCWarning(lcSessionBilling) << "session" << sessionId << status.error().message;
        emit failed(sessionId, status.error().message);
    }
    return status;
}

Expected<qint64> SessionBilling::autoBillSinceMs()
{
    if (m_sinceMs)
        return *m_sinceMs;
    auto q = storage::Sql::run(m_db.connection(), QStringLiteral("SELECT setting_value FROM settings WHERE setting_key = ?"),
                               {kSinceKey});
    if (!q)
        return q.error();
    if (q->next()) {
        m_sinceMs = q->value(0).toString().toLongLong();
        return *m_sinceMs;
    }
    q->finish();
    const qint64 now = m_clock.nowMs();
    storage::Transaction tx(m_db.connection());
    if (Status st = tx.begin(); !st)
        return st.error();
    auto again = storage::Sql::run(m_db.connection(), QStringLiteral("SELECT setting_value FROM settings WHERE setting_key = ?"),
                                   {kSinceKey});
    if (!again)
        return again.error();
    if (again->next()) {
        m_sinceMs = again->value(0).toString().toLongLong();
        return *m_sinceMs;
    }
    again->finish();
    auto insert = storage::Sql::run(m_db.connection(),
                                    QStringLiteral("INSERT INTO settings (setting_key, setting_value, updated_ms) VALUES (?,?,?)"),
                                    {kSinceKey, QString::number(now), now});
    if (!insert)
        return insert.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    qCInfo(lcSessionBilling) << "automatic billing starts with sessions closed from" << now;
    m_sinceMs = now;
    return now;
}

Expected<int> SessionBilling::sweep()
{
    auto since = autoBillSinceMs();
    if (!since)
        return since.error();
    int issued = 0;
    qint64 after = 0;
    for (;;) {
        auto ids = BillRepository(m_db).sessionsWithoutBill(*since, after);
        if (!ids)
            return ids.error();
        if (ids->isEmpty())
            break;
        after = ids->constLast();
        for (qint64 id : std::as_const(*ids)) {
            auto r = m_service->issue(id);
            if (!r) {
                qCWarning(lcSessionBilling) << "session" << id << r.error().message;
                emit failed(id, r.error().message);
                continue;
            }
            if (r->created) {
                ++issued;
                emit billIssued(id, r->billId);
            }
        }
    }
    return issued;
}

}  // namespace cd::billing
