#include "core/anomalies/anomalystatistics.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QDateTime>
#include <QHash>
#include <QMap>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>
#include <tuple>

using namespace Qt::StringLiterals;

namespace cd::anomalies {

using storage::Sql;

namespace {

constexpr qint64 kDayMs = 86'400'000;

// The zone's UTC offset (ms) as SQL over `column`, piecewise between the transitions in
// [fromMs, toMs): a CASE of a few branches a year, newest first (most rows are recent). Only our
// own integers are written into the statement.
QString offsetSql(const QString &column, const QTimeZone &zone, qint64 fromMs, qint64 toMs)
{
    const auto offsetAt = [&zone](qint64 ms) {
        return qint64(zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()))) * 1000;
    };
    const qint64 first = offsetAt(fromMs);
    QList<std::pair<qint64, qint64>> changes;  // (at, offset from then on)
    if (zone.hasTransitions() && toMs > fromMs) {
        const auto transitions = zone.transitions(QDateTime::fromMSecsSinceEpoch(fromMs, QTimeZone::utc()),
                                                  QDateTime::fromMSecsSinceEpoch(toMs, QTimeZone::utc()));
        for (const QTimeZone::OffsetData &t : transitions)
            changes.append({t.atUtc.toMSecsSinceEpoch(), qint64(t.offsetFromUtc) * 1000});
    }
    if (changes.isEmpty())
        return QString::number(first);
    QString sql = u"(CASE"_s;
    for (auto it = changes.crbegin(); it != changes.crend(); ++it)
        sql += u" WHEN %1 >= %2 THEN %3"_s.arg(column).arg(it->first).arg(it->second);
    return sql + u" ELSE %1 END)"_s.arg(first);
}

QDate dayOf(qint64 localDay)
{
    return QDate(1970, 1, 1).addDays(localDay);
}

qint64 startMs(const QDate &day, const QTimeZone &zone)
{
    return QDateTime(day, QTime(0, 0), zone).toMSecsSinceEpoch();
}

}  // namespace

QString statisticsPeriodName(StatisticsPeriod period)
{
    switch (period) {
    case StatisticsPeriod::Day:
        return u"day"_s;
    case StatisticsPeriod::Week:
        return u"week"_s;
    case StatisticsPeriod::Month:
        return u"month"_s;
    }
    return {};
}

std::optional<StatisticsPeriod> statisticsPeriodFromName(const QString &name)
{
    for (StatisticsPeriod p : {StatisticsPeriod::Day, StatisticsPeriod::Week, StatisticsPeriod::Month}) {
        if (statisticsPeriodName(p) == name)
            return p;
    }
    return std::nullopt;
}

qint64 AnomalyStatisticsRow::shareBasisPoints() const
{
    if (sessions <= 0)
        return 0;
    return (anomalyBills * 20000 + sessions) / (2 * sessions);
}

QString basisPointsText(qint64 basisPoints)
{
    return u"%1.%2"_s.arg(basisPoints / 100).arg(basisPoints % 100, 2, 10, QChar(u'0'));
}

AnomalyStatisticsQuery::AnomalyStatisticsQuery(const storage::Database &db) : m_db(db) {}

QDate AnomalyStatisticsQuery::periodStart(const QDate &date, StatisticsPeriod period)
{
    switch (period) {
    case StatisticsPeriod::Day:
        return date;
    case StatisticsPeriod::Week:
        return date.addDays(1 - date.dayOfWeek());
    case StatisticsPeriod::Month:
        return QDate(date.year(), date.month(), 1);
    }
    return date;
}

QDate AnomalyStatisticsQuery::nextPeriod(const QDate &start, StatisticsPeriod period)
{
    switch (period) {
    case StatisticsPeriod::Day:
        return start.addDays(1);
    case StatisticsPeriod::Week:
        return start.addDays(7);
    case StatisticsPeriod::Month:
        return start.addMonths(1);
    }
    return start.addDays(1);
}

QString AnomalyStatisticsQuery::periodLabel(const QDate &start, StatisticsPeriod period)
{
    switch (period) {
    case StatisticsPeriod::Day:
        return start.toString(Qt::ISODate);
    case StatisticsPeriod::Week: {
        int year = 0;
        const int week = start.weekNumber(&year);
        return u"%1-W%2"_s.arg(year).arg(week, 2, 10, QChar(u'0'));
    }
    case StatisticsPeriod::Month:
        return start.toString(u"yyyy-MM"_s);
    }
    return {};
}

Expected<AnomalyStatistics> AnomalyStatisticsQuery::compute(const AnomalyBillFilter &filter, StatisticsPeriod period,
                                                            const QTimeZone &zone) const
{
    AnomalyStatistics out;
    out.period = period;
    out.zone = zone.isValid() ? zone : QTimeZone::utc();
    const QSqlDatabase connection = m_db.connection();

    // The sessions' time range (idx_sessions_started), cut to the filter: the offsets only need
    // the transitions inside it.
    auto range = Sql::run(connection, u"SELECT MIN(started_ms), MAX(started_ms) FROM sessions"_s, {});
    if (!range)
        return range.error();
    if (!range->next() || range->isNull(0))
        return out;
    qint64 fromMs = range->value(0).toLongLong();
    qint64 toMs = range->value(1).toLongLong() + 1;
    if (filter.startedFromMs)
        fromMs = std::max(fromMs, *filter.startedFromMs);
    if (filter.startedToMs)
        toMs = std::min(toMs, *filter.startedToMs);
    if (toMs <= fromMs)
        return out;
    const QString localDay =
        u"((s.started_ms + %1) / %2)"_s.arg(offsetSql(u"s.started_ms"_s, out.zone, fromMs, toMs)).arg(kDayMs);

    const FilterSql sessions = sessionFilterSql(filter);
    const FilterSql rows = anomalyRowSql(filter);
    // The stations only when the filter names a station or firmware.
    const QString stationJoin = filter.chargePointId.isEmpty() && filter.firmware.isEmpty()
                                    ? QString()
                                    : u" JOIN stations st ON st.id = s.station_id"_s;
    const QString anomalyFrom = u" FROM bill_anomalies a JOIN sessions s ON s.id = a.session_id"_s + stationJoin
                                + u" WHERE s.started_ms IS NOT NULL AND "_s + rows.where + u" AND "_s + sessions.where;
    const QVariantList anomalyValues = rows.values + sessions.values;

    // 1. Anomaly bills by code, station and local day.
    using CellKey = std::tuple<qint64 /*period start julian day*/, int /*code*/, qint64 /*station*/>;
    QMap<CellKey, qint64> cells;
    auto grouped = Sql::run(connection,
                            u"SELECT a.code, s.station_id, "_s + localDay + u" AS local_day, COUNT(DISTINCT s.id)"_s
                                + anomalyFrom + u" GROUP BY a.code, s.station_id, local_day"_s,
                            anomalyValues);
    if (!grouped)
        return grouped.error();
    QDate firstPeriod;
    QDate lastPeriod;
    QSet<qint64> stations;
    while (grouped->next()) {
        const QDate start = periodStart(dayOf(grouped->value(2).toLongLong()), period);
        const qint64 station = grouped->value(1).toLongLong();
        cells[{start.toJulianDay(), grouped->value(0).toInt(), station}] += grouped->value(3).toLongLong();
        stations.insert(station);
        if (!firstPeriod.isValid() || start < firstPeriod)
            firstPeriod = start;
        if (!lastPeriod.isValid() || start > lastPeriod)
            lastPeriod = start;
    }
    if (cells.isEmpty())
        return out;

    // 2. Every session of those stations by local day, over the whole periods that have anomalies
    // (the filter's period still applies: both counts cover the same sessions).
    const qint64 periodsFrom = std::max(fromMs, startMs(firstPeriod, out.zone));
    const qint64 periodsTo = std::min(toMs, startMs(nextPeriod(lastPeriod, period), out.zone));
    QHash<QPair<qint64, qint64>, qint64> totals;  // (station, period start julian day) -> sessions
    auto all = Sql::run(connection,
                        u"SELECT s.station_id, "_s + localDay
                            + u" AS local_day, COUNT(*) FROM sessions s"_s + stationJoin
                            + u" WHERE s.started_ms >= ? AND s.started_ms < ? AND "_s
                            + sessions.where + u" GROUP BY s.station_id, local_day"_s,
                        QVariantList{periodsFrom, periodsTo} + sessions.values);
    if (!all)
        return all.error();
    while (all->next()) {
        const qint64 station = all->value(0).toLongLong();
        if (!stations.contains(station))
            continue;
        const QDate start = periodStart(dayOf(all->value(1).toLongLong()), period);
        totals[{station, start.toJulianDay()}] += all->value(2).toLongLong();
    }

    // 3. Distinct anomaly bills over all of it: the list's count (the same sessions) with a start.
    AnomalyBillFilter counted = filter;
    counted.search.clear();
    const FilterSql list = filterSql(counted);
    auto distinct = Sql::run(connection,
                             u"SELECT COUNT(*) FROM sessions s"_s + stationJoin + u" WHERE s.started_ms IS NOT NULL AND "_s
                                 + list.where,
                             list.values);
    if (!distinct)
        return distinct.error();
    out.anomalyBills = distinct->next() ? distinct->value(0).toLongLong() : 0;

    // The stations' names and firmware (one statement; there are few stations).
    struct StationInfo {
        QString chargePointId, vendor, model, firmware;
    };
    QHash<qint64, StationInfo> info;
    auto names = Sql::run(connection, u"SELECT id, charge_point_id, vendor, model, firmware FROM stations"_s, {});
    if (!names)
        return names.error();
    while (names->next()) {
        if (stations.contains(names->value(0).toLongLong()))
            info.insert(names->value(0).toLongLong(), {names->value(1).toString(), names->value(2).toString(),
                                                       names->value(3).toString(), names->value(4).toString()});
    }

    out.rows.reserve(cells.size());
    for (auto it = cells.cbegin(); it != cells.cend(); ++it) {
        const auto &[day, code, station] = it.key();
        AnomalyStatisticsRow r;
        r.periodStart = QDate::fromJulianDay(day);
        r.code = code;
        r.stationId = station;
        const StationInfo s = info.value(station);
        r.chargePointId = s.chargePointId;
        r.vendor = s.vendor;
        r.model = s.model;
        r.firmware = s.firmware;
        r.anomalyBills = it.value();
        r.sessions = totals.value({station, day});
        out.rows.append(std::move(r));
    }
    std::stable_sort(out.rows.begin(), out.rows.end(), [](const AnomalyStatisticsRow &a, const AnomalyStatisticsRow &b) {
        if (a.periodStart != b.periodStart)
            return a.periodStart > b.periodStart;
        if (a.code != b.code)
            return a.code < b.code;
        return a.chargePointId < b.chargePointId;
    });
    return out;
}

}  // namespace cd::anomalies
