#include "core/sim/simulator.h"

#include "core/common/clock.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace cd::sim {

Simulator::Simulator(SimulatorOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_options.stationCount = std::max(0, m_options.stationCount);
    m_clock = std::make_shared<SimClock>(m_options.clock ? *m_options.clock : Clock::system(), m_options.timeScale,
                                         m_options.simStartMs);
    m_simStartMs = m_clock->nowMs();

    QStringList ids;
    for (int i = 0; i < m_options.stationCount; ++i)
        ids.append(stationId(m_options.idPrefix, m_options.firstIndex + i));
    const QHash<QString, Misbehaviours> misbehaviours = assignMisbehaviours(ids, m_options.misbehaviours, m_options.seed);

    for (int i = 0; i < ids.size(); ++i) {
        StationOptions o = m_options.station;
        o.serverUrl = m_options.serverUrl;
        o.chargePointId = ids.at(i);
        o.password = m_options.password;
        o.tls = m_options.tls;
        o.version = m_options.version;
        o.misbehaviours = misbehaviours.value(ids.at(i));
        o.clock = m_clock;
        o.seed = m_options.seed * 1000003u + quint64(i) + 1u;
        o.autoSessions = m_options.sessions;
        o.sessionInterval = m_options.sessionInterval;
        auto *station = new SimulatedStation(std::move(o), this);
        connect(station, &SimulatedStation::booted, this, [this, station] {
            m_everBooted.insert(station);
            Q_EMIT stationBooted(station->chargePointId());
            if (!m_allBootedSignalled && m_everBooted.size() == m_stations.size()) {
                m_allBootedSignalled = true;
                Q_EMIT allStationsBooted();
            }
        });
        connect(station, &SimulatedStation::callCompleted, this,
                [this](const QString &action, qint64 latencyUs, const QString &) {
                    m_latency.record(latencyUs);
                    m_latencyByAction[action].record(latencyUs);
                });
        connect(station, &SimulatedStation::finished, this, &Simulator::onStationFinished);
        m_stations.append(station);
        m_byId.insert(station->chargePointId(), station);
    }
    m_staggerTimer.setSingleShot(true);
    connect(&m_staggerTimer, &QTimer::timeout, this, &Simulator::startNext);
}

Simulator::~Simulator()
{
    // Stations are children; stop them before the recorders they report to go.
    for (SimulatedStation *station : std::as_const(m_stations))
        disconnect(station, nullptr, this, nullptr);
}

QString Simulator::stationId(const QString &prefix, int index)
{
    return QStringLiteral("%1-%2").arg(prefix).arg(index, 4, 10, QLatin1Char('0'));
}

QHash<QString, Misbehaviours> Simulator::assignMisbehaviours(const QStringList &stationIds,
                                                             const QList<MisbehaviourAssignment> &assignments,
                                                             quint64 seed)
{
    QHash<QString, Misbehaviours> result;
    const auto n = int(stationIds.size());
    for (const MisbehaviourAssignment &a : assignments) {
        if (a.misbehaviour == Misbehaviour::None)
            continue;
        if (!a.stationIds.isEmpty()) {
            for (const QString &id : a.stationIds) {
                if (stationIds.contains(id))
                    result[id] |= a.misbehaviour;
            }
            continue;
        }
        const double share = std::clamp(a.share, 0.0, 1.0);
        int count = int(std::lround(share * double(n)));
        if (share > 0.0 && n > 0)
            count = std::max(count, 1);
        std::vector<int> order;
        order.resize(size_t(n));
        std::iota(order.begin(), order.end(), 0);
        const quint64 mixed = seed * 0x9E3779B97F4A7C15ull + quint64(a.misbehaviour);
        const quint32 words[2] = {quint32(mixed), quint32(mixed >> 32)};
        QRandomGenerator rng(words, 2);
        for (int i = n - 1; i > 0; --i)
            std::swap(order[size_t(i)], order[size_t(rng.bounded(quint32(i + 1)))]);
        for (int i = 0; i < count && i < n; ++i)
            result[stationIds.at(order[size_t(i)])] |= a.misbehaviour;
    }
    return result;
}

SimulatedStation *Simulator::station(const QString &chargePointId) const
{
    return m_byId.value(chargePointId, nullptr);
}

void Simulator::start()
{
    if (m_running)
        return;
    m_running = true;
    m_elapsed.start();
    m_simStartMs = m_clock->nowMs();
    m_nextToStart = 0;
    startNext();
}

void Simulator::startNext()
{
    if (!m_running || m_shuttingDown)
        return;
    // Start as many as are due: a zero stagger starts them all at once.
    do {
        if (m_nextToStart >= m_stations.size())
            return;
        m_stations.at(m_nextToStart++)->start();
    } while (m_options.stagger.count() <= 0);
    m_staggerTimer.start(m_options.stagger);
}

void Simulator::shutdown(std::chrono::milliseconds timeout)
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    m_staggerTimer.stop();
    m_pendingFinish = int(m_stations.size());
    if (m_pendingFinish == 0) {
        m_running = false;
        m_shuttingDown = false;
        QTimer::singleShot(0, this, &Simulator::finished);
        return;
    }
    for (SimulatedStation *station : std::as_const(m_stations))
        station->shutdown(timeout);
}

void Simulator::onStationFinished()
{
    if (!m_shuttingDown || --m_pendingFinish > 0)
        return;
    m_shuttingDown = false;
    m_running = false;
    Q_EMIT finished();
}

void Simulator::stop()
{
    m_staggerTimer.stop();
    for (SimulatedStation *station : std::as_const(m_stations))
        station->stop();
    m_running = false;
    m_shuttingDown = false;
}

int Simulator::connectedCount() const
{
    return int(std::count_if(m_stations.cbegin(), m_stations.cend(), [](const SimulatedStation *s) { return s->isConnected(); }));
}

int Simulator::bootedCount() const
{
    return int(std::count_if(m_stations.cbegin(), m_stations.cend(),
                             [](const SimulatedStation *s) { return s->state() == SimulatedStation::State::Accepted; }));
}

SimulatorStats Simulator::stats() const
{
    SimulatorStats s;
    s.elapsedMs = m_elapsed.isValid() ? m_elapsed.elapsed() : 0;
    s.simulatedMs = m_elapsed.isValid() ? m_clock->nowMs() - m_simStartMs : 0;
    s.stations = int(m_stations.size());
    for (const SimulatedStation *station : m_stations) {
        const StationCounters &c = station->counters();
        s.connected += station->isConnected() ? 1 : 0;
        s.booted += station->state() == SimulatedStation::State::Accepted ? 1 : 0;
        s.everConnected += c.connects > 0 ? 1 : 0;
        s.activeSessions += station->activeSessions();
        s.sessionsStarted += c.sessionsStarted;
        s.sessionsRefused += c.sessionsRefused;
        s.sessionsFinished += c.sessionsFinished;
        if (!c.lastConnectError.isEmpty())
            s.lastConnectError = c.lastConnectError;
        s.energyWh += c.energyWh;
        s.messagesSent += c.framesSent;
        s.messagesReceived += c.framesReceived;
        s.callsSent += c.callsSent;
        s.callResults += c.callResults;
        s.callErrors += c.callErrors;
        s.callTimeouts += c.callTimeouts;
        s.callsReceived += c.callsReceived;
        s.callsAnswered += c.callsAnswered;
        s.callsRefused += c.callsRefused;
        s.connects += c.connects;
        s.reconnects += c.reconnects;
        s.connectFailures += c.connectFailures;
        s.disconnects += c.disconnects;
        s.transactionMessagesDropped += c.transactionMessagesDropped;
        s.queuedTransactionMessages += station->queuedTransactionMessages();
        for (auto it = c.errorsByCode.cbegin(); it != c.errorsByCode.cend(); ++it)
            s.errorsByCode[it.key()] += it.value();
    }
    s.neverConnected = s.stations - s.everConnected;
    s.latency = m_latency.summary();
    for (auto it = m_latencyByAction.cbegin(); it != m_latencyByAction.cend(); ++it)
        s.latencyByAction.insert(it.key(), it.value().summary());
    return s;
}

}  // namespace cd::sim
