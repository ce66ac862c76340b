#include "core/storage/writergate.h"

#include <QThread>

#include <map>
#include <memory>

namespace cd::storage {

WriterGate &WriterGate::forFile(const QString &path)
{
    static QMutex registryMutex;
    static std::map<QString, std::unique_ptr<WriterGate>> gates;
    QMutexLocker locker(&registryMutex);
    std::unique_ptr<WriterGate> &gate = gates[path];
    if (!gate)
        gate = std::make_unique<WriterGate>();
    return *gate;
}

void WriterGate::lock()
{
    QMutexLocker locker(&m_mutex);
    const Qt::HANDLE self = QThread::currentThreadId();
    if (m_depth > 0 && m_owner == self) {
        ++m_depth;
        return;
    }
    const quint64 ticket = m_nextTicket++;
    while (ticket != m_serving)
        m_turn.wait(&m_mutex);
    m_owner = self;
    m_depth = 1;
}

void WriterGate::unlock()
{
    QMutexLocker locker(&m_mutex);
    if (--m_depth > 0)
        return;
    m_owner = nullptr;
    ++m_serving;
    m_turn.wakeAll();
}

}  // namespace cd::storage
