#pragma once
// The "downtime" report (issue #7 item 3; DOMAIN "Monitoring": offline and fault history per
// station): per station (or site, vendor, firmware, sub-operator) the time in the period it was
// offline, had a connector Faulted, had a connector Unavailable, those together ("down"), how many
// separate outages that made and the longest one, and the share of the time it was available.
//
// Where the times come from (all server receipt times, so they share one clock):
// - offline: station_events 'connected' / 'disconnected'. A 'disconnected' marked "replaced" is an
//   old connection closing after the station already reconnected: not an outage. A station the
//   server marked offline at its start without an event (stations.disconnected_ms, a crash) is
//   offline from then on, as the anomaly detector reads it.
// - Faulted / Unavailable: connector_status_history, any connector of the station including 0 (the
//   station itself), from the status until the connector's next different status.
// Intervals are cut to the period; one still open at the period's end counts until then (or until
// now, for a period that has not ended yet). An outage crossing the period's start counts once.

#include "core/common/expected.h"
#include "core/reports/reportparameters.h"
#include "core/reports/reporttable.h"

#include <QCoreApplication>

namespace cd::storage {
class Database;
}

namespace cd::reports {

class DowntimeReport {
    Q_DECLARE_TR_FUNCTIONS(cd::reports::DowntimeReport)
public:
    static constexpr const char *kName = "downtime";

    static ReportInfo info();
    static Expected<ReportTable> open(const storage::Database &db, const ReportParameters &parameters);
};

}  // namespace cd::reports
