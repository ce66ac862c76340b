#pragma once
// chargedesk-sim's command line: the options, and their translation into a Simulator run.

#include "core/common/expected.h"
#include "core/sim/simulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QString>

#include <chrono>

namespace cd::simapp {

struct RunOptions {
    sim::SimulatorOptions simulator;
    std::chrono::seconds duration{0};         // wall clock; 0: until Ctrl+C
    std::chrono::seconds statusInterval{5};   // wall clock; 0: no status lines
    std::chrono::seconds connectTimeout{30};  // give up when no station has connected by then
    std::chrono::seconds shutdownTimeout{10};
    QString statsJsonPath;
};

class SimCommandLine {
    Q_DECLARE_TR_FUNCTIONS(cd::SimCommandLine)

public:
    static void addTo(QCommandLineParser &parser);
    static Expected<RunOptions> read(const QCommandLineParser &parser);
};

}  // namespace cd::simapp
