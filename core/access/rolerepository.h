#pragma once
// Roles and their permissions in the database (tables roles, role_permissions). Plain reads and
// writes without checks of who asks: AccessService checks, audits and calls these inside its
// transaction.

#include "core/common/clock.h"
#include "core/common/expected.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace cd::storage {
class Database;
}

namespace cd::access {

struct RoleRow {
    qint64 id = 0;
    QString name;            // "accountant", or a custom role's name
    bool builtin = false;
    QStringList permissions;  // keys, sorted; an administrator's are every key of the catalog
    qint64 operators = 0;     // operators with this role
};

class RoleRepository {
    Q_DECLARE_TR_FUNCTIONS(cd::access::RoleRepository)
public:
    explicit RoleRepository(const storage::Database &db, const Clock &clock = Clock::system());

    Expected<QList<RoleRow>> roles() const;
    // A role by its name (or "#id"); an Error naming it when there is none.
    Expected<RoleRow> role(const QString &nameOrId) const;
    Expected<RoleRow> role(qint64 id) const;
    // Permission keys stored for the role (not widened for the administrator).
    Expected<QStringList> storedPermissions(qint64 roleId) const;

    Expected<qint64> add(const QString &name);
    // Whether a row was added / removed.
    Expected<bool> grant(qint64 roleId, const QString &permissionKey);
    Expected<bool> revoke(qint64 roleId, const QString &permissionKey);
    Status remove(qint64 roleId);

private:
    Expected<RoleRow> fill(RoleRow row) const;

    const storage::Database &m_db;
    const Clock &m_clock;
};

}  // namespace cd::access
