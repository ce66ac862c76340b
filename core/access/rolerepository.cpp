#include "core/access/rolerepository.h"

#include "core/access/permission.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace cd::access {

using storage::Sql;

namespace {

const QString kSelect = u"SELECT r.id, r.name, r.builtin, (SELECT COUNT(*) FROM operators o WHERE o.role_id = r.id) "
                        "FROM roles r"_s;

RoleRow rowOf(const QSqlQuery &q)
{
    RoleRow r;
    r.id = q.value(0).toLongLong();
    r.name = q.value(1).toString();
    r.builtin = q.value(2).toLongLong() != 0;
    r.operators = q.value(3).toLongLong();
    return r;
}

QStringList allKeys()
{
    QStringList keys;
    for (Permission p : PermissionCatalog::all())
        keys << PermissionCatalog::key(p);
    keys.sort();
    return keys;
}

}  // namespace

RoleRepository::RoleRepository(const storage::Database &db, const Clock &clock) : m_db(db), m_clock(clock) {}

Expected<RoleRow> RoleRepository::fill(RoleRow row) const
{
    if (row.name == BuiltinRoles::administrator() && row.builtin) {
        row.permissions = allKeys();
        return row;
    }
    auto keys = storedPermissions(row.id);
    if (!keys)
        return keys.error();
    row.permissions = *keys;
    return row;
}

Expected<QList<RoleRow>> RoleRepository::roles() const
{
    auto rows = storage::fetchAll<RoleRow>(m_db.connection(), kSelect + u" ORDER BY r.builtin DESC, r.id"_s, {}, &rowOf);
    if (!rows)
        return rows.error();
    QList<RoleRow> out;
    for (const RoleRow &r : *rows) {
        auto filled = fill(r);
        if (!filled)
            return filled.error();
        out << *filled;
    }
    return out;
}

Expected<RoleRow> RoleRepository::role(const QString &nameOrId) const
{
    const QString name = nameOrId.trimmed();
    if (name.isEmpty())
        return Error{ExitCode::Usage, tr("Say which role.")};
    if (name.startsWith(u'#')) {
        bool ok = false;
        const qint64 id = name.mid(1).toLongLong(&ok);
        if (ok)
            return role(id);
    }
    auto row = storage::firstOf(storage::fetchAll<RoleRow>(m_db.connection(), kSelect + u" WHERE r.name = ?"_s, {name}, &rowOf));
    if (!row)
        return row.error();
    if (!*row)
        return Error{ExitCode::Failure, tr("There is no role named \"%1\".").arg(name)};
    return fill(**row);
}

Expected<RoleRow> RoleRepository::role(qint64 id) const
{
    auto row = storage::firstOf(storage::fetchAll<RoleRow>(m_db.connection(), kSelect + u" WHERE r.id = ?"_s, {id}, &rowOf));
    if (!row)
        return row.error();
    if (!*row)
        return Error{ExitCode::Failure, tr("There is no role #%1.").arg(id)};
    return fill(**row);
}

Expected<QStringList> RoleRepository::storedPermissions(qint64 roleId) const
{
    auto q = Sql::run(m_db.connection(), u"SELECT permission FROM role_permissions WHERE role_id = ? ORDER BY permission"_s,
                      {roleId});
    if (!q)
        return q.error();
    QStringList keys;
    while (q->next())
        keys << q->value(0).toString();
    return keys;
}

Expected<qint64> RoleRepository::add(const QString &name)
{
    auto q = Sql::run(m_db.connection(), u"INSERT INTO roles (name, builtin, created_ms) VALUES (?, 0, ?)"_s
                                             + m_db.dialect().returningIdClause(),
                      {name, m_clock.nowMs()});
    if (!q)
        return q.error();
    return m_db.dialect().insertedId(*q);
}

Expected<bool> RoleRepository::grant(qint64 roleId, const QString &permissionKey)
{
    auto has = Sql::run(m_db.connection(), u"SELECT 1 FROM role_permissions WHERE role_id = ? AND permission = ?"_s,
                        {roleId, permissionKey});
    if (!has)
        return has.error();
    if (has->next())
        return false;
    if (Status st = storage::statusOf(Sql::run(
            m_db.connection(), u"INSERT INTO role_permissions (role_id, permission) VALUES (?, ?)"_s, {roleId, permissionKey}));
        !st)
        return st.error();
    return true;
}

Expected<bool> RoleRepository::revoke(qint64 roleId, const QString &permissionKey)
{
    auto q = Sql::run(m_db.connection(), u"DELETE FROM role_permissions WHERE role_id = ? AND permission = ?"_s,
                      {roleId, permissionKey});
    if (!q)
        return q.error();
    return q->numRowsAffected() > 0;
}

Status RoleRepository::remove(qint64 roleId)
{
    if (Status st = storage::statusOf(Sql::run(m_db.connection(), u"DELETE FROM role_permissions WHERE role_id = ?"_s, {roleId}));
        !st)
        return st;
    return storage::statusOf(Sql::run(m_db.connection(), u"DELETE FROM roles WHERE id = ? AND builtin = 0"_s, {roleId}));
}

}  // namespace cd::access
