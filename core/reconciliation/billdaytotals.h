#pragma once
// The sums every reconciliation report starts from: per station, UTC day of the charging start and
// currency, the sessions with a bill, and over each session's CURRENT bill version (the highest
// version, as the bills report counts it: a correction replaces the old numbers, it never adds to
// them) the energy, the total charged and the coupon deductions; and the same for the sessions that
// still have an open anomaly (DOMAIN "Reconciliation": unprocessed anomaly bills are the first
// suspects). Plus what each station belongs to (site, sub-operator, vendor, firmware), so a report
// folds the days into its own rows and filters in memory.
//
// The whole days of a period come from the rollup table bill_day_totals (migration 0018), which
// triggers keep equal to these sums on every write; only a period's partial first or last day is
// summed from the sessions. recompute() is the sums straight from the sessions and bills: the rule
// the rollup follows, and what its tests compare it with.

#include "core/common/expected.h"

#include <QHash>
#include <QList>
#include <QString>

namespace cd::storage {
class Database;
}

namespace cd::reconciliation {

struct StationDimension {
    qint64 stationId = 0;
    QString chargePointId;
    QString vendor;
    QString firmware;
    qint64 siteId = 0;  // 0: no site
    QString site;
    qint64 subOperatorId = 0;  // 0: no sub-operator
    QString subOperator;
};

struct BillDayTotal {
    qint64 stationId = 0;
    qint64 day = 0;  // charging start / kDayMs
    QString currency;
    qint64 sessions = 0;
    qint64 energyWh = 0;
    qint64 totalMinor = 0;
    qint64 couponMinor = 0;
    qint64 anomalousSessions = 0;  // with an open anomaly
    qint64 anomalousEnergyWh = 0;
    qint64 anomalousTotalMinor = 0;
};

class BillDayTotals {
public:
    // Sessions whose charging started in [fromMs, toMs), every station.
    static Expected<QList<BillDayTotal>> query(const storage::Database &db, qint64 fromMs, qint64 toMs);
    // The same, summed from the sessions and bills rather than read from the rollup.
    static Expected<QList<BillDayTotal>> recompute(const storage::Database &db, qint64 fromMs, qint64 toMs);
    static Expected<QHash<qint64, StationDimension>> stations(const storage::Database &db);
};

}  // namespace cd::reconciliation
