#pragma once
// The "revenue" report: per site, station, vendor, firmware (with its vendor) or sub-operator, and
// bucket and currency, the sessions that started charging in the period, their energy, the revenue
// (total of the current bill versions, after coupons) and the coupon deductions. Filtered by
// sub-operator and site.

#include "core/common/expected.h"
#include "core/reports/reportparameters.h"
#include "core/reports/reporttable.h"

#include <QCoreApplication>

namespace cd::storage {
class Database;
}

namespace cd::reconciliation {

class RevenueReport {
    Q_DECLARE_TR_FUNCTIONS(cd::reconciliation::RevenueReport)
public:
    static constexpr const char *kName = "revenue";

    static reports::ReportInfo info();
    static Expected<reports::ReportTable> open(const storage::Database &db, const reports::ReportParameters &parameters);
};

}  // namespace cd::reconciliation
