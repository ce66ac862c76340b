#include "core/reports/downtimereport.h"

#include "core/common/clock.h"
#include "core/reports/reportgrouping.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QHash>
#include <QMap>
#include <QSqlQuery>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace cd::reports {

using storage::Sql;

namespace {

struct Interval {
    qint64 from = 0;
    qint64 to = 0;
};

struct StationTimes {
    StationGroup group;
    std::optional<qint64> markedOfflineMs;  // stations.disconnected_ms while offline without an event
    QList<std::pair<qint64, bool>> connections;  // (at, connected), in time order
    QList<Interval> offline, faulted, unavailable;
};

struct GroupTotals {
    qint64 stations = 0;
    qint64 offlineMs = 0, faultedMs = 0, unavailableMs = 0, downMs = 0;
    qint64 outages = 0;
    qint64 longestMs = 0;
};

// An old connection closing after the station reconnected (ChargingService::stationDisconnected).
const QString kRealConnectionEvent =
    u"e.kind IN ('connected', 'disconnected') AND e.detail NOT LIKE '%\"replaced\":true%'"_s;

// The intervals, sorted and joined where they meet or overlap.
QList<Interval> merged(QList<Interval> list)
{
    std::sort(list.begin(), list.end(), [](const Interval &a, const Interval &b) { return a.from < b.from; });
    QList<Interval> out;
    for (const Interval &i : std::as_const(list)) {
        if (i.to <= i.from)
            continue;
        if (!out.isEmpty() && i.from <= out.last().to)
            out.last().to = std::max(out.last().to, i.to);
        else
            out.append(i);
    }
    return out;
}

qint64 length(const QList<Interval> &list)
{
    qint64 total = 0;
    for (const Interval &i : merged(list))
        total += i.to - i.from;
    return total;
}

// Offline intervals from the station's connections within [fromMs, endMs): offline from a
// disconnection until the next connection.
void sweepConnections(StationTimes &station, qint64 fromMs, qint64 endMs)
{
    if (station.markedOfflineMs && *station.markedOfflineMs < endMs)
        station.connections.append({*station.markedOfflineMs, false});
    std::stable_sort(station.connections.begin(), station.connections.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    std::optional<qint64> offlineSince;
    for (const auto &[at, connected] : std::as_const(station.connections)) {
        if (!connected && !offlineSince) {
            offlineSince = at;
        } else if (connected && offlineSince) {
            station.offline.append({std::max(fromMs, *offlineSince), std::min(endMs, at)});
            offlineSince.reset();
        }
    }
    if (offlineSince)
        station.offline.append({std::max(fromMs, *offlineSince), endMs});
}

}  // namespace

ReportInfo DowntimeReport::info()
{
    ReportInfo info;
    info.name = QString::fromLatin1(kName);
    info.title = tr("Downtime");
    info.description = tr("How long stations were offline, faulted or unavailable in the period, in how many "
                          "outages, the longest one, and the share of the time they were available.");
    info.parameters = {ReportParameterKind::Period, ReportParameterKind::SubOperator, ReportParameterKind::Site,
                       ReportParameterKind::GroupBy};
    info.groupByChoices = {u"station"_s, u"site"_s, u"vendor"_s, u"firmware"_s, u"sub_operator"_s};
    return info;
}

Expected<ReportTable> DowntimeReport::open(const storage::Database &db, const ReportParameters &parameters)
{
    const QString groupBy = ReportGrouping::groupBy(info(), parameters);
    auto scope = ReportGrouping::stations(db, groupBy, parameters);
    if (!scope)
        return scope.error();

    ReportTable table;
    table.name = QString::fromLatin1(kName);
    table.title = tr("Downtime");
    table.parametersText = ReportParameterText::scope(parameters);
    table.parametersJson = parameters.toJson();
    table.columns = {
        {u"group"_s, ReportParameterText::groupByTitle(groupBy), ColumnType::Text},
        {u"stations"_s, tr("Stations"), ColumnType::Integer},
        {u"offline_minutes"_s, tr("Offline (min)"), ColumnType::Integer},
        {u"faulted_minutes"_s, tr("Faulted (min)"), ColumnType::Integer},
        {u"unavailable_minutes"_s, tr("Unavailable (min)"), ColumnType::Integer},
        {u"down_minutes"_s, tr("Down in all (min)"), ColumnType::Integer},
        {u"outages"_s, tr("Outages"), ColumnType::Integer},
        {u"longest_outage_minutes"_s, tr("Longest outage (min)"), ColumnType::Integer},
        {u"available_permille"_s, tr("Available (‰)"), ColumnType::Integer},
    };
    // One bar per group: the minutes down in all.
    table.chart = ReportChart{ReportChart::Kind::Bar, 0, {5}};

    table.rows = std::make_unique<MemoryRowSource>([&db, parameters, scope = *scope]() -> Expected<QList<ReportRow>> {
        const qint64 fromMs = parameters.fromMs;
        const qint64 endMs = std::max(fromMs, std::min(parameters.toMs, Clock::system().nowMs()));

        // The stations of the scope, each with its last connection event before the period.
        QHash<qint64, StationTimes> stations;
        const QString before = u"(SELECT e.%1 FROM station_events e WHERE e.station_id = st.id AND "_s
                               + kRealConnectionEvent + u" AND e.at_ms < ? ORDER BY e.at_ms DESC, e.id DESC LIMIT 1)"_s;
        auto q = Sql::run(db.connection(),
                          u"SELECT st.id, st.connected_since_ms, st.disconnected_ms, "_s + before.arg(u"kind"_s) + u", "_s
                              + before.arg(u"at_ms"_s) + u" FROM stations st"_s,
                          {fromMs, fromMs});
        if (!q)
            return q.error();
        while (q->next()) {
            const auto group = scope.constFind(q->value(0).toLongLong());
            if (group == scope.cend())
                continue;
            StationTimes &s = stations[group.key()];
            s.group = *group;
            if (q->isNull(1) && !q->isNull(2))
                s.markedOfflineMs = q->value(2).toLongLong();
            if (!q->isNull(3))
                s.connections.append({q->value(4).toLongLong(), q->value(3).toString() == u"connected"});
        }

        // Connections in the period (idx_station_events_kind).
        q = Sql::run(db.connection(),
                     u"SELECT e.station_id, e.kind, e.at_ms FROM station_events e WHERE "_s + kRealConnectionEvent
                         + u" AND e.at_ms >= ? AND e.at_ms < ? ORDER BY e.at_ms, e.id"_s,
                     {fromMs, endMs});
        if (!q)
            return q.error();
        while (q->next()) {
            auto it = stations.find(q->value(0).toLongLong());
            if (it != stations.end())
                it->connections.append({q->value(2).toLongLong(), q->value(1).toString() == u"connected"});
        }
        for (StationTimes &s : stations)
            sweepConnections(s, fromMs, endMs);

        // Faulted and Unavailable statuses, each until the connector's next different status: those
        // that began before the period (the connector's last status before it), then those in it.
        // Both walk idx_status_history_connector per connector.
        const auto addStatus = [&](qint64 stationId, const QString &status, qint64 startMs, const QVariant &endMsValue) {
            auto it = stations.find(stationId);
            if (it == stations.end())
                return;
            const Interval i{std::max(fromMs, startMs), endMsValue.isNull() ? endMs : std::min(endMs, endMsValue.toLongLong())};
            (status == u"Faulted" ? it->faulted : it->unavailable).append(i);
        };
        const QString next = u"(SELECT h2.received_ms FROM connector_status_history h2 WHERE h2.connector_row_id = %1 "
                             "AND h2.received_ms %2 AND h2.status <> %3 ORDER BY h2.received_ms LIMIT 1)"_s;
        q = Sql::run(db.connection(),
                     u"SELECT x.station_id, x.status, "_s + next.arg(u"x.id"_s, u">= ?"_s, u"x.status"_s)
                         + u" FROM (SELECT c.id, c.station_id, (SELECT h.status FROM connector_status_history h "
                           "WHERE h.connector_row_id = c.id AND h.received_ms < ? "
                           "ORDER BY h.received_ms DESC, h.id DESC LIMIT 1) AS status FROM connectors c) x "
                           "WHERE x.status IN ('Faulted', 'Unavailable')"_s,
                     {fromMs, fromMs});
        if (!q)
            return q.error();
        while (q->next())
            addStatus(q->value(0).toLongLong(), q->value(1).toString(), fromMs, q->value(2));
        q = Sql::run(db.connection(),
                     u"SELECT h.station_id, h.status, h.received_ms, "_s
                         + next.arg(u"h.connector_row_id"_s, u"> h.received_ms"_s, u"h.status"_s)
                         + u" FROM connectors c JOIN connector_status_history h ON h.connector_row_id = c.id "
                           "WHERE h.received_ms >= ? AND h.received_ms < ? "
                           "AND h.status IN ('Faulted', 'Unavailable')"_s,
                     {fromMs, endMs});
        if (!q)
            return q.error();
        while (q->next())
            addStatus(q->value(0).toLongLong(), q->value(1).toString(), q->value(2).toLongLong(), q->value(3));

        QMap<std::pair<QString, QString>, GroupTotals> groups;  // by (label, key)
        for (const StationTimes &s : std::as_const(stations)) {
            GroupTotals &g = groups[{s.group.label, s.group.key}];
            ++g.stations;
            g.offlineMs += length(s.offline);
            g.faultedMs += length(s.faulted);
            g.unavailableMs += length(s.unavailable);
            const QList<Interval> down = merged(s.offline + s.faulted + s.unavailable);
            g.outages += down.size();
            for (const Interval &i : down) {
                g.downMs += i.to - i.from;
                g.longestMs = std::max(g.longestMs, i.to - i.from);
            }
        }
        QList<ReportRow> rows;
        for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
            const GroupTotals &g = it.value();
            ReportRow row;
            row.key = reconciliation::stableKey(u"downtime|"_s + it.key().second);
            row.values = {it.key().first,
                          g.stations,
                          ReportGrouping::minutes(g.offlineMs),
                          ReportGrouping::minutes(g.faultedMs),
                          ReportGrouping::minutes(g.unavailableMs),
                          ReportGrouping::minutes(g.downMs),
                          g.outages,
                          ReportGrouping::minutes(g.longestMs),
                          qint64(1000) - ReportGrouping::permille(g.downMs, g.stations * (endMs - fromMs))};
            rows.append(std::move(row));
        }
        return rows;
    });
    return table;
}

}  // namespace cd::reports
