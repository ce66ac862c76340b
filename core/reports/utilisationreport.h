#pragma once
// The "utilisation" report (issue #7 item 3): per site, station, vendor, firmware or
// sub-operator, and per day, week or month if asked, how busy the connectors were: connectors,
// sessions started, charging time, the occupied share (charging time / (connectors × the row's
// length of time)), energy and energy per session. A session counts whole in the row where it
// started (its charging time too, also when charging ran on past the row's end), so a row's
// numbers add up to the sessions it lists. Energy is the platform's (sessions.energy_wh), not a
// corrected bill's: this is about the connectors' work, the revenue report is about money.
// Every group of the scope has a row, also one without sessions (0 % is the finding).

#include "core/common/expected.h"
#include "core/reports/reportparameters.h"
#include "core/reports/reporttable.h"

#include <QCoreApplication>

namespace cd::storage {
class Database;
}

namespace cd::reports {

class UtilisationReport {
    Q_DECLARE_TR_FUNCTIONS(cd::reports::UtilisationReport)
public:
    static constexpr const char *kName = "utilisation";

    static ReportInfo info();
    static Expected<ReportTable> open(const storage::Database &db, const ReportParameters &parameters);
};

}  // namespace cd::reports
