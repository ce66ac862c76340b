#include "core/anomalies/anomalybillqueries.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QHash>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace cd::anomalies {

using storage::Sql;
using storage::optionalInt64;

namespace {

// SQLite 3.15 takes at most 999 bound values in a statement.
constexpr int kIdsPerStatement = 400;
constexpr int kMaxPage = 5000;

const QString kRowColumns =
    u"s.id, s.session_number, s.started_ms, s.ended_ms, "
    "st.id, st.charge_point_id, st.name, si.name, st.vendor, st.model, st.firmware, "
    "b.id, b.version, b.currency, b.energy_wh, b.energy_fee_minor, b.service_fee_minor, b.idle_fee_minor, "
    "b.coupon_deduction_minor, b.total_minor, b.station_energy_wh, b.station_amount_minor, b.settlement_state, "
    "b.charging_started_ms, b.charging_ended_ms, b.service_ended_ms"_s;

// The session, its station and site, and its current bill (the highest version; the unique
// index on bills (session_id, version) answers the MAX).
const QString kFrom =
    u" FROM sessions s JOIN stations st ON st.id = s.station_id LEFT JOIN sites si ON si.id = st.site_id "
    "LEFT JOIN bills b ON b.session_id = s.id AND b.version = "
    "(SELECT MAX(b2.version) FROM bills b2 WHERE b2.session_id = s.id)"_s;

AnomalyBillRow rowFrom(const QSqlQuery &q)
{
    AnomalyBillRow r;
    r.sessionId = q.value(0).toLongLong();
    r.sessionNumber = q.value(1).toString();
    r.startedMs = optionalInt64(q, 2);
    r.endedMs = optionalInt64(q, 3);
    r.stationId = q.value(4).toLongLong();
    r.chargePointId = q.value(5).toString();
    r.stationName = q.value(6).toString();
    r.siteName = q.value(7).toString();
    r.vendor = q.value(8).toString();
    r.model = q.value(9).toString();
    r.firmware = q.value(10).toString();
    if (!q.isNull(11)) {
        r.billId = q.value(11).toLongLong();
        r.billVersion = q.value(12).toInt();
        r.currency = q.value(13).toString();
        r.energyWh = q.value(14).toLongLong();
        r.energyFeeMinor = q.value(15).toLongLong();
        r.serviceFeeMinor = q.value(16).toLongLong();
        r.idleFeeMinor = q.value(17).toLongLong();
        r.couponDeductionMinor = q.value(18).toLongLong();
        r.totalMinor = q.value(19).toLongLong();
        r.stationEnergyWh = optionalInt64(q, 20);
        r.stationAmountMinor = optionalInt64(q, 21);
        r.settlementState = q.value(22).toString();
        r.chargingStartedMs = optionalInt64(q, 23);
        r.chargingEndedMs = optionalInt64(q, 24);
        r.serviceEndedMs = optionalInt64(q, 25);
    }
    return r;
}

AnomalyRecord recordFrom(const QSqlQuery &q)
{
    AnomalyRecord a;
    a.id = q.value(0).toLongLong();
    a.billId = q.value(2).toLongLong();
    a.code = q.value(3).toInt();
    a.detail = q.value(4).toString();
    a.detectedMs = q.value(5).toLongLong();
    a.resolvedMs = optionalInt64(q, 6);
    a.resolvedByBillId = optionalInt64(q, 7);
    return a;
}

// The sort key as SQL, NULLs as 0 so that the keyset comparison stays total.
QString sortKey(AnomalyBillSort sort)
{
    switch (sort) {
    case AnomalyBillSort::Session:
        return {};
    case AnomalyBillSort::Start:
        return u"COALESCE(s.started_ms, 0)"_s;
    case AnomalyBillSort::Station:
        return u"st.charge_point_id"_s;
    case AnomalyBillSort::Energy:
        return u"COALESCE(b.energy_wh, 0)"_s;
    case AnomalyBillSort::Total:
        return u"COALESCE(b.total_minor, 0)"_s;
    }
    return {};
}

}  // namespace

QString AnomalyBillRow::codesText() const
{
    QStringList parts;
    for (int code : codes)
        parts << QString::number(code);
    return parts.join(u',');
}

AnomalyBillQueries::AnomalyBillQueries(const storage::Database &db) : m_db(db) {}

AnomalyBillCursor AnomalyBillQueries::cursorAfter(const AnomalyBillRow &row, AnomalyBillSort sort)
{
    AnomalyBillCursor c;
    c.sessionId = row.sessionId;
    switch (sort) {
    case AnomalyBillSort::Session:
        break;
    case AnomalyBillSort::Start:
        c.key = row.startedMs.value_or(0);
        break;
    case AnomalyBillSort::Station:
        c.key = row.chargePointId;
        break;
    case AnomalyBillSort::Energy:
        c.key = row.billId ? row.energyWh : 0;
        break;
    case AnomalyBillSort::Total:
        c.key = row.billId ? row.totalMinor : 0;
        break;
    }
    return c;
}

Expected<QList<AnomalyBillRow>> AnomalyBillQueries::page(const AnomalyBillPageRequest &request) const
{
    // The sessions with anomalies as an IN list: a steady ~0.1–0.5 s for 100,000 of them whatever
    // the other conditions. (Walking the sessions with a correlated EXISTS is faster in the best
    // case but SQLite 3.15 plans it badly without conditions: 5–8 s for the first page.)
    const QString key = sortKey(request.sort);
    const QString less = request.descending ? u"<"_s : u">"_s;
    std::optional<SessionBound> bound;
    if (request.after && key.isEmpty())
        bound = SessionBound{less + u" ?"_s, request.after->sessionId};
    const FilterSql filter = filterSql(request.filter, false, bound);
    QString sql = u"SELECT "_s + kRowColumns + kFrom + u" WHERE "_s + filter.where;
    QVariantList values = filter.values;
    const QString direction = request.descending ? u" DESC"_s : u" ASC"_s;
    if (request.after) {
        if (key.isEmpty()) {
            sql += u" AND s.id "_s + less + u" ?"_s;
            values << request.after->sessionId;
        } else {
            sql += u" AND ("_s + key + u' ' + less + u" ? OR ("_s + key + u" = ? AND s.id "_s + less + u" ?))"_s;
            values << request.after->key << request.after->key << request.after->sessionId;
        }
    }
    sql += u" ORDER BY "_s + (key.isEmpty() ? QString() : key + direction + u", "_s) + u"s.id"_s + direction
           + u" LIMIT ?"_s;
    values << std::clamp(request.limit, 1, kMaxPage);
    auto rows = storage::fetchAll(m_db.connection(), sql, values, rowFrom);
    if (!rows)
        return rows.error();
    if (Status st = attachAnomalies(*rows, request.filter.status); !st)
        return st.error();
    return rows;
}

Status AnomalyBillQueries::attachAnomalies(QList<AnomalyBillRow> &rows, AnomalyStatus status) const
{
    QHash<qint64, qsizetype> bySession;
    for (qsizetype i = 0; i < rows.size(); ++i)
        bySession.insert(rows.at(i).sessionId, i);
    for (qsizetype from = 0; from < rows.size(); from += kIdsPerStatement) {
        const qsizetype n = std::min<qsizetype>(kIdsPerStatement, rows.size() - from);
        QVariantList ids;
        for (qsizetype i = from; i < from + n; ++i)
            ids << rows.at(i).sessionId;
        auto q = Sql::run(m_db.connection(),
                          u"SELECT id, session_id, bill_id, code, detail, detected_ms, resolved_ms, resolved_by_bill_id "
                          "FROM bill_anomalies WHERE session_id IN ("_s
                              + Sql::placeholders(n) + u") ORDER BY detected_ms, id"_s,
                          ids);
        if (!q)
            return q.error();
        while (q->next()) {
            const auto at = bySession.constFind(q->value(1).toLongLong());
            if (at != bySession.constEnd())
                rows[*at].anomalies.append(recordFrom(*q));
        }
    }
    for (AnomalyBillRow &r : rows) {
        r.open = std::any_of(r.anomalies.cbegin(), r.anomalies.cend(), [](const AnomalyRecord &a) { return a.isOpen(); });
        const bool openOnly = r.open && status != AnomalyStatus::Resolved;
        r.codes.clear();
        r.detectedMs = 0;
        for (const AnomalyRecord &a : std::as_const(r.anomalies)) {
            if (openOnly && !a.isOpen())
                continue;
            if (!r.codes.contains(a.code))
                r.codes.append(a.code);
            if (r.detectedMs == 0 || a.detectedMs < r.detectedMs)
                r.detectedMs = a.detectedMs;
        }
        std::sort(r.codes.begin(), r.codes.end());
    }
    return {};
}

Expected<qint64> AnomalyBillQueries::count(const AnomalyBillFilter &filter) const
{
    const FilterSql where = filterSql(filter);
    auto q = Sql::run(m_db.connection(),
                      u"SELECT COUNT(*) FROM sessions s JOIN stations st ON st.id = s.station_id WHERE "_s + where.where,
                      where.values);
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toLongLong() : 0;
}

Expected<QList<qint64>> AnomalyBillQueries::billIds(const AnomalyBillFilter &filter) const
{
    const FilterSql where = filterSql(filter);
    auto q = Sql::run(m_db.connection(),
                      u"SELECT b.id"_s + kFrom + u" WHERE "_s + where.where + u" AND b.id IS NOT NULL ORDER BY s.id DESC"_s,
                      where.values);
    if (!q)
        return q.error();
    QList<qint64> ids;
    while (q->next())
        ids.append(q->value(0).toLongLong());
    return ids;
}

Expected<std::optional<AnomalyBillRow>> AnomalyBillQueries::row(qint64 sessionId) const
{
    auto rows = storage::fetchAll(m_db.connection(),
                                  u"SELECT "_s + kRowColumns + kFrom
                                      + u" WHERE s.id = ? AND EXISTS (SELECT 1 FROM bill_anomalies a WHERE a.session_id = s.id)"_s,
                                  {sessionId}, rowFrom);
    if (!rows)
        return rows.error();
    if (Status st = attachAnomalies(*rows, AnomalyStatus::All); !st)
        return st.error();
    return storage::firstOf(std::move(rows));
}

Expected<AnomalyFilterChoices> AnomalyBillQueries::filterChoices() const
{
    AnomalyFilterChoices out;
    auto stations = Sql::run(m_db.connection(), u"SELECT charge_point_id FROM stations ORDER BY charge_point_id"_s, {});
    if (!stations)
        return stations.error();
    while (stations->next())
        out.chargePointIds.append(stations->value(0).toString());
    auto firmwares = Sql::run(m_db.connection(),
                              u"SELECT DISTINCT firmware FROM stations WHERE firmware <> '' ORDER BY firmware"_s, {});
    if (!firmwares)
        return firmwares.error();
    while (firmwares->next())
        out.firmwares.append(firmwares->value(0).toString());
    return out;
}

}  // namespace cd::anomalies
