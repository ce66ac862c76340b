#pragma once
// Anomaly bills as test and benchmark data, written straight into the tables (sites, stations,
// sessions, bills, bill_anomalies) with plain SQL, so the Anomaly bills screen can be tested and
// measured without running stations and detectors:
// - AnomalyFixture: one row at a time, for hand-computed fixtures;
// - seedAnomalyBills: N finished sessions with a version-1 bill each, a share of them with
//   anomaly codes (code 8 the most common, as in gdss_case#9; some bills with two or three codes)
//   and a share of those corrected (version 2, anomalies resolved); one transaction, prepared
//   statements, explicit ids after the highest in use.

#include "core/common/expected.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace cd::storage {
class Database;
}

namespace cd::test {

class AnomalyFixture {
public:
    explicit AnomalyFixture(const storage::Database &db);

    qint64 site(const QString &name);
    qint64 station(const QString &chargePointId, qint64 siteId, const QString &vendor, const QString &model,
                   const QString &firmware);
    // A finished session started at `startedMs` (an hour of charging) with its version-1 bill;
    // its id (0 on failure, with error() saying why).
    qint64 session(qint64 stationId, qint64 startedMs, qint64 energyWh = 12000, qint64 totalMinor = 3480,
                   const QString &settlementState = QStringLiteral("held"));
    // A finished session whose version-1 bill the bill calculator computed (billing::calculateBill,
    // time-of-use tariff: peak 08:00–22:00 at 12.00/kWh, 4.00 outside, service 0.50/kWh, idle 0.80/min
    // after 15 free minutes, UAH, UTC), so it explains itself line by line; `stationEnergyWh` is what
    // the station's own bill said.
    qint64 computedSession(qint64 stationId, qint64 startedMs, qint64 energyWh, int chargingMinutes, int idleMinutes,
                           std::optional<qint64> stationEnergyWh = std::nullopt,
                           const QString &settlementState = QStringLiteral("held"));
    // A session without a start time (never started) and without a bill.
    qint64 unstartedSession(qint64 stationId, qint64 createdMs);
    qint64 currentBill(qint64 sessionId);
    // An open anomaly on the session's current bill.
    qint64 anomaly(qint64 sessionId, int code, qint64 detectedMs, const QString &detail = {});
    // A corrected version of the session's bill (version + 1, supersedes the current one) that
    // resolves every open anomaly of the session; the new bill's id.
    qint64 correct(qint64 sessionId, qint64 atMs, qint64 energyWh, qint64 totalMinor);

    QString error() const { return m_error; }

private:
    qint64 insert(const QString &sql, const QVariantList &values);

    const storage::Database &m_db;
    QString m_error;
};

struct AnomalySeedPlan {
    QString prefix = QStringLiteral("SEED");  // charge point ids PREFIX-0001…
    int stations = 20;
    int sites = 3;
    QStringList firmwares = {QStringLiteral("1.0.4"), QStringLiteral("1.2.0"), QStringLiteral("2.0.1")};
    qint64 sessions = 1000;          // finished sessions, each with a bill
    int anomalyPerMille = 250;       // of them with anomaly codes
    int resolvedPerMille = 0;        // of those, corrected (anomalies resolved)
    qint64 fromMs = 0;               // session starts spread evenly over [fromMs, toMs)
    qint64 toMs = 0;
    quint32 seed = 20261206;
};

struct AnomalySeedResult {
    qint64 sessions = 0;
    qint64 anomalyBills = 0;  // sessions with anomalies
    qint64 openBills = 0;     // of them still open
    qint64 anomalyRows = 0;
    qint64 elapsedMs = 0;
};

// `progress` hears the sessions written so far every 10,000.
Expected<AnomalySeedResult> seedAnomalyBills(const storage::Database &db, const AnomalySeedPlan &plan,
                                             const std::function<void(qint64)> &progress = {});

}  // namespace cd::test
