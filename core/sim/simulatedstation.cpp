// SimulatedStation: construction, the WebSocket connection (connect, drop, backoff), boot,
// heartbeat, StatusNotification, the outgoing-call gate and the traffic counters.
// Sessions: stationsessions.cpp; offline queue: stationqueue.cpp; commands: stationcommands.cpp.

#include "core/sim/simulatedstation.h"

#include "core/ocpp/rpcframe.h"

#include <QLoggingCategory>
#include <QNetworkRequest>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <algorithm>
#include <cmath>

namespace cd::sim {

Q_LOGGING_CATEGORY(lcSim, "cd.sim", QtInfoMsg)

namespace {

using namespace std::chrono_literals;

constexpr int kMaxConnectors = 32;

quint64 seedFor(const StationOptions &options)
{
    if (options.seed != 0)
        return options.seed;
    return quint64(qHash(options.chargePointId, 0x5eedu)) | 1u;
}

StationIdentity withDefaults(StationIdentity identity, const QString &chargePointId, quint64 seed)
{
    if (identity.vendor.isEmpty())
        identity.vendor = QStringLiteral("ChargeDesk");
    if (identity.model.isEmpty())
        identity.model = QStringLiteral("SimCharger-22");
    if (identity.firmwareVersion.isEmpty())
        identity.firmwareVersion = QStringLiteral("1.6.0-sim");
    if (identity.serialNumber.isEmpty())
        identity.serialNumber = QString(QStringLiteral("SN-") + chargePointId).left(25);
    if (identity.meterType.isEmpty())
        identity.meterType = QStringLiteral("SimMeter AC3");
    if (identity.meterSerialNumber.isEmpty())
        identity.meterSerialNumber = QStringLiteral("MTR-%1").arg(seed % 100000000u, 8, 10, QLatin1Char('0'));
    return identity;
}

ocpp::CallFailure notSentFailure()
{
    ocpp::CallFailure failure;
    failure.reason = ocpp::CallFailure::Reason::Aborted;
    failure.error = ocpp::RpcError::make(ocpp::ErrorKind::GenericError, QStringLiteral("not connected"));
    failure.errorCode = QStringLiteral("GenericError");
    return failure;
}

}  // namespace

SimulatedStation::SimulatedStation(StationOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    const quint64 seed = seedFor(m_options);
    const quint32 seedWords[2] = {quint32(seed), quint32(seed >> 32)};
    m_rng = QRandomGenerator(seedWords, 2);
    m_identity = withDefaults(m_options.identity, m_options.chargePointId, seed);
    m_options.connectorCount = std::clamp(m_options.connectorCount, 1, kMaxConnectors);
    if (m_options.idTags.isEmpty()) {
        for (int i = 1; i <= 3; ++i)
            m_options.idTags.append(QStringLiteral("TAG-%1-%2").arg(m_options.chargePointId.right(12)).arg(i));
    }
    m_clock = m_options.clock ? m_options.clock : std::make_shared<SimClock>(Clock::system(), m_options.timeScale);
    m_adapter = makeProtocolAdapter(m_options.version);
    m_config = ConfigurationStore::standard(m_options.connectorCount, int(m_options.heartbeatInterval.count()),
                                            int(m_options.meterSampleInterval.count()));
    m_config.setValue(QStringLiteral("AllowOfflineTxForUnknownId"), QStringLiteral("true"));

    const qint64 firstRegisterWh = m_options.initialMeterWh.value_or(100000 + qint64(m_rng.bounded(5000000)));
    for (int id = 0; id <= m_options.connectorCount; ++id) {
        auto c = std::make_unique<Connector>();
        c->id = id;
        c->registerMWh = id == 0 ? 0 : (firstRegisterWh + qint64(id - 1) * 1000003) * 1000;
        c->phaseTimer.setSingleShot(true);
        c->sampleTimer.setTimerType(Qt::PreciseTimer);  // a coarse timer bunches a fleet's samples on whole seconds
        Connector *raw = c.get();
        connect(&c->phaseTimer, &QTimer::timeout, this, [raw] {
            std::function<void()> action = std::move(raw->phaseAction);
            raw->phaseAction = nullptr;
            if (action)
                action();
        });
        connect(&c->sampleTimer, &QTimer::timeout, this, [this, raw] { onSampleTick(*raw); });
        m_connectors.push_back(std::move(c));
    }

    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, [this] {
        m_awayOnPurpose = false;
        connectNow();
    });
    m_connectTimeoutTimer.setSingleShot(true);
    connect(&m_connectTimeoutTimer, &QTimer::timeout, this,
            [this] { connectionLost(tr("connection timed out")); });
    connect(&m_heartbeatTimer, &QTimer::timeout, this, &SimulatedStation::sendHeartbeat);
    m_bootRetryTimer.setSingleShot(true);
    connect(&m_bootRetryTimer, &QTimer::timeout, this, [this] {
        if (m_socketOpen && !m_booted)
            sendBoot();
    });
    m_txRetryTimer.setSingleShot(true);
    connect(&m_txRetryTimer, &QTimer::timeout, this, &SimulatedStation::pumpTx);
    m_shutdownTimer.setSingleShot(true);
    connect(&m_shutdownTimer, &QTimer::timeout, this, &SimulatedStation::finishShutdown);
    m_rebootTimer.setSingleShot(true);
    connect(&m_rebootTimer, &QTimer::timeout, this, &SimulatedStation::performReboot);

    ocpp::EndpointOptions endpointOptions;
    endpointOptions.role = ocpp::Role::ChargingStation;
    endpointOptions.version = m_options.version;
    endpointOptions.callTimeout = m_options.callTimeout;
    endpointOptions.clock = m_clock.get();
    m_endpoint = new ocpp::RpcEndpoint(endpointOptions, this);
    connect(m_endpoint, &ocpp::RpcEndpoint::frameObserved, this, &SimulatedStation::onFrame);
    if (m_adapter)
        m_adapter->installHandlers(*m_endpoint, *this);
    m_monotonic.start();
}

SimulatedStation::~SimulatedStation()
{
    m_destroying = true;
    m_running = false;
    if (m_socket) {
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
        delete m_socket;
        m_socket = nullptr;
    }
    // Outstanding completions run now; they see m_destroying and return.
    delete m_endpoint;
    m_endpoint = nullptr;
}

QUrl SimulatedStation::stationUrl() const
{
    QUrl url = m_options.serverUrl;
    QString path = url.path(QUrl::FullyEncoded);
    if (!path.endsWith(QLatin1Char('/')))
        path += QLatin1Char('/');
    path += QString::fromLatin1(QUrl::toPercentEncoding(m_options.chargePointId));
    url.setPath(path, QUrl::TolerantMode);
    return url;
}

void SimulatedStation::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

// ---- lifecycle ---------------------------------------------------------------------------------

void SimulatedStation::start()
{
    if (m_running)
        return;
    if (!m_adapter) {
        Q_EMIT connectFailed(tr("protocol %1 is not supported by the simulator yet")
                                 .arg(ocpp::subprotocolName(m_options.version)));
        return;
    }
    m_running = true;
    m_backoffAttempt = 0;
    connectNow();
}

void SimulatedStation::stop()
{
    m_running = false;
    m_reconnectTimer.stop();
    m_heartbeatTimer.stop();
    m_bootRetryTimer.stop();
    m_txRetryTimer.stop();
    m_rebootTimer.stop();
    m_rebootPending = false;
    // Power off: what was running is gone; the queue survives (a station keeps it in flash).
    for (auto &c : m_connectors) {
        cancelPhase(*c);
        c->sampleTimer.stop();
        c->session.reset();
        c->powerW = 0;
        c->status = c->operative ? ConnectorStatus::Available : ConnectorStatus::Unavailable;
    }
    m_autoSessionsStarted = false;
    m_booted = false;
    if (m_socket)
        connectionLost(tr("stopped"), true);
    setState(State::Stopped);
}

void SimulatedStation::shutdown(std::chrono::milliseconds timeout)
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    m_shutdownTimer.start(timeout);
    for (auto &c : m_connectors) {
        if (c->id == 0)
            continue;
        if (c->session && !c->session->ended) {
            if (c->session->transactionBegun || c->session->kind == Session::Kind::Unauthorized)
                endSession(*c, StopReason::Local);
            else
                abandonSession(*c);
        } else if (!c->session) {
            cancelPhase(*c);  // no new arrivals
        }
    }
    checkShutdownDone();
}

void SimulatedStation::checkShutdownDone()
{
    if (!m_shuttingDown)
        return;
    const bool drained = m_txQueue.empty() && !m_txInFlight;
    if (drained || !hasEverConnected() || !m_running)
        QTimer::singleShot(0, this, &SimulatedStation::finishShutdown);
}

void SimulatedStation::finishShutdown()
{
    if (!m_shuttingDown)
        return;
    m_shuttingDown = false;
    m_shutdownTimer.stop();
    stop();
    Q_EMIT finished();
}

// ---- connection ----------------------------------------------------------------------------------

void SimulatedStation::connectNow()
{
    if (!m_running || m_socket || m_destroying)
        return;
    setState(State::Connecting);
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, &SimulatedStation::onSocketConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &SimulatedStation::onSocketDisconnected);
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) {
                if (m_socket)
                    connectionLost(m_socket->errorString());
            });
    connect(m_socket, &QWebSocket::textMessageReceived, m_endpoint, &ocpp::RpcEndpoint::receiveText);

    QNetworkRequest request(stationUrl());
    if (m_options.password) {
        const QByteArray credentials = m_options.chargePointId.toUtf8() + ':' + m_options.password->toUtf8();
        request.setRawHeader("Authorization", "Basic " + credentials.toBase64());
    }
    if (m_options.tls)
        m_socket->setSslConfiguration(*m_options.tls);
    QWebSocketHandshakeOptions handshake;
    handshake.setSubprotocols({ocpp::subprotocolName(m_options.version)});
    m_connectTimeoutTimer.start(m_options.connectTimeout);
    m_socket->open(request, handshake);
}

void SimulatedStation::onSocketConnected()
{
    m_connectTimeoutTimer.stop();
    const QString expected = ocpp::subprotocolName(m_options.version);
    if (m_socket->subprotocol() != expected) {
        connectionLost(tr("the server did not agree to subprotocol %1").arg(expected), true);
        return;
    }
    m_socketOpen = true;
    ++m_counters.connects;
    if (m_counters.connects > 1)
        ++m_counters.reconnects;
    m_sendLink = connect(m_endpoint, &ocpp::RpcEndpoint::textToSend, m_socket, &QWebSocket::sendTextMessage);
    qCDebug(lcSim, "%s connected", qUtf8Printable(chargePointId()));
    Q_EMIT connected();
    if (!m_booted || m_options.bootOnReconnect)
        sendBoot();
    else
        enterOperation();
}

void SimulatedStation::onSocketDisconnected()
{
    QString reason = tr("connection closed");
    if (m_socket && m_socket->closeCode() != QWebSocketProtocol::CloseCodeNormal)
        reason = tr("connection closed (code %1)").arg(int(m_socket->closeCode()));
    connectionLost(reason);
}

void SimulatedStation::connectionLost(const QString &reason, bool graceful)
{
    if (!m_socket)
        return;
    QWebSocket *socket = m_socket;
    m_socket = nullptr;
    disconnect(m_sendLink);
    disconnect(socket, nullptr, this, nullptr);
    disconnect(socket, nullptr, m_endpoint, nullptr);
    if (graceful && socket->state() == QAbstractSocket::ConnectedState) {
        connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(5000, socket, &QObject::deleteLater);
        socket->close();
    } else {
        socket->abort();
        socket->deleteLater();
    }

    const bool wasOpen = m_socketOpen;
    m_socketOpen = false;
    m_connectTimeoutTimer.stop();
    m_heartbeatTimer.stop();
    m_bootRetryTimer.stop();
    m_callsOut.clear();
    m_endpoint->abort(reason);  // outstanding calls complete with Aborted; the tx queue keeps its head
    if (wasOpen) {
        ++m_counters.disconnects;
        qCDebug(lcSim, "%s disconnected: %s", qUtf8Printable(chargePointId()), qUtf8Printable(reason));
        Q_EMIT disconnected(reason);
    } else {
        ++m_counters.connectFailures;
        m_counters.lastConnectError = reason;
        qCDebug(lcSim, "%s could not connect: %s", qUtf8Printable(chargePointId()), qUtf8Printable(reason));
        Q_EMIT connectFailed(reason);
    }
    maybeRebootNow();
    if (!m_running) {
        setState(State::Stopped);
    } else {
        setState(State::Offline);
        if (!m_awayOnPurpose)
            scheduleReconnect(nextBackoff());
    }
    checkShutdownDone();
}

void SimulatedStation::scheduleReconnect(std::chrono::milliseconds delay)
{
    m_reconnectTimer.start(delay);
}

std::chrono::milliseconds SimulatedStation::nextBackoff()
{
    const double base = double(m_options.reconnectMin.count()) * std::pow(2.0, std::min(m_backoffAttempt, 16));
    ++m_backoffAttempt;
    const double capped = std::min(base, double(std::max(m_options.reconnectMax, m_options.reconnectMin).count()));
    const double jitter = 0.8 + 0.4 * m_rng.generateDouble();  // ±20 %, so a fleet does not reconnect in lockstep
    return std::chrono::milliseconds(std::max<qint64>(1, qint64(std::llround(capped * jitter))));
}

void SimulatedStation::goOffline(std::chrono::milliseconds simSpan)
{
    if (!m_running)
        return;
    m_awayOnPurpose = true;
    if (m_socket)
        connectionLost(tr("network lost (simulated)"));
    m_reconnectTimer.start(wall(simSpan));
}

// ---- boot and heartbeat ------------------------------------------------------------------------

void SimulatedStation::sendBoot()
{
    if (m_state != State::Accepted)
        setState(State::Booting);
    sendCall(m_adapter->bootNotification(m_identity), [this](const ocpp::CallOutcome &outcome) { onBootAnswer(outcome); });
}

void SimulatedStation::onBootAnswer(const ocpp::CallOutcome &outcome)
{
    if (outcome.ok() == false && outcome.error().reason == ocpp::CallFailure::Reason::Aborted)
        return;  // the connection went away; the next one boots again
    const std::optional<BootResult> result = outcome.ok() ? m_adapter->parseBootResult(outcome.value()) : std::nullopt;
    if (!result) {
        if (!m_booted)
            m_bootRetryTimer.start(wall(m_options.bootRetryInterval));
        return;
    }
    const auto retry = result->intervalS > 0 ? std::chrono::seconds(result->intervalS) : m_options.bootRetryInterval;
    switch (result->status) {
    case RegistrationStatus::Accepted: {
        if (result->intervalS > 0)
            m_config.setValue(configkey::HeartbeatInterval, QString::number(result->intervalS));
        const bool firstBoot = !m_booted;
        m_booted = true;
        if (m_state != State::Accepted)
            enterOperation();
        else
            restartHeartbeat();
        if (firstBoot)
            Q_EMIT booted();
        break;
    }
    case RegistrationStatus::Pending:
        setState(State::Pending);
        m_bootRetryTimer.start(wall(retry));
        break;
    case RegistrationStatus::Rejected:
        setState(State::Rejected);
        m_bootRetryTimer.start(wall(retry));
        break;
    }
}

void SimulatedStation::enterOperation()
{
    setState(State::Accepted);
    m_backoffAttempt = 0;
    restartHeartbeat();
    sendAllStatuses();
    if (m_replayTxKey != 0)
        queueReplay(m_replayTxKey);
    pumpTx();
    startAutoSessions();
}

void SimulatedStation::restartHeartbeat()
{
    const int seconds = m_config.intValue(configkey::HeartbeatInterval, 0);
    if (seconds > 0 && online())
        m_heartbeatTimer.start(wall(std::chrono::seconds(seconds)));
    else
        m_heartbeatTimer.stop();
}

void SimulatedStation::sendHeartbeat()
{
    if (online())
        sendCall(m_adapter->heartbeat());
}

bool SimulatedStation::online() const
{
    return m_socketOpen && m_state == State::Accepted;
}

// ---- outgoing calls --------------------------------------------------------------------------------

void SimulatedStation::sendCall(OutgoingMessage message, ocpp::CallCompletion done)
{
    if (m_holdDepth > 0) {
        m_held.emplace_back(std::move(message), std::move(done));
        return;
    }
    const bool allowed = m_socketOpen && (online() || message.action == u"BootNotification");
    if (!allowed) {
        if (done)
            QTimer::singleShot(0, this, [this, done = std::move(done)] {
                if (!m_destroying)
                    done(notSentFailure());
            });
        return;
    }
    auto id = std::make_shared<QString>();
    *id = m_endpoint->call(message.action, std::move(message.payload),
                           [this, id, done = std::move(done)](const ocpp::CallOutcome &outcome) {
                               if (m_destroying)
                                   return;
                               if (!outcome.ok() && outcome.error().reason == ocpp::CallFailure::Reason::Timeout) {
                                   ++m_counters.callTimeouts;
                                   ++m_counters.errorsByCode[QStringLiteral("Timeout")];
                                   m_callsOut.remove(*id);
                               }
                               if (done)
                                   done(outcome);
                           });
}

void SimulatedStation::holdOutgoing()
{
    ++m_holdDepth;
}

void SimulatedStation::releaseOutgoing()
{
    if (m_holdDepth == 0 || --m_holdDepth > 0)
        return;
    std::vector<std::pair<OutgoingMessage, ocpp::CallCompletion>> held = std::move(m_held);
    m_held.clear();
    for (auto &[message, done] : held)
        sendCall(std::move(message), std::move(done));
}

void SimulatedStation::onFrame(const ocpp::FrameRecord &record)
{
    using ocpp::MessageType;
    if (record.direction == ocpp::FrameDirection::Outgoing) {
        ++m_counters.framesSent;
        if (record.messageType == MessageType::Call) {
            ++m_counters.callsSent;
            m_callsOut.insert(record.messageId, {record.action, m_monotonic.nsecsElapsed()});
        } else if (record.messageType == MessageType::CallResult) {
            ++m_counters.callsAnswered;
        } else if (record.messageType == MessageType::CallError) {
            ++m_counters.callsRefused;
        }
    } else {
        ++m_counters.framesReceived;
        if (record.messageType == MessageType::Call) {
            ++m_counters.callsReceived;
        } else if (record.messageType && record.problem.isEmpty()) {
            const auto it = m_callsOut.find(record.messageId);
            if (it != m_callsOut.end()) {
                const QString action = it->first;
                const qint64 latencyUs = (m_monotonic.nsecsElapsed() - it->second) / 1000;
                m_callsOut.erase(it);
                QString code;
                if (record.messageType == MessageType::CallError) {
                    ++m_counters.callErrors;
                    const ocpp::FrameParse parsed = ocpp::parseFrame(record.text);
                    if (parsed.ok())
                        if (const auto *error = std::get_if<ocpp::CallErrorFrame>(&parsed.value()))
                            code = error->errorCode;
                    if (code.isEmpty())
                        code = QStringLiteral("GenericError");
                    ++m_counters.errorsByCode[code];
                } else {
                    ++m_counters.callResults;
                }
                Q_EMIT callCompleted(action, latencyUs, code);
            }
        }
    }
    Q_EMIT frameObserved(record);
}

// ---- status ---------------------------------------------------------------------------------------

SimulatedStation::Connector *SimulatedStation::connector(int connectorId)
{
    if (connectorId < 0 || connectorId >= int(m_connectors.size()))
        return nullptr;
    return m_connectors[size_t(connectorId)].get();
}

const SimulatedStation::Connector *SimulatedStation::connector(int connectorId) const
{
    if (connectorId < 0 || connectorId >= int(m_connectors.size()))
        return nullptr;
    return m_connectors[size_t(connectorId)].get();
}

void SimulatedStation::setStatus(Connector &c, ConnectorStatus status, ConnectorError error, const QString &vendorErrorCode)
{
    if (c.status == status && c.error == error && c.vendorErrorCode == vendorErrorCode)
        return;
    c.status = status;
    c.error = error;
    c.vendorErrorCode = vendorErrorCode;
    sendStatus(c);
}

void SimulatedStation::sendStatus(const Connector &c)
{
    if (!online() && m_holdDepth == 0)
        return;
    // OCPP 2.0.1 has no status of the station as a whole: its EVSEs report for themselves (sent for
    // EVSE 1, the station's Available would claim EVSE 1 free while a car is plugged in there).
    if (c.id == 0 && m_adapter->version() != ocpp::ProtocolVersion::Ocpp16)
        return;
    sendCall(m_adapter->statusNotification(StatusReport{c.id, c.status, c.error, c.vendorErrorCode, nowMs()}));
}

void SimulatedStation::sendAllStatuses()
{
    for (const auto &c : m_connectors)
        sendStatus(*c);
}

ConnectorStatus SimulatedStation::connectorStatus(int connectorId) const
{
    const Connector *c = connector(connectorId);
    return c ? c->status : ConnectorStatus::Unavailable;
}

bool SimulatedStation::hasSession(int connectorId) const
{
    const Connector *c = connector(connectorId);
    return c && c->session && !c->session->ended;
}

std::optional<int> SimulatedStation::transactionId(int connectorId) const
{
    const Connector *c = connector(connectorId);
    if (!c || !c->session)
        return std::nullopt;
    return resolvedTransactionId(*c->session);
}

qint64 SimulatedStation::meterWh(int connectorId) const
{
    const Connector *c = connector(connectorId);
    return c ? c->registerWh() : 0;
}

int SimulatedStation::activeSessions() const
{
    int n = 0;
    for (const auto &c : m_connectors) {
        const Session *s = c->session ? &*c->session : nullptr;
        if (s && !s->ended && (s->transactionBegun || s->kind == Session::Kind::Unauthorized))
            ++n;
    }
    return n;
}

}  // namespace cd::sim
