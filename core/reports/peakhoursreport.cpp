#include "core/reports/peakhoursreport.h"

#include "core/reports/reportgrouping.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace cd::reports {

using storage::Sql;

namespace {

constexpr qint64 kHourMs = 3'600'000;

struct Hour {
    qint64 sessions = 0;
    qint64 energyWh = 0;
    qint64 chargingMs = 0;  // charging that fell in this hour of the day
    qint64 periodMs = 0;    // how long the period spends in this hour of the day
};
using Hours = std::array<Hour, 24>;

int hourOf(qint64 ms)
{
    return int((ms / kHourMs) % 24);
}

// Adds [fromMs, toMs) hour by hour to `field` of the hours it covers.
void spread(Hours &hours, qint64 fromMs, qint64 toMs, qint64 Hour::*field)
{
    for (qint64 at = fromMs; at < toMs;) {
        const qint64 end = std::min(toMs, (at / kHourMs + 1) * kHourMs);
        hours[hourOf(at)].*field += end - at;
        at = end;
    }
}

}  // namespace

ReportInfo PeakHoursReport::info()
{
    ReportInfo info;
    info.name = QString::fromLatin1(kName);
    info.title = tr("Peak hours (UTC)");
    info.description = tr("The hours of the day (UTC) by sessions started, energy and the average number of "
                          "sessions charging at once.");
    info.parameters = {ReportParameterKind::Period, ReportParameterKind::SubOperator, ReportParameterKind::Site};
    return info;
}

Expected<ReportTable> PeakHoursReport::open(const storage::Database &db, const ReportParameters &parameters)
{
    auto stations = ReportGrouping::stations(db, u"station"_s, parameters);
    if (!stations)
        return stations.error();

    ReportTable table;
    table.name = QString::fromLatin1(kName);
    table.title = tr("Peak hours (UTC)");
    table.parametersText = ReportParameterText::scope(parameters);
    table.parametersJson = parameters.toJson();
    table.columns = {
        {u"hour"_s, tr("Hour (UTC)"), ColumnType::Text},
        {u"sessions"_s, tr("Sessions started"), ColumnType::Integer},
        {u"energy"_s, tr("Energy (kWh)"), ColumnType::EnergyWh},
        {u"charging_minutes"_s, tr("Charging time (min)"), ColumnType::Integer},
        {u"average_concurrent"_s, tr("Average sessions charging at once"), ColumnType::Hundredths},
    };
    // Sessions started per hour as bars: the peaks show at a glance.
    table.chart = ReportChart{ReportChart::Kind::Bar, 0, {1}};

    table.rows = std::make_unique<MemoryRowSource>([&db, parameters, stations = *stations]() -> Expected<QList<ReportRow>> {
        Hours hours{};
        spread(hours, parameters.fromMs, parameters.toMs, &Hour::periodMs);
        // The charging of each session is spread over the hours it covers, so the sessions come
        // one by one (a few numbers each, over idx_sessions_started); the SQL only filters.
        auto q = Sql::run(db.connection(),
                          u"SELECT s.station_id, s.started_ms, s.energy_wh, s.charging_started_ms, s.charging_ended_ms "
                          "FROM sessions s WHERE s.started_ms >= ? AND s.started_ms < ?"_s,
                          {parameters.fromMs, parameters.toMs});
        if (!q)
            return q.error();
        while (q->next()) {
            if (!stations.contains(q->value(0).toLongLong()))
                continue;
            Hour &hour = hours[hourOf(q->value(1).toLongLong())];
            ++hour.sessions;
            hour.energyWh += q->value(2).toLongLong();
            if (!q->isNull(3) && !q->isNull(4))
                spread(hours, std::max(parameters.fromMs, q->value(3).toLongLong()),
                       std::min(parameters.toMs, q->value(4).toLongLong()), &Hour::chargingMs);
        }

        QList<ReportRow> rows;
        for (int h = 0; h < 24; ++h) {
            const Hour &hour = hours[h];
            const QString label = u"%1:00–%2:00"_s.arg(h, 2, 10, QChar(u'0')).arg(h + 1, 2, 10, QChar(u'0'));
            const qint64 concurrent = hour.periodMs > 0 ? (hour.chargingMs * 200 + hour.periodMs) / (2 * hour.periodMs) : 0;
            ReportRow row;
            row.key = reconciliation::stableKey(u"peak-hours|"_s + QString::number(h));
            row.values = {label, hour.sessions, hour.energyWh, ReportGrouping::minutes(hour.chargingMs),
                          concurrent};
            rows.append(std::move(row));
        }
        return rows;
    });
    return table;
}

}  // namespace cd::reports
