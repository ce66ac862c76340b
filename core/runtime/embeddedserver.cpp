#include "core/runtime/embeddedserver.h"

#include "core/runtime/serverruntime.h"
#include "core/server/centralsystem.h"
#include "core/storage/database.h"

#include <QSysInfo>

namespace cd::runtime {

EmbeddedServer::EmbeddedServer(std::shared_ptr<storage::Database> db, QObject *parent)
    : QObject(parent), m_db(std::move(db)), m_worker(QStringLiteral("chargedesk-server"))
{
    qRegisterMetaType<cd::server::ConnectionStats>();
}

EmbeddedServer::~EmbeddedServer()
{
    m_worker.runAndWait([this] { destroyRuntime(); });
}

void EmbeddedServer::destroyRuntime()
{
    delete m_runtime;
    m_runtime = nullptr;
    m_db->releaseThreadConnection();
}

void EmbeddedServer::start(RuntimeOptions options)
{
    m_options = options;
    const quint64 generation = ++m_generation;
    setState(State::Starting, 0, {});
    m_stats = {};
    emit statsChanged(m_stats);
    // Created on the worker thread, so every timer and socket of the runtime belongs to it.
    m_worker.post([this, options = std::move(options), generation] {
        destroyRuntime();
        m_runtime = new ServerRuntime(m_db, options);
        connect(&m_runtime->centralSystem(), &server::CentralSystem::statsChanged, this,
                [this, generation](const server::ConnectionStats &stats) {
                    if (generation != m_generation)
                        return;
                    m_stats = stats;
                    emit statsChanged(stats);
                });
        const Status status = m_runtime->start();
        const quint16 port = status ? m_runtime->port() : 0;
        const QString error = status ? QString() : status.error().message;
        if (!status)
            destroyRuntime();
        QMetaObject::invokeMethod(this, [this, generation, port, error] {
            if (generation == m_generation)
                setState(error.isEmpty() ? State::Running : State::Failed, port, error);
        });
    });
}

void EmbeddedServer::stop()
{
    if (!m_worker.isRunning())
        return;
    const quint64 generation = ++m_generation;
    m_worker.post([this, generation] {
        destroyRuntime();
        QMetaObject::invokeMethod(this, [this, generation] {
            if (generation != m_generation)
                return;
            m_stats = {};
            emit statsChanged(m_stats);
            setState(State::Stopped, 0, {});
        });
    });
}

void EmbeddedServer::setState(State state, quint16 port, const QString &error)
{
    if (m_state == state && m_port == port && m_error == error)
        return;
    m_state = state;
    m_port = port;
    m_error = error;
    emit stateChanged(state);
}

QString EmbeddedServer::stationUrl() const
{
    return urlWithHost(QSysInfo::machineHostName());
}

QUrl EmbeddedServer::localStationUrl() const
{
    const bool v6 = m_options.address == QHostAddress::AnyIPv6;
    return QUrl(urlWithHost(v6 ? QStringLiteral("[::1]") : QStringLiteral("127.0.0.1")));
}

QString EmbeddedServer::urlWithHost(const QString &wildcardHost) const
{
    if (m_state != State::Running)
        return {};
    const QHostAddress &address = m_options.address;
    QString host;
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4 || address == QHostAddress::AnyIPv6)
        host = wildcardHost;
    else if (address.protocol() == QAbstractSocket::IPv6Protocol)
        host = u'[' + address.toString() + u']';
    else
        host = address.toString();
    const QString scheme = server::usesTls(m_options.server.securityProfile) ? QStringLiteral("wss")
                                                                             : QStringLiteral("ws");
    return QStringLiteral("%1://%2:%3%4").arg(scheme, host).arg(m_port).arg(m_options.server.pathPrefix);
}

}  // namespace cd::runtime
