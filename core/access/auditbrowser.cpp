#include "core/access/auditbrowser.h"

#include "core/access/accessguard.h"

namespace cd::access {

Expected<QList<storage::AuditEntry>> AuditBrowser::page(const Actor &actor, const storage::AuditFilter &filter) const
{
    if (Status allowed = AccessGuard(m_db).require(actor, Permission::AuditView); !allowed)
        return allowed.error();
    return storage::AuditLogRepository(m_db).page(filter);
}

Expected<QStringList> AuditBrowser::entityTypes(const Actor &actor) const
{
    if (Status allowed = AccessGuard(m_db).require(actor, Permission::AuditView); !allowed)
        return allowed.error();
    return storage::AuditLogRepository(m_db).entityTypes();
}

}  // namespace cd::access
