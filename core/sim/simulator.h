#pragma once
// Simulator: a fleet of SimulatedStations against one server. Stations are named
// <prefix>-0001, <prefix>-0002, ...; they start staggered, run sessions at a configurable rate
// on a shared simulated clock, and show misbehaviours on a share or a list of stations.
// Counters and reply latencies (p50/p99, per action) are exposed for the benchmark.

#include "core/ocpp/protocolversion.h"
#include "core/sim/latencyrecorder.h"
#include "core/sim/misbehaviour.h"
#include "core/sim/simclock.h"
#include "core/sim/simulatedstation.h"
#include "core/sim/simulatorstats.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>

namespace cd {
class Clock;
}

namespace cd::sim {

struct SimulatorOptions {
    QUrl serverUrl;                        // e.g. ws://127.0.0.1:9000/ocpp
    int stationCount = 1;
    QString idPrefix = QStringLiteral("SIM");
    int firstIndex = 1;                    // <prefix>-0001 is index 1
    std::optional<QString> password;       // the same Basic-auth password for every station
    std::optional<QSslConfiguration> tls;  // wss://: the same trusted CAs and client certificate for every station
    ocpp::ProtocolVersion version = ocpp::ProtocolVersion::Ocpp16;
    double timeScale = 1.0;
    std::optional<qint64> simStartMs;      // nullopt: now
    std::chrono::milliseconds stagger{20};  // wall clock between two station starts
    bool sessions = true;                  // drivers arrive on their own
    std::chrono::seconds sessionInterval{600};  // mean idle time per connector between sessions (simulated)
    QList<MisbehaviourAssignment> misbehaviours;
    quint64 seed = 1;
    // Template for every station. serverUrl, chargePointId, password, tls, version, misbehaviours,
    // clock, seed, autoSessions and sessionInterval are set per station from the fields above.
    StationOptions station;
    const Clock *clock = nullptr;          // base of the simulated clock; nullptr: the system clock
};

class Simulator : public QObject {
    Q_OBJECT

public:
    explicit Simulator(SimulatorOptions options, QObject *parent = nullptr);
    ~Simulator() override;

    // "<prefix>-0001" for index 1 (at least four digits).
    static QString stationId(const QString &prefix, int index);
    // Which misbehaviours each station shows. An assignment with station ids names them; one
    // with a share picks round(share × N) stations (at least one when share > 0) by a shuffle
    // seeded from `seed` and the misbehaviour, so runs repeat.
    static QHash<QString, Misbehaviours> assignMisbehaviours(const QStringList &stationIds,
                                                             const QList<MisbehaviourAssignment> &assignments,
                                                             quint64 seed);

    const SimulatorOptions &options() const { return m_options; }
    const SimClock &clock() const { return *m_clock; }
    const QList<SimulatedStation *> &stations() const { return m_stations; }
    SimulatedStation *station(const QString &chargePointId) const;

    // Starts the stations one after the other (options().stagger apart).
    void start();
    // Ends sessions, lets queued transaction messages go out (at most `timeout`), closes every
    // connection; emits finished().
    void shutdown(std::chrono::milliseconds timeout = std::chrono::milliseconds(10000));
    // Closes everything now.
    void stop();
    bool isRunning() const { return m_running; }

    int connectedCount() const;
    int bootedCount() const;
    SimulatorStats stats() const;

Q_SIGNALS:
    void stationBooted(const QString &chargePointId);
    // Once, when every station has been accepted by the server at least once.
    void allStationsBooted();
    void finished();

private:
    void startNext();
    void onStationFinished();

    SimulatorOptions m_options;
    std::shared_ptr<SimClock> m_clock;
    QList<SimulatedStation *> m_stations;
    QHash<QString, SimulatedStation *> m_byId;
    QSet<SimulatedStation *> m_everBooted;
    QTimer m_staggerTimer;
    int m_nextToStart = 0;
    int m_pendingFinish = 0;
    bool m_running = false;
    bool m_allBootedSignalled = false;
    bool m_shuttingDown = false;
    QElapsedTimer m_elapsed;
    qint64 m_simStartMs = 0;
    LatencyRecorder m_latency;
    QMap<QString, LatencyRecorder> m_latencyByAction;
};

}  // namespace cd::sim
