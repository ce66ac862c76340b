#pragma once
// The console's station server: a ServerRuntime on a worker thread of its own, so station
// traffic and its database work never block the window. Started, restarted with new options
// and stopped from the GUI thread without waiting; state and connection counts come back as
// signals.

#include "core/common/workerthread.h"
#include "core/runtime/runtimeoptions.h"
#include "core/server/connectionstats.h"

#include <QObject>
#include <QUrl>

#include <memory>

namespace cd::storage {
class Database;
}

namespace cd::runtime {

class ServerRuntime;

class EmbeddedServer : public QObject {
    Q_OBJECT
public:
    enum class State {
        Stopped,
        Starting,  // start() called, not listening yet
        Running,   // listening on port()
        Failed,    // could not listen: errorMessage() says why
    };
    Q_ENUM(State)

    explicit EmbeddedServer(std::shared_ptr<storage::Database> db, QObject *parent = nullptr);
    // Stops the runtime on its thread (links closed, commit queue drained), then joins the thread.
    ~EmbeddedServer() override;

    // Asynchronous. A running server is stopped first (its stations reconnect to the new one).
    void start(RuntimeOptions options);
    // Asynchronous: closes every station link, drains the commit queue, stops listening.
    void stop();

    State state() const { return m_state; }
    quint16 port() const { return m_port; }
    QString errorMessage() const { return m_error; }
    const RuntimeOptions &options() const { return m_options; }
    server::ConnectionStats stats() const { return m_stats; }
    // What stations are configured with, e.g. "ws://127.0.0.1:9000/ocpp" (wss:// with security
    // profiles 2 and 3; they append /<chargePointId>); empty unless running. A wildcard address
    // shows this computer's name.
    QString stationUrl() const;
    // The same for a client on this computer (demo stations): loopback for a wildcard address.
    QUrl localStationUrl() const;

signals:
    void stateChanged(cd::runtime::EmbeddedServer::State state);
    void statsChanged(const cd::server::ConnectionStats &stats);

private:
    // Runs on the worker thread: deletes the runtime, if any.
    void destroyRuntime();
    void setState(State state, quint16 port, const QString &error);
    QString urlWithHost(const QString &wildcardHost) const;

    std::shared_ptr<storage::Database> m_db;
    RuntimeOptions m_options;
    WorkerThread m_worker;
    ServerRuntime *m_runtime = nullptr;  // lives and dies on m_worker's thread
    quint64 m_generation = 0;            // start()/stop() calls so far; late results of older ones are dropped
    State m_state = State::Stopped;
    quint16 m_port = 0;
    QString m_error;
    server::ConnectionStats m_stats;
};

}  // namespace cd::runtime
