#pragma once
// Numbered schema migrations (resources :/migrations/NNNN_name.sql), applied in order at
// start, each inside its own transaction together with its schema_version row. A migration that
// cannot be written in portable SQL (triggers: SQLite has no procedures, PostgreSQL's triggers
// call functions) comes as a pair NNNN_name.sqlite.sql + NNNN_name.postgres.sql.

#include "core/common/clock.h"
#include "core/common/expected.h"
#include "core/storage/dialect.h"

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>

namespace cd::storage {

struct Migration {
    int version = 0;
    QString name;
    QString sql;          // portable, or SQLite's half of a pair
    QString postgresSql = {};  // PostgreSQL's half of a pair; empty: sql serves both

    const QString &sqlFor(const Dialect &dialect) const
    {
        return dialect.isPostgres() && !postgresSql.isEmpty() ? postgresSql : sql;
    }
};

class Migrator {
    Q_DECLARE_TR_FUNCTIONS(cd::storage::Migrator)
public:
    // migrations must be numbered 1..N without gaps; the default is the bundled set.
    Migrator(QSqlDatabase db, const Dialect &dialect, QList<Migration> migrations = bundled(),
             const Clock &clock = Clock::system());

    // The migrations shipped with this build, ordered by version (1, 2, …, no gaps).
    static const QList<Migration> &bundled();
    // The newest bundled version.
    static int latestVersion();

    // 0 for an empty database.
    Expected<int> currentVersion() const;
    // Applies every migration above the current version up to target.
    // Refuses a database newer than this build.
    Status migrateTo(int target);
    Status migrateToLatest() { return migrateTo(static_cast<int>(m_migrations.size())); }

    // Splits a migration script into statements (one per ';' at the end of a line) and drops comments.
    // A ';' inside a PostgreSQL $$ body or a SQLite CREATE TRIGGER … BEGIN … END; does not end one.
    static QStringList statements(const QString &script);

private:
    Status apply(const Migration &migration);

    QSqlDatabase m_db;
    const Dialect &m_dialect;
    QList<Migration> m_migrations;
    const Clock &m_clock;
};

}  // namespace cd::storage
