#pragma once
// The "failed-starts" report (issue #7 item 3; DOMAIN "Monitoring": alerts for failed starts): per
// station (or site, vendor, firmware, sub-operator), the starts in the period that went wrong and
// what share of the attempts they were. Four kinds, each start counted under one of them:
// - remote start rejected: the station answered RemoteStartTransaction / RequestStartTransaction
//   with anything but Accepted (commands, state 'succeeded');
// - remote start failed: no answer, a CALLERROR, or expired while the station was offline
//   (commands, state 'failed' / 'expired');
// - authorisation rejected: the station started a transaction and the answer to its id tag was not
//   Accepted (sessions.start_auth_status);
// - no energy: an authorised session that ended having delivered 0 Wh.
// Attempts are the sessions started plus the remote starts that never became one (rejected or
// failed). Remote starts by requested_ms, sessions by started_ms. Only groups with attempts have a row.

#include "core/common/expected.h"
#include "core/reports/reportparameters.h"
#include "core/reports/reporttable.h"

#include <QCoreApplication>

namespace cd::storage {
class Database;
}

namespace cd::reports {

class FailedStartsReport {
    Q_DECLARE_TR_FUNCTIONS(cd::reports::FailedStartsReport)
public:
    static constexpr const char *kName = "failed-starts";

    static ReportInfo info();
    static Expected<ReportTable> open(const storage::Database &db, const ReportParameters &parameters);
};

}  // namespace cd::reports
