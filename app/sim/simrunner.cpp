#include "simrunner.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace cd::simapp {

namespace {

QString milliseconds(qint64 microseconds)
{
    return QString::number(double(microseconds) / 1000.0, 'f', 1);
}

QString kilowattHours(qint64 wh)
{
    return QString::number(double(wh) / 1000.0, 'f', 1);
}

}  // namespace

SimRunner::SimRunner(RunOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_simulator(m_options.simulator)
    , m_out(stdout)
    , m_err(stderr)
{
    connect(&m_statusTimer, &QTimer::timeout, this, &SimRunner::printStatus);
    m_durationTimer.setSingleShot(true);
    connect(&m_durationTimer, &QTimer::timeout, this, &SimRunner::finish);
    m_connectDeadline.setSingleShot(true);
    connect(&m_connectDeadline, &QTimer::timeout, this, &SimRunner::onConnectDeadline);
    connect(&m_simulator, &sim::Simulator::finished, this, &SimRunner::onSimulatorFinished);
    connect(&m_simulator, &sim::Simulator::allStationsBooted, this, [this] {
        m_out << tr("All %n station(s) booted.", nullptr, int(m_simulator.stations().size())) << Qt::endl;
    });
}

void SimRunner::start()
{
    const sim::SimulatorOptions &o = m_options.simulator;
    m_out << tr("Simulating %n station(s) against %1 (%2), time scale %3.", nullptr, o.stationCount)
                 .arg(o.serverUrl.toString(), ocpp::subprotocolName(o.version))
                 .arg(o.timeScale)
          << Qt::endl;
    for (const sim::MisbehaviourAssignment &a : o.misbehaviours) {
        const QString who = a.stationIds.isEmpty() ? tr("%1% of the stations").arg(a.share * 100.0)
                                                   : a.stationIds.join(QStringLiteral(", "));
        m_out << tr("Misbehaviour %1: %2.").arg(sim::misbehaviourName(a.misbehaviour), who) << Qt::endl;
    }
    if (m_options.statusInterval.count() > 0)
        m_statusTimer.start(m_options.statusInterval);
    if (m_options.duration.count() > 0)
        m_durationTimer.start(m_options.duration);
    m_connectDeadline.start(m_options.connectTimeout);
    m_simulator.start();
}

void SimRunner::finish()
{
    if (m_finishing) {
        m_err << tr("Stopping now.") << Qt::endl;
        m_simulator.stop();
        onSimulatorFinished();
        return;
    }
    m_finishing = true;
    m_durationTimer.stop();
    m_connectDeadline.stop();
    m_out << tr("Stopping: ending sessions and sending what is queued...") << Qt::endl;
    m_simulator.shutdown(m_options.shutdownTimeout);
}

void SimRunner::onConnectDeadline()
{
    if (m_simulator.stats().everConnected > 0)
        return;
    const sim::SimulatorStats stats = m_simulator.stats();
    m_err << tr("No station could connect to %1 within %n second(s).", nullptr, int(m_options.connectTimeout.count()))
                 .arg(m_options.simulator.serverUrl.toString())
          << Qt::endl;
    if (!stats.lastConnectError.isEmpty())
        m_err << tr("Last error: %1").arg(stats.lastConnectError) << Qt::endl;
    m_gaveUp = true;
    m_finishing = true;
    m_simulator.stop();
    onSimulatorFinished();
}

void SimRunner::onSimulatorFinished()
{
    if (m_done)
        return;
    m_done = true;
    m_statusTimer.stop();
    m_durationTimer.stop();
    m_connectDeadline.stop();
    const sim::SimulatorStats stats = m_simulator.stats();
    printSummary(stats);
    const bool written = writeStatsJson(stats);
    if (m_gaveUp || stats.neverConnected > 0) {
        if (!m_gaveUp)
            m_err << tr("%n station(s) never connected.", nullptr, stats.neverConnected) << Qt::endl;
        m_exitCode = int(ExitCode::Failure);
    } else if (!written) {
        m_exitCode = int(ExitCode::Failure);
    } else {
        m_exitCode = int(ExitCode::Ok);
    }
    disconnect(&m_simulator, nullptr, this, nullptr);
    Q_EMIT done(m_exitCode);
}

void SimRunner::printStatus()
{
    m_out << statusLine(m_simulator.stats()) << Qt::endl;
}

QString SimRunner::statusLine(const sim::SimulatorStats &s) const
{
    qint64 errors = 0;
    for (qint64 n : s.errorsByCode)
        errors += n;
    return tr("%1 s | %2/%3 connected, %4 booted | sessions %5 active, %6 done, %7 kWh, %8 refused "
              "| messages out %9 in %10 | p50 %11 ms p99 %12 ms | errors %13 | reconnects %14")
        .arg(s.elapsedMs / 1000)
        .arg(s.connected)
        .arg(s.stations)
        .arg(s.booted)
        .arg(s.activeSessions)
        .arg(s.sessionsFinished)
        .arg(kilowattHours(s.energyWh))
        .arg(s.sessionsRefused)
        .arg(s.messagesSent)
        .arg(s.messagesReceived)
        .arg(milliseconds(s.latency.p50Us), milliseconds(s.latency.p99Us))
        .arg(errors)
        .arg(s.reconnects);
}

void SimRunner::printSummary(const sim::SimulatorStats &s)
{
    m_out << tr("Summary: %1 of %2 stations connected, %3 reconnects, %4 connection failures.")
                 .arg(s.everConnected)
                 .arg(s.stations)
                 .arg(s.reconnects)
                 .arg(s.connectFailures)
          << Qt::endl;
    m_out << tr("Sessions: %1 started, %2 finished, %3 kWh delivered; %4 drivers not authorised.")
                 .arg(s.sessionsStarted)
                 .arg(s.sessionsFinished)
                 .arg(kilowattHours(s.energyWh))
                 .arg(s.sessionsRefused)
          << Qt::endl;
    if (s.neverConnected > 0 && !s.lastConnectError.isEmpty())
        m_out << tr("Last connection error: %1").arg(s.lastConnectError) << Qt::endl;
    m_out << tr("Messages: %1 sent, %2 received (%3 per second); %4 calls answered by the server, %5 server commands answered.")
                 .arg(s.messagesSent)
                 .arg(s.messagesReceived)
                 .arg(s.messagesPerSecond(), 0, 'f', 1)
                 .arg(s.callResults)
                 .arg(s.callsAnswered)
          << Qt::endl;
    m_out << tr("Reply latency: p50 %1 ms, p99 %2 ms, max %3 ms over %4 calls.")
                 .arg(milliseconds(s.latency.p50Us), milliseconds(s.latency.p99Us), milliseconds(s.latency.maxUs))
                 .arg(s.latency.count)
          << Qt::endl;
    if (!s.errorsByCode.isEmpty()) {
        QStringList parts;
        for (auto it = s.errorsByCode.cbegin(); it != s.errorsByCode.cend(); ++it)
            parts.append(QStringLiteral("%1 %2").arg(it.key()).arg(it.value()));
        m_out << tr("Errors: %1.").arg(parts.join(QStringLiteral(", "))) << Qt::endl;
    }
    if (s.queuedTransactionMessages > 0)
        m_out << tr("%n transaction message(s) were still queued at exit.", nullptr, int(s.queuedTransactionMessages))
              << Qt::endl;
}

bool SimRunner::writeStatsJson(const sim::SimulatorStats &s)
{
    if (m_options.statsJsonPath.isEmpty())
        return true;
    QJsonObject json = s.toJson();
    json.insert(QStringLiteral("url"), m_options.simulator.serverUrl.toString());
    json.insert(QStringLiteral("protocol"), ocpp::subprotocolName(m_options.simulator.version));
    json.insert(QStringLiteral("timeScale"), m_options.simulator.timeScale);
    QSaveFile file(m_options.statsJsonPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(json).toJson(QJsonDocument::Indented)) < 0
        || !file.commit()) {
        m_err << tr("Cannot write %1: %2").arg(m_options.statsJsonPath, file.errorString()) << Qt::endl;
        return false;
    }
    m_out << tr("Statistics written to %1.").arg(m_options.statsJsonPath) << Qt::endl;
    return true;
}

}  // namespace cd::simapp
