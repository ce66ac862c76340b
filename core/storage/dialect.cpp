#include "core/storage/dialect.h"

#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace cd::storage {

QString Dialect::driverName() const
{
    return isPostgres() ? QStringLiteral("QPSQL") : QStringLiteral("QSQLCIPHER");
}

QString Dialect::expand(const QString &sql) const
{
    QString out = sql;
    if (isPostgres()) {
        out.replace(u"{{ID}}"_s, u"BIGSERIAL PRIMARY KEY"_s);
        out.replace(u"{{BLOB}}"_s, u"BYTEA"_s);
        out.replace(u"{{REAL}}"_s, u"DOUBLE PRECISION"_s);
    } else {
        out.replace(u"{{ID}}"_s, u"INTEGER PRIMARY KEY AUTOINCREMENT"_s);
        out.replace(u"{{BLOB}}"_s, u"BLOB"_s);
        out.replace(u"{{REAL}}"_s, u"REAL"_s);
    }
    return out;
}

QString Dialect::returningIdClause() const
{
    return isPostgres() ? QStringLiteral(" RETURNING id") : QString();
}

qint64 Dialect::insertedId(QSqlQuery &query) const
{
    if (isPostgres())
        return query.next() ? query.value(0).toLongLong() : 0;
    return query.lastInsertId().toLongLong();
}

QString Dialect::migrationLockStatement() const
{
    // 0x43444D47 = "CDMG": ChargeDesk migration lock.
    return isPostgres() ? QStringLiteral("SELECT pg_advisory_xact_lock(1128549703)") : QString();
}

QString Dialect::notifyStatement() const
{
    return isPostgres() ? QStringLiteral("SELECT pg_notify(?, ?)") : QString();
}

QString Dialect::listTablesQuery() const
{
    if (isPostgres())
        return QStringLiteral("SELECT table_name FROM information_schema.tables "
                              "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name");
    return QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
}

}  // namespace cd::storage
