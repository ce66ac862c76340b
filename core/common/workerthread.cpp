#include "core/common/workerthread.h"

namespace cd {

WorkerThread::WorkerThread(const QString &name)
{
    m_thread.setObjectName(name);
    m_context.moveToThread(&m_thread);
}

WorkerThread::~WorkerThread()
{
    m_thread.quit();
    m_thread.wait();
}

void WorkerThread::post(std::function<void()> work)
{
    if (!m_thread.isRunning())
        m_thread.start();
    QMetaObject::invokeMethod(&m_context, std::move(work));
}

void WorkerThread::runAndWait(std::function<void()> work)
{
    if (m_thread.isRunning())
        QMetaObject::invokeMethod(&m_context, std::move(work), Qt::BlockingQueuedConnection);
}

}  // namespace cd
