#include "core/storage/metersamplerepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace cd::storage {

namespace {

QVariant opt(const std::optional<qint64> &value)
{
    return value ? QVariant::fromValue(*value) : QVariant();
}

QVariant opt(const std::optional<int> &value)
{
    return value ? QVariant::fromValue(*value) : QVariant();
}

// A null QString would bind NULL; these columns are NOT NULL DEFAULT ''.
QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

// Groups samples that share a dedupe scope (session or station+connector) and timestamp.
QString scopeKey(const MeterSample &s)
{
    if (s.sessionId)
        return QStringLiteral("s%1@%2").arg(*s.sessionId).arg(s.stationAtMs);
    return QStringLiteral("c%1/%2@%3").arg(s.stationId).arg(s.connectorId.value_or(-1)).arg(s.stationAtMs);
}

}  // namespace

QString MeterSample::dedupeKey() const
{
    return measurand + u'|' + phase + u'|' + location + u'|' + context;
}

MeterSampleRepository::MeterSampleRepository(const Database &db) : m_db(db) {}

Expected<QSet<QString>> MeterSampleRepository::existingKeys(const MeterSample &like) const
{
    QString sql = QStringLiteral("SELECT measurand, phase, location, context FROM meter_samples WHERE ");
    QVariantList values;
    if (like.sessionId) {
        sql += QStringLiteral("session_id = ? AND station_at_ms = ?");
        values << *like.sessionId << like.stationAtMs;
    } else {
        sql += QStringLiteral("station_id = ? AND station_at_ms = ? AND session_id IS NULL");
        values << like.stationId << like.stationAtMs;
        if (like.connectorId) {
            sql += QStringLiteral(" AND connector_id = ?");
            values << *like.connectorId;
        } else {
            sql += QStringLiteral(" AND connector_id IS NULL");
        }
    }
    auto query = Sql::run(m_db.connection(), sql, values);
    if (!query)
        return query.error();
    QSet<QString> keys;
    while (query->next()) {
        keys.insert(query->value(0).toString() + u'|' + query->value(1).toString() + u'|' + query->value(2).toString()
                    + u'|' + query->value(3).toString());
    }
    return keys;
}

Expected<int> MeterSampleRepository::insertNew(const QList<MeterSample> &samples)
{
    if (samples.isEmpty())
        return 0;
    QHash<QString, QSet<QString>> seen;  // scope → keys already stored or inserted now
    QSqlQuery insert(m_db.connection());
    if (!insert.prepare(QStringLiteral("INSERT INTO meter_samples (session_id, station_id, evse_id, connector_id, "
                                       "station_at_ms, received_ms, measurand, phase, location, context, unit, value_milli) "
                                       "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")))
        return Sql::error(insert.lastError(), QStringLiteral("INSERT INTO meter_samples"));
    int inserted = 0;
    for (const MeterSample &s : samples) {
        const QString scope = scopeKey(s);
        auto it = seen.find(scope);
        if (it == seen.end()) {
            auto keys = existingKeys(s);
            if (!keys)
                return keys.error();
            it = seen.insert(scope, *keys);
        }
        const QString key = s.dedupeKey();
        if (it->contains(key))
            continue;
        it->insert(key);
        const QVariantList values{opt(s.sessionId), s.stationId, opt(s.evseId), opt(s.connectorId), s.stationAtMs,
                                  s.receivedMs, text(s.measurand), text(s.phase), text(s.location), text(s.context),
                                  text(s.unit), s.valueMilli};
        for (int i = 0; i < values.size(); ++i)
            insert.bindValue(i, values[i]);
        if (!insert.exec())
            return Sql::error(insert.lastError(), QStringLiteral("INSERT INTO meter_samples"));
        ++inserted;
    }
    return inserted;
}

Expected<QList<MeterSample>> MeterSampleRepository::list(const MeterSampleFilter &filter) const
{
    QString sql = QStringLiteral("SELECT id, session_id, station_id, evse_id, connector_id, station_at_ms, received_ms, "
                                 "measurand, phase, location, context, unit, value_milli FROM meter_samples WHERE 1 = 1");
    QVariantList values;
    if (filter.sessionId) {
        sql += QStringLiteral(" AND session_id = ?");
        values << *filter.sessionId;
    }
    if (filter.stationId) {
        sql += QStringLiteral(" AND station_id = ?");
        values << *filter.stationId;
    }
    if (!filter.measurand.isEmpty()) {
        sql += QStringLiteral(" AND measurand = ?");
        values << filter.measurand;
    }
    if (filter.fromMs) {
        sql += QStringLiteral(" AND station_at_ms >= ?");
        values << *filter.fromMs;
    }
    if (filter.toMs) {
        sql += QStringLiteral(" AND station_at_ms < ?");
        values << *filter.toMs;
    }
    sql += QStringLiteral(" ORDER BY station_at_ms, id LIMIT ?");
    values << std::max(1, filter.limit);
    auto query = Sql::run(m_db.connection(), sql, values);
    if (!query)
        return query.error();
    QList<MeterSample> out;
    while (query->next()) {
        MeterSample s;
        s.id = query->value(0).toLongLong();
        if (!query->isNull(1))
            s.sessionId = query->value(1).toLongLong();
        s.stationId = query->value(2).toLongLong();
        if (!query->isNull(3))
            s.evseId = query->value(3).toInt();
        if (!query->isNull(4))
            s.connectorId = query->value(4).toInt();
        s.stationAtMs = query->value(5).toLongLong();
        s.receivedMs = query->value(6).toLongLong();
        s.measurand = query->value(7).toString();
        s.phase = query->value(8).toString();
        s.location = query->value(9).toString();
        s.context = query->value(10).toString();
        s.unit = query->value(11).toString();
        s.valueMilli = query->value(12).toLongLong();
        out.append(s);
    }
    return out;
}

}  // namespace cd::storage
