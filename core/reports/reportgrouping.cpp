#include "core/reports/reportgrouping.h"

#include "core/reconciliation/billdaytotals.h"
#include "core/reconciliation/billfold.h"

namespace cd::reports {

QString ReportGrouping::groupBy(const ReportInfo &info, const ReportParameters &parameters)
{
    if (!parameters.groupBy.isEmpty() || info.groupByChoices.isEmpty())
        return parameters.groupBy;
    return info.groupByChoices.first();
}

Expected<QHash<qint64, StationGroup>> ReportGrouping::stations(const storage::Database &db, const QString &groupBy,
                                                               const ReportParameters &parameters)
{
    using reconciliation::BillFold;
    if (Status st = BillFold::checkScope(db, parameters); !st)
        return st.error();
    auto all = reconciliation::BillDayTotals::stations(db);
    if (!all)
        return all.error();
    const reconciliation::FoldGroup group = BillFold::groupFromName(groupBy).value_or(reconciliation::FoldGroup::Station);
    QHash<qint64, StationGroup> out;
    for (const reconciliation::StationDimension &station : std::as_const(*all)) {
        if (!BillFold::inScope(station, parameters))
            continue;
        const auto [key, label] = BillFold::groupOf(station, group);
        out.insert(station.stationId, StationGroup{key, label});
    }
    return out;
}

QList<reconciliation::BucketSpan> ReportGrouping::buckets(const ReportParameters &p)
{
    QList<reconciliation::BucketSpan> out;
    for (qint64 start = p.fromMs; start < p.toMs;) {
        out.append(reconciliation::bucketOfTime(start, p.bucket, p.fromMs, p.toMs));
        start = out.last().endMs;
    }
    return out;
}

qint64 ReportGrouping::permille(qint64 part, qint64 whole)
{
    if (whole <= 0)
        return 0;
    return (part * 2000 + whole) / (2 * whole);
}

qint64 ReportGrouping::minutes(qint64 ms)
{
    return (ms + 30'000) / 60'000;
}

}  // namespace cd::reports
