#include "core/access/accessguard.h"

#include "core/access/operatorrepository.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>

#include <optional>

using namespace Qt::StringLiterals;

namespace cd::access {

AccessGuard::AccessGuard(const storage::Database &db) : m_db(db) {}

Error AccessGuard::notAllowed(const QString &roleDisplayName, Permission permission)
{
    return Error{ExitCode::Forbidden, tr("Your role (%1) does not allow: %2. Ask an administrator.")
                                          .arg(roleDisplayName, PermissionCatalog::title(permission))};
}

Error AccessGuard::loginRequired(Permission permission)
{
    return Error{ExitCode::Forbidden,
                 tr("Log in first: this database has operator accounts, and only an operator who has logged in may %1.")
                     .arg(PermissionCatalog::title(permission))};
}

Status AccessGuard::require(const Actor &actor, Permission permission) const
{
    if (actor.isSystem())
        return {};
    OperatorRepository operators(m_db);
    if (!actor.isOperator()) {
        // A bare name: everything while the database has no operators (as before there were any).
        auto count = operators.count();
        if (!count)
            return count.error();
        if (*count == 0)
            return {};
        return loginRequired(permission);
    }
    auto row = operators.byId(actor.operatorId().value_or(0));
    if (!row)
        return row.error();
    if (!*row)
        return Error{ExitCode::Forbidden, tr("Your operator account no longer exists. Ask an administrator.")};
    const OperatorRow &o = **row;
    if (o.disabled)
        return Error{ExitCode::Forbidden, tr("Your operator account (%1) is disabled. Ask an administrator.").arg(o.login)};
    if (actor.sessionId()) {
        auto session = operators.session(*actor.sessionId());
        if (!session)
            return session.error();
        if (!*session || (*session)->endedMs)
            return Error{ExitCode::Forbidden, tr("Your login session has ended. Log in again.")};
    }
    if (o.role == BuiltinRoles::administrator())
        return {};
    auto q = storage::Sql::run(m_db.connection(), u"SELECT 1 FROM role_permissions WHERE role_id = ? AND permission = ?"_s,
                               {o.roleId, PermissionCatalog::key(permission)});
    if (!q)
        return q.error();
    if (q->next())
        return {};
    return notAllowed(BuiltinRoles::displayName(o.role), permission);
}

Status AccessGuard::requireAny(const Actor &actor, const QList<Permission> &permissions) const
{
    std::optional<Error> firstRefusal;
    for (Permission permission : permissions) {
        Status allowed = require(actor, permission);
        if (allowed)
            return {};
        if (allowed.error().code != ExitCode::Forbidden)
            return allowed.error();
        if (!firstRefusal)
            firstRefusal = allowed.error();
    }
    if (firstRefusal)
        return *firstRefusal;
    return {};
}

}  // namespace cd::access
