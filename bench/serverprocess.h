#pragma once
// One server under test as a child process: started, ready once it prints the ws://HOST:PORT it
// listens on, stopped with SIGTERM (then SIGKILL). Its output is kept (the last 64 KiB) to
// explain a failure.

#include "core/common/expected.h"

#include <QByteArray>
#include <QProcess>
#include <QStringList>

#include <chrono>

namespace cd::bench {

struct ServerCommand {
    QString label;  // column heading, e.g. "ChargeDesk (SQLCipher)"
    QString program;
    QStringList arguments;
    bool ownStorage = true;  // its database writes are its own (not a PostgreSQL server's)
};

class ServerProcess {
public:
    ServerProcess();
    ~ServerProcess();
    ServerProcess(const ServerProcess &) = delete;
    ServerProcess &operator=(const ServerProcess &) = delete;

    Status start(const ServerCommand &command, std::chrono::milliseconds readyTimeout);
    void stop();
    quint16 port() const { return m_port; }
    qint64 pid() const { return m_process.processId(); }
    bool isRunning() const { return m_process.state() == QProcess::Running; }
    QString output() const { return QString::fromUtf8(m_output); }

private:
    void onReadyRead();

    QProcess m_process;
    QByteArray m_output;
    quint16 m_port = 0;
};

}  // namespace cd::bench
