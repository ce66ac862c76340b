#include "benchdatabase.h"

#include "core/storage/databasekey.h"
#include "core/storage/filekeystore.h"
#include "core/storage/migrator.h"
#include "core/storage/sqlhelpers.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
#include <QUrl>

namespace cd::bench {

Expected<BenchDatabase> openBenchDatabase(const QString &dir, const QString &name, const QString &postgresUrl,
                                         const QString &seededTable, int schemaVersion)
{
    QDir().mkpath(dir);
    BenchDatabase out;
    storage::DatabaseConfig &config = out.config;
    if (!postgresUrl.isEmpty()) {
        config.postgresUrl = QUrl(postgresUrl);
    } else {
        config.sqlitePath = QDir(dir).filePath(name + QStringLiteral(".db"));
        config.keySource = storage::KeySource::File;
        config.keyFile = QDir(dir).filePath(name + QStringLiteral(".key"));
        out.reused = QFile::exists(config.sqlitePath) && QFile::exists(config.keyFile);
        if (!out.reused) {
            if (Status st = storage::FileKeyStore::writeNew(config.keyFile, storage::DatabaseKey::generate()); !st)
                return st.error();
        }
    }
    storage::Database::Options options;
    options.migrate = false;
    auto db = storage::Database::open(config, options);
    if (!db)
        return db.error();
    out.db = *db;
    storage::Migrator migrator(out.db->connection(), out.db->dialect());
    if (Status st = schemaVersion > 0 ? migrator.migrateTo(schemaVersion) : migrator.migrateToLatest(); !st)
        return st.error();
    if (config.isPostgres()) {
        auto q = storage::Sql::run(out.db->connection(), QStringLiteral("SELECT COUNT(*) FROM ") + seededTable);
        out.reused = q && q->next() && q->value(0).toLongLong() > 0;
    }
    return out;
}

Expected<qint64> upgradeBenchDatabase(const storage::Database &db)
{
    QElapsedTimer timer;
    timer.start();
    storage::Migrator migrator(db.connection(), db.dialect());
    auto current = migrator.currentVersion();
    if (!current)
        return current.error();
    if (*current >= storage::Migrator::latestVersion())
        return qint64(0);
    if (Status st = migrator.migrateToLatest(); !st)
        return st.error();
    (void)storage::Sql::run(db.connection(), QStringLiteral("ANALYZE"));  // fresh statistics
    return timer.elapsed();
}

}  // namespace cd::bench
