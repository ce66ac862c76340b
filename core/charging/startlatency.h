#pragma once
// Start latency (start of the session → first Charging state) summed up per station and per
// vendor / model / firmware, so a slow model or firmware stands out (zpd_case#20). Samples
// outside [0, kMaxPlausibleMs] come from station clocks that jumped; they are counted apart and
// left out of the figures.

#include "core/common/expected.h"
#include "core/storage/startlatencyrepository.h"

#include <QList>
#include <QString>

#include <memory>

namespace cd::storage {
class Database;
}

namespace cd::charging {

struct StartLatencyGroup {
    QString chargePointId;  // empty in the per-model list
    QString vendor;
    QString model;
    QString firmware;
    int stations = 0;       // stations in the group (1 per station)
    int sessions = 0;       // samples used
    int implausible = 0;    // samples left out
    qint64 medianMs = 0;
    qint64 p90Ms = 0;       // nearest rank
    qint64 maxMs = 0;
};

struct StartLatencyReport {
    QList<StartLatencyGroup> models;    // by vendor, model, firmware; slowest median first
    QList<StartLatencyGroup> stations;  // by station; slowest median first
};

class StartLatency {
public:
    static constexpr qint64 kMaxPlausibleMs = 3600 * 1000;

    static StartLatencyReport summarize(const QList<storage::StartLatencySample> &samples);
    // Sessions created in [fromMs, toMs).
    static Expected<StartLatencyReport> report(const std::shared_ptr<storage::Database> &db, qint64 fromMs, qint64 toMs);
};

}  // namespace cd::charging
