#include "core/access/auditbrowser.h"

#include "core/access/accessguard.h"
#include "core/access/auditsubjects.h"

namespace cd::access {

Expected<QList<storage::AuditEntry>> AuditBrowser::page(const Actor &actor, const storage::AuditFilter &filter) const
{
    if (Status allowed = AccessGuard(m_db).require(actor, Permission::AuditView); !allowed)
        return allowed.error();
    auto entries = storage::AuditLogRepository(m_db).page(filter);
    if (!entries)
        return entries.error();
    if (Status named = AuditSubjects::name(m_db, *entries); !named)
        return named.error();
    return entries;
}

Expected<QStringList> AuditBrowser::entityTypes(const Actor &actor) const
{
    if (Status allowed = AccessGuard(m_db).require(actor, Permission::AuditView); !allowed)
        return allowed.error();
    return storage::AuditLogRepository(m_db).entityTypes();
}

}  // namespace cd::access
