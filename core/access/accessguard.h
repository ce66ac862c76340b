#pragma once
// The one check every core service makes before it writes: may this actor do this now?
//
//     if (Status st = access::AccessGuard(m_db).require(actor, access::Permission::BillsCorrect); !st)
//         return st.error();
//
// It reads the database each time (not the Actor's snapshot), so a permission revoked, a role
// changed, an account disabled or a login session ended by an administrator applies to the very
// next action of a console that is already logged in. The refusal is an Error with
// ExitCode::Forbidden and a sentence to show as it is: "Your role (Accountant) does not allow:
// approve or reject refunds. Ask an administrator."

#include "core/access/actor.h"
#include "core/access/permission.h"
#include "core/common/expected.h"

#include <QCoreApplication>

namespace cd::storage {
class Database;
}

namespace cd::access {

class AccessGuard {
    Q_DECLARE_TR_FUNCTIONS(cd::access::AccessGuard)
public:
    explicit AccessGuard(const storage::Database &db);

    Status require(const Actor &actor, Permission permission) const;
    // OK when the actor has one of `permissions` (an empty list needs none); the refusal names the
    // first one ("open the Stations screen").
    Status requireAny(const Actor &actor, const QList<Permission> &permissions) const;

    // The sentences, for callers that refuse before asking the database (a UI with its snapshot).
    static Error notAllowed(const QString &roleDisplayName, Permission permission);
    static Error loginRequired(Permission permission);

private:
    const storage::Database &m_db;
};

}  // namespace cd::access
