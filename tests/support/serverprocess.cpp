#include "support/serverprocess.h"

#include <QRegularExpression>
#include <QTest>

namespace cd::test {

namespace {
constexpr int kStartTimeoutMs = 60000;
constexpr int kOutputTailBytes = 4000;
}  // namespace

ServerProcess::ServerProcess(QString program, QObject *parent) : QObject(parent), m_program(std::move(program))
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    connect(&m_process, &QProcess::readyReadStandardOutput, this,
            [this] { m_output += m_process.readAllStandardOutput(); });
}

ServerProcess::~ServerProcess()
{
    if (isRunning()) {
        m_process.kill();
        m_process.waitForFinished(10000);
    }
}

bool ServerProcess::start(const QStringList &databaseArgs, QString *error)
{
    m_output.clear();
    m_port = 0;
    m_process.start(m_program,
                    QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                QStringLiteral("--accept-unknown-stations"), QStringLiteral("--security-profile"),
                                QStringLiteral("0"), QStringLiteral("--lang"), QStringLiteral("en")} +
                        databaseArgs);
    if (!m_process.waitForStarted(kStartTimeoutMs)) {
        *error = QStringLiteral("chargedesk-server did not start: ") + m_process.errorString();
        return false;
    }
    const bool running =
        QTest::qWaitFor([this] { return m_output.contains("is running") || !isRunning(); }, kStartTimeoutMs);
    if (!running || !isRunning()) {
        *error = QStringLiteral("chargedesk-server is not running:\n") + outputTail();
        return false;
    }
    static const QRegularExpression portLine(QStringLiteral("ws://127\\.0\\.0\\.1:(\\d+)/"));
    const QRegularExpressionMatch match = portLine.match(QString::fromUtf8(m_output));
    m_port = match.hasMatch() ? quint16(match.captured(1).toUInt()) : 0;
    if (m_port == 0) {
        *error = QStringLiteral("chargedesk-server did not say its port:\n") + outputTail();
        return false;
    }
    return true;
}

QUrl ServerProcess::stationUrl() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/ocpp/").arg(m_port));
}

bool ServerProcess::waitForExit(int timeoutMs)
{
    return !isRunning() || m_process.waitForFinished(timeoutMs);
}

bool ServerProcess::stop(QString *error)
{
    m_process.terminate();
    if (!m_process.waitForFinished(60000)) {
        *error = QStringLiteral("chargedesk-server did not stop on SIGTERM:\n") + outputTail();
        return false;
    }
    if (m_process.exitStatus() != QProcess::NormalExit || m_process.exitCode() != 0) {
        *error = QStringLiteral("chargedesk-server exited with %1:\n").arg(m_process.exitCode()) + outputTail();
        return false;
    }
    return true;
}

QString ServerProcess::outputTail() const
{
    return QString::fromUtf8(m_output.right(kOutputTailBytes));
}

}  // namespace cd::test
