#pragma once
// The "anomaly-statistics" report (issue #7 item 3; DOMAIN "Anomaly bills": statistics by code ×
// station × firmware): per anomaly code, and per site / station / vendor / firmware /
// sub-operator when grouped, the sessions started in the period whose bills carry the code, how
// many of them are still open and how many resolved, and the amount involved (the sessions'
// current bill totals, per currency). A session counts once per code, also when the code was
// resolved on one bill version and found again on the next (then it is open). Without a group
// the report is per code only: this report's group is optional.

#include "core/common/expected.h"
#include "core/reports/reportparameters.h"
#include "core/reports/reporttable.h"

#include <QCoreApplication>

namespace cd::storage {
class Database;
}

namespace cd::reports {

class AnomalyStatisticsReport {
    Q_DECLARE_TR_FUNCTIONS(cd::reports::AnomalyStatisticsReport)
public:
    static constexpr const char *kName = "anomaly-statistics";

    static ReportInfo info();
    static Expected<ReportTable> open(const storage::Database &db, const ReportParameters &parameters);
};

}  // namespace cd::reports
