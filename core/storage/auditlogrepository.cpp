#include "core/storage/auditlogrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>
#include <QVariant>

namespace cd::storage {

namespace {

QString selectEntries()
{
    return QStringLiteral("SELECT id, at_ms, operator_id, operator_name, action, entity_type, entity_id, reason, "
                          "before_state, after_state FROM audit_log WHERE 1 = 1");
}

}  // namespace

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
    QString sql = selectEntries();
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
    return entries(sql, values);
}

Expected<QList<AuditEntry>> AuditLogRepository::entries(const QString &sql, const QVariantList &values) const
{
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

Expected<QList<AuditEntry>> AuditLogRepository::page(const AuditFilter &filter) const
{
    QString sql = selectEntries();
    QVariantList values;
    const auto where = [&](const QString &condition, const QVariant &value) {
        sql += QStringLiteral(" AND ") + condition;
        values << value;
    };
    if (!filter.entityType.isEmpty())
        where(QStringLiteral("entity_type = ?"), filter.entityType);
    if (!filter.entityId.isEmpty())
        where(QStringLiteral("entity_id = ?"), filter.entityId);
    if (filter.operatorId)
        where(QStringLiteral("operator_id = ?"), *filter.operatorId);
    if (!filter.operatorName.isEmpty())
        where(QStringLiteral("operator_name = ?"), filter.operatorName);
    if (!filter.actionPrefix.isEmpty()) {
        QString pattern = filter.actionPrefix;
        pattern.replace(u'\\', QStringLiteral("\\\\")).replace(u'%', QStringLiteral("\\%")).replace(u'_', QStringLiteral("\\_"));
        where(QStringLiteral("action LIKE ? ESCAPE '\\'"), QString(pattern + u'%'));
    }
    if (filter.fromMs > 0)
        where(QStringLiteral("at_ms >= ?"), filter.fromMs);
    if (filter.toMs > 0)
        where(QStringLiteral("at_ms < ?"), filter.toMs);
    if (filter.beforeId > 0)
        where(QStringLiteral("id < ?"), filter.beforeId);
    sql += QStringLiteral(" ORDER BY id DESC LIMIT ?");
    values << qBound(1, filter.limit, 10000);
    return entries(sql, values);
}

Expected<QStringList> AuditLogRepository::entityTypes() const
{
    auto query = Sql::run(m_db.connection(), QStringLiteral("SELECT DISTINCT entity_type FROM audit_log ORDER BY entity_type"));
    if (!query)
        return query.error();
    QStringList types;
    while (query->next())
        types << query->value(0).toString();
    return types;
}

}  // namespace cd::storage
