#include "core/storage/stationeventrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace cd::storage {

StationEventRepository::StationEventRepository(const Database &db) : m_db(db) {}

Expected<qint64> StationEventRepository::append(const StationEvent &event)
{
    auto query = Sql::run(m_db.connection(),
                          QStringLiteral("INSERT INTO station_events (station_id, session_id, at_ms, station_at_ms, kind, "
                                         "detail) VALUES (?,?,?,?,?,?)")
                              + m_db.dialect().returningIdClause(),
                          {event.stationId, bindable(event.sessionId), event.atMs, bindable(event.stationAtMs),
                           event.kind, event.detail});
    if (!query)
        return query.error();
    return m_db.dialect().insertedId(*query);
}

Expected<QList<StationEvent>> StationEventRepository::list(const StationEventFilter &filter) const
{
    QString sql = QStringLiteral("SELECT id, station_id, session_id, at_ms, station_at_ms, kind, detail FROM station_events "
                                 "WHERE 1 = 1");
    QVariantList values;
    if (filter.stationId) {
        sql += QStringLiteral(" AND station_id = ?");
        values << *filter.stationId;
    }
    if (!filter.kind.isEmpty()) {
        sql += QStringLiteral(" AND kind = ?");
        values << filter.kind;
    }
    if (filter.fromMs) {
        sql += QStringLiteral(" AND at_ms >= ?");
        values << *filter.fromMs;
    }
    if (filter.toMs) {
        sql += QStringLiteral(" AND at_ms < ?");
        values << *filter.toMs;
    }
    const bool newest = !filter.fromMs.has_value();
    sql += newest ? QStringLiteral(" ORDER BY at_ms DESC, id DESC LIMIT ?") : QStringLiteral(" ORDER BY at_ms, id LIMIT ?");
    values << std::max(1, filter.limit);
    auto query = Sql::run(m_db.connection(), sql, values);
    if (!query)
        return query.error();
    QList<StationEvent> out;
    while (query->next()) {
        StationEvent e;
        e.id = query->value(0).toLongLong();
        e.stationId = query->value(1).toLongLong();
        if (!query->isNull(2))
            e.sessionId = query->value(2).toLongLong();
        e.atMs = query->value(3).toLongLong();
        if (!query->isNull(4))
            e.stationAtMs = query->value(4).toLongLong();
        e.kind = query->value(5).toString();
        e.detail = query->value(6).toString();
        out.append(e);
    }
    if (newest)
        std::reverse(out.begin(), out.end());
    return out;
}

}  // namespace cd::storage
