#pragma once
// The console's server: a ServerRuntime on a worker thread of its own, so station traffic
// and its database work never block the window.

#include "core/runtime/runtimeoptions.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace cd::storage {
class Database;
}

namespace cd::runtime {

class ServerRuntime;

class EmbeddedServer : public QObject {
    Q_OBJECT
public:
    EmbeddedServer(std::shared_ptr<storage::Database> db, RuntimeOptions options, QObject *parent = nullptr);
    // Stops the runtime on its thread (links closed, queue drained), then joins the thread.
    ~EmbeddedServer() override;

    // Asynchronous: started(port) or failed(message) follows.
    void start();
    bool isRunning() const { return m_port != 0; }
    quint16 port() const { return m_port; }

signals:
    void started(quint16 port);
    void failed(const QString &message);

private:
    std::shared_ptr<storage::Database> m_db;
    RuntimeOptions m_options;
    QThread m_thread;
    QObject m_worker;                    // moved to m_thread: the context for work done there
    ServerRuntime *m_runtime = nullptr;  // lives and dies on m_thread
    quint16 m_port = 0;
};

}  // namespace cd::runtime
