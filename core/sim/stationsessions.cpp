// SimulatedStation: charging sessions. A driver plugs in (Preparing), is authorised, the
// transaction starts, energy flows (Charging, then SuspendedEV when the battery is full) with
// MeterValues every MeterValueSampleInterval, the driver stops (Finishing) and unplugs
// (Available). Misbehaviours bend this flow at the documented points.

#include "core/sim/simulatedstation.h"

#include <algorithm>
#include <cmath>

namespace cd::sim {

namespace {

using namespace std::chrono_literals;

constexpr std::chrono::seconds kEvUnplugDelay{2};         // after EVDisconnected the cable is already out
constexpr std::chrono::seconds kReplayReturnDelay{5};     // replay-after-reconnect: back online after the Stop

}  // namespace

void SimulatedStation::schedulePhase(Connector &c, std::chrono::milliseconds simSpan, std::function<void()> action)
{
    c.phaseAction = std::move(action);
    c.phaseTimer.start(wall(simSpan));
}

void SimulatedStation::cancelPhase(Connector &c)
{
    c.phaseTimer.stop();
    c.phaseAction = nullptr;
}

bool SimulatedStation::isFree(const Connector &c, const QString &idTag) const
{
    if (c.id == 0 || c.session || c.faulted || !c.operative || c.inoperativeScheduled)
        return false;
    if (c.status != ConnectorStatus::Available && c.status != ConnectorStatus::Reserved)
        return false;
    return !c.reservation || c.reservation->idTag == idTag || (!c.reservation->parentIdTag.isEmpty()
                                                                && c.reservation->parentIdTag == idTag);
}

QString SimulatedStation::pickIdTag()
{
    return m_options.idTags.at(qsizetype(m_rng.bounded(quint32(m_options.idTags.size()))));
}

bool SimulatedStation::plugIn(int connectorId, const QString &idTag)
{
    const QString tag = idTag.isEmpty() ? pickIdTag() : idTag;
    Connector *c = nullptr;
    if (connectorId == 0) {
        for (auto &candidate : m_connectors) {
            if (isFree(*candidate, tag)) {
                c = candidate.get();
                break;
            }
        }
    } else {
        c = connector(connectorId);
    }
    if (!c || c->id == 0)
        return false;
    const auto kind = m_options.misbehaviours.testFlag(Misbehaviour::ChargeWithoutAuthorization)
        ? Session::Kind::Unauthorized
        : Session::Kind::Authorized;
    return beginSession(*c, tag, false, kind);
}

bool SimulatedStation::stopSession(int connectorId, StopReason reason)
{
    Connector *c = connector(connectorId);
    if (!c || !c->session || c->session->ended)
        return false;
    if (c->session->transactionBegun || c->session->kind == Session::Kind::Unauthorized)
        endSession(*c, reason);
    else
        abandonSession(*c);
    return true;
}

bool SimulatedStation::beginSession(Connector &c, const QString &idTag, bool remote, Session::Kind kind)
{
    if (!isFree(c, idTag) || m_shuttingDown || m_rebootPending)
        return false;
    cancelPhase(c);  // the next driver's arrival, if one was due

    const SessionProfile &profile = m_options.session;
    Session s;
    s.kind = kind;
    s.idTag = idTag;
    s.remoteStart = remote;
    s.plugInMs = nowMs();
    s.startRegisterWh = c.registerWh();
    s.zeroThenJump = m_options.misbehaviours.testFlag(Misbehaviour::MeterZeroThenJump);
    s.ignoreRemoteStop = m_options.misbehaviours.testFlag(Misbehaviour::IgnoreRemoteStop);
    if (c.reservation) {
        s.reservationId = c.reservation->id;
        c.reservation.reset();
    }
    EvParameters ev;
    const qint64 batteryMin = std::min(profile.batteryMinWh, profile.batteryMaxWh);
    const qint64 batteryMax = std::max(profile.batteryMinWh, profile.batteryMaxWh);
    ev.batteryWh = batteryMin + qint64(m_rng.bounded(quint32(batteryMax - batteryMin + 1)));
    const int socMin = std::clamp(std::min(profile.startSocMinPercent, profile.startSocMaxPercent), 0, 100);
    const int socMax = std::clamp(std::max(profile.startSocMinPercent, profile.startSocMaxPercent), 0, 100);
    ev.startSocPercent = socMin + int(m_rng.bounded(quint32(socMax - socMin + 1)));
    const int needMin = std::clamp(std::min(profile.chargeNeedMinPercent, profile.chargeNeedMaxPercent), 0, 100);
    const int needMax = std::clamp(std::max(profile.chargeNeedMinPercent, profile.chargeNeedMaxPercent), 0, 100);
    const int need = needMin + int(m_rng.bounded(quint32(needMax - needMin + 1)));
    ev.targetSocPercent = std::clamp(ev.startSocPercent + need, ev.startSocPercent, std::max(ev.startSocPercent, profile.targetSocPercent));
    ev.maxPowerW = profile.evMaxPowerW;
    s.model.emplace(ev, profile.supply);
    const double spread = 0.7 + 0.6 * m_rng.generateDouble();  // ±30 %
    s.durationMs = std::max<qint64>(60000, qint64(std::llround(double(profile.meanDuration.count()) * 1000.0 * spread)));
    c.session = std::move(s);
    setStatus(c, ConnectorStatus::Preparing);

    if (kind == Session::Kind::Unauthorized) {
        // Energy simply starts flowing: no Authorize, no StartTransaction (igo_case#95, #96).
        ++m_counters.sessionsStarted;
        Q_EMIT sessionStarted(c.id);
        schedulePhase(c, profile.startLatency, [this, &c] { enterCharging(c); });
    } else if (remote && !m_config.boolValue(configkey::AuthorizeRemoteTxRequests, false)) {
        beginTransaction(c);
    } else {
        authorizeSession(c);
    }
    return true;
}

void SimulatedStation::abandonSession(Connector &c)
{
    cancelPhase(c);
    c.sampleTimer.stop();
    c.session.reset();
    c.powerW = 0;
    applyAvailability(c);
    scheduleArrival(c);
}

void SimulatedStation::authorizeSession(Connector &c)
{
    const int connectorId = c.id;
    if (!online()) {
        onAuthorized(connectorId, std::nullopt);
        return;
    }
    sendCall(m_adapter->authorize(c.session->idTag), [this, connectorId](const ocpp::CallOutcome &outcome) {
        onAuthorized(connectorId, outcome.ok() ? m_adapter->parseAuthorizeResult(outcome.value()) : std::nullopt);
    });
}

void SimulatedStation::onAuthorized(int connectorId, std::optional<AuthorizationStatus> status)
{
    Connector *c = connector(connectorId);
    if (!c || !c->session || c->session->transactionBegun || c->session->ended)
        return;
    const QString tag = c->session->idTag;
    if (status) {
        if (m_config.boolValue(configkey::AuthorizationCacheEnabled, true))
            m_auth.remember(tag, *status);
    } else {
        // No answer: decide locally (OCPP 1.6 §3.5: local list, cache, offline policy).
        const bool useList = m_config.boolValue(configkey::LocalAuthListEnabled, true);
        const bool useCache = m_config.boolValue(configkey::AuthorizationCacheEnabled, true);
        if (m_config.boolValue(QStringLiteral("LocalAuthorizeOffline"), true))
            status = m_auth.lookup(tag, useList, useCache);
        if (!status && m_config.boolValue(QStringLiteral("AllowOfflineTxForUnknownId"), false))
            status = AuthorizationStatus::Accepted;
    }
    if (status != AuthorizationStatus::Accepted) {
        ++m_counters.sessionsRefused;
        abandonSession(*c);
        return;
    }
    beginTransaction(*c);
}

void SimulatedStation::beginTransaction(Connector &c)
{
    Session &s = *c.session;
    s.transactionBegun = true;
    s.txKey = ++m_nextTxKey;
    s.startMs = nowMs();
    s.startRegisterWh = c.registerWh();
    s.meterStartWh = s.zeroThenJump ? 0 : s.startRegisterWh;
    s.beginSample = MeterSample{};
    s.beginSample.timestampMs = s.startMs;
    s.beginSample.context = SampleContext::TransactionBegin;
    s.beginSample.energyWh = s.meterStartWh;

    TxEntry start;
    start.kind = TxEntry::Kind::Start;
    start.txKey = s.txKey;
    start.connectorId = c.id;
    start.start = StartTransactionData{c.id, s.idTag, s.meterStartWh, s.startMs, s.reservationId};
    ++m_counters.sessionsStarted;
    Q_EMIT sessionStarted(c.id);
    enqueueTx(std::move(start));
    schedulePhase(c, m_options.session.startLatency, [this, &c] { enterCharging(c); });
}

void SimulatedStation::enterCharging(Connector &c)
{
    if (!c.session || c.session->ended)
        return;
    Session &s = *c.session;
    if (s.kind == Session::Kind::Unauthorized)
        s.startRegisterWh = c.registerWh();
    c.lastPhysicsMs = nowMs();
    s.plannedEndMs = s.plugInMs + s.durationMs;
    setStatus(c, ConnectorStatus::Charging);
    c.powerW = s.model->powerW(limitFor(c));
    const int sampleS = m_config.intValue(configkey::MeterValueSampleInterval, 60);
    if (sampleS > 0)
        c.sampleTimer.start(wall(std::chrono::seconds(sampleS)));
    const qint64 remaining = std::max<qint64>(1000, s.plannedEndMs - nowMs());
    schedulePhase(c, std::chrono::milliseconds(remaining), [this, &c] {
        // The driver comes back: most swipe the card, some just pull the cable.
        endSession(c, m_rng.bounded(10u) < 7 ? StopReason::Local : StopReason::EVDisconnected);
    });
    armMisbehaviour(c);
}

void SimulatedStation::armMisbehaviour(Connector &c)
{
    Session &s = *c.session;
    if (s.kind != Session::Kind::Authorized || s.misbehaviourArmed)
        return;
    const bool offline = m_options.misbehaviours.testFlag(Misbehaviour::OfflineMidSession);
    const bool replay = m_options.misbehaviours.testFlag(Misbehaviour::ReplayAfterReconnect);
    if (!offline && !replay)
        return;
    s.misbehaviourArmed = true;
    const int key = s.txKey;
    const int connectorId = c.id;
    const qint64 half = std::max<qint64>(1000, (s.plannedEndMs - nowMs()) / 2);
    QTimer::singleShot(wall(std::chrono::milliseconds(half)), this, [this, key, connectorId, offline] {
        Connector *conn = connector(connectorId);
        if (!conn || !conn->session || conn->session->txKey != key || conn->session->ended || !m_running)
            return;
        Session &session = *conn->session;
        if (offline) {
            // The station falls off the network and loses what it had queued: the server never
            // hears of this session again, no MeterValues, no StopTransaction.
            session.silent = true;
            goOffline(m_options.misbehaviourOffline);  // first: a message on the wire comes back to the queue
            dropSessionMessages(key);
            return;
        }
        // replay-after-reconnect: away until the session has stopped, then back to replay it all.
        m_replayTxKey = key;
        m_reconnectAfterStopKey = key;
        const qint64 untilEnd = std::max<qint64>(0, session.plannedEndMs - nowMs());
        const qint64 sample = qint64(m_config.intValue(configkey::MeterValueSampleInterval, 60)) * 1000;
        goOffline(std::chrono::milliseconds(untilEnd + 2 * sample + 60000));
    });
}

void SimulatedStation::advancePhysics(Connector &c)
{
    const qint64 now = nowMs();
    const qint64 span = now - c.lastPhysicsMs;
    c.lastPhysicsMs = now;
    const bool flowing = c.session && c.session->model && !c.session->ended
        && (c.status == ConnectorStatus::Charging || c.status == ConnectorStatus::SuspendedEV);
    if (!flowing) {
        c.powerW = 0;
        return;
    }
    const std::optional<double> limit = limitFor(c);
    if (span > 0)
        c.registerMWh += c.session->model->advance(span, limit);
    c.powerW = c.session->model->powerW(limit);
}

std::optional<double> SimulatedStation::limitFor(const Connector &c) const
{
    if (!c.session)
        return m_profiles.limitW(c.id, std::nullopt, nowMs(), std::nullopt, m_options.session.supply);
    const std::optional<qint64> started = c.session->transactionBegun ? std::optional<qint64>(c.session->startMs) : std::nullopt;
    return m_profiles.limitW(c.id, resolvedTransactionId(*c.session), nowMs(), started, m_options.session.supply);
}

std::optional<int> SimulatedStation::resolvedTransactionId(const Session &s) const
{
    if (!s.transactionBegun)
        return std::nullopt;
    const auto it = m_txIds.constFind(s.txKey);
    if (it == m_txIds.constEnd() || *it < 0)
        return std::nullopt;
    return *it;
}

MeterSample SimulatedStation::takeSample(Connector &c, SampleContext context)
{
    MeterSample sample;
    sample.timestampMs = nowMs();
    sample.context = context;
    const QStringList measurands = m_config.listValue(configkey::MeterValuesSampledData);
    qint64 energy = c.registerWh();
    if (c.session) {
        // meter-zero-then-jump: the register reads 0 until the first sample is out (gdss_case#7).
        if (c.session->zeroThenJump && c.session->samplesTaken == 0)
            energy = 0;
        ++c.session->samplesTaken;
    }
    if (measurands.contains(QStringLiteral("Energy.Active.Import.Register")) || measurands.isEmpty())
        sample.energyWh = energy;
    if (measurands.contains(QStringLiteral("Power.Active.Import")))
        sample.powerW = c.powerW;
    const bool energized = c.session && !c.session->ended && c.session->model;
    if (measurands.contains(QStringLiteral("Current.Import")) && energized)
        sample.currentA = c.session->model->currentsA(c.powerW);
    if (measurands.contains(QStringLiteral("Voltage")) && energized)
        sample.voltageV = c.session->model->voltagesV(quint32(sample.timestampMs / 1000));
    if (measurands.contains(QStringLiteral("SoC")) && energized)
        sample.socPercent = c.session->model->socPercent();
    return sample;
}

void SimulatedStation::onSampleTick(Connector &c)
{
    if (!c.session || c.session->ended) {
        c.sampleTimer.stop();
        return;
    }
    advancePhysics(c);
    Session &s = *c.session;
    if (c.status == ConnectorStatus::Charging && s.model->full())
        setStatus(c, ConnectorStatus::SuspendedEV);
    const MeterSample sample = takeSample(c, SampleContext::Periodic);
    if (s.kind == Session::Kind::Unauthorized) {
        // Energy with no transaction: MeterValues without a transactionId.
        if (online())
            sendCall(m_adapter->meterValues(c.id, std::nullopt, {sample}));
        return;
    }
    if (s.silent || !s.transactionBegun)
        return;
    TxEntry entry;
    entry.kind = TxEntry::Kind::Meter;
    entry.txKey = s.txKey;
    entry.connectorId = c.id;
    entry.samples = {sample};
    enqueueTx(std::move(entry));
}

void SimulatedStation::endSession(Connector &c, StopReason reason)
{
    if (!c.session || c.session->ended)
        return;
    advancePhysics(c);
    Session &s = *c.session;
    s.ended = true;
    c.sampleTimer.stop();
    c.powerW = 0;
    cancelPhase(c);
    setStatus(c, ConnectorStatus::Finishing);
    const qint64 now = nowMs();
    const qint64 energyWh = c.registerWh() - s.startRegisterWh;

    if (s.kind == Session::Kind::Authorized && s.transactionBegun && !s.silent) {
        MeterSample end;
        end.timestampMs = now;
        end.context = SampleContext::TransactionEnd;
        end.energyWh = c.registerWh();
        if (s.model)
            end.socPercent = s.model->socPercent();
        TxEntry stop;
        stop.kind = TxEntry::Kind::Stop;
        stop.txKey = s.txKey;
        stop.connectorId = c.id;
        stop.stop = StopTransactionData{s.idTag, c.registerWh(), now, reason, {s.beginSample, end}};
        if (m_options.misbehaviours.testFlag(Misbehaviour::DuplicateStop))
            enqueueTx(stop);  // the same StopTransaction goes out twice
        enqueueTx(std::move(stop));
    }
    m_profiles.transactionEnded(c.id);
    ++m_counters.sessionsFinished;
    m_counters.energyWh += energyWh;
    Q_EMIT sessionFinished(c.id, energyWh);

    if (s.txKey != 0 && s.txKey == m_reconnectAfterStopKey) {
        m_reconnectAfterStopKey = 0;
        if (m_awayOnPurpose && m_reconnectTimer.isActive())
            m_reconnectTimer.start(wall(kReplayReturnDelay));
    }
    const std::chrono::milliseconds unplug =
        reason == StopReason::EVDisconnected ? kEvUnplugDelay : m_options.session.unplugDelay;
    schedulePhase(c, unplug, [this, &c] { onUnplugged(c); });
}

void SimulatedStation::onUnplugged(Connector &c)
{
    c.session.reset();
    c.powerW = 0;
    if (c.inoperativeScheduled) {
        c.inoperativeScheduled = false;
        c.operative = false;
    }
    if (!m_shuttingDown && m_options.faultProbability > 0.0 && m_rng.generateDouble() < m_options.faultProbability) {
        static constexpr ConnectorError faults[] = {
            ConnectorError::GroundFailure,      ConnectorError::OverCurrentFailure, ConnectorError::HighTemperature,
            ConnectorError::PowerMeterFailure,  ConnectorError::EVCommunicationError, ConnectorError::ConnectorLockFailure,
        };
        const ConnectorError error = faults[m_rng.bounded(quint32(std::size(faults)))];
        c.faulted = true;
        setStatus(c, ConnectorStatus::Faulted, error, QStringLiteral("E%1").arg(100 + int(error)));
        schedulePhase(c, m_options.faultDuration, [this, &c] {
            c.faulted = false;
            c.error = ConnectorError::NoError;
            c.vendorErrorCode.clear();
            applyAvailability(c);
            scheduleArrival(c);
        });
        return;
    }
    applyAvailability(c);
    if (m_shuttingDown) {
        checkShutdownDone();
        return;
    }
    scheduleArrival(c);
}

void SimulatedStation::applyAvailability(Connector &c)
{
    if (c.id == 0 || c.session || c.faulted)
        return;
    if (!c.operative)
        setStatus(c, ConnectorStatus::Unavailable);
    else if (c.reservation)
        setStatus(c, ConnectorStatus::Reserved);
    else
        setStatus(c, ConnectorStatus::Available);
}

void SimulatedStation::startAutoSessions()
{
    if (!m_options.autoSessions || m_autoSessionsStarted)
        return;
    m_autoSessionsStarted = true;
    for (auto &c : m_connectors)
        scheduleArrival(*c);
}

void SimulatedStation::scheduleArrival(Connector &c)
{
    if (!m_options.autoSessions || !m_autoSessionsStarted || m_shuttingDown || !m_running || c.id == 0 || c.session
        || c.phaseTimer.isActive())
        return;
    // Exponential gaps: arrivals at a steady mean rate, never in lockstep across the fleet.
    const double mean = double(std::max<qint64>(1, m_options.sessionInterval.count())) * 1000.0;
    const double gap = -std::log(1.0 - m_rng.generateDouble()) * mean;
    schedulePhase(c, std::chrono::milliseconds(std::max<qint64>(1000, qint64(gap))), [this, &c] {
        const QString tag = pickIdTag();
        if (!isFree(c, tag) || !plugIn(c.id, tag))
            scheduleArrival(c);
    });
}

void SimulatedStation::restartSampleTimers()
{
    const int sampleS = m_config.intValue(configkey::MeterValueSampleInterval, 60);
    for (auto &c : m_connectors) {
        if (!c->session || c->session->ended
            || (c->status != ConnectorStatus::Charging && c->status != ConnectorStatus::SuspendedEV))
            continue;
        if (sampleS > 0)
            c->sampleTimer.start(wall(std::chrono::seconds(sampleS)));
        else
            c->sampleTimer.stop();
    }
}

}  // namespace cd::sim
