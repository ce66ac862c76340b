#include "core/storage/messagelogrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

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

// A null QString would bind NULL; these columns are NOT NULL.
QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

}  // namespace

MessageLogRepository::MessageLogRepository(const Database &db) : m_db(db) {}

Status MessageLogRepository::append(const QList<MessageLogEntry> &entries)
{
    if (entries.isEmpty())
        return {};
    QSqlQuery insert(m_db.connection());
    const QString sql = QStringLiteral("INSERT INTO ocpp_messages (station_id, charge_point_id, session_id, direction, "
                                       "message_type, message_id, action, error_code, problem, raw, at_ms) "
                                       "VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    if (!insert.prepare(sql))
        return Sql::error(insert.lastError(), sql);
    for (const MessageLogEntry &e : entries) {
        const QVariantList values{opt(e.stationId), text(e.chargePointId), opt(e.sessionId), text(e.direction),
                                  e.messageType, text(e.messageId), text(e.action), text(e.errorCode),
                                  text(e.problem), text(e.raw), e.atMs};
        for (int i = 0; i < values.size(); ++i)
            insert.bindValue(i, values[i]);
        if (!insert.exec())
            return Sql::error(insert.lastError(), sql);
    }
    return {};
}

Expected<QList<MessageLogEntry>> MessageLogRepository::list(const MessageLogFilter &filter) const
{
    QString sql = QStringLiteral("SELECT id, station_id, charge_point_id, session_id, direction, message_type, message_id, "
                                 "action, error_code, problem, raw, at_ms FROM ocpp_messages WHERE 1 = 1");
    QVariantList values;
    if (filter.sessionId) {
        sql += QStringLiteral(" AND session_id = ?");
        values << *filter.sessionId;
    }
    if (filter.stationId) {
        sql += QStringLiteral(" AND station_id = ?");
        values << *filter.stationId;
    }
    if (!filter.chargePointId.isEmpty()) {
        sql += QStringLiteral(" AND charge_point_id = ?");
        values << filter.chargePointId;
    }
    if (!filter.action.isEmpty()) {
        sql += QStringLiteral(" AND action = ?");
        values << filter.action;
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
    QList<MessageLogEntry> out;
    while (query->next()) {
        MessageLogEntry e;
        e.id = query->value(0).toLongLong();
        if (!query->isNull(1))
            e.stationId = query->value(1).toLongLong();
        e.chargePointId = query->value(2).toString();
        if (!query->isNull(3))
            e.sessionId = query->value(3).toLongLong();
        e.direction = query->value(4).toString();
        e.messageType = query->value(5).toInt();
        e.messageId = query->value(6).toString();
        e.action = query->value(7).toString();
        e.errorCode = query->value(8).toString();
        e.problem = query->value(9).toString();
        e.raw = query->value(10).toString();
        e.atMs = query->value(11).toLongLong();
        out.append(e);
    }
    if (newest)
        std::reverse(out.begin(), out.end());
    return out;
}

}  // namespace cd::storage
