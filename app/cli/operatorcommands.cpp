#include "app/cli/operatorcommands.h"

#include "app/cli/passwordprompt.h"
#include "core/access/accessservice.h"
#include "core/common/timeformat.h"

#include <QJsonArray>
#include <QJsonObject>

namespace cd::cli {

namespace {

using namespace Qt::StringLiterals;
using access::AccessService;
using access::BuiltinRoles;
using access::PermissionCatalog;

constexpr const char *kNewPasswordEnv = "CHARGEDESK_NEW_PASSWORD";

QJsonObject operatorJson(const access::OperatorRow &o)
{
    return {{u"id"_s, o.id},
            {u"login"_s, o.login},
            {u"displayName"_s, o.displayName},
            {u"role"_s, o.role},
            {u"roleName"_s, BuiltinRoles::displayName(o.role)},
            {u"maxConcurrentLogins"_s, o.maxConcurrentLogins},
            {u"disabled"_s, o.disabled},
            {u"failedLogins"_s, o.failedLogins},
            {u"lockedUntil"_s, o.lockedAt(QDateTime::currentMSecsSinceEpoch()) ? QJsonValue(formatUtcMs(*o.lockedUntilMs))
                                                                               : QJsonValue()}};
}

QJsonObject roleJson(const access::RoleRow &r)
{
    return {{u"id"_s, r.id},
            {u"name"_s, r.name},
            {u"displayName"_s, BuiltinRoles::displayName(r.name)},
            {u"builtin"_s, r.builtin},
            {u"operators"_s, r.operators},
            {u"permissions"_s, QJsonArray::fromStringList(r.permissions)}};
}

class OperatorCommands {
    Q_DECLARE_TR_FUNCTIONS(cd::cli::OperatorCommands)
public:
    static QString reason(const CommandContext &c) { return c.parser.value(u"reason"_s); }

    // Prints `done`, or {"ok": true} with --json.
    static int finished(CommandContext &c, const Status &st, const QString &done)
    {
        if (!st)
            return fail(c, st.error());
        if (c.json)
            c.out.json(QJsonObject{{u"ok"_s, true}});
        else
            c.out.line(done);
        return 0;
    }

    static int add(CommandContext &c)
    {
        if (c.args.size() != 1)
            return fail(c, Error{ExitCode::Usage, tr("Usage: chargedesk-cli operator add <login> [--name TEXT] "
                                                     "[--role ROLE] [--max-logins N]")});
        AccessService service(*c.db);
        auto any = service.hasOperators();
        if (!any)
            return fail(c, any.error());
        access::NewOperator op;
        op.login = c.args.first();
        op.displayName = c.parser.value(u"name"_s);
        op.role = c.parser.isSet(u"role"_s) ? c.parser.value(u"role"_s) : BuiltinRoles::support();
        if (c.parser.isSet(u"max-logins"_s)) {
            bool ok = false;
            op.maxConcurrentLogins = c.parser.value(u"max-logins"_s).toInt(&ok);
            if (!ok)
                return fail(c, Error{ExitCode::Usage, tr("--max-logins takes a whole number.")});
        }
        if (!*any && c.parser.isSet(u"role"_s) && op.role != BuiltinRoles::administrator())
            return fail(c, Error{ExitCode::Usage, tr("The first operator is the administrator: leave out --role.")});
        auto password = PasswordPrompt::readNew(kNewPasswordEnv, tr("Password for %1: ").arg(op.login));
        if (!password)
            return fail(c, password.error());
        op.password = *password;
        auto created = *any ? service.createOperator(c.actor, op, reason(c)) : service.createFirstAdministrator(op);
        if (!created)
            return fail(c, created.error());
        if (c.json)
            c.out.json(operatorJson(*created));
        else if (!*any)
            c.out.line(tr("Added %1, the first administrator. From now on every command needs --as LOGIN.").arg(created->login));
        else
            c.out.line(tr("Added operator %1 (%2).").arg(created->login, BuiltinRoles::displayName(created->role)));
        return 0;
    }

    static QString stateOf(const access::OperatorRow &o)
    {
        if (o.disabled)
            return tr("disabled");
        if (o.lockedAt(QDateTime::currentMSecsSinceEpoch()))
            return tr("locked until %1").arg(formatUtcMs(*o.lockedUntilMs));
        return tr("enabled");
    }

    static int list(CommandContext &c)
    {
        AccessService service(*c.db);
        auto rows = service.operators(c.actor);
        if (!rows)
            return fail(c, rows.error());
        auto sessions = service.openSessions(c.actor);
        if (!sessions)
            return fail(c, sessions.error());
        QHash<qint64, int> open;
        for (const auto &s : *sessions)
            ++open[s.operatorId];
        if (c.json) {
            QJsonArray array;
            for (const auto &o : *rows) {
                QJsonObject j = operatorJson(o);
                j.insert(u"openSessions"_s, open.value(o.id));
                array.append(j);
            }
            c.out.json(array);
            return 0;
        }
        QList<QStringList> table;
        for (const auto &o : *rows)
            table.append({QString::number(o.id), o.login, o.displayName, BuiltinRoles::displayName(o.role),
                          QString::number(open.value(o.id)) + u'/' + QString::number(o.maxConcurrentLogins),
                          stateOf(o)});
        c.out.table({tr("Id"), tr("Login"), tr("Name"), tr("Role"), tr("Logins"), tr("State")}, table);
        return 0;
    }

    static int setRole(CommandContext &c)
    {
        if (c.args.size() != 2)
            return fail(c, Error{ExitCode::Usage, tr("Usage: chargedesk-cli operator set-role <login> <role>")});
        return finished(c, AccessService(*c.db).setRole(c.actor, c.args.at(0), c.args.at(1), reason(c)),
                        tr("%1 now has the role %2.").arg(c.args.at(0), c.args.at(1)));
    }

    static int setMaxLogins(CommandContext &c)
    {
        bool ok = false;
        const int max = c.args.size() == 2 ? c.args.at(1).toInt(&ok) : 0;
        if (!ok)
            return fail(c, Error{ExitCode::Usage, tr("Usage: chargedesk-cli operator set-max-logins <login> <N>")});
        return finished(c, AccessService(*c.db).setMaxConcurrentLogins(c.actor, c.args.at(0), max, reason(c)),
                        tr("%1 may now be logged in %2 time(s) at once.").arg(c.args.at(0)).arg(max));
    }

    static int setDisabled(CommandContext &c, bool disabled)
    {
        if (c.args.size() != 1)
            return fail(c, Error{ExitCode::Usage, disabled ? tr("Usage: chargedesk-cli operator disable <login>")
                                                           : tr("Usage: chargedesk-cli operator enable <login>")});
        return finished(c, AccessService(*c.db).setDisabled(c.actor, c.args.first(), disabled, reason(c)),
                        disabled ? tr("%1 is disabled; their login sessions were ended.").arg(c.args.first())
                                 : tr("%1 is enabled.").arg(c.args.first()));
    }
    static int disable(CommandContext &c) { return setDisabled(c, true); }
    static int unlock(CommandContext &c)
    {
        if (c.args.size() != 1)
            return fail(c, Error{ExitCode::Usage, tr("Usage: chargedesk-cli operator unlock <login>")});
        return finished(c, AccessService(*c.db).unlock(c.actor, c.args.first(), reason(c)),
                        tr("%1 may log in again.").arg(c.args.first()));
    }
    static int enable(CommandContext &c) { return setDisabled(c, false); }

    // Without a login (or with one's own): one's own password, checked with the current one
    // (CHARGEDESK_PASSWORD, as for --as). With another login: an administrator sets it.
    static int passwd(CommandContext &c)
    {
        if (c.args.size() > 1)
            return fail(c, Error{ExitCode::Usage, tr("Usage: chargedesk-cli operator passwd [<login>]")});
        AccessService service(*c.db);
        const bool own = c.args.isEmpty() || (c.actor.isOperator() && c.args.first() == c.actor.login());
        if (own && !c.actor.isOperator())
            return fail(c, Error{ExitCode::Usage, tr("Say whose password, or log in with --as to change your own.")});
        const QString login = own ? c.actor.login() : c.args.first();
        auto password = PasswordPrompt::readNew(kNewPasswordEnv, tr("New password for %1: ").arg(login));
        if (!password)
            return fail(c, password.error());
        if (own) {
            auto current = PasswordPrompt::read("CHARGEDESK_PASSWORD", tr("Current password: "));
            if (!current)
                return fail(c, current.error());
            return finished(c, service.changeOwnPassword(c.actor, *current, *password), tr("Your password is changed."));
        }
        return finished(c, service.resetPassword(c.actor, login, *password, reason(c)),
                        tr("The password of %1 is changed.").arg(login));
    }

    static int addRole(CommandContext &c)
    {
        if (c.args.isEmpty())
            return fail(c, Error{ExitCode::Usage, tr("Usage: chargedesk-cli role add <name> [<permission>…]")});
        auto role = AccessService(*c.db).createRole(c.actor, c.args.first(), c.args.mid(1), reason(c));
        if (!role)
            return fail(c, role.error());
        if (c.json)
            c.out.json(roleJson(*role));
        else
            c.out.line(tr("Added role %1 with %n permission(s).", nullptr, static_cast<int>(role->permissions.size()))
                           .arg(role->name));
        return 0;
    }

    static int listRoles(CommandContext &c)
    {
        auto roles = AccessService(*c.db).roles(c.actor);
        if (!roles)
            return fail(c, roles.error());
        if (c.json) {
            QJsonArray array;
            for (const auto &r : *roles)
                array.append(roleJson(r));
            c.out.json(array);
            return 0;
        }
        QList<QStringList> table;
        for (const auto &r : *roles)
            table.append({QString::number(r.id), r.name, BuiltinRoles::displayName(r.name),
                          r.builtin ? tr("built-in") : tr("custom"), QString::number(r.operators),
                          QString::number(r.permissions.size())});
        c.out.table({tr("Id"), tr("Role"), tr("Name"), tr("Kind"), tr("Operators"), tr("Permissions")}, table);
        return 0;
    }

    static int changePermissions(CommandContext &c, bool granting)
    {
        if (c.args.size() < 2)
            return fail(c, Error{ExitCode::Usage, granting ? tr("Usage: chargedesk-cli role grant <role> <permission>…")
                                                           : tr("Usage: chargedesk-cli role revoke <role> <permission>…")});
        AccessService service(*c.db);
        const Status st = granting ? service.grant(c.actor, c.args.first(), c.args.mid(1), reason(c))
                                   : service.revoke(c.actor, c.args.first(), c.args.mid(1), reason(c));
        return finished(c, st, granting ? tr("Granted to %1.").arg(c.args.first()) : tr("Revoked from %1.").arg(c.args.first()));
    }
    static int grant(CommandContext &c) { return changePermissions(c, true); }
    static int revoke(CommandContext &c) { return changePermissions(c, false); }

    static int deleteRole(CommandContext &c)
    {
        if (c.args.size() != 1)
            return fail(c, Error{ExitCode::Usage, tr("Usage: chargedesk-cli role delete <role>")});
        return finished(c, AccessService(*c.db).deleteRole(c.actor, c.args.first(), reason(c)),
                        tr("Deleted role %1.").arg(c.args.first()));
    }

    // The catalog, or one role's permissions.
    static int permissions(CommandContext &c)
    {
        if (c.args.size() > 1)
            return fail(c, Error{ExitCode::Usage, tr("Usage: chargedesk-cli role permissions [<role>]")});
        QStringList granted;
        if (!c.args.isEmpty()) {
            auto roles = AccessService(*c.db).roles(c.actor);
            if (!roles)
                return fail(c, roles.error());
            bool found = false;
            for (const auto &r : *roles) {
                if (r.name == c.args.first() || u'#' + QString::number(r.id) == c.args.first()) {
                    granted = r.permissions;
                    found = true;
                }
            }
            if (!found)
                return fail(c, Error{ExitCode::Failure, tr("There is no role named \"%1\".").arg(c.args.first())});
        }
        QJsonArray array;
        QList<QStringList> table;
        for (access::Permission p : PermissionCatalog::all()) {
            const QString key = PermissionCatalog::key(p);
            if (!c.args.isEmpty() && !granted.contains(key))
                continue;
            const bool screen = PermissionCatalog::kind(p) == access::PermissionKind::Screen;
            array.append(QJsonObject{{u"key"_s, key}, {u"kind"_s, screen ? u"screen"_s : u"action"_s},
                                     {u"title"_s, PermissionCatalog::title(p)}});
            table.append({key, screen ? tr("screen") : tr("action"), PermissionCatalog::title(p)});
        }
        if (c.json)
            c.out.json(array);
        else
            c.out.table({tr("Permission"), tr("Kind"), tr("Allows to")}, table);
        return 0;
    }

    static int listSessions(CommandContext &c)
    {
        auto sessions = AccessService(*c.db).openSessions(c.actor);
        if (!sessions)
            return fail(c, sessions.error());
        if (c.json) {
            QJsonArray array;
            for (const auto &s : *sessions)
                array.append(QJsonObject{{u"id"_s, s.id},           {u"operatorId"_s, s.operatorId},
                                         {u"login"_s, s.login},     {u"client"_s, s.client},
                                         {u"startedMs"_s, s.startedMs}, {u"lastSeenMs"_s, s.lastSeenMs}});
            c.out.json(array);
            return 0;
        }
        QList<QStringList> table;
        for (const auto &s : *sessions)
            table.append({QString::number(s.id), s.login, s.client, formatUtcMs(s.startedMs), formatUtcMs(s.lastSeenMs)});
        c.out.table({tr("Id"), tr("Login"), tr("Client"), tr("Since (UTC)"), tr("Last seen (UTC)")}, table);
        return 0;
    }

    static int endSession(CommandContext &c)
    {
        bool ok = false;
        const qint64 id = c.args.size() == 1 ? c.args.first().toLongLong(&ok) : 0;
        if (!ok)
            return fail(c, Error{ExitCode::Usage, tr("Usage: chargedesk-cli login-sessions end <id>")});
        return finished(c, AccessService(*c.db).endSession(c.actor, id, reason(c)), tr("Login session %1 is ended.").arg(id));
    }
};

}  // namespace

QList<Command> operatorCommands()
{
    using C = OperatorCommands;
    return {
        {{u"operator"_s, u"add"_s}, u"<login> [--name TEXT] [--role ROLE] [--max-logins N]"_s,
         C::tr("Add an operator (password from CHARGEDESK_NEW_PASSWORD or asked); the first one is the administrator."),
         true, &C::add},
        {{u"operator"_s, u"list"_s}, u"[--json]"_s, C::tr("List the operators with their role and open logins."), true,
         &C::list},
        {{u"operator"_s, u"set-role"_s}, u"<login> <role>"_s, C::tr("Give an operator another role (audited)."), true,
         &C::setRole},
        {{u"operator"_s, u"set-max-logins"_s}, u"<login> <N>"_s,
         C::tr("How many times an operator may be logged in at once (audited)."), true, &C::setMaxLogins},
        {{u"operator"_s, u"disable"_s}, u"<login>"_s, C::tr("Disable an operator and end their logins (audited)."), true,
         &C::disable},
        {{u"operator"_s, u"enable"_s}, u"<login>"_s, C::tr("Enable an operator again (audited)."), true, &C::enable},
        {{u"operator"_s, u"unlock"_s}, u"<login>"_s,
         C::tr("Unlock a login locked by wrong passwords before its time (audited)."), true, &C::unlock},
        {{u"operator"_s, u"passwd"_s}, u"[<login>]"_s,
         C::tr("Change your password, or (administrator) another operator's (audited)."), true, &C::passwd},
        {{u"role"_s, u"add"_s}, u"<name> [<permission>…]"_s, C::tr("Add a custom role with permissions (audited)."), true,
         &C::addRole},
        {{u"role"_s, u"list"_s}, u"[--json]"_s, C::tr("List the roles with their permissions."), true, &C::listRoles},
        {{u"role"_s, u"grant"_s}, u"<role> <permission>…"_s, C::tr("Give a role permissions (audited)."), true, &C::grant},
        {{u"role"_s, u"revoke"_s}, u"<role> <permission>…"_s, C::tr("Take permissions from a role (audited)."), true,
         &C::revoke},
        {{u"role"_s, u"delete"_s}, u"<role>"_s, C::tr("Delete a custom role no operator has (audited)."), true,
         &C::deleteRole},
        {{u"role"_s, u"permissions"_s}, u"[<role>] [--json]"_s,
         C::tr("List every permission, or those of one role."), true, &C::permissions},
        {{u"login-sessions"_s, u"list"_s}, u"[--json]"_s, C::tr("List the open login sessions."), true, &C::listSessions},
        {{u"login-sessions"_s, u"end"_s}, u"<id>"_s, C::tr("End a login session (audited)."), true, &C::endSession},
    };
}

}  // namespace cd::cli
