#include "core/storage/migrator.h"

#include "core/storage/sqlhelpers.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace cd::storage {

namespace {

const QString kCreateVersionTable = QStringLiteral(
    "CREATE TABLE IF NOT EXISTS schema_version ("
    " version INTEGER NOT NULL PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_ms BIGINT NOT NULL)");

QList<Migration> loadBundled()
{
    // NNNN_name.sql, or NNNN_name.sqlite.sql with NNNN_name.postgres.sql.
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})_([a-z0-9_]+?)(?:\\.(sqlite|postgres))?\\.sql$"));
    QList<Migration> out;
    const QDir dir(QStringLiteral(":/migrations"));
    for (const QString &file : dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name)) {
        const auto match = pattern.match(file);
        if (!match.hasMatch())
            qFatal("Migration file %s does not follow NNNN_name[.sqlite|.postgres].sql", qPrintable(file));
        QFile f(dir.filePath(file));
        if (!f.open(QIODevice::ReadOnly))
            qFatal("Cannot read bundled migration %s", qPrintable(file));
        const int version = match.captured(1).toInt();
        const QString dialect = match.captured(3);
        if (out.isEmpty() || out.last().version != version)
            out.append({version, match.captured(2), {}, {}});
        Migration &m = out.last();
        QString &text = dialect == u"postgres" ? m.postgresSql : m.sql;
        if (m.name != match.captured(2) || !text.isEmpty() || (dialect.isEmpty() && !m.postgresSql.isEmpty()))
            qFatal("Migration %04d comes twice (%s)", version, qPrintable(file));
        text = QString::fromUtf8(f.readAll());
    }
    for (qsizetype i = 0; i < out.size(); ++i) {
        if (out[i].version != i + 1)
            qFatal("Migrations must be numbered 1..N without gaps; found %d at position %lld", out[i].version,
                   static_cast<long long>(i + 1));
        if (out[i].sql.isEmpty())
            qFatal("Migration %d has a PostgreSQL half without its SQLite half", out[i].version);
    }
    return out;
}

}  // namespace

Migrator::Migrator(QSqlDatabase db, const Dialect &dialect, QList<Migration> migrations, const Clock &clock)
    : m_db(std::move(db)), m_dialect(dialect), m_migrations(std::move(migrations)), m_clock(clock)
{
}

const QList<Migration> &Migrator::bundled()
{
    static const QList<Migration> migrations = loadBundled();
    return migrations;
}

int Migrator::latestVersion()
{
    return static_cast<int>(bundled().size());
}

QStringList Migrator::statements(const QString &script)
{
    QStringList out;
    QString current;
    bool inDollarBody = false;  // between a PostgreSQL $$ and its closing $$
    const QStringList lines = script.split(u'\n');
    for (const QString &raw : lines) {
        const QString line = raw.trimmed();
        if (!inDollarBody && (line.isEmpty() || line.startsWith(QStringLiteral("--"))))
            continue;
        current += raw + u'\n';
        if (line.count(QStringLiteral("$$")) % 2 == 1)
            inDollarBody = !inDollarBody;
        // A SQLite trigger's body holds statements of its own: only its END; ends it.
        const bool inTrigger = current.trimmed().startsWith(QStringLiteral("CREATE TRIGGER"), Qt::CaseInsensitive)
                               && current.contains(QStringLiteral("BEGIN"), Qt::CaseInsensitive)
                               && line.compare(QStringLiteral("END;"), Qt::CaseInsensitive) != 0;
        if (line.endsWith(u';') && !inDollarBody && !inTrigger) {
            current = current.trimmed();
            current.chop(1);
            out.append(current);
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty())
        out.append(current.trimmed());
    return out;
}

Expected<int> Migrator::currentVersion() const
{
    if (!m_db.tables().contains(QStringLiteral("schema_version")))
        return 0;
    auto query = Sql::run(m_db, QStringLiteral("SELECT MAX(version) FROM schema_version"));
    if (!query)
        return query.error();
    return query->next() ? query->value(0).toInt() : 0;
}

Status Migrator::migrateTo(int target)
{
    const int latest = static_cast<int>(m_migrations.size());
    if (target < 0 || target > latest)
        return Error{ExitCode::MigrationFailed, tr("There is no schema version %1.").arg(target)};
    auto current = currentVersion();
    if (!current)
        return Error{ExitCode::MigrationFailed, current.error().message};
    if (*current > latest) {
        return Error{ExitCode::MigrationFailed,
                     tr("The database has schema version %1, newer than this ChargeDesk understands (%2). "
                        "Install the newer ChargeDesk that wrote it.")
                         .arg(*current)
                         .arg(latest)};
    }
    for (const Migration &migration : m_migrations) {
        if (migration.version <= *current || migration.version > target)
            continue;
        if (Status status = apply(migration); !status)
            return status;
    }
    return {};
}

Status Migrator::apply(const Migration &migration)
{
    Transaction transaction(m_db);
    if (Status status = transaction.begin(); !status)
        return Error{ExitCode::MigrationFailed, status.error().message};

    auto fail = [&migration](const Error &error) {
        return Error{ExitCode::MigrationFailed,
                     tr("Migration %1 (%2) failed and was rolled back: %3")
                         .arg(migration.version)
                         .arg(migration.name, error.message)};
    };

    if (const QString lock = m_dialect.migrationLockStatement(); !lock.isEmpty()) {
        if (auto q = Sql::run(m_db, lock); !q)
            return fail(q.error());
    }
    if (auto q = Sql::run(m_db, kCreateVersionTable); !q)
        return fail(q.error());
    // Another process may have applied it while we waited for the lock.
    auto applied = Sql::run(m_db, QStringLiteral("SELECT COUNT(*) FROM schema_version WHERE version = ?"),
                            {migration.version});
    if (!applied)
        return fail(applied.error());
    if (applied->next() && applied->value(0).toInt() > 0)
        return transaction.commit();

    for (const QString &statement : statements(migration.sqlFor(m_dialect))) {
        if (auto q = Sql::run(m_db, m_dialect.expand(statement)); !q)
            return fail(q.error());
    }
    auto recorded = Sql::run(m_db, QStringLiteral("INSERT INTO schema_version (version, name, applied_ms) VALUES (?, ?, ?)"),
                             {migration.version, migration.name, m_clock.nowMs()});
    if (!recorded)
        return fail(recorded.error());
    if (Status status = transaction.commit(); !status)
        return fail(status.error());
    return {};
}

}  // namespace cd::storage
