#include "core/reconciliation/revenuereport.h"

#include "core/reconciliation/billfold.h"

using namespace Qt::StringLiterals;

namespace cd::reconciliation {

using namespace reports;

namespace {

enum Column { Group, PeriodStart, PeriodEnd, Currency, Sessions, Energy, Revenue, Coupons };

}  // namespace

ReportInfo RevenueReport::info()
{
    ReportInfo info;
    info.name = QString::fromLatin1(kName);
    info.title = tr("Revenue");
    info.description = tr("Sessions, energy, revenue and coupons per site, station, vendor, firmware or sub-operator.");
    info.parameters = {ReportParameterKind::Period, ReportParameterKind::SubOperator, ReportParameterKind::Site,
                       ReportParameterKind::GroupBy, ReportParameterKind::Bucket};
    info.groupByChoices = {u"site"_s, u"station"_s, u"vendor"_s, u"firmware"_s, u"sub_operator"_s};
    return info;
}

Expected<ReportTable> RevenueReport::open(const storage::Database &db, const ReportParameters &parameters)
{
    if (Status st = BillFold::checkScope(db, parameters); !st)
        return st.error();
    ReportParameters p = parameters;
    if (p.groupBy.isEmpty())
        p.groupBy = info().groupByChoices.first();
    const std::optional<FoldGroup> group = BillFold::groupFromName(p.groupBy);
    if (!group)
        return Error{ExitCode::Usage, tr("The revenue report cannot be grouped by \"%1\".").arg(p.groupBy)};

    ReportTable table;
    table.name = QString::fromLatin1(kName);
    table.title = tr("Revenue");
    table.parametersText = reports::ReportParameterText::scope(p);
    table.parametersJson = p.toJson();
    table.columns = {
        {p.groupBy, ReportParameterText::groupByTitle(p.groupBy), ColumnType::Text},
        {u"period_start"_s, tr("From (UTC)"), ColumnType::TimeMs},
        {u"period_end"_s, tr("To (UTC)"), ColumnType::TimeMs},
        {u"currency"_s, tr("Currency"), ColumnType::Text},
        {u"sessions"_s, tr("Sessions"), ColumnType::Integer},
        {u"energy"_s, tr("Energy (kWh)"), ColumnType::EnergyWh},
        {u"revenue"_s, tr("Revenue"), ColumnType::Money, Currency},
        {u"coupons"_s, tr("Coupons"), ColumnType::Money, Currency},
    };
    table.chart = {ReportChart::Kind::Bar, Group, {Revenue}};
    const storage::Database *dbp = &db;
    const FoldGroup g = *group;
    table.rows = std::make_unique<MemoryRowSource>([dbp, p, g]() -> Expected<QList<ReportRow>> {
        auto totals = BillDayTotals::query(*dbp, p.fromMs, p.toMs);
        if (!totals)
            return totals.error();
        auto stations = BillDayTotals::stations(*dbp);
        if (!stations)
            return stations.error();
        QList<ReportRow> out;
        for (const FoldedRow &f : BillFold::fold(*totals, *stations, p, g, true)) {
            ReportRow row;
            row.key = stableKey(f.groupKey + u'|' + QString::number(f.span.index) + u'|' + f.currency);
            row.values = {f.label,         f.span.startMs,  f.span.endMs,      f.currency,
                          f.sums.sessions, f.sums.energyWh, f.sums.totalMinor, f.sums.couponMinor};
            out.append(std::move(row));
        }
        return out;
    });
    return table;
}

}  // namespace cd::reconciliation
