#pragma once
// Every difference between SQLCipher (SQLite 3.15) and PostgreSQL lives here, so
// repositories and migrations are written once in portable SQL. The one exception is triggers,
// which the two engines write differently: such a migration comes as a .sqlite.sql and
// .postgres.sql pair (migrator.h).

#include <QString>

class QSqlQuery;

namespace cd::storage {

class Dialect {
public:
    enum class Kind { SqlCipher, PostgreSql };

    explicit Dialect(Kind kind) : m_kind(kind) {}

    Kind kind() const { return m_kind; }
    bool isPostgres() const { return m_kind == Kind::PostgreSql; }
    QString driverName() const;

    // Expands the portable tokens used in migrations:
    //   {{ID}}    auto-incrementing 64-bit primary key column type
    //   {{BLOB}}  binary column type
    //   {{REAL}}  double-precision column type (coordinates only; never money or energy)
    QString expand(const QString &sql) const;

    // Appended to an INSERT so the new row's id can be read back with insertedId().
    QString returningIdClause() const;
    // The id of the row inserted by a query built with returningIdClause().
    qint64 insertedId(QSqlQuery &query) const;

    // Statement run first inside a migration transaction to serialise concurrent
    // migrators (PostgreSQL advisory lock); empty where BEGIN IMMEDIATE already does it.
    QString migrationLockStatement() const;

    // Cross-process wake-up (PostgreSQL NOTIFY): a statement taking (channel, payload) as
    // bound values; empty where every interested party lives in one process (SQLCipher).
    QString notifyStatement() const;

    // Lists the user tables.
    QString listTablesQuery() const;

private:
    Kind m_kind;
};

}  // namespace cd::storage
