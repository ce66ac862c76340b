#pragma once
// Demo mode: simulated stations (cd::sim::Simulator) on a worker thread of their own, charging
// against the console's station server with the demo fleet card, so a new user sees live
// stations and sessions at once. The server must admit unknown stations (demoRuntimeOptions()).

#include "core/common/expected.h"
#include "core/common/workerthread.h"
#include "core/runtime/runtimeoptions.h"

#include <QObject>
#include <QUrl>

#include <chrono>

namespace cd::storage {
class Database;
}
namespace cd::sim {
class Simulator;
}

namespace cd::runtime {

struct DemoOptions {
    int stations = 10;
    QString idPrefix = QStringLiteral("DEMO");      // DEMO-0001, DEMO-0002, ...
    QString fleetTag = QStringLiteral("DEMO-FLEET");  // a department card every demo driver presents
    // Real time: a station's clock that runs fast drifts from the server's, and every demo bill
    // would carry code 3 (time anomaly) after a few minutes. Short sessions and frequent arrivals
    // keep the demo busy instead. Tests may speed it up.
    double timeScale = 1.0;
    std::chrono::seconds meanSessionDuration{600};  // plug-in to unplug, ±30 %
    std::chrono::seconds sessionInterval{240};      // mean idle time per connector between sessions
    std::chrono::seconds meterSampleInterval{20};   // live charts fill in while a session runs
};

class DemoFleet : public QObject {
    Q_OBJECT
public:
    explicit DemoFleet(DemoOptions options, QObject *parent = nullptr);
    // Closes the stations' connections on their thread and joins it.
    ~DemoFleet() override;

    // The server side of the demo: unknown stations admitted, no station passwords. Everything
    // else (address, port) stays as in `base`.
    static RuntimeOptions demoRuntimeOptions(RuntimeOptions base);
    // Makes sure the fleet card exists (added once, audited as demo mode's doing).
    static Status prepare(const storage::Database &db, const DemoOptions &options);

    // Asynchronous: the stations start one after the other against `serverUrl`
    // (e.g. ws://127.0.0.1:9000/ocpp). A second call restarts them against the new URL.
    void start(const QUrl &serverUrl);
    const DemoOptions &options() const { return m_options; }

private:
    void destroySimulator();  // on the worker thread

    DemoOptions m_options;
    WorkerThread m_worker;
    sim::Simulator *m_simulator = nullptr;  // lives and dies on m_worker's thread
};

}  // namespace cd::runtime
