#include "core/storage/auditlogrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>
#include <QVariant>

namespace cd::storage {

AuditLogRepository::AuditLogRepository(const Database &db, const Clock &clock) : m_db(db), m_clock(clock) {}

Expected<qint64> AuditLogRepository::append(AuditEntry entry)
{
    entry.atMs = m_clock.nowMs();
    auto query = Sql::run(m_db.connection(),
                          QStringLiteral("INSERT INTO audit_log (at_ms, operator_id, operator_name, action, entity_type, "
                                         "entity_id, reason, before_state, after_state) VALUES (?,?,?,?,?,?,?,?,?)")
                              + m_db.dialect().returningIdClause(),
                          {entry.atMs, entry.operatorId ? QVariant(*entry.operatorId) : QVariant(), entry.operatorName,
                           entry.action, entry.entityType, entry.entityId, entry.reason,
                           entry.beforeState.isEmpty() ? QVariant() : QVariant(entry.beforeState),
                           entry.afterState.isEmpty() ? QVariant() : QVariant(entry.afterState)});
    if (!query)
        return query.error();
    return m_db.dialect().insertedId(*query);
}

Expected<QList<AuditEntry>> AuditLogRepository::latest(int limit, const QString &entityType,
                                                       const QString &entityId) const
{
    QString sql = QStringLiteral("SELECT id, at_ms, operator_id, operator_name, action, entity_type, entity_id, reason, "
                                 "before_state, after_state FROM audit_log WHERE 1 = 1");
    QVariantList values;
    if (!entityType.isEmpty()) {
        sql += QStringLiteral(" AND entity_type = ?");
        values << entityType;
    }
    if (!entityId.isEmpty()) {
        sql += QStringLiteral(" AND entity_id = ?");
        values << entityId;
    }
    sql += QStringLiteral(" ORDER BY at_ms DESC, id DESC LIMIT ?");
    values << limit;
    auto query = Sql::run(m_db.connection(), sql, values);
    if (!query)
        return query.error();
    QList<AuditEntry> out;
    while (query->next()) {
        AuditEntry e;
        e.id = query->value(0).toLongLong();
        e.atMs = query->value(1).toLongLong();
        if (!query->isNull(2))
            e.operatorId = query->value(2).toLongLong();
        e.operatorName = query->value(3).toString();
        e.action = query->value(4).toString();
        e.entityType = query->value(5).toString();
        e.entityId = query->value(6).toString();
        e.reason = query->value(7).toString();
        e.beforeState = query->value(8).toString();
        e.afterState = query->value(9).toString();
        out.append(e);
    }
    return out;
}

}  // namespace cd::storage
