#pragma once
// Folds the per-station-day sums (billdaytotals.h) into a report's rows: one per group (a site,
// station, vendor, firmware or sub-operator), bucket and currency, in the order the reports list
// them (group label, bucket start, currency). The stations outside the report's sub-operator or site
// are left out. The scope's names are checked when a report opens (unknown ones are an error there).

#include "core/common/expected.h"
#include "core/reconciliation/billdaytotals.h"
#include "core/reconciliation/reportbuckets.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace cd::reports {
struct ReportParameters;
}

namespace cd::reconciliation {

struct FoldedRow {
    QString groupKey;  // stable: an id, or the text itself
    QString label;
    BucketSpan span;
    QString currency;  // "" when folded across currencies
    BillDayTotal sums;  // stationId and day unused
};

enum class FoldGroup { Site, Station, Vendor, Firmware, SubOperator };

class BillFold {
    Q_DECLARE_TR_FUNCTIONS(cd::reconciliation::BillFold)
public:
    static std::optional<FoldGroup> groupFromName(const QString &name);  // "site", "station", …
    // Fails when the parameters name a sub-operator or a site that does not exist.
    static Status checkScope(const storage::Database &db, const reports::ReportParameters &p);
    static bool inScope(const StationDimension &station, const reports::ReportParameters &p);
    static QList<FoldedRow> fold(const QList<BillDayTotal> &totals, const QHash<qint64, StationDimension> &stations,
                                 const reports::ReportParameters &p, FoldGroup group, bool perCurrency);
    // The group's key and label for a station.
    static std::pair<QString, QString> groupOf(const StationDimension &station, FoldGroup group);
};

}  // namespace cd::reconciliation
