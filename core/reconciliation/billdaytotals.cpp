#include "core/reconciliation/billdaytotals.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QMap>
#include <QSqlQuery>

#include <tuple>

using namespace Qt::StringLiterals;

namespace cd::reconciliation {

using storage::Sql;

namespace {

// The current bill version of each session that started charging in the period; SUMs cast so
// both engines hand back an integer (PostgreSQL's SUM(bigint) is numeric). On SQLite the sessions
// are read from idx_sessions_charging_station alone (charging start, station, id): SQLite 3.15
// otherwise picks idx_sessions_charging_started and reads every session row for its station (3.3 s
// for a month of a million-session year in chargedesk-bench-reconciliation). PostgreSQL plans
// this itself and has no INDEXED BY. "No higher version" (NOT EXISTS) rather than "= MAX(version)":
// PostgreSQL runs the MAX subquery twice per session (12.9 s for the year) but the NOT EXISTS as one
// hash anti-join (4.6 s, same machine and load); SQLite probes idx_bills_session_amounts either way.
QString currentBills(const storage::Database &db)
{
    return u" FROM sessions s"_s + (db.dialect().isPostgres() ? QString() : u" INDEXED BY idx_sessions_charging_station"_s)
           + u" JOIN bills b ON b.session_id = s.id AND NOT EXISTS "
             "(SELECT 1 FROM bills b2 WHERE b2.session_id = b.session_id AND b2.version > b.version) "
             "WHERE s.charging_started_ms >= ? AND s.charging_started_ms < ?"_s;
}

using Key = std::tuple<qint64, qint64, QString>;

constexpr qint64 kDayMs = 86'400'000;

// Floor division: a day index for times before 1970 too.
qint64 dayOf(qint64 ms)
{
    return ms / kDayMs - (ms % kDayMs < 0 ? 1 : 0);
}

// A row's station, day, currency and sums, from its first seven columns in that order (the
// rollup's and the direct sums' queries both start so).
BillDayTotal sumsOf(const QSqlQuery &q)
{
    BillDayTotal t;
    t.stationId = q.value(0).toLongLong();
    t.day = q.value(1).toLongLong();
    t.currency = q.value(2).toString();
    t.sessions = q.value(3).toLongLong();
    t.energyWh = q.value(4).toLongLong();
    t.totalMinor = q.value(5).toLongLong();
    t.couponMinor = q.value(6).toLongLong();
    return t;
}

// The rollup's rows for the days [fromDay, toDay).
Expected<QList<BillDayTotal>> readRollup(const storage::Database &db, qint64 fromDay, qint64 toDay)
{
    auto q = Sql::run(db.connection(),
                      u"SELECT station_id, day, currency, sessions, energy_wh, total_minor, coupon_minor, anomalous_sessions, "
                      "anomalous_energy_wh, anomalous_total_minor FROM bill_day_totals WHERE day >= ? AND day < ?"_s,
                      {fromDay, toDay});
    if (!q)
        return q.error();
    QList<BillDayTotal> out;
    while (q->next()) {
        BillDayTotal t = sumsOf(*q);
        t.anomalousSessions = q->value(7).toLongLong();
        t.anomalousEnergyWh = q->value(8).toLongLong();
        t.anomalousTotalMinor = q->value(9).toLongLong();
        out.append(t);
    }
    return out;
}

}  // namespace

Expected<QList<BillDayTotal>> BillDayTotals::query(const storage::Database &db, qint64 fromMs, qint64 toMs)
{
    // Whole days [firstDay, endDay) from the rollup; a partial day at either end from the sessions.
    const qint64 firstDay = dayOf(fromMs) + (fromMs % kDayMs == 0 ? 0 : 1);
    const qint64 endDay = dayOf(toMs);
    if (firstDay >= endDay)
        return recompute(db, fromMs, toMs);
    auto out = readRollup(db, firstDay, endDay);
    if (!out)
        return out;
    for (const auto &[from, to] : {std::pair{fromMs, firstDay * kDayMs}, std::pair{endDay * kDayMs, toMs}}) {
        if (from >= to)
            continue;
        auto edge = recompute(db, from, to);
        if (!edge)
            return edge;
        out->append(*edge);
    }
    return out;
}

Expected<QList<BillDayTotal>> BillDayTotals::recompute(const storage::Database &db, qint64 fromMs, qint64 toMs)
{
    QList<BillDayTotal> out;
    QMap<Key, qsizetype> index;
    auto all = Sql::run(db.connection(),
                        u"SELECT s.station_id, s.charging_started_ms / 86400000, b.currency, COUNT(*), "
                        "CAST(SUM(b.energy_wh) AS BIGINT), CAST(SUM(b.total_minor) AS BIGINT), "
                        "CAST(SUM(b.coupon_deduction_minor) AS BIGINT)"_s
                            + currentBills(db) + u" GROUP BY s.station_id, s.charging_started_ms / 86400000, b.currency"_s,
                        {fromMs, toMs});
    if (!all)
        return all.error();
    while (all->next()) {
        const BillDayTotal t = sumsOf(*all);
        index.insert({t.stationId, t.day, t.currency}, out.size());
        out.append(t);
    }
    // The sessions of the period with an open anomaly, probed per session on
    // idx_bill_anomalies_session: starting from every open anomaly of the database (IN (SELECT …
    // WHERE resolved_ms IS NULL)) walked 225,000 of them for a month's report. "(resolved_ms + 0)"
    // keeps SQLite off idx_bill_anomalies_open for the probe (as in billsreport.cpp); on PostgreSQL
    // it would hide the column's statistics (8.5 s instead of 5.2 s for the year's anomaly sums).
    auto open = Sql::run(db.connection(),
                         u"SELECT s.station_id, s.charging_started_ms / 86400000, b.currency, COUNT(*), "
                         "CAST(SUM(b.energy_wh) AS BIGINT), CAST(SUM(b.total_minor) AS BIGINT)"_s
                             + currentBills(db)
                             + u" AND EXISTS (SELECT 1 FROM bill_anomalies ba WHERE ba.session_id = s.id AND "_s
                             + (db.dialect().isPostgres() ? u"ba.resolved_ms IS NULL)"_s : u"(ba.resolved_ms + 0) IS NULL)"_s)
                             + u" GROUP BY s.station_id, s.charging_started_ms / 86400000, b.currency"_s,
                         {fromMs, toMs});
    if (!open)
        return open.error();
    while (open->next()) {
        const Key key{open->value(0).toLongLong(), open->value(1).toLongLong(), open->value(2).toString()};
        const auto it = index.constFind(key);
        if (it == index.cend())
            continue;  // cannot happen: every open one is among all
        BillDayTotal &t = out[*it];
        t.anomalousSessions = open->value(3).toLongLong();
        t.anomalousEnergyWh = open->value(4).toLongLong();
        t.anomalousTotalMinor = open->value(5).toLongLong();
    }
    return out;
}

Expected<QHash<qint64, StationDimension>> BillDayTotals::stations(const storage::Database &db)
{
    auto q = Sql::run(db.connection(),
                      u"SELECT st.id, st.charge_point_id, st.vendor, st.firmware, si.id, si.name, so.id, so.name "
                      "FROM stations st LEFT JOIN sites si ON si.id = st.site_id "
                      "LEFT JOIN sub_operators so ON so.id = si.sub_operator_id"_s);
    if (!q)
        return q.error();
    QHash<qint64, StationDimension> out;
    while (q->next()) {
        StationDimension d;
        d.stationId = q->value(0).toLongLong();
        d.chargePointId = q->value(1).toString();
        d.vendor = q->value(2).toString();
        d.firmware = q->value(3).toString();
        d.siteId = q->value(4).toLongLong();
        d.site = q->value(5).toString();
        d.subOperatorId = q->value(6).toLongLong();
        d.subOperator = q->value(7).toString();
        out.insert(d.stationId, d);
    }
    return out;
}

}  // namespace cd::reconciliation
