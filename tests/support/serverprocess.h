#pragma once
// The real chargedesk-server as a child process: started on a free loopback port (--listen
// 127.0.0.1:0; the port is read from what it prints), killed with SIGKILL or stopped with SIGTERM.
// Its output is kept for the failure message.

#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QUrl>

namespace cd::test {

class ServerProcess : public QObject {
    Q_OBJECT
public:
    explicit ServerProcess(QString program, QObject *parent = nullptr);
    ~ServerProcess() override;

    // Starts the server with the database options and waits until it says it is running.
    bool start(const QStringList &databaseArgs, QString *error);
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    // "ws://127.0.0.1:<port>/ocpp/"
    QUrl stationUrl() const;

    // SIGKILL now; waitForExit() then reaps it.
    void kill() { m_process.kill(); }
    bool waitForExit(int timeoutMs);
    // SIGTERM and an orderly exit with code 0.
    bool stop(QString *error);

    // The tail of what the server printed, for a failure message.
    QString outputTail() const;

private:
    QString m_program;
    QProcess m_process;
    QByteArray m_output;
    quint16 m_port = 0;
};

}  // namespace cd::test
