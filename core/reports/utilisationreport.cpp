#include "core/reports/utilisationreport.h"

#include "core/reports/reportgrouping.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QHash>
#include <QMap>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace cd::reports {

using storage::Sql;

namespace {

struct Cell {
    qint64 sessions = 0;
    qint64 energyWh = 0;
    qint64 chargingMs = 0;
};

}  // namespace

ReportInfo UtilisationReport::info()
{
    ReportInfo info;
    info.name = QString::fromLatin1(kName);
    info.title = tr("Utilisation");
    info.description = tr("How busy the connectors were: sessions started, charging time, the share of the time the "
                          "connectors were charging, and energy, per group and period.");
    info.parameters = {ReportParameterKind::Period, ReportParameterKind::SubOperator, ReportParameterKind::Site,
                       ReportParameterKind::GroupBy, ReportParameterKind::Bucket};
    info.groupByChoices = {u"site"_s, u"station"_s, u"vendor"_s, u"firmware"_s, u"sub_operator"_s};
    return info;
}

Expected<ReportTable> UtilisationReport::open(const storage::Database &db, const ReportParameters &parameters)
{
    const QString groupBy = ReportGrouping::groupBy(info(), parameters);
    auto stations = ReportGrouping::stations(db, groupBy, parameters);
    if (!stations)
        return stations.error();
    const bool split = !parameters.bucket.isEmpty();

    ReportTable table;
    table.name = QString::fromLatin1(kName);
    table.title = tr("Utilisation");
    table.parametersText = ReportParameterText::scope(parameters);
    table.parametersJson = parameters.toJson();
    table.columns = {{u"group"_s, ReportParameterText::groupByTitle(groupBy), ColumnType::Text}};
    if (split)
        table.columns.append({u"period_start"_s, tr("Period start (UTC)"), ColumnType::TimeMs});
    const int occupiedColumn = int(table.columns.size()) + 3;
    table.columns += {
        {u"connectors"_s, tr("Connectors"), ColumnType::Integer},
        {u"sessions"_s, tr("Sessions"), ColumnType::Integer},
        {u"charging_minutes"_s, tr("Charging time (min)"), ColumnType::Integer},
        {u"occupied_permille"_s, tr("Occupied (‰)"), ColumnType::Integer},
        {u"energy"_s, tr("Energy (kWh)"), ColumnType::EnergyWh},
        {u"energy_per_session"_s, tr("Energy per session (kWh)"), ColumnType::EnergyWh},
    };
    // One bar per group: the occupied share. Split into periods the rows are a grid, which a table reads better.
    if (!split)
        table.chart = ReportChart{ReportChart::Kind::Bar, 0, {occupiedColumn}};

    table.rows = std::make_unique<MemoryRowSource>([&db, parameters, split,
                                                    stations = *stations]() -> Expected<QList<ReportRow>> {
        const QList<reconciliation::BucketSpan> buckets = ReportGrouping::buckets(parameters);
        QHash<qint64, qsizetype> bucketIndex;  // BucketSpan::index -> position in `buckets`
        for (qsizetype i = 0; i < buckets.size(); ++i)
            bucketIndex.insert(buckets[i].index, i);

        // Every group of the scope, with its connectors (connector 0 is the station itself, not a
        // place to charge), in the order of the labels.
        using GroupId = std::pair<QString, QString>;  // (label, key)
        QMap<GroupId, qint64> connectors;
        for (const StationGroup &g : stations)
            connectors.insert({g.label, g.key}, 0);
        auto q = Sql::run(db.connection(),
                          u"SELECT station_id, COUNT(*) FROM connectors WHERE connector_id > 0 GROUP BY station_id"_s);
        if (!q)
            return q.error();
        while (q->next()) {
            const auto it = stations.constFind(q->value(0).toLongLong());
            if (it != stations.cend())
                connectors[{it->label, it->key}] += q->value(1).toLongLong();
        }

        // Sessions per station (and UTC day when split, folded into the buckets here) over
        // idx_sessions_started. PostgreSQL's SUM(bigint) is numeric: cast back.
        const QString day = split ? u"s.started_ms / 86400000"_s : u"0"_s;
        q = Sql::run(db.connection(),
                     u"SELECT s.station_id, "_s + day
                         + u", COUNT(*), CAST(SUM(s.energy_wh) AS BIGINT), CAST(SUM(CASE WHEN s.charging_ended_ms > "
                           "s.charging_started_ms THEN s.charging_ended_ms - s.charging_started_ms ELSE 0 END) AS BIGINT) "
                           "FROM sessions s WHERE s.started_ms >= ? AND s.started_ms < ? GROUP BY s.station_id"_s
                         + (split ? u", "_s + day : QString()),
                     {parameters.fromMs, parameters.toMs});
        if (!q)
            return q.error();
        QMap<GroupId, QList<Cell>> cells;
        while (q->next()) {
            const auto it = stations.constFind(q->value(0).toLongLong());
            if (it == stations.cend())
                continue;
            QList<Cell> &row = cells[{it->label, it->key}];
            if (row.isEmpty())
                row.resize(buckets.size());
            const auto span = reconciliation::bucketOfDay(q->value(1).toLongLong(), parameters.bucket, parameters.fromMs,
                                                          parameters.toMs);
            Cell &cell = row[bucketIndex.value(span.index)];
            cell.sessions += q->value(2).toLongLong();
            cell.energyWh += q->value(3).toLongLong();
            cell.chargingMs += q->value(4).toLongLong();
        }

        QList<ReportRow> rows;
        for (auto it = connectors.cbegin(); it != connectors.cend(); ++it) {
            const QList<Cell> groupCells = cells.value(it.key(), QList<Cell>(buckets.size()));
            for (qsizetype b = 0; b < buckets.size(); ++b) {
                const Cell &c = groupCells[b];
                ReportRow row;
                row.key = reconciliation::stableKey(u"utilisation|"_s + it.key().second + u'|'
                                                    + QString::number(buckets[b].index));
                row.values << it.key().first;
                if (split)
                    row.values << buckets[b].startMs;
                row.values << it.value() << c.sessions << ReportGrouping::minutes(c.chargingMs)
                           << ReportGrouping::permille(c.chargingMs, it.value() * (buckets[b].endMs - buckets[b].startMs))
                           << c.energyWh << (c.sessions > 0 ? (c.energyWh + c.sessions / 2) / c.sessions : qint64(0));
                rows.append(std::move(row));
            }
        }
        return rows;
    });
    return table;
}

}  // namespace cd::reports
