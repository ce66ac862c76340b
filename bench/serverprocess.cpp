#include "serverprocess.h"

#include "eventwait.h"

#include <QRegularExpression>

#include <csignal>

#include <sys/prctl.h>

namespace cd::bench {

namespace {

constexpr qsizetype kKeptOutput = 64 * 1024;

}  // namespace

ServerProcess::ServerProcess()
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    // The server ends with the benchmark, however the benchmark ends (Ctrl+C, a crash).
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    QObject::connect(&m_process, &QProcess::readyRead, &m_process, [this] { onReadyRead(); });
}

ServerProcess::~ServerProcess()
{
    stop();
}

Status ServerProcess::start(const ServerCommand &command, std::chrono::milliseconds readyTimeout)
{
    m_output.clear();
    m_port = 0;
    m_process.start(command.program, command.arguments);
    const bool ready = waitUntil([this] { return m_port != 0 || m_process.state() == QProcess::NotRunning; },
                                 readyTimeout);
    if (ready && m_port != 0)
        return {};
    const QString why = m_process.state() == QProcess::NotRunning
        ? QStringLiteral("exited (%1)").arg(m_process.error() == QProcess::FailedToStart ? m_process.errorString()
                                                                                          : QString::number(m_process.exitCode()))
        : QStringLiteral("printed no ws:// address within %1 s").arg(readyTimeout.count() / 1000);
    stop();
    return Error{ExitCode::Failure, QStringLiteral("%1 %2. Its output:\n%3").arg(command.program, why, output())};
}

void ServerProcess::onReadyRead()
{
    m_output += m_process.readAll();
    if (m_port == 0) {
        static const QRegularExpression address(QStringLiteral("ws://[^\\s/]+:(\\d+)"));
        const QRegularExpressionMatch match = address.match(QString::fromUtf8(m_output));
        if (match.hasMatch())
            m_port = quint16(match.captured(1).toUInt());
    }
    if (m_output.size() > kKeptOutput)
        m_output.remove(0, m_output.size() - kKeptOutput);
}

void ServerProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!waitUntil([this] { return m_process.state() == QProcess::NotRunning; }, std::chrono::seconds(15))) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

}  // namespace cd::bench
