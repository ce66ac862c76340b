#pragma once
// One change that needs a permission and an audit entry, as one transaction, for changes without
// a service of their own (adding a station, sites, sub-operators): checks `permission` for `actor`
// against the database's current role (AccessGuard), runs `write`, appends the entry `write`
// returns (who and why filled in here) and commits. A refusal runs nothing; a failed write or
// audit rolls everything back.

#include "core/access/actor.h"
#include "core/common/expected.h"
#include "core/storage/auditlogrepository.h"

#include <QJsonObject>

#include <functional>

namespace cd::access {

Expected<storage::AuditEntry> auditedChange(const storage::Database &db, const Actor &actor, Permission permission,
                                            const QString &reason,
                                            const std::function<Expected<storage::AuditEntry>()> &write);

// What a change did, for `write` to return: the subject and its state before (may be empty) and
// after, as compact JSON.
storage::AuditEntry changeEntry(const QString &action, const QString &entityType, const QString &entityId,
                                const QJsonObject &before, const QJsonObject &after);

}  // namespace cd::access
