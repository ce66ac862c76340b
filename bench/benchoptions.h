#pragma once
// chargedesk-bench's command line.

#include "workload.h"

#include "core/common/expected.h"

#include <QCommandLineParser>
#include <QString>

#include <QList>

#include <chrono>
#include <optional>

namespace cd::bench {

struct BenchOptions {
    Workload workload;                   // workload.rate: the one being run
    QList<double> rates = {200.0, 2000.0};  // one table each: a load both servers keep up with, and more
    std::optional<std::chrono::seconds> warmup;  // after every station booted; nullopt: the workload's
    std::chrono::seconds duration{60};   // the measured window
    int runs = 1;                        // per server, alternating; the table shows medians
    bool reference = true;               // also run the ocpp-rpc reference server
    bool storm = false;                  // after the window: every station drops and reconnects at once
    QString postgresUrl;                 // also run ChargeDesk on this PostgreSQL database
    QString serverPath;                  // chargedesk-server
    QString cliPath;                     // chargedesk-cli
    QString nodePath;
    QString referenceScript;             // bench/reference/server.mjs
    QString nodeModules;                 // where `npm ci` put the reference's packages
    QString jsonPath;                    // also write every run and the medians here
};

void addBenchOptions(QCommandLineParser &parser);
Expected<BenchOptions> readBenchOptions(const QCommandLineParser &parser);

}  // namespace cd::bench
