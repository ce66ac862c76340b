#pragma once
// Who acts: what the core services take instead of a bare operator name, and check with
// AccessGuard before they write.
//
// Three kinds:
//   - an operator who logged in (AccessService::login, or authenticate for a one-shot CLI run):
//     operator id, login, display name, role and a snapshot of the role's permissions (for the UI
//     to hide what the role cannot do; the services check the database's current role instead);
//   - the system (Actor::system): the station server, the demo, background sweepers — may do
//     everything;
//   - a bare name (an Actor made from a QString): what the console and the CLI passed before
//     there were operators. It may do everything while the database has no operator accounts
//     (a local install that never set up operators works as before) and nothing once it has.
// The conversion from QString is implicit on purpose, so the services' callers that still pass a
// name keep compiling and are refused as soon as operators exist.

#include "core/access/permission.h"

#include <QSet>
#include <QString>

#include <optional>

namespace cd::access {

class Actor {
public:
    enum class Kind { Name, System, Operator };

    Actor() = default;  // nobody: refused everywhere once operators exist
    Actor(const QString &name) : m_name(name) {}  // NOLINT(google-explicit-constructor): see above

    static Actor system(const QString &name);
    // Made by AccessService from the database; `sessionId` is the login session (nullopt for a
    // one-shot authentication).
    static Actor operatorActor(qint64 operatorId, const QString &login, const QString &displayName, const QString &role,
                               const QSet<Permission> &permissions, std::optional<qint64> sessionId);

    Kind kind() const { return m_kind; }
    bool isSystem() const { return m_kind == Kind::System; }
    bool isOperator() const { return m_kind == Kind::Operator; }

    // The name the audit log records (an operator's login).
    QString name() const { return m_name; }
    std::optional<qint64> operatorId() const { return m_operatorId; }
    std::optional<qint64> sessionId() const { return m_sessionId; }
    QString login() const { return m_name; }
    QString displayName() const { return m_displayName.isEmpty() ? m_name : m_displayName; }
    QString role() const { return m_role; }                                         // "accountant", or a custom role's name
    QString roleDisplayName() const { return BuiltinRoles::displayName(m_role); }  // translated
    // The role's permissions when the actor was made (an administrator: all of them; the system:
    // all). For showing and hiding; the services ask AccessGuard.
    QSet<Permission> permissions() const;
    bool allows(Permission permission) const;

private:
    Kind m_kind = Kind::Name;
    QString m_name;
    QString m_displayName;
    QString m_role;
    QSet<Permission> m_permissions;
    std::optional<qint64> m_operatorId;
    std::optional<qint64> m_sessionId;
};

}  // namespace cd::access
