#include "core/charging/commitqueue.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QThread>

#include <algorithm>

namespace cd::charging {

namespace {

Q_LOGGING_CATEGORY(lcCommit, "cd.charging.commit")

class CommitText {
    Q_DECLARE_TR_FUNCTIONS(cd::charging::CommitQueue)
public:
    static QString stopped() { return tr("The charging service is shutting down."); }
    static QString threw() { return tr("A message handler failed unexpectedly."); }
};

// Work and record functions must not throw; if one does, the job fails like a database error.
template <typename F, typename... Args>
Status guarded(const F &f, Args &&...args)
{
    if (!f)
        return {};
    try {
        return f(std::forward<Args>(args)...);
    } catch (const std::exception &e) {
        qCWarning(lcCommit, "job threw: %s", e.what());
    } catch (...) {
        qCWarning(lcCommit, "job threw");
    }
    return Error{ExitCode::Failure, CommitText::threw()};
}

void finish(const CommitQueue::Job &job, const Status &status)
{
    if (!job.done)
        return;
    try {
        job.done(status);
    } catch (...) {  // boundary: nothing escapes the writer thread
        qCWarning(lcCommit, "done() threw");
    }
}

}  // namespace

CommitQueue::CommitQueue(std::shared_ptr<storage::Database> db, int maxBatch)
    : m_db(std::move(db)), m_maxBatch(std::max(1, maxBatch))
{
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(QStringLiteral("chargedesk-commit"));
    m_thread->start();
}

CommitQueue::~CommitQueue()
{
    {
        QMutexLocker locker(&m_mutex);
        m_stopping = true;
        m_wake.wakeAll();
    }
    m_thread->wait();
}

void CommitQueue::submit(Job job)
{
    {
        QMutexLocker locker(&m_mutex);
        if (!m_stopping) {
            m_jobs.push_back(std::move(job));
            ++m_submitted;
            m_wake.wakeOne();
            return;
        }
    }
    finish(job, Error{ExitCode::Failure, CommitText::stopped()});
}

void CommitQueue::waitForIdle()
{
    QMutexLocker locker(&m_mutex);
    const quint64 target = m_submitted;
    while (m_finished < target)
        m_idle.wait(&m_mutex);
}

CommitQueue::Stats CommitQueue::stats() const
{
    QMutexLocker locker(&m_mutex);
    return m_stats;
}

int CommitQueue::pendingCount() const
{
    QMutexLocker locker(&m_mutex);
    return int(m_jobs.size());
}

void CommitQueue::run()
{
    for (;;) {
        std::deque<Job> batch;
        {
            QMutexLocker locker(&m_mutex);
            while (m_jobs.empty() && !m_stopping)
                m_wake.wait(&m_mutex);
            if (m_jobs.empty() && m_stopping)
                break;
            while (!m_jobs.empty() && int(batch.size()) < m_maxBatch) {
                batch.push_back(std::move(m_jobs.front()));
                m_jobs.pop_front();
            }
        }
        const quint64 count = batch.size();
        runBatch(batch);
        QMutexLocker locker(&m_mutex);
        m_finished += count;
        m_idle.wakeAll();
    }
    // This thread's connection goes with the thread.
    QString name;
    {
        QSqlDatabase db = m_db->connection();
        name = db.connectionName();
        db.close();
    }
    if (!name.isEmpty())
        QSqlDatabase::removeDatabase(name);
}

void CommitQueue::runBatch(std::deque<Job> &batch)
{
    const QSqlDatabase db = m_db->connection();
    std::vector<Status> results(batch.size());
    Status batchStatus;
    {
        storage::Transaction tx(db);
        batchStatus = tx.begin();
        if (batchStatus) {
            for (std::size_t i = 0; i < batch.size() && batchStatus; ++i) {
                const Job &job = batch[i];
                if (auto sp = storage::Sql::run(db, QStringLiteral("SAVEPOINT cd_job")); !sp) {
                    batchStatus = sp.error();
                    break;
                }
                const auto rollback = [&db] {
                    return storage::Sql::run(db, QStringLiteral("ROLLBACK TO SAVEPOINT cd_job")).ok();
                };
                Status status = guarded(job.work);
                if (status) {
                    // Data and log rows stand or fall together.
                    status = guarded(job.record, status);
                    if (!status && !rollback())
                        batchStatus = status;
                } else if (!rollback()) {
                    batchStatus = status;
                } else if (Status logged = guarded(job.record, status); !logged && !rollback()) {
                    // The work is undone; the log of what was refused is kept when it can be.
                    batchStatus = logged;
                }
                if (!batchStatus)
                    break;
                if (auto rel = storage::Sql::run(db, QStringLiteral("RELEASE SAVEPOINT cd_job")); !rel && batchStatus)
                    batchStatus = rel.error();
                results[i] = status;
            }
            if (batchStatus)
                batchStatus = tx.commit();
        }
    }
    if (!batchStatus) {
        qCWarning(lcCommit, "batch of %d failed: %s", int(batch.size()), qUtf8Printable(batchStatus.error().message));
        // Nothing of the batch is stored: every station gets an error, and the log rows are
        // retried alone so the frames are not lost with the data.
        std::fill(results.begin(), results.end(), batchStatus);
        storage::Transaction retry(db);
        if (retry.begin()) {
            bool ok = true;
            for (const Job &job : batch)
                ok = ok && guarded(job.record, batchStatus).ok();
            if (ok)
                (void)retry.commit();
        }
    }
    {
        QMutexLocker locker(&m_mutex);
        ++m_stats.batches;
        m_stats.jobs += batch.size();
        m_stats.largestBatch = std::max(m_stats.largestBatch, int(batch.size()));
        if (!batchStatus)
            ++m_stats.failedCommits;
        for (const Status &s : results)
            m_stats.failedJobs += s ? 0 : 1;
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (!results[i])
            qCWarning(lcCommit, "job failed: %s", qUtf8Printable(results[i].error().message));
        finish(batch[i], results[i]);
    }
}

}  // namespace cd::charging
