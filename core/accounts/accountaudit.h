#pragma once
// The audit record of an account change (member, department, card, top-up, coupon): one place that
// fills storage::AuditEntry for the account and coupon services.

#include "core/common/clock.h"
#include "core/common/expected.h"

#include <QString>

namespace cd::storage {
class Database;
}

namespace cd::accounts {

// Appends to the audit log on `db`'s connection (inside the caller's transaction when one is open).
Status appendAccountAudit(const storage::Database &db, const Clock &clock, const QString &actor, const QString &action,
                          const QString &entityType, qint64 entityId, const QString &reason, const QString &before,
                          const QString &after);

}  // namespace cd::accounts
