#pragma once
// One chargedesk-sim run: starts the Simulator, prints a status line every few seconds, stops
// after --duration or on Ctrl+C (a second Ctrl+C stops at once), then prints the summary and
// writes --stats-json. The exit code says whether every station could connect.

#include "simcommandline.h"

#include "core/sim/simulator.h"

#include <QCoreApplication>
#include <QObject>
#include <QTextStream>
#include <QTimer>

namespace cd::simapp {

class SimRunner : public QObject {
    Q_OBJECT

public:
    explicit SimRunner(RunOptions options, QObject *parent = nullptr);

    void start();
    // Ends the run cleanly (sessions stopped, queues drained); a second call stops at once.
    void finish();
    int exitCode() const { return m_exitCode; }

Q_SIGNALS:
    void done(int exitCode);

private:
    void printStatus();
    void onConnectDeadline();
    void onSimulatorFinished();
    QString statusLine(const sim::SimulatorStats &s) const;
    void printSummary(const sim::SimulatorStats &s);
    bool writeStatsJson(const sim::SimulatorStats &s);

    RunOptions m_options;
    sim::Simulator m_simulator;
    QTimer m_statusTimer;
    QTimer m_durationTimer;
    QTimer m_connectDeadline;
    QTextStream m_out;
    QTextStream m_err;
    bool m_finishing = false;
    bool m_gaveUp = false;
    bool m_done = false;
    int m_exitCode = 0;
};

}  // namespace cd::simapp
