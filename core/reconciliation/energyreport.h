#pragma once
// The "energy" report (DOMAIN "Reconciliation", zpd_case#2, #13): per site (and bucket) the energy
// the platform billed (current bill versions of the sessions that started charging there) against
// the energy the site's own meter recorded (site_meter_readings) as a ratio in per mille, flagged
// "above_100" when the platform billed more than the meter saw (impossible: an error somewhere),
// "below_threshold" under the threshold (default 85 %: normal losses are 86–90 %), "no_reading"
// without a meter reading, else "ok". Exactly 100 % and exactly the threshold are "ok". With it the
// sessions and the unprocessed anomaly bills of the site and bucket (the first suspects; the
// "suspects" report lists them).
//
// A row's meter energy is the sum of the site's readings that lie wholly inside the row's span (the
// bucket clipped to the period): enter readings for the periods the report is run for (monthly
// readings for a monthly report). Sites with a reading but no billed session are listed too.

#include "core/common/expected.h"
#include "core/reports/reportparameters.h"
#include "core/reports/reporttable.h"

#include <QCoreApplication>

namespace cd::storage {
class Database;
}

namespace cd::reconciliation {

class EnergyReport {
    Q_DECLARE_TR_FUNCTIONS(cd::reconciliation::EnergyReport)
public:
    static constexpr const char *kName = "energy";
    static constexpr int kDefaultThresholdPercent = 85;

    // The flag of a row: "ok", "above_100", "below_threshold", "no_reading" (integer comparisons, no
    // rounding: 100.04 % is above 100 %).
    static QString flag(qint64 platformWh, std::optional<qint64> meterWh, int thresholdPercent);
    // platform / meter in per mille, rounded half up; nullopt without a reading or with 0 Wh metered.
    static std::optional<qint64> ratioPerMille(qint64 platformWh, std::optional<qint64> meterWh);

    static reports::ReportInfo info();
    static Expected<reports::ReportTable> open(const storage::Database &db, const reports::ReportParameters &parameters);
};

}  // namespace cd::reconciliation
