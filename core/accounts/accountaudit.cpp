#include "core/accounts/accountaudit.h"

#include "core/storage/auditlogrepository.h"

namespace cd::accounts {

Status appendAccountAudit(const storage::Database &db, const Clock &clock, const QString &actor, const QString &action,
                          const QString &entityType, qint64 entityId, const QString &reason, const QString &before,
                          const QString &after)
{
    storage::AuditEntry entry;
    entry.operatorName = actor;
    entry.action = action;
    entry.entityType = entityType;
    entry.entityId = QString::number(entityId);
    entry.reason = reason;
    entry.beforeState = before;
    entry.afterState = after;
    if (auto id = storage::AuditLogRepository(db, clock).append(entry); !id)
        return id.error();
    return {};
}

}  // namespace cd::accounts
