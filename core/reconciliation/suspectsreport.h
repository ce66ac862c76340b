#pragma once
// The "suspects" report: the unprocessed anomaly bills of one site in a period (DOMAIN
// "Reconciliation": when a site's energy ratio is off, these are the first suspects), largest energy
// first: session, station, charging start, energy, total and currency of the current bill version,
// the open anomaly codes ("3,8"), the bill version. The row key is the session id.

#include "core/common/expected.h"
#include "core/reports/reportparameters.h"
#include "core/reports/reporttable.h"

#include <QCoreApplication>

namespace cd::storage {
class Database;
}

namespace cd::reconciliation {

class SuspectsReport {
    Q_DECLARE_TR_FUNCTIONS(cd::reconciliation::SuspectsReport)
public:
    static constexpr const char *kName = "suspects";

    static reports::ReportInfo info();
    // Fails without a site, or when no site has that name.
    static Expected<reports::ReportTable> open(const storage::Database &db, const reports::ReportParameters &parameters);
};

}  // namespace cd::reconciliation
