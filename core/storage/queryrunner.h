#pragma once
// Database work for a window: runs on a worker thread of its own (with its own connection), and
// the result comes back on the thread that created the runner, never to a receiver that is gone.
// The console's screens read through core services called here, so the GUI thread never waits
// for the database.

#include "core/common/expected.h"
#include "core/common/workerthread.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace cd::storage {

class Database;

class QueryRunner {
public:
    explicit QueryRunner(std::shared_ptr<Database> db);
    // Waits for the work already posted (its results are dropped), closes the worker's connection.
    ~QueryRunner();

    QueryRunner(const QueryRunner &) = delete;
    QueryRunner &operator=(const QueryRunner &) = delete;

    const std::shared_ptr<Database> &database() const { return m_db; }

    // `work` runs on the worker thread; `done` then runs on the runner's thread, unless
    // `receiver` has been destroyed meanwhile. Calls run in order.
    template <typename T>
    void run(QObject *receiver, std::function<T(const std::shared_ptr<Database> &)> work,
             std::function<void(T)> done)
    {
        m_worker.post([this, receiver = QPointer<QObject>(receiver), work = std::move(work), done = std::move(done)] {
            auto result = std::make_shared<T>(work(m_db));
            QMetaObject::invokeMethod(&m_home, [receiver, done, result] {
                if (receiver)
                    done(std::move(*result));
            });
        });
    }

private:
    std::shared_ptr<Database> m_db;
    QObject m_home;  // on the creating thread: where results land
    WorkerThread m_worker;
};

}  // namespace cd::storage
