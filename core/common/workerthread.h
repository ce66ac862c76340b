#pragma once
// A named thread with a context object living on it: work posted here runs there, in order.
// Objects created by that work belong to the thread (their timers and sockets run there).
// The owner destroys what it created there with runAndWait() before this goes.

#include <QObject>
#include <QThread>

#include <functional>

namespace cd {

class WorkerThread {
public:
    explicit WorkerThread(const QString &name);
    // Quits the event loop and joins the thread.
    ~WorkerThread();

    WorkerThread(const WorkerThread &) = delete;
    WorkerThread &operator=(const WorkerThread &) = delete;

    // Runs `work` on the thread (started on first use) and returns at once.
    void post(std::function<void()> work);
    // Runs `work` on the thread and waits for it; does nothing when the thread never started.
    void runAndWait(std::function<void()> work);
    bool isRunning() const { return m_thread.isRunning(); }

private:
    QThread m_thread;
    QObject m_context;  // moved to m_thread
};

}  // namespace cd
