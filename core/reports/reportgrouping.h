#pragma once
// How the operating reports (utilisation, peak hours, downtime, failed starts, anomaly statistics)
// group and split their rows: they sum per station (and UTC day) in SQL and fold the stations into
// groups here, the same way the reconciliation reports do, with their pieces
// (core/reconciliation/billfold.h: the scope check, which stations are in scope, the group of a
// station; reportbuckets.h: the UTC buckets and stable row keys), so a site or a month means the
// same in every report.

#include "core/common/expected.h"
#include "core/reconciliation/reportbuckets.h"
#include "core/reports/reportparameters.h"

#include <QHash>
#include <QList>
#include <QString>

namespace cd::storage {
class Database;
}

namespace cd::reports {

struct StationGroup {
    QString key;    // stable (an id, or the text itself): for row keys
    QString label;  // what the row shows
};

class ReportGrouping {
public:
    // The report's grouping: the parameter, or the report's default (its first choice).
    static QString groupBy(const ReportInfo &info, const ReportParameters &parameters);
    // The stations of the parameters' site and sub-operator, each with its group; fails when the
    // named site or sub-operator does not exist.
    static Expected<QHash<qint64, StationGroup>> stations(const storage::Database &db, const QString &groupBy,
                                                          const ReportParameters &parameters);
    // Every bucket of the period in order (one, the whole period, without a bucket).
    static QList<reconciliation::BucketSpan> buckets(const ReportParameters &parameters);

    // part / whole in tenths of a percent, rounded half up; 0 when whole is 0.
    static qint64 permille(qint64 part, qint64 whole);
    // Milliseconds as whole minutes, rounded half up.
    static qint64 minutes(qint64 ms);
};

}  // namespace cd::reports
