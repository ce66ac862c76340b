#include "core/reconciliation/partnersreport.h"

#include "core/reconciliation/billfold.h"

using namespace Qt::StringLiterals;

namespace cd::reconciliation {

using namespace reports;

namespace {

enum Column { SubOperator, PeriodStart, PeriodEnd, Currency, Sessions, Energy, Revenue, AnomalyBills, AnomalyEnergy, AnomalyAmount };

}  // namespace

ReportInfo PartnersReport::info()
{
    ReportInfo info;
    info.name = QString::fromLatin1(kName);
    info.title = tr("Partners");
    info.description = tr("Per sub-operator: sessions, energy and revenue per currency, and the bills that are still "
                          "anomalous (count, energy and amount).");
    info.parameters = {ReportParameterKind::Period, ReportParameterKind::SubOperator, ReportParameterKind::Bucket};
    return info;
}

Expected<ReportTable> PartnersReport::open(const storage::Database &db, const ReportParameters &parameters)
{
    if (Status st = BillFold::checkScope(db, parameters); !st)
        return st.error();
    ReportTable table;
    table.name = QString::fromLatin1(kName);
    table.title = tr("Partners");
    table.parametersText = reports::ReportParameterText::scope(parameters);
    table.parametersJson = parameters.toJson();
    table.columns = {
        {u"sub_operator"_s, tr("Sub-operator"), ColumnType::Text},
        {u"period_start"_s, tr("From (UTC)"), ColumnType::TimeMs},
        {u"period_end"_s, tr("To (UTC)"), ColumnType::TimeMs},
        {u"currency"_s, tr("Currency"), ColumnType::Text},
        {u"sessions"_s, tr("Sessions"), ColumnType::Integer},
        {u"energy"_s, tr("Energy (kWh)"), ColumnType::EnergyWh},
        {u"revenue"_s, tr("Revenue"), ColumnType::Money, Currency},
        {u"anomaly_bills"_s, tr("Bills still anomalous"), ColumnType::Integer},
        {u"anomaly_energy"_s, tr("Their energy (kWh)"), ColumnType::EnergyWh},
        {u"anomaly_amount"_s, tr("Their amount"), ColumnType::Money, Currency},
    };
    table.chart = {ReportChart::Kind::Bar, SubOperator, {Energy}};
    const storage::Database *dbp = &db;
    table.rows = std::make_unique<MemoryRowSource>([dbp, parameters]() -> Expected<QList<ReportRow>> {
        auto totals = BillDayTotals::query(*dbp, parameters.fromMs, parameters.toMs);
        if (!totals)
            return totals.error();
        auto stations = BillDayTotals::stations(*dbp);
        if (!stations)
            return stations.error();
        QList<ReportRow> out;
        for (const FoldedRow &f : BillFold::fold(*totals, *stations, parameters, FoldGroup::SubOperator, true)) {
            ReportRow row;
            row.key = stableKey(f.groupKey + u'|' + QString::number(f.span.index) + u'|' + f.currency);
            row.values = {f.label,          f.span.startMs,          f.span.endMs,
                          f.currency,       f.sums.sessions,         f.sums.energyWh,
                          f.sums.totalMinor, f.sums.anomalousSessions, f.sums.anomalousEnergyWh,
                          f.sums.anomalousTotalMinor};
            out.append(std::move(row));
        }
        return out;
    });
    return table;
}

}  // namespace cd::reconciliation
