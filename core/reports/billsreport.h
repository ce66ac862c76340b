#pragma once
// The "bills" report: every session's current bill version (the highest version, billrepository.h)
// for sessions whose charging started in [fromMs, toMs), oldest first: session number, station,
// sub-operator, charging start, energy, total and currency, settlement state, the session's open
// anomaly codes ("3,8"), bill version. Filtered by sub-operator it is the partner export
// (DOMAIN "Reconciliation": energy and money per partner, and which bills are still anomalous).
// The row key is the session id: a correction (a new bill version) is the same row, changed.

#include "core/common/expected.h"
#include "core/reports/reporttable.h"

#include <QCoreApplication>
#include <QString>

namespace cd::storage {
class Database;
}

namespace cd::reports {

struct BillsReportParameters {
    qint64 fromMs = 0;     // charging started at or after
    qint64 toMs = 0;       // and before
    QString subOperator;   // sub_operators.name; "" = every sub-operator (and stations without one)

    QString toJson() const;  // {"from_ms":…,"to_ms":…,"sub_operator":"…"}
    static Expected<BillsReportParameters> fromJson(const QString &json);
};

class BillsReport {
    Q_DECLARE_TR_FUNCTIONS(cd::reports::BillsReport)
public:
    static constexpr const char *kName = "bills";

    // The report's table over `db` (rows read on the calling thread's connection). Fails when the
    // period is empty or the sub-operator does not exist.
    static Expected<ReportTable> open(const storage::Database &db, const BillsReportParameters &parameters);
};

}  // namespace cd::reports
