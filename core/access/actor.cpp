#include "core/access/actor.h"

namespace cd::access {

Actor Actor::system(const QString &name)
{
    Actor a(name);
    a.m_kind = Kind::System;
    return a;
}

Actor Actor::operatorActor(qint64 operatorId, const QString &login, const QString &displayName, const QString &role,
                           const QSet<Permission> &permissions, std::optional<qint64> sessionId)
{
    Actor a(login);
    a.m_kind = Kind::Operator;
    a.m_operatorId = operatorId;
    a.m_displayName = displayName;
    a.m_role = role;
    a.m_permissions = role == BuiltinRoles::administrator() ? QSet<Permission>(PermissionCatalog::all().begin(),
                                                                               PermissionCatalog::all().end())
                                                            : permissions;
    a.m_sessionId = sessionId;
    return a;
}

QSet<Permission> Actor::permissions() const
{
    if (m_kind == Kind::Operator)
        return m_permissions;
    return QSet<Permission>(PermissionCatalog::all().begin(), PermissionCatalog::all().end());
}

bool Actor::allows(Permission permission) const
{
    return m_kind != Kind::Operator || m_permissions.contains(permission);
}

}  // namespace cd::access
