#include "core/reconciliation/energyreport.h"

#include "core/common/timeformat.h"
#include "core/reconciliation/billfold.h"
#include "core/reconciliation/meterreadingrepository.h"
#include "core/reports/reportgrouping.h"

#include <QMap>

#include <tuple>

using namespace Qt::StringLiterals;

namespace cd::reconciliation {

using namespace reports;

namespace {

enum Column { Site, PeriodStart, PeriodEnd, Platform, Meter, Ratio, Flag, Sessions, AnomalyBills, AnomalyEnergy };

struct SiteRow {
    qint64 siteId = 0;
    QString site;
    BucketSpan span;
    qint64 platformWh = 0;
    std::optional<qint64> meterWh;
    qint64 sessions = 0;
    qint64 anomalyBills = 0;
    qint64 anomalyWh = 0;
};

}  // namespace

QString EnergyReport::flag(qint64 platformWh, std::optional<qint64> meterWh, int thresholdPercent)
{
    if (!meterWh)
        return u"no_reading"_s;
    if (platformWh > *meterWh)
        return u"above_100"_s;
    if (platformWh * 100 < *meterWh * thresholdPercent)
        return u"below_threshold"_s;
    return u"ok"_s;
}

std::optional<qint64> EnergyReport::ratioPerMille(qint64 platformWh, std::optional<qint64> meterWh)
{
    if (!meterWh || *meterWh <= 0)
        return std::nullopt;
    return reports::ReportGrouping::permille(platformWh, *meterWh);
}

ReportInfo EnergyReport::info()
{
    ReportInfo info;
    info.name = QString::fromLatin1(kName);
    info.title = tr("Energy reconciliation");
    info.description = tr("Per site, the energy billed on the platform against the site's meter readings: the ratio, "
                          "a flag above 100 % or below the threshold, and the unprocessed anomaly bills.");
    info.parameters = {ReportParameterKind::Period, ReportParameterKind::SubOperator, ReportParameterKind::Site,
                       ReportParameterKind::Bucket, ReportParameterKind::ThresholdPercent};
    info.defaultThresholdPercent = kDefaultThresholdPercent;
    return info;
}

Expected<ReportTable> EnergyReport::open(const storage::Database &db, const ReportParameters &parameters)
{
    if (Status st = BillFold::checkScope(db, parameters); !st)
        return st.error();
    const int threshold = parameters.thresholdPercent < 0 ? kDefaultThresholdPercent : parameters.thresholdPercent;

    ReportTable table;
    table.name = QString::fromLatin1(kName);
    table.title = tr("Energy reconciliation");
    table.parametersText = reports::ReportParameterText::scope(parameters) + u", "_s
                           + tr("flagged below %1 % and above 100 %").arg(threshold);
    table.parametersJson = parameters.toJson();
    table.columns = {
        {u"site"_s, tr("Site"), ColumnType::Text},
        {u"period_start"_s, tr("From (UTC)"), ColumnType::TimeMs},
        {u"period_end"_s, tr("To (UTC)"), ColumnType::TimeMs},
        {u"platform_energy"_s, tr("Platform energy (kWh)"), ColumnType::EnergyWh},
        {u"meter_energy"_s, tr("Meter energy (kWh)"), ColumnType::EnergyWh},
        {u"ratio_permille"_s, tr("Ratio (‰)"), ColumnType::Integer},
        {u"flag"_s, tr("Flag"), ColumnType::Text, -1,
         {{u"ok"_s, tr("OK")},
          //: the platform billed more energy than the site's meter recorded
          {u"above_100"_s, tr("Above 100 %")},
          {u"below_threshold"_s, tr("Below %1 %").arg(threshold)},
          {u"no_reading"_s, tr("No meter reading")}}},
        {u"sessions"_s, tr("Sessions"), ColumnType::Integer},
        {u"anomaly_bills"_s, tr("Unprocessed anomaly bills"), ColumnType::Integer},
        {u"anomaly_energy"_s, tr("Their energy (kWh)"), ColumnType::EnergyWh},
    };
    table.chart = {ReportChart::Kind::Bar, Site, {Platform, Meter}};

    const storage::Database *dbp = &db;
    table.rows = std::make_unique<MemoryRowSource>([dbp, parameters, threshold]() -> Expected<QList<ReportRow>> {
        auto totals = BillDayTotals::query(*dbp, parameters.fromMs, parameters.toMs);
        if (!totals)
            return totals.error();
        auto stations = BillDayTotals::stations(*dbp);
        if (!stations)
            return stations.error();
        auto readings = MeterReadingRepository(*dbp).list({}, parameters.fromMs, parameters.toMs);
        if (!readings)
            return readings.error();

        // (site name, site id, bucket start) -> row
        QMap<std::tuple<QString, qint64, qint64>, SiteRow> rows;
        for (const FoldedRow &f : BillFold::fold(*totals, *stations, parameters, FoldGroup::Site, false)) {
            SiteRow &r = rows[{f.label, f.groupKey.toLongLong(), f.span.startMs}];
            r.siteId = f.groupKey.toLongLong();
            r.site = f.label;
            r.span = f.span;
            r.platformWh = f.sums.energyWh;
            r.sessions = f.sums.sessions;
            r.anomalyBills = f.sums.anomalousSessions;
            r.anomalyWh = f.sums.anomalousEnergyWh;
        }
        // The sub-operator of each site, for the scope of sites that only have readings.
        QHash<qint64, StationDimension> siteOf;
        for (const StationDimension &s : std::as_const(*stations))
            siteOf.insert(s.siteId, s);
        for (const MeterReading &m : std::as_const(*readings)) {
            const BucketSpan span = bucketOfTime(m.startMs, parameters.bucket, parameters.fromMs, parameters.toMs);
            if (m.startMs < span.startMs || m.endMs > span.endMs)
                continue;  // not wholly inside one row's span: not comparable
            StationDimension site = siteOf.value(m.siteId);
            site.siteId = m.siteId;
            site.site = m.site;
            if (!BillFold::inScope(site, parameters))
                continue;
            SiteRow &r = rows[{m.site, m.siteId, span.startMs}];
            r.siteId = m.siteId;
            r.site = m.site;
            r.span = span;
            r.meterWh = r.meterWh.value_or(0) + m.energyWh;
        }

        QList<ReportRow> out;
        for (const SiteRow &r : std::as_const(rows)) {
            ReportRow row;
            row.key = r.siteId * 100000 + r.span.index;
            const auto ratio = ratioPerMille(r.platformWh, r.meterWh);
            row.values = {r.site,
                          r.span.startMs,
                          r.span.endMs,
                          r.platformWh,
                          r.meterWh ? ReportValue(*r.meterWh) : ReportValue(),
                          ratio ? ReportValue(*ratio) : ReportValue(),
                          flag(r.platformWh, r.meterWh, threshold),
                          r.sessions,
                          r.anomalyBills,
                          r.anomalyWh};
            out.append(std::move(row));
        }
        return out;
    });
    return table;
}

}  // namespace cd::reconciliation
