#pragma once
// Start latency samples: for each session that reached Charging, the time from its start
// (StartTransaction / TransactionEvent Started, station time) to the first Charging state
// (station time), with the station's vendor, model and firmware (zpd_case#20: 20–55 s on one
// model, none on another).

#include "core/common/expected.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace cd::storage {

class Database;

struct StartLatencySample {
    qint64 stationId = 0;
    QString chargePointId;
    QString vendor;
    QString model;
    QString firmware;
    qint64 latencyMs = 0;  // may be negative when the station's clock jumped: the caller decides
};

class StartLatencyRepository {
    Q_DECLARE_TR_FUNCTIONS(cd::storage::StartLatencyRepository)
public:
    explicit StartLatencyRepository(const Database &db);

    // Sessions created in [fromMs, toMs) that have both times.
    Expected<QList<StartLatencySample>> samples(qint64 fromMs, qint64 toMs) const;

private:
    const Database &m_db;
};

}  // namespace cd::storage
