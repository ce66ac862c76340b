#pragma once
// Reading the audit log (the console's Audit log screen, `chargedesk-cli audit list`): only for
// an actor whose role has Permission::AuditView, checked against the database's current role.

#include "core/access/actor.h"
#include "core/common/expected.h"
#include "core/storage/auditlogrepository.h"

#include <QList>

namespace cd::access {

class AuditBrowser {
public:
    explicit AuditBrowser(const storage::Database &db) : m_db(db) {}

    // One page, newest first (storage::AuditFilter says how to ask for the next one), with the
    // subjects' names (AuditSubjects).
    Expected<QList<storage::AuditEntry>> page(const Actor &actor, const storage::AuditFilter &filter) const;
    // The kinds of subject in the log, for a filter.
    Expected<QStringList> entityTypes(const Actor &actor) const;

private:
    const storage::Database &m_db;
};

}  // namespace cd::access
