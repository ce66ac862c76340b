#include "core/access/accessservice.h"

#include "core/access/accessguard.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcAccess, "chargedesk.access")

namespace cd::access {

namespace {

constexpr qsizetype kMaxLogin = AccessService::kMaxLoginLength;
constexpr qsizetype kMaxDisplayName = AccessService::kMaxDisplayNameLength;
constexpr qsizetype kMaxRoleName = AccessService::kMaxRoleNameLength;
constexpr int kMaxLoginsLimit = AccessService::kMaxConcurrentLoginsLimit;

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString tokenHashOf(const QString &token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token.toLatin1(), QCryptographicHash::Sha256).toHex());
}

QString newToken()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(bytes.data()),
                                         reinterpret_cast<quint32 *>(bytes.data() + bytes.size()));
    return QString::fromLatin1(bytes.toHex());
}

QJsonObject stateOf(const OperatorRow &o)
{
    return {{u"id"_s, o.id},           {u"login"_s, o.login},
            {u"displayName"_s, o.displayName}, {u"role"_s, o.role},
            {u"maxConcurrentLogins"_s, o.maxConcurrentLogins}, {u"disabled"_s, o.disabled}};
}

Status checkLogin(const QString &login)
{
    static const QRegularExpression allowed(u'^' + AccessService::loginCharacters() + u"+$"_s);
    if (login.isEmpty() || login.size() > kMaxLogin || !allowed.match(login).hasMatch())
        return Error{ExitCode::Usage, AccessService::tr("A login is 1 to %1 letters, digits, dots, underscores, hyphens or @, "
                                                        "without spaces.")
                                          .arg(kMaxLogin)};
    return {};
}

Status checkPassword(const QByteArray &password)
{
    if (QString::fromUtf8(password).size() < AccessService::kMinPasswordLength)
        return Error{ExitCode::Usage,
                     AccessService::tr("A password has at least %1 characters.").arg(AccessService::kMinPasswordLength)};
    if (password.size() > AccessService::kMaxPasswordBytes)
        return Error{ExitCode::Usage,
                     AccessService::tr("A password has at most %1 bytes.").arg(AccessService::kMaxPasswordBytes)};
    return {};
}

Status checkMaxLogins(int max)
{
    if (max < 1 || max > kMaxLoginsLimit)
        return Error{ExitCode::Usage, AccessService::tr("The number of logins at once is 1 to %1.").arg(kMaxLoginsLimit)};
    return {};
}

Error wrongCredentials()
{
    return Error{ExitCode::Forbidden, AccessService::tr("Wrong login or password.")};
}

}  // namespace

AccessService::AccessService(const storage::Database &db, AccessOptions options, const Clock &clock)
    : m_db(db), m_options(options), m_clock(clock)
{
}

Expected<bool> AccessService::hasOperators() const
{
    auto n = OperatorRepository(m_db).count();
    if (!n)
        return n.error();
    return *n > 0;
}

Expected<QString> AccessService::hashOf(const QByteArray &password) const
{
    return auth::PasswordHash::hash(password, m_options.strength);
}

Status AccessService::appendAudit(const Actor &by, const QString &action, const QString &entityType, const QString &entityId,
                                  const QString &reason, const QString &before, const QString &after)
{
    storage::AuditEntry e;
    e.operatorId = by.operatorId();
    e.operatorName = by.name();
    e.action = action;
    e.entityType = entityType;
    e.entityId = entityId;
    e.reason = reason.trimmed();
    e.beforeState = before;
    e.afterState = after;
    if (auto id = storage::AuditLogRepository(m_db, m_clock).append(e); !id)
        return id.error();
    return {};
}

Status AccessService::check(const Actor &actor, Permission permission) const
{
    return AccessGuard(m_db).require(actor, permission);
}

Status AccessService::managed(const Actor &by, const std::function<Status()> &change)
{
    if (Status st = check(by, Permission::OperatorsManage); !st)
        return st;
    storage::Transaction transaction(m_db.connection());
    if (Status st = transaction.begin(); !st)
        return st;
    if (Status st = change(); !st)
        return st;
    return transaction.commit();
}

Expected<Actor> AccessService::actorOf(const OperatorRow &row, std::optional<qint64> sessionId) const
{
    auto role = RoleRepository(m_db, m_clock).role(row.roleId);
    if (!role)
        return role.error();
    QSet<Permission> permissions;
    for (const QString &key : role->permissions) {
        if (auto p = PermissionCatalog::fromKey(key))
            permissions.insert(*p);
    }
    return Actor::operatorActor(row.id, row.login, row.displayName, row.role, permissions, sessionId);
}

Expected<OperatorRow> AccessService::checkedPassword(const QString &login, const QByteArray &password)
{
    auto row = OperatorRepository(m_db).byLogin(login.trimmed());
    if (!row)
        return row.error();
    if (!*row) {
        // An unknown login costs what a wrong password costs (one Argon2id run), so the time of
        // the answer does not tell which logins exist.
        (void)auth::PasswordHash::hash(password, m_options.strength);
        qCInfo(lcAccess) << "failed login for" << login.trimmed().left(kMaxLogin);
        return wrongCredentials();
    }
    const bool right = auth::PasswordHash::verify((*row)->passwordHash, password);
    if ((*row)->lockedAt(m_clock.nowMs())) {
        // Checked after the hash, so a locked login costs the same time; refused either way, or
        // the lock would not stop anyone from guessing.
        qCInfo(lcAccess) << "login attempt while locked for" << (*row)->login;
        return lockedOut(**row);
    }
    if (!right) {
        qCInfo(lcAccess) << "failed login for" << login.trimmed().left(kMaxLogin);
        return wrongPassword(**row);
    }
    if ((*row)->failedLogins > 0 || (*row)->lockedUntilMs) {
        if (Status st = OperatorRepository(m_db).setLockout((*row)->id, 0, std::nullopt); !st)
            return st.error();
        (*row)->failedLogins = 0;
        (*row)->lockedUntilMs.reset();
    }
    if ((*row)->disabled)
        return Error{ExitCode::Forbidden, tr("The account %1 is disabled. Ask an administrator.").arg((*row)->login)};
    if (auth::PasswordHash::needsRehash((*row)->passwordHash, m_options.strength)) {
        // Stronger parameters than when it was set: hash the password again now that we have it.
        if (auto hash = hashOf(password); hash)
            (void)OperatorRepository(m_db).setPasswordHash((*row)->id, *hash);
    }
    return **row;
}

Error AccessService::wrongPassword(const OperatorRow &row)
{
    if (m_options.maxFailedLogins <= 0)
        return wrongCredentials();
    OperatorRepository operators(m_db);
    storage::Transaction transaction(m_db.connection());
    if (Status st = transaction.begin(); !st)
        return st.error();
    // The increment takes the row's lock itself, so two wrong passwords at once count as two.
    auto failed = operators.addFailedLogin(row.id);
    if (!failed)
        return failed.error();
    if (*failed < m_options.maxFailedLogins) {
        if (Status st = transaction.commit(); !st)
            return st.error();
        return wrongCredentials();
    }
    OperatorRow locked = row;
    locked.failedLogins = 0;
    locked.lockedUntilMs = m_clock.nowMs() + m_options.lockoutMs;
    if (Status st = operators.setLockout(row.id, 0, locked.lockedUntilMs); !st)
        return st.error();
    if (Status st = appendAudit(Actor::system(u"system"_s), u"operator.lock"_s, u"operator"_s, QString::number(row.id), {},
                                {},
                                compact({{u"login"_s, row.login}, {u"wrongPasswords"_s, *failed},
                                         {u"lockedUntilMs"_s, *locked.lockedUntilMs}}));
        !st)
        return st.error();
    if (Status st = transaction.commit(); !st)
        return st.error();
    qCWarning(lcAccess) << "login locked after" << *failed << "wrong passwords:" << row.login;
    return lockedOut(locked);
}

Error AccessService::lockedOut(const OperatorRow &row) const
{
    const qint64 leftMs = row.lockedUntilMs.value_or(0) - m_clock.nowMs();
    const int minutes = static_cast<int>(std::max<qint64>(1, (leftMs + 59999) / 60000));
    return Error{ExitCode::Forbidden, tr("Too many wrong passwords: the login %1 is locked for %n more minute(s). Try again "
                                         "then, or ask an administrator to unlock it.",
                                         nullptr, minutes)
                                          .arg(row.login)};
}

Expected<Actor> AccessService::authenticate(const QString &login, const QByteArray &password)
{
    auto row = checkedPassword(login, password);
    if (!row)
        return row.error();
    return actorOf(*row, std::nullopt);
}

Expected<LoginSession> AccessService::login(const QString &login, const QByteArray &password, const QString &client)
{
    auto row = checkedPassword(login, password);
    if (!row)
        return row.error();
    const qint64 now = m_clock.nowMs();
    OperatorRepository operators(m_db);
    storage::Transaction transaction(m_db.connection());
    if (Status st = transaction.begin(); !st)
        return st.error();
    if (Status st = operators.lock(row->id); !st)
        return st.error();
    if (auto expired = operators.expireIdle(row->id, now - m_options.idleTimeoutMs, now); !expired)
        return expired.error();
    auto open = operators.openSessions(row->id);
    if (!open)
        return open.error();
    if (open->size() >= row->maxConcurrentLogins)
        return Error{ExitCode::Forbidden,
                     tr("%1 is already logged in %2 time(s), as many as this account allows at once. Log out there "
                        "first, or ask an administrator to end that login session.")
                         .arg(row->login)
                         .arg(open->size())};
    LoginSession session;
    session.token = newToken();
    auto id = operators.openSession(row->id, tokenHashOf(session.token), client.left(200), now);
    if (!id)
        return id.error();
    session.sessionId = *id;
    auto actor = actorOf(*row, *id);
    if (!actor)
        return actor.error();
    session.actor = *actor;
    if (Status st = appendAudit(session.actor, u"operator.login"_s, u"login_session"_s, QString::number(*id), {}, {},
                                compact({{u"operatorId"_s, row->id}, {u"client"_s, client.left(200)}}));
        !st)
        return st.error();
    if (Status st = transaction.commit(); !st)
        return st.error();
    return session;
}

Expected<Actor> AccessService::resume(const QString &token)
{
    OperatorRepository operators(m_db);
    auto session = operators.sessionByTokenHash(tokenHashOf(token));
    if (!session)
        return session.error();
    if (!*session || (*session)->endedMs)
        return Error{ExitCode::Forbidden, tr("Your login session has ended. Log in again.")};
    const qint64 now = m_clock.nowMs();
    if (now - (*session)->lastSeenMs > m_options.idleTimeoutMs) {
        if (auto ended = operators.endSession((*session)->id, now, u"expired"_s); !ended)
            return ended.error();
        return Error{ExitCode::Forbidden, tr("Your login session expired after %1 minutes without activity. Log in again.")
                                              .arg(m_options.idleTimeoutMs / 60000)};
    }
    auto row = operators.byId((*session)->operatorId);
    if (!row)
        return row.error();
    if (!*row || (*row)->disabled) {
        if (auto ended = operators.endSession((*session)->id, now, u"disabled"_s); !ended)
            return ended.error();
        return Error{ExitCode::Forbidden, tr("Your operator account is disabled. Ask an administrator.")};
    }
    if (Status st = operators.touchSession((*session)->id, now); !st)
        return st.error();
    return actorOf(**row, (*session)->id);
}

Status AccessService::logout(const QString &token)
{
    OperatorRepository operators(m_db);
    auto session = operators.sessionByTokenHash(tokenHashOf(token));
    if (!session)
        return session.error();
    if (!*session || (*session)->endedMs)
        return {};
    auto row = operators.byId((*session)->operatorId);
    if (!row)
        return row.error();
    storage::Transaction transaction(m_db.connection());
    if (Status st = transaction.begin(); !st)
        return st;
    auto ended = operators.endSession((*session)->id, m_clock.nowMs(), u"logout"_s);
    if (!ended)
        return ended.error();
    if (*ended && *row) {
        const Actor who = Actor::operatorActor((*row)->id, (*row)->login, (*row)->displayName, (*row)->role, {},
                                               (*session)->id);
        if (Status st = appendAudit(who, u"operator.logout"_s, u"login_session"_s, QString::number((*session)->id), {}, {},
                                    compact({{u"operatorId"_s, (*row)->id}}));
            !st)
            return st;
    }
    return transaction.commit();
}

Expected<QList<OperatorRow>> AccessService::operators(const Actor &by) const
{
    if (Status allowed = check(by, Permission::ScreenOperators); !allowed)
        return allowed.error();
    return OperatorRepository(m_db).operators();
}

Expected<OperatorRow> AccessService::createFirstAdministrator(const NewOperator &administrator)
{
    NewOperator op = administrator;
    op.role = BuiltinRoles::administrator();
    if (Status st = checkLogin(op.login.trimmed()); !st)
        return st.error();
    if (Status st = checkPassword(op.password); !st)
        return st.error();
    if (Status st = checkMaxLogins(op.maxConcurrentLogins); !st)
        return st.error();
    auto hash = hashOf(op.password);  // before the write transaction
    if (!hash)
        return hash.error();
    OperatorRow created;
    storage::Transaction transaction(m_db.connection());
    if (Status st = transaction.begin(); !st)
        return st.error();
    auto any = hasOperators();
    if (!any)
        return any.error();
    if (*any)
        return Error{ExitCode::Forbidden, tr("Operators exist already: an administrator adds the next one.")};
    auto role = RoleRepository(m_db, m_clock).role(op.role);
    if (!role)
        return role.error();
    created.login = op.login.trimmed();
    created.displayName = op.displayName.trimmed().isEmpty() ? created.login : op.displayName.trimmed().left(kMaxDisplayName);
    created.passwordHash = *hash;
    created.roleId = role->id;
    created.role = role->name;
    created.maxConcurrentLogins = op.maxConcurrentLogins;
    auto id = OperatorRepository(m_db).add(created, m_clock.nowMs());
    if (!id)
        return id.error();
    created.id = *id;
    const Actor self = Actor::operatorActor(created.id, created.login, created.displayName, created.role, {}, std::nullopt);
    if (Status st = appendAudit(self, u"operator.add"_s, u"operator"_s, QString::number(created.id),
                                tr("the first administrator"), {}, compact(stateOf(created)));
        !st)
        return st.error();
    if (Status st = transaction.commit(); !st)
        return st.error();
    return created;
}

Expected<OperatorRow> AccessService::createOperator(const Actor &by, const NewOperator &op, const QString &reason)
{
    // Argon2id takes a second: hashed before the write transaction, which the station server waits for.
    if (Status s = check(by, Permission::OperatorsManage); !s)
        return s.error();
    const QString login = op.login.trimmed();
    if (Status s = checkLogin(login); !s)
        return s.error();
    if (Status s = checkPassword(op.password); !s)
        return s.error();
    if (Status s = checkMaxLogins(op.maxConcurrentLogins); !s)
        return s.error();
    auto hash = hashOf(op.password);
    if (!hash)
        return hash.error();
    OperatorRow created;
    Status st = managed(by, [&]() -> Status {
        OperatorRepository operators(m_db);
        auto taken = operators.byLogin(login);
        if (!taken)
            return taken.error();
        if (*taken)
            return Error{ExitCode::Failure, tr("An operator with the login %1 exists already.").arg(login)};
        auto role = RoleRepository(m_db, m_clock).role(op.role);
        if (!role)
            return role.error();
        created.login = login;
        created.displayName = op.displayName.trimmed().isEmpty() ? login : op.displayName.trimmed().left(kMaxDisplayName);
        created.passwordHash = *hash;
        created.roleId = role->id;
        created.role = role->name;
        created.maxConcurrentLogins = op.maxConcurrentLogins;
        auto id = operators.add(created, m_clock.nowMs());
        if (!id)
            return id.error();
        created.id = *id;
        return appendAudit(by, u"operator.add"_s, u"operator"_s, QString::number(created.id), reason, {},
                           compact(stateOf(created)));
    });
    if (!st)
        return st.error();
    return created;
}

Status AccessService::keepsAnAdministrator(const OperatorRow &changed, bool stillAdministrator) const
{
    if (changed.role != BuiltinRoles::administrator() || changed.disabled || stillAdministrator)
        return {};
    auto all = OperatorRepository(m_db).operators();
    if (!all)
        return all.error();
    for (const OperatorRow &o : *all) {
        if (o.id != changed.id && o.role == BuiltinRoles::administrator() && !o.disabled)
            return {};
    }
    return Error{ExitCode::Failure, tr("%1 is the last enabled administrator: make another operator an administrator first.")
                                        .arg(changed.login)};
}

Status AccessService::setRole(const Actor &by, const QString &login, const QString &roleName, const QString &reason)
{
    return managed(by, [&]() -> Status {
        OperatorRepository operators(m_db);
        auto o = operators.find(login);
        if (!o)
            return o.error();
        auto role = RoleRepository(m_db, m_clock).role(roleName);
        if (!role)
            return role.error();
        if (role->id == o->roleId)
            return {};
        if (Status s = keepsAnAdministrator(*o, role->name == BuiltinRoles::administrator()); !s)
            return s;
        if (Status s = operators.setRole(o->id, role->id); !s)
            return s;
        OperatorRow after = *o;
        after.roleId = role->id;
        after.role = role->name;
        return appendAudit(by, u"operator.set_role"_s, u"operator"_s, QString::number(o->id), reason,
                           compact({{u"role"_s, o->role}}), compact(stateOf(after)));
    });
}

Status AccessService::setDisabled(const Actor &by, const QString &login, bool disabled, const QString &reason)
{
    return managed(by, [&]() -> Status {
        OperatorRepository operators(m_db);
        auto o = operators.find(login);
        if (!o)
            return o.error();
        if (o->disabled == disabled)
            return {};
        if (disabled && by.operatorId() == o->id)
            return Error{ExitCode::Failure, tr("You cannot disable your own account.")};
        if (disabled) {
            if (Status s = keepsAnAdministrator(*o, false); !s)
                return s;
        }
        if (Status s = operators.setDisabled(o->id, disabled); !s)
            return s;
        int ended = 0;
        if (disabled) {
            auto n = operators.endAll(o->id, m_clock.nowMs(), u"disabled"_s);
            if (!n)
                return n.error();
            ended = *n;
        }
        OperatorRow after = *o;
        after.disabled = disabled;
        QJsonObject afterState = stateOf(after);
        if (disabled)
            afterState.insert(u"endedSessions"_s, ended);
        return appendAudit(by, disabled ? u"operator.disable"_s : u"operator.enable"_s, u"operator"_s, QString::number(o->id),
                           reason, compact({{u"disabled"_s, o->disabled}}), compact(afterState));
    });
}

Status AccessService::setMaxConcurrentLogins(const Actor &by, const QString &login, int max, const QString &reason)
{
    return managed(by, [&]() -> Status {
        if (Status s = checkMaxLogins(max); !s)
            return s;
        OperatorRepository operators(m_db);
        auto o = operators.find(login);
        if (!o)
            return o.error();
        if (o->maxConcurrentLogins == max)
            return {};
        if (Status s = operators.setMaxConcurrentLogins(o->id, max); !s)
            return s;
        OperatorRow after = *o;
        after.maxConcurrentLogins = max;
        return appendAudit(by, u"operator.set_max_logins"_s, u"operator"_s, QString::number(o->id), reason,
                           compact({{u"maxConcurrentLogins"_s, o->maxConcurrentLogins}}), compact(stateOf(after)));
    });
}

Status AccessService::resetPassword(const Actor &by, const QString &login, const QByteArray &password, const QString &reason)
{
    if (Status s = check(by, Permission::OperatorsManage); !s)
        return s;
    if (Status s = checkPassword(password); !s)
        return s;
    auto hash = hashOf(password);  // before the write transaction
    if (!hash)
        return hash.error();
    return managed(by, [&]() -> Status {
        OperatorRepository operators(m_db);
        auto o = operators.find(login);
        if (!o)
            return o.error();
        if (Status s = operators.setPasswordHash(o->id, *hash); !s)
            return s;
        if (Status s = operators.setLockout(o->id, 0, std::nullopt); !s)
            return s;
        // Never the hash in the audit log: only that it changed.
        QJsonObject after{{u"login"_s, o->login}, {u"passwordChanged"_s, true}};
        if (o->lockedAt(m_clock.nowMs()))
            after.insert(u"unlocked"_s, true);
        return appendAudit(by, u"operator.password"_s, u"operator"_s, QString::number(o->id), reason, {}, compact(after));
    });
}

Status AccessService::unlock(const Actor &by, const QString &login, const QString &reason)
{
    return managed(by, [&]() -> Status {
        OperatorRepository operators(m_db);
        auto o = operators.find(login);
        if (!o)
            return o.error();
        if (o->failedLogins == 0 && !o->lockedAt(m_clock.nowMs()))
            return {};  // nothing to lift
        if (Status s = operators.setLockout(o->id, 0, std::nullopt); !s)
            return s;
        QJsonObject before{{u"failedLogins"_s, o->failedLogins}};
        if (o->lockedUntilMs)
            before.insert(u"lockedUntilMs"_s, *o->lockedUntilMs);
        return appendAudit(by, u"operator.unlock"_s, u"operator"_s, QString::number(o->id), reason, compact(before),
                           compact({{u"login"_s, o->login}, {u"failedLogins"_s, 0}}));
    });
}

Status AccessService::changeOwnPassword(const Actor &self, const QByteArray &currentPassword, const QByteArray &newPassword)
{
    if (!self.isOperator())
        return Error{ExitCode::Forbidden, tr("Log in first: only an operator has a password to change.")};
    if (Status st = checkPassword(newPassword); !st)
        return st;
    auto row = checkedPassword(self.login(), currentPassword);
    if (!row)
        return row.error();
    auto hash = hashOf(newPassword);
    if (!hash)
        return hash.error();
    storage::Transaction transaction(m_db.connection());
    if (Status st = transaction.begin(); !st)
        return st;
    if (Status st = OperatorRepository(m_db).setPasswordHash(row->id, *hash); !st)
        return st;
    if (Status st = appendAudit(self, u"operator.password"_s, u"operator"_s, QString::number(row->id), {}, {},
                                compact({{u"login"_s, row->login}, {u"passwordChanged"_s, true}}));
        !st)
        return st;
    return transaction.commit();
}

Expected<QList<RoleRow>> AccessService::roles(const Actor &by) const
{
    if (Status allowed = check(by, Permission::ScreenOperators); !allowed)
        return allowed.error();
    return RoleRepository(m_db, m_clock).roles();
}

namespace {

// Catalog keys, each once; an Error naming the first unknown one.
Expected<QStringList> permissionKeys(const QStringList &asked)
{
    QStringList keys;
    for (const QString &raw : asked) {
        for (const QString &part : raw.split(u',', Qt::SkipEmptyParts)) {
            const QString key = part.trimmed();
            if (!PermissionCatalog::fromKey(key))
                return Error{ExitCode::Usage, AccessService::tr("There is no permission \"%1\" (see: role permissions).").arg(key)};
            if (!keys.contains(key))
                keys << key;
        }
    }
    return keys;
}

QJsonArray jsonList(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

}  // namespace

Expected<RoleRow> AccessService::createRole(const Actor &by, const QString &name, const QStringList &permissions,
                                            const QString &reason)
{
    RoleRow created;
    Status st = managed(by, [&]() -> Status {
        const QString n = name.trimmed();
        if (n.isEmpty() || n.size() > kMaxRoleName || n.startsWith(u'#'))
            return Error{ExitCode::Usage, tr("A role's name is 1 to %1 characters and does not start with #.").arg(kMaxRoleName)};
        auto keys = permissionKeys(permissions);
        if (!keys)
            return keys.error();
        RoleRepository roles(m_db, m_clock);
        auto all = roles.roles();
        if (!all)
            return all.error();
        for (const RoleRow &r : *all) {
            if (r.name.compare(n, Qt::CaseInsensitive) == 0 || BuiltinRoles::displayName(r.name).compare(n, Qt::CaseInsensitive) == 0)
                return Error{ExitCode::Failure, tr("A role named \"%1\" exists already.").arg(n)};
        }
        auto id = roles.add(n);
        if (!id)
            return id.error();
        for (const QString &key : *keys) {
            if (auto added = roles.grant(*id, key); !added)
                return added.error();
        }
        auto row = roles.role(*id);
        if (!row)
            return row.error();
        created = *row;
        return appendAudit(by, u"role.add"_s, u"role"_s, QString::number(*id), reason, {},
                           compact({{u"id"_s, *id}, {u"name"_s, n}, {u"permissions"_s, jsonList(created.permissions)}}));
    });
    if (!st)
        return st.error();
    return created;
}

namespace {

Status changePermissions(const storage::Database &db, const Clock &clock, const QString &roleName, const QStringList &asked,
                         bool granting, RoleRow &before, RoleRow &after)
{
    auto keys = permissionKeys(asked);
    if (!keys)
        return keys.error();
    if (keys->isEmpty())
        return Error{ExitCode::Usage, AccessService::tr("Say which permissions.")};
    RoleRepository roles(db, clock);
    auto role = roles.role(roleName);
    if (!role)
        return role.error();
    if (role->name == BuiltinRoles::administrator())
        return Error{ExitCode::Failure, AccessService::tr("The administrator role always has every permission.")};
    before = *role;
    for (const QString &key : *keys) {
        auto changed = granting ? roles.grant(role->id, key) : roles.revoke(role->id, key);
        if (!changed)
            return changed.error();
    }
    auto now = roles.role(role->id);
    if (!now)
        return now.error();
    after = *now;
    return {};
}

}  // namespace

Status AccessService::grant(const Actor &by, const QString &role, const QStringList &permissions, const QString &reason)
{
    return changeRole(by, role, permissions, true, reason);
}

Status AccessService::revoke(const Actor &by, const QString &role, const QStringList &permissions, const QString &reason)
{
    return changeRole(by, role, permissions, false, reason);
}

Status AccessService::changeRole(const Actor &by, const QString &role, const QStringList &permissions, bool granting,
                                 const QString &reason)
{
    return managed(by, [&]() -> Status {
        RoleRow before, after;
        if (Status s = changePermissions(m_db, m_clock, role, permissions, granting, before, after); !s)
            return s;
        if (before.permissions == after.permissions)
            return {};
        return appendAudit(by, granting ? u"role.grant"_s : u"role.revoke"_s, u"role"_s, QString::number(after.id), reason,
                           compact({{u"permissions"_s, jsonList(before.permissions)}}),
                           compact({{u"name"_s, after.name}, {u"permissions"_s, jsonList(after.permissions)}}));
    });
}

Status AccessService::deleteRole(const Actor &by, const QString &roleName, const QString &reason)
{
    return managed(by, [&]() -> Status {
        RoleRepository roles(m_db, m_clock);
        auto role = roles.role(roleName);
        if (!role)
            return role.error();
        if (role->builtin)
            return Error{ExitCode::Failure, tr("The built-in role %1 cannot be deleted.").arg(BuiltinRoles::displayName(role->name))};
        if (role->operators > 0)
            return Error{ExitCode::Failure, tr("%n operator(s) have the role %1: give them another role first.", nullptr,
                                               static_cast<int>(role->operators))
                                                .arg(role->name)};
        if (Status s = roles.remove(role->id); !s)
            return s;
        return appendAudit(by, u"role.delete"_s, u"role"_s, QString::number(role->id), reason,
                           compact({{u"name"_s, role->name}, {u"permissions"_s, jsonList(role->permissions)}}), {});
    });
}

Expected<QList<LoginSessionRow>> AccessService::openSessions(const Actor &by) const
{
    if (Status allowed = check(by, Permission::ScreenOperators); !allowed)
        return allowed.error();
    return OperatorRepository(m_db).openSessions();
}

Status AccessService::endSession(const Actor &by, qint64 sessionId, const QString &reason)
{
    return managed(by, [&]() -> Status {
        OperatorRepository operators(m_db);
        auto session = operators.session(sessionId);
        if (!session)
            return session.error();
        if (!*session)
            return Error{ExitCode::Failure, tr("There is no login session %1.").arg(sessionId)};
        if ((*session)->endedMs)
            return {};
        auto ended = operators.endSession(sessionId, m_clock.nowMs(), u"ended"_s);
        if (!ended)
            return ended.error();
        return appendAudit(by, u"login_session.end"_s, u"login_session"_s, QString::number(sessionId), reason,
                           compact({{u"operator"_s, (*session)->login}, {u"open"_s, true}}),
                           compact({{u"operator"_s, (*session)->login}, {u"open"_s, false}}));
    });
}

}  // namespace cd::access
