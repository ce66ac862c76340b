#pragma once
// SimulatedStation: one OCPP charge point over a real WebSocket client. It connects to
// <serverUrl>/<chargePointId> (subprotocol per version, optional HTTP Basic auth with the id
// as user name; for wss:// the CAs it trusts and an optional client certificate), boots
// (BootNotification; Accepted / Pending / Rejected and the interval are honoured), sends
// heartbeats and StatusNotifications, runs charging sessions (Authorize →
// StartTransaction → MeterValues → StopTransaction) with a physical EV model, answers every
// server command, reconnects with backoff after a drop, and queues transaction messages while
// offline to send them after the reconnect. Named misbehaviours (misbehaviour.h) make it fail
// in the ways stations fail in the field.
//
// Time: every timestamp follows the station's SimClock; every interval it waits is simulated
// time, turned into a wall-clock timer through the clock's time scale. Reconnect backoff,
// connect and call timeouts are wall-clock.
//
// The message format lives behind a ProtocolAdapter (protocoladapter.h): OCPP 1.6J today.
// Thread affinity: the thread it lives in. Never blocks.

#include "core/ocpp/protocolversion.h"
#include "core/ocpp/rpcendpoint.h"
#include "core/sim/chargingmodel.h"
#include "core/sim/chargingprofiles.h"
#include "core/sim/configurationstore.h"
#include "core/sim/localauthorization.h"
#include "core/sim/misbehaviour.h"
#include "core/sim/protocoladapter.h"
#include "core/sim/simclock.h"
#include "core/sim/stationstate.h"
#include "core/sim/stationtypes.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMap>
#include <QObject>
#include <QRandomGenerator>
#include <QSslConfiguration>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

class QWebSocket;

namespace cd::sim {

// How the simulated drivers and cars behave. Durations are simulated time.
struct SessionProfile {
    std::chrono::seconds meanDuration{1800};  // plug-in to stop; each session varies ±30 %
    std::chrono::seconds startLatency{5};     // Preparing → Charging (vendor dependent, zpd_case#20)
    std::chrono::seconds unplugDelay{20};     // Finishing → Available
    qint64 batteryMinWh = 40000;
    qint64 batteryMaxWh = 80000;
    int startSocMinPercent = 10;
    int startSocMaxPercent = 60;
    // How much the driver wants (state of charge added); reaching it before the driver returns
    // leaves the EV idle in SuspendedEV, as full cars do.
    int chargeNeedMinPercent = 5;
    int chargeNeedMaxPercent = 40;
    int targetSocPercent = 100;  // never beyond this
    qint64 evMaxPowerW = 11000;
    SupplyParameters supply;
};

struct StationOptions {
    QUrl serverUrl;         // e.g. ws://127.0.0.1:9000/ocpp; the station appends /<chargePointId>
    QString chargePointId;  // e.g. "SIM-0001"
    std::optional<QString> password;  // HTTP Basic auth (security profiles 1, 2); user = chargePointId
    // wss://: the CAs to trust and the client certificate (profile 3); nullopt: Qt's defaults.
    std::optional<QSslConfiguration> tls;
    ocpp::ProtocolVersion version = ocpp::ProtocolVersion::Ocpp16;
    StationIdentity identity;  // empty vendor/model/firmware/serial get simulator defaults
    int connectorCount = 2;
    QStringList idTags;        // tags its drivers present; empty: "<id>-TAG<n>" style defaults
    Misbehaviours misbehaviours;

    std::shared_ptr<SimClock> clock;  // shared by a Simulator's stations; nullptr: own clock
    double timeScale = 1.0;           // for the own clock (system clock base)

    std::chrono::seconds heartbeatInterval{300};   // until the server's BootNotification interval
    std::chrono::seconds meterSampleInterval{60};  // MeterValueSampleInterval
    std::chrono::seconds bootRetryInterval{60};    // after Pending/Rejected with interval 0, or an error
    bool autoSessions = false;                     // drivers arrive on their own
    std::chrono::seconds sessionInterval{600};     // mean idle time before the next arrival, per connector
    SessionProfile session;
    double faultProbability = 0.0;                 // chance a connector faults after a session
    std::chrono::seconds faultDuration{120};
    std::chrono::seconds misbehaviourOffline{600};  // offline-mid-session: time off the network
    std::chrono::seconds rebootDuration{10};        // Reset / firmware install

    std::chrono::milliseconds reconnectMin{1000};   // backoff after a drop, doubled per failure
    std::chrono::milliseconds reconnectMax{30000};
    std::chrono::milliseconds connectTimeout{15000};
    std::chrono::milliseconds callTimeout{30000};
    bool bootOnReconnect = false;  // send BootNotification on every new connection, not only after power-on
    quint64 seed = 0;              // 0: derived from the charge point id
    std::optional<qint64> initialMeterWh;  // first register value; nullopt: derived from the seed
};

struct StationCounters {
    qint64 framesSent = 0;
    qint64 framesReceived = 0;
    qint64 callsSent = 0;        // CALLs the station sent
    qint64 callResults = 0;      // CALLRESULTs it received for them
    qint64 callErrors = 0;       // CALLERRORs it received
    qint64 callTimeouts = 0;
    qint64 callsReceived = 0;    // server CALLs
    qint64 callsAnswered = 0;    // server CALLs answered with a CALLRESULT
    qint64 callsRefused = 0;     // server CALLs answered with a CALLERROR
    qint64 connects = 0;         // successful WebSocket connections
    qint64 reconnects = 0;       // connections after the first
    qint64 connectFailures = 0;
    qint64 disconnects = 0;
    qint64 sessionsStarted = 0;   // energy could flow: a transaction began (or charging without one)
    qint64 sessionsRefused = 0;   // a driver plugged in but was not authorised (Authorize or local list)
    qint64 sessionsFinished = 0;
    qint64 energyWh = 0;         // delivered in finished sessions (the real meter)
    qint64 transactionMessagesDropped = 0;  // gave up after TransactionMessageAttempts
    QMap<QString, qint64> errorsByCode;     // CALLERROR codes received, plus "Timeout"
    QString lastConnectError;               // why the last connection attempt failed
};

class SimulatedStation : public QObject, private StationCommands {
    Q_OBJECT

public:
    enum class State {
        Stopped,     // not started, or stop()ped
        Connecting,  // WebSocket handshake in progress
        Booting,     // connected, BootNotification sent
        Pending,     // the server answered Pending: waits, answers commands, retries
        Rejected,    // the server answered Rejected: retries after the interval
        Accepted,    // in operation
        Offline,     // connection lost; reconnecting (or deliberately away)
    };
    Q_ENUM(State)

    explicit SimulatedStation(StationOptions options, QObject *parent = nullptr);
    ~SimulatedStation() override;

    const StationOptions &options() const { return m_options; }
    QString chargePointId() const { return m_options.chargePointId; }
    State state() const { return m_state; }
    bool isConnected() const { return m_socketOpen; }
    // The server accepted a BootNotification since the last power-on / reboot.
    bool hasBooted() const { return m_booted; }
    bool hasEverConnected() const { return m_counters.connects > 0; }
    const SimClock &clock() const { return *m_clock; }
    const StationCounters &counters() const { return m_counters; }
    const ConfigurationStore &configuration() const override { return m_config; }
    const StationIdentity &identity() const { return m_identity; }
    // The URL it connects to: <serverUrl>/<percent-encoded chargePointId>.
    QUrl stationUrl() const;

    // Connects, and keeps reconnecting after drops until stop().
    void start();
    // Closes the connection now. Sessions freeze; queued transaction messages stay queued.
    void stop();
    // Ends running sessions (reason Local), waits until the queued transaction messages are
    // sent (wall-clock, at most `timeout`), then stop(); emits finished().
    void shutdown(std::chrono::milliseconds timeout);

    // A driver plugs in and presents `idTag` (empty: one of options().idTags): Preparing →
    // Authorize → StartTransaction → Charging ... Returns false when the connector is busy,
    // reserved for someone else, unavailable or faulted. connectorId 0 picks a free one.
    bool plugIn(int connectorId = 0, const QString &idTag = {});
    // The driver ends the session (Finishing → unplug → Available). False without a session.
    bool stopSession(int connectorId, StopReason reason = StopReason::Local);
    // Loses the network (no close handshake) for `simSpan` of simulated time, then reconnects.
    void goOffline(std::chrono::milliseconds simSpan);

    int connectorCount() const override { return int(m_connectors.size()) - 1; }
    ConnectorStatus connectorStatus(int connectorId) const;
    bool hasSession(int connectorId) const;
    std::optional<int> transactionId(int connectorId) const;
    qint64 meterWh(int connectorId) const;
    // Sessions that started (see sessionStarted()) and have not ended yet.
    int activeSessions() const;
    qsizetype queuedTransactionMessages() const { return qsizetype(m_txQueue.size()); }
    DiagnosticsStatus diagnosticsStatus() const { return m_diagnostics; }
    FirmwareStatus firmwareStatus() const { return m_firmware; }

Q_SIGNALS:
    void stateChanged(cd::sim::SimulatedStation::State state);
    void connected();
    void disconnected(const QString &reason);
    void connectFailed(const QString &reason);
    void booted();
    // A session began: its transaction started (StartTransaction queued), or energy began to
    // flow without one (charge-without-authorization).
    void sessionStarted(int connectorId);
    void transactionStarted(int connectorId, int transactionId);
    void sessionFinished(int connectorId, qint64 energyWh);
    // Every frame in and out (the RpcEndpoint's spy), timestamps on the simulated clock.
    void frameObserved(const cd::ocpp::FrameRecord &record);
    // A station CALL completed: wall-clock latency from the frame going out to the answer
    // coming in; errorCode empty on a CALLRESULT, the received code on a CALLERROR.
    void callCompleted(const QString &action, qint64 latencyUs, const QString &errorCode);
    void finished();

private:
    using Connector = detail::Connector;
    using Session = detail::Session;
    using TxEntry = detail::TxEntry;

    // ---- connection, boot, heartbeat, status (simulatedstation.cpp) ----
    void setState(State state);
    void connectNow();
    void onSocketConnected();
    void onSocketDisconnected();
    void connectionLost(const QString &reason, bool graceful = false);
    void scheduleReconnect(std::chrono::milliseconds delay);
    std::chrono::milliseconds nextBackoff();
    void sendBoot();
    void onBootAnswer(const ocpp::CallOutcome &outcome);
    void enterOperation();
    void restartHeartbeat();
    void sendHeartbeat();
    bool online() const;  // connected and accepted
    void sendCall(OutgoingMessage message, ocpp::CallCompletion done = {});
    void holdOutgoing() override;
    void releaseOutgoing() override;
    void onFrame(const ocpp::FrameRecord &record);
    void setStatus(Connector &connector, ConnectorStatus status, ConnectorError error = ConnectorError::NoError,
                   const QString &vendorErrorCode = {});
    void sendStatus(const Connector &connector);
    void sendAllStatuses();
    // A simulated span as a timer interval (capped at QTimer's ~24 days).
    std::chrono::milliseconds wall(std::chrono::milliseconds simSpan) const
    {
        return std::min(m_clock->toWall(simSpan), std::chrono::milliseconds(0x7fffffff));
    }
    // The station's own clock: the simulated time, two days ahead for "clock-skew".
    qint64 nowMs() const override
    {
        return m_clock->nowMs() + (m_options.misbehaviours.testFlag(Misbehaviour::ClockSkew) ? kClockSkewMs : 0);
    }
    Connector *connector(int connectorId);
    const Connector *connector(int connectorId) const;
    void checkShutdownDone();
    void finishShutdown();
    void abandonSession(Connector &c);
    bool isFree(const Connector &c, const QString &idTag) const;

    // ---- sessions and meter (stationsessions.cpp) ----
    void schedulePhase(Connector &c, std::chrono::milliseconds simSpan, std::function<void()> action);
    void cancelPhase(Connector &c);
    bool beginSession(Connector &c, const QString &idTag, bool remote, Session::Kind kind);
    void authorizeSession(Connector &c);
    void onAuthorized(int connectorId, std::optional<AuthorizationStatus> status);
    void beginTransaction(Connector &c);
    void enterCharging(Connector &c);
    void armMisbehaviour(Connector &c);
    void onSampleTick(Connector &c);
    void advancePhysics(Connector &c);
    MeterSample takeSample(Connector &c, SampleContext context);
    void endSession(Connector &c, StopReason reason);
    void onUnplugged(Connector &c);
    void scheduleArrival(Connector &c);
    void startAutoSessions();
    std::optional<double> limitFor(const Connector &c) const;
    std::optional<int> resolvedTransactionId(const Session &s) const;
    QString pickIdTag();
    void restartSampleTimers();

    // ---- transaction queue (stationqueue.cpp) ----
    void enqueueTx(TxEntry entry);
    void pumpTx();
    OutgoingMessage buildTx(const TxEntry &entry) const;
    void onTxAnswer(const ocpp::CallOutcome &outcome);
    void onStartConfirmed(int txKey, const StartResult &result);
    void dropSessionMessages(int txKey);
    void queueReplay(int txKey);

    // ---- server commands (stationcommands.cpp) ----
    CommandStatus remoteStart(std::optional<int> connectorId, const QString &idTag,
                              std::optional<ChargingProfile> txProfile) override;
    CommandStatus remoteStop(int transactionId) override;
    CommandStatus reset(ResetKind kind) override;
    UnlockStatus unlockConnector(int connectorId) override;
    AvailabilityStatus changeAvailability(int connectorId, bool operative) override;
    ConfigChangeResult changeConfiguration(const QString &key, const QString &value) override;
    CommandStatus clearCache() override;
    TriggerStatus triggerMessage(TriggerKind kind, std::optional<int> connectorId) override;
    QString startDiagnosticsUpload(const QString &location) override;
    void scheduleFirmwareUpdate(const QString &location, qint64 retrieveAtMs) override;
    ReservationStatus reserveNow(const ReservationRequest &request) override;
    CommandStatus cancelReservation(int reservationId) override;
    LocalAuthorization::UpdateResult sendLocalList(int version, bool full,
                                                   const std::vector<LocalAuthorization::ListEntry> &entries) override;
    int localListVersion() const override;
    ChargingProfiles::InstallResult setChargingProfile(ChargingProfile profile) override;
    bool clearChargingProfile(std::optional<int> id, std::optional<int> connectorId,
                              std::optional<ProfilePurpose> purpose, std::optional<int> stackLevel) override;
    std::optional<CompositeSchedule> compositeSchedule(int connectorId, int durationS,
                                                       std::optional<RateUnit> unit) override;
    DataTransferAnswer dataTransfer(const QString &vendorId, const QString &messageId,
                                    const std::optional<QString> &data) override;
    TransactionStatusAnswer transactionStatus(std::optional<int> transactionId) const override;
    bool sendFollowUp(OutgoingMessage message) override;
    // Whether txKey's transaction is `transactionId`: confirmed by the server, or (2.0.1, where the
    // station names it) in its start message, built and waiting in the queue.
    bool isTransaction(int txKey, int transactionId) const;
    void reboot(StopReason reason);
    void maybeRebootNow();
    void performReboot();
    void setFirmwareStatus(FirmwareStatus status);
    void setDiagnosticsStatus(DiagnosticsStatus status);
    void expireReservation(int connectorId, int reservationId);
    void applyAvailability(Connector &c);

    StationOptions m_options;
    StationIdentity m_identity;
    std::shared_ptr<SimClock> m_clock;
    std::unique_ptr<ProtocolAdapter> m_adapter;
    ConfigurationStore m_config;
    LocalAuthorization m_auth;
    ChargingProfiles m_profiles;
    QRandomGenerator m_rng;
    std::vector<std::unique_ptr<Connector>> m_connectors;  // [0]: the station itself

    ocpp::RpcEndpoint *m_endpoint = nullptr;
    QWebSocket *m_socket = nullptr;
    State m_state = State::Stopped;
    bool m_running = false;
    bool m_socketOpen = false;
    bool m_booted = false;
    bool m_autoSessionsStarted = false;
    bool m_awayOnPurpose = false;   // goOffline()/reboot: reconnect on our own timer
    bool m_shuttingDown = false;
    bool m_rebootPending = false;   // Reset / firmware: rebooting once the Stops are out
    StopReason m_rebootReason = StopReason::Reboot;
    bool m_destroying = false;
    int m_backoffAttempt = 0;
    int m_replayTxKey = 0;          // replay-after-reconnect: whose messages to replay on reconnect
    int m_reconnectAfterStopKey = 0;  // replay-after-reconnect: come back once this session stopped
    QTimer m_reconnectTimer;
    QTimer m_connectTimeoutTimer;
    QTimer m_heartbeatTimer;
    QTimer m_bootRetryTimer;
    QTimer m_txRetryTimer;
    QTimer m_shutdownTimer;
    QTimer m_rebootTimer;
    QMetaObject::Connection m_sendLink;  // endpoint → current socket

    int m_holdDepth = 0;
    std::vector<std::pair<OutgoingMessage, ocpp::CallCompletion>> m_held;

    std::deque<TxEntry> m_txQueue;
    bool m_txInFlight = false;
    int m_nextTxKey = 0;
    QHash<int, int> m_txIds;                              // txKey → transactionId (-1: never confirmed)
    QHash<int, std::vector<OutgoingMessage>> m_acked;      // txKey → acknowledged messages, in order

    QElapsedTimer m_monotonic;
    QHash<QString, std::pair<QString, qint64>> m_callsOut;  // messageId → (action, sent at ns)
    StationCounters m_counters;
    DiagnosticsStatus m_diagnostics = DiagnosticsStatus::Idle;
    FirmwareStatus m_firmware = FirmwareStatus::Idle;
    QString m_pendingFirmwareVersion;
};

}  // namespace cd::sim
