#include "core/access/auditedchange.h"

#include "core/access/accessguard.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QJsonDocument>

namespace cd::access {

Expected<storage::AuditEntry> auditedChange(const storage::Database &db, const Actor &actor, Permission permission,
                                            const QString &reason,
                                            const std::function<Expected<storage::AuditEntry>()> &write)
{
    if (Status allowed = AccessGuard(db).require(actor, permission); !allowed)
        return allowed.error();
    storage::Transaction transaction(db.connection());
    if (Status st = transaction.begin(); !st)
        return st.error();
    auto entry = write();
    if (!entry)
        return entry.error();
    entry->operatorId = actor.operatorId();
    entry->operatorName = actor.name();
    entry->reason = reason;
    if (auto appended = storage::AuditLogRepository(db).append(*entry); !appended)
        return appended.error();
    if (Status st = transaction.commit(); !st)
        return st.error();
    return entry;
}

storage::AuditEntry changeEntry(const QString &action, const QString &entityType, const QString &entityId,
                                const QJsonObject &before, const QJsonObject &after)
{
    const auto compact = [](const QJsonObject &o) { return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)); };
    storage::AuditEntry e;
    e.action = action;
    e.entityType = entityType;
    e.entityId = entityId;
    if (!before.isEmpty())
        e.beforeState = compact(before);
    e.afterState = compact(after);
    return e;
}

}  // namespace cd::access
