#pragma once
// The "topup-matching" report (DOMAIN "Reconciliation": top-ups reconciled against the gateway's
// receipts one by one): a top-up is matched to the receipt with its gateway and its reference
// (topups.gateway_receipt = gateway_receipts.reference). Only the mismatches are listed, each with
// its status; the matched ones are counted in the header (parametersText):
// - "topup_without_receipt": a top-up taken in the period with no receipt of its gateway at all;
// - "receipt_without_topup": a receipt received in the period that no top-up names;
// - "amount_differs" / "currency_differs": both exist and disagree (the top-up is in the period).
// A counterpart outside the period still matches (a top-up at 23:59 whose receipt is dated the next
// day is not a mismatch). Top-ups taken at the desk (gateway "manual": cash) have no statement and
// are left out. Keys: 2 × top-up id, or 2 × receipt id + 1 for a receipt without a top-up.

#include "core/common/expected.h"
#include "core/reports/reportparameters.h"
#include "core/reports/reporttable.h"

#include <QCoreApplication>

namespace cd::storage {
class Database;
}

namespace cd::reconciliation {

class TopUpMatchingReport {
    Q_DECLARE_TR_FUNCTIONS(cd::reconciliation::TopUpMatchingReport)
public:
    static constexpr const char *kName = "topup-matching";

    static reports::ReportInfo info();
    static Expected<reports::ReportTable> open(const storage::Database &db, const reports::ReportParameters &parameters);
};

}  // namespace cd::reconciliation
