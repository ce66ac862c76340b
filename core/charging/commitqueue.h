#pragma once
// Group commit for station messages. One writer thread takes every job queued so far (up to a
// limit), runs them in ONE database transaction, each inside its own savepoint, commits once,
// and only then calls each job's done(): a station is answered after its data is durable, and
// a burst of messages from many stations costs one commit (one fsync), not one per message.
//
// A job has three parts, all run on the writer thread:
//   work()       the message's effect (ChargingService calls); a failure rolls back to the
//                job's savepoint, so nothing of it remains;
//   record(s)    runs after work, also when work failed (s says how it went): the message log
//                rows, so an answered frame is stored with the data it produced; a failure here
//                fails the job too (nothing is acknowledged that was not logged);
//   done(s)      after COMMIT (or with the error when the job or the commit failed): answer the
//                station (Reply is thread-safe).
// Jobs run in submission order. If the whole transaction fails to commit, every job in it is
// done() with the error; their log rows are then retried alone in a second transaction.

#include "core/common/expected.h"

#include <QMutex>
#include <QWaitCondition>

#include <deque>
#include <functional>
#include <memory>

class QThread;

namespace cd::storage {
class Database;
}

namespace cd::charging {

class CommitQueue {
public:
    struct Job {
        std::function<Status()> work;
        std::function<Status(const Status &workStatus)> record;
        std::function<void(const Status &status)> done;
    };
    struct Stats {
        quint64 batches = 0;
        quint64 jobs = 0;
        quint64 failedJobs = 0;
        quint64 failedCommits = 0;
        int largestBatch = 0;
    };

    explicit CommitQueue(std::shared_ptr<storage::Database> db, int maxBatch = 256);
    // Runs every job submitted so far, then stops the writer thread.
    ~CommitQueue();
    CommitQueue(const CommitQueue &) = delete;
    CommitQueue &operator=(const CommitQueue &) = delete;

    // Any thread. After the destructor began, jobs are refused: done() with an error.
    void submit(Job job);
    // Blocks until every job submitted before the call is done (tests, orderly shutdown; never
    // call it from the writer thread or from the GUI thread in production).
    void waitForIdle();
    Stats stats() const;
    // Jobs submitted and not yet taken by the writer thread.
    int pendingCount() const;

private:
    void run();
    void runBatch(std::deque<Job> &batch);

    std::shared_ptr<storage::Database> m_db;
    const int m_maxBatch;
    mutable QMutex m_mutex;
    QWaitCondition m_wake;
    QWaitCondition m_idle;
    std::deque<Job> m_jobs;
    quint64 m_submitted = 0;
    quint64 m_finished = 0;
    bool m_stopping = false;
    Stats m_stats;
    std::unique_ptr<QThread> m_thread;
};

}  // namespace cd::charging
