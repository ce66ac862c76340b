#include "core/reconciliation/billfold.h"

#include "core/reports/reportparameters.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QMap>
#include <QSqlQuery>

#include <tuple>

using namespace Qt::StringLiterals;

namespace cd::reconciliation {

using storage::Sql;

std::optional<FoldGroup> BillFold::groupFromName(const QString &name)
{
    if (name == u"site")
        return FoldGroup::Site;
    if (name == u"station")
        return FoldGroup::Station;
    if (name == u"vendor")
        return FoldGroup::Vendor;
    if (name == u"firmware")
        return FoldGroup::Firmware;
    if (name == u"sub_operator")
        return FoldGroup::SubOperator;
    return std::nullopt;
}

Status BillFold::checkScope(const storage::Database &db, const reports::ReportParameters &p)
{
    if (!p.subOperator.isEmpty()) {
        auto q = Sql::run(db.connection(), u"SELECT id FROM sub_operators WHERE name = ?"_s, {p.subOperator});
        if (!q)
            return q.error();
        if (!q->next())
            return Error{ExitCode::Failure, tr("There is no sub-operator named \"%1\".").arg(p.subOperator)};
    }
    if (!p.site.isEmpty()) {
        auto q = Sql::run(db.connection(), u"SELECT id FROM sites WHERE name = ?"_s, {p.site});
        if (!q)
            return q.error();
        if (!q->next())
            return Error{ExitCode::Failure, tr("There is no site named \"%1\".").arg(p.site)};
    }
    return {};
}

bool BillFold::inScope(const StationDimension &station, const reports::ReportParameters &p)
{
    return (p.subOperator.isEmpty() || station.subOperator == p.subOperator) && (p.site.isEmpty() || station.site == p.site);
}

std::pair<QString, QString> BillFold::groupOf(const StationDimension &s, FoldGroup group)
{
    switch (group) {
    case FoldGroup::Site:
        return {QString::number(s.siteId), s.site};
    case FoldGroup::Station:
        return {QString::number(s.stationId), s.chargePointId};
    case FoldGroup::Vendor:
        return {s.vendor, s.vendor};
    case FoldGroup::Firmware:
        // A firmware version means something only with its vendor.
        return {s.vendor + u'\x1f' + s.firmware, s.vendor.isEmpty() ? s.firmware : s.vendor + u' ' + s.firmware};
    case FoldGroup::SubOperator:
        return {QString::number(s.subOperatorId), s.subOperator};
    }
    return {};
}

QList<FoldedRow> BillFold::fold(const QList<BillDayTotal> &totals, const QHash<qint64, StationDimension> &stations,
                                const reports::ReportParameters &p, FoldGroup group, bool perCurrency)
{
    // (label, group key, bucket start, currency): the report's order.
    QMap<std::tuple<QString, QString, qint64, QString>, FoldedRow> rows;
    for (const BillDayTotal &t : totals) {
        const auto station = stations.constFind(t.stationId);
        if (station == stations.cend() || !inScope(*station, p))
            continue;
        const auto [key, label] = groupOf(*station, group);
        const BucketSpan span = bucketOfDay(t.day, p.bucket, p.fromMs, p.toMs);
        const QString currency = perCurrency ? t.currency : QString();
        FoldedRow &row = rows[{label, key, span.startMs, currency}];
        row.groupKey = key;
        row.label = label;
        row.span = span;
        row.currency = currency;
        row.sums.sessions += t.sessions;
        row.sums.energyWh += t.energyWh;
        row.sums.totalMinor += t.totalMinor;
        row.sums.couponMinor += t.couponMinor;
        row.sums.anomalousSessions += t.anomalousSessions;
        row.sums.anomalousEnergyWh += t.anomalousEnergyWh;
        row.sums.anomalousTotalMinor += t.anomalousTotalMinor;
    }
    return rows.values();
}

}  // namespace cd::reconciliation
