#pragma once
// The "peak-hours" report (issue #7 item 3): the 24 hours of the day, in UTC (said in the title:
// the same numbers on every console, whatever its zone), each with the sessions started in it,
// their energy, the charging time that fell in it and the average number of sessions charging at
// once during it (that charging time / the time the period spends in that hour). Sessions that
// started in the period count; their charging is cut at the period's end. Optionally one site or
// sub-operator.

#include "core/common/expected.h"
#include "core/reports/reportparameters.h"
#include "core/reports/reporttable.h"

#include <QCoreApplication>

namespace cd::storage {
class Database;
}

namespace cd::reports {

class PeakHoursReport {
    Q_DECLARE_TR_FUNCTIONS(cd::reports::PeakHoursReport)
public:
    static constexpr const char *kName = "peak-hours";

    static ReportInfo info();
    static Expected<ReportTable> open(const storage::Database &db, const ReportParameters &parameters);
};

}  // namespace cd::reports
