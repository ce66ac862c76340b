#pragma once
// Operators, roles and login sessions: what the console's login dialog, its first-start
// administrator, its operators screen and the CLI (operator / role / login-sessions) call.
// Synchronous and database-bound like the repositories: run it on a worker thread in the UI.
//
// For the UI (issue #8 item 2):
//   First start:   hasOperators() false → ask for a login, display name and password (twice) and
//                  call createFirstAdministrator(). Until an operator exists, a database works as
//                  before: every service accepts a bare name (access::Actor from a QString).
//   Login dialog:  login(login, password, client) → LoginSession{token, actor}; keep the token
//                  in memory only. Call resume(token) on a timer (well within idleTimeoutMs; it
//                  also refreshes the actor's role and permissions) and logout(token) on quit.
//                  Errors are sentences to show as they are (wrong login or password, disabled,
//                  too many logins at once, session expired).
//   Every action:  pass LoginSession::actor (an access::Actor) to the core services. They refuse
//                  (ExitCode::Forbidden) with a clear sentence when the role does not allow it;
//                  show Error::message. Hide or disable what actor.allows(permission) says no to,
//                  and screens by Permission::Screen*; that is convenience, the services decide.
//   Operators screen (reads: Permission::ScreenOperators; changes: Permission::OperatorsManage):
//                  operators(), roles(), openSessions(), createOperator(), setRole(), setDisabled(), setMaxConcurrentLogins(),
//                  resetPassword(), unlock(), createRole(), grant(), revoke(), deleteRole(), endSession();
//                  PermissionCatalog::all()/title() for the permission check boxes and
//                  BuiltinRoles::displayName() for role names. Own password: changeOwnPassword().
//   Audit browser (Permission::AuditView): storage::AuditLogRepository::page(); every change
//                  made here is there (entity types "operator", "role", "login_session").

#include "core/access/actor.h"
#include "core/access/operatorrepository.h"
#include "core/access/permission.h"
#include "core/access/rolerepository.h"
#include "core/auth/passwordhash.h"
#include "core/common/clock.h"
#include "core/common/expected.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace cd::storage {
class Database;
}

namespace cd::access {

struct AccessOptions {
    // A session not resumed for this long counts as ended (the console crashed or lost power);
    // it no longer counts against the account's concurrent-login limit.
    qint64 idleTimeoutMs = 30LL * 60 * 1000;
    // This many wrong passwords in a row lock the login for lockoutMs (0: never). While locked even
    // the right password is refused; an administrator can unlock it (unlock, resetPassword).
    int maxFailedLogins = 5;
    qint64 lockoutMs = 15LL * 60 * 1000;
    auth::PasswordHash::Strength strength = auth::PasswordHash::Strength::Moderate;
};

struct NewOperator {
    QString login;        // 1..64 letters, digits, '.', '_', '-', '@'
    QString displayName;  // empty: the login
    QByteArray password;  // at least 8 characters
    QString role;         // a role's name or "#id"
    int maxConcurrentLogins = 1;
};

struct LoginSession {
    qint64 sessionId = 0;
    QString token;  // secret: 64 hex digits, kept in memory only; the database keeps its SHA-256
    Actor actor;
};

class AccessService {
    Q_DECLARE_TR_FUNCTIONS(cd::access::AccessService)
public:
    explicit AccessService(const storage::Database &db, AccessOptions options = {}, const Clock &clock = Clock::system());

    // What the service accepts; forms bound their fields with the same numbers.
    static constexpr int kMinPasswordLength = 8;
    static constexpr int kMaxPasswordBytes = 4096;
    static constexpr int kMaxLoginLength = 64;
    static constexpr int kMaxDisplayNameLength = 200;
    static constexpr int kMaxRoleNameLength = 64;
    static constexpr int kMaxConcurrentLoginsLimit = 100;
    // The characters a login may have, as a regular-expression class.
    static QString loginCharacters() { return QStringLiteral("[A-Za-z0-9._@-]"); }
    // A password field's length in characters: any text in it fits kMaxPasswordBytes as UTF-8.
    static constexpr int kMaxPasswordFieldLength = kMaxPasswordBytes / 4;

    Expected<bool> hasOperators() const;
    // Only while no operator exists: the first operator, an administrator. Audited with the new
    // operator as the actor.
    Expected<OperatorRow> createFirstAdministrator(const NewOperator &administrator);

    // Checks the password and makes the operator's actor, without a login session (a one-shot
    // CLI command). Wrong login and wrong password get the same answer.
    Expected<Actor> authenticate(const QString &login, const QByteArray &password);
    // Opens a login session; refused when the account is disabled or already has
    // maxConcurrentLogins open sessions (idle ones expire first). Audited ("operator.login").
    Expected<LoginSession> login(const QString &login, const QByteArray &password, const QString &client = {});
    // The session's actor, refreshed from the database; keeps the session alive.
    Expected<Actor> resume(const QString &token);
    Status logout(const QString &token);

    // OK when the actor may do it now (AccessGuard::require).
    Status check(const Actor &actor, Permission permission) const;

    // Operators (Permission::OperatorsManage; every change audited in its transaction).
    // The reads need the Operators screen (Permission::ScreenOperators).
    Expected<QList<OperatorRow>> operators(const Actor &by) const;
    Expected<OperatorRow> createOperator(const Actor &by, const NewOperator &op, const QString &reason = {});
    Status setRole(const Actor &by, const QString &login, const QString &role, const QString &reason = {});
    // Disabling ends the operator's open login sessions.
    Status setDisabled(const Actor &by, const QString &login, bool disabled, const QString &reason = {});
    Status setMaxConcurrentLogins(const Actor &by, const QString &login, int max, const QString &reason = {});
    // Also unlocks a login locked by wrong passwords.
    Status resetPassword(const Actor &by, const QString &login, const QByteArray &password, const QString &reason = {});
    // Lifts the lock that wrong passwords put on a login, and forgets them. Audited ("operator.unlock").
    Status unlock(const Actor &by, const QString &login, const QString &reason = {});
    // Any operator, for their own account: the current password, then the new one.
    Status changeOwnPassword(const Actor &self, const QByteArray &currentPassword, const QByteArray &newPassword);

    // Roles (Permission::OperatorsManage). `permissions` are catalog keys.
    Expected<QList<RoleRow>> roles(const Actor &by) const;
    Expected<RoleRow> createRole(const Actor &by, const QString &name, const QStringList &permissions,
                                 const QString &reason = {});
    Status grant(const Actor &by, const QString &role, const QStringList &permissions, const QString &reason = {});
    Status revoke(const Actor &by, const QString &role, const QStringList &permissions, const QString &reason = {});
    // A custom role no operator has.
    Status deleteRole(const Actor &by, const QString &role, const QString &reason = {});

    // Login sessions (Permission::OperatorsManage).
    Expected<QList<LoginSessionRow>> openSessions(const Actor &by) const;
    Status endSession(const Actor &by, qint64 sessionId, const QString &reason = {});

private:
    Expected<Actor> actorOf(const OperatorRow &row, std::optional<qint64> sessionId) const;
    Expected<OperatorRow> checkedPassword(const QString &login, const QByteArray &password);
    // Counts a wrong password; the one that reaches the limit locks the login (audited
    // "operator.lock"). The refusal to give.
    Error wrongPassword(const OperatorRow &row);
    Error lockedOut(const OperatorRow &row) const;
    Expected<QString> hashOf(const QByteArray &password) const;
    Status appendAudit(const Actor &by, const QString &action, const QString &entityType, const QString &entityId,
                       const QString &reason, const QString &before, const QString &after);
    // Runs `change` in a transaction after checking `by` may manage operators.
    Status managed(const Actor &by, const std::function<Status()> &change);
    Status changeRole(const Actor &by, const QString &role, const QStringList &permissions, bool granting,
                      const QString &reason);
    // Would the change leave no enabled administrator?
    Status keepsAnAdministrator(const OperatorRow &changed, bool stillAdministrator) const;

    const storage::Database &m_db;
    AccessOptions m_options;
    const Clock &m_clock;
};

}  // namespace cd::access
