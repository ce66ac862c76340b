#pragma once
// The "bills" report: every session's current bill version (the highest version, billrepository.h)
// for sessions whose charging started in [fromMs, toMs), oldest first: session number, station,
// sub-operator, charging start, energy, total and currency, settlement state, the session's open
// anomaly codes ("3,8"), bill version. Filtered by sub-operator it is the partner export
// (DOMAIN "Reconciliation": energy and money per partner, and which bills are still anomalous).
// The row key is the session id: a correction (a new bill version) is the same row, changed.

#include "core/common/expected.h"
#include "core/reports/reportparameters.h"
#include "core/reports/reporttable.h"

#include <QCoreApplication>
#include <QString>

namespace cd::storage {
class Database;
}

namespace cd::reports {

class BillsReport {
    Q_DECLARE_TR_FUNCTIONS(cd::reports::BillsReport)
public:
    static constexpr const char *kName = "bills";

    static ReportInfo info();
    // The report's table over `db` (rows read on the calling thread's connection). Fails when the
    // sub-operator does not exist (ReportCatalog::open checks the period first).
    static Expected<ReportTable> open(const storage::Database &db, const ReportParameters &parameters);
};

}  // namespace cd::reports
