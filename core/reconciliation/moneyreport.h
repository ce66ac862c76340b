#pragma once
// The "money" report (DOMAIN "Reconciliation", zpd_case#5_20191122): per currency (and bucket) the
// numbers finance must not mix up, each in its own column:
// - top-ups: what members paid in (topups, by when taken), and of them the ones taken at the desk
//   (gateway "manual": cash, no gateway statement);
// - gateway receipts: what the gateways' statements say they received (gateway_receipts, by when
//   received); top-ups minus desk top-ups should equal them (the "topup-matching" report says which
//   ones do not);
// - consumption: what the sessions that started charging in the bucket were charged (total of the
//   current bill version, after coupons);
// - coupons: what coupons took off those bills;
// - refunds: what went back to members (refund gateway and desk records that succeeded, by when).
// Consumption differs from top-ups when members pre-pay: that is normal, not an error.

#include "core/common/expected.h"
#include "core/reports/reportparameters.h"
#include "core/reports/reporttable.h"

#include <QCoreApplication>

namespace cd::storage {
class Database;
}

namespace cd::reconciliation {

class MoneyReport {
    Q_DECLARE_TR_FUNCTIONS(cd::reconciliation::MoneyReport)
public:
    static constexpr const char *kName = "money";

    static reports::ReportInfo info();
    static Expected<reports::ReportTable> open(const storage::Database &db, const reports::ReportParameters &parameters);
};

}  // namespace cd::reconciliation
