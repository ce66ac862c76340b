#pragma once
// The "partners" report (DOMAIN "Reconciliation", igo_case#97: an export per partner with energy and
// money, saying which bills are still anomalous): per sub-operator (and bucket) and currency, the
// sessions, energy and revenue of the current bill versions, and how many of those bills still have
// an open anomaly with their energy and amount. The bills themselves, with their open codes, are the
// "bills" report filtered by the sub-operator. Sites without a sub-operator are the row with an
// empty name.

#include "core/common/expected.h"
#include "core/reports/reportparameters.h"
#include "core/reports/reporttable.h"

#include <QCoreApplication>

namespace cd::storage {
class Database;
}

namespace cd::reconciliation {

class PartnersReport {
    Q_DECLARE_TR_FUNCTIONS(cd::reconciliation::PartnersReport)
public:
    static constexpr const char *kName = "partners";

    static reports::ReportInfo info();
    static Expected<reports::ReportTable> open(const storage::Database &db, const reports::ReportParameters &parameters);
};

}  // namespace cd::reconciliation
