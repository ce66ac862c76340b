#include "core/runtime/embeddedserver.h"

#include "core/runtime/serverruntime.h"

namespace cd::runtime {

EmbeddedServer::EmbeddedServer(std::shared_ptr<storage::Database> db, RuntimeOptions options, QObject *parent)
    : QObject(parent), m_db(std::move(db)), m_options(std::move(options))
{
    m_thread.setObjectName(QStringLiteral("chargedesk-server"));
    m_worker.moveToThread(&m_thread);
}

EmbeddedServer::~EmbeddedServer()
{
    if (m_thread.isRunning()) {
        QMetaObject::invokeMethod(
            &m_worker,
            [this] {
                delete m_runtime;
                m_runtime = nullptr;
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
}

void EmbeddedServer::start()
{
    if (m_thread.isRunning())
        return;
    m_thread.start();
    // Created on the worker thread, so every timer and socket of the runtime belongs to it.
    QMetaObject::invokeMethod(&m_worker, [this] {
        m_runtime = new ServerRuntime(m_db, m_options);
        const Status status = m_runtime->start();
        const quint16 port = status ? m_runtime->port() : 0;
        const QString error = status ? QString() : status.error().message;
        QMetaObject::invokeMethod(this, [this, port, error] {
            m_port = port;
            if (error.isEmpty())
                emit started(port);
            else
                emit failed(error);
        });
    });
}

}  // namespace cd::runtime
