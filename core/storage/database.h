#pragma once
// Opens the configured database (SQLCipher file or PostgreSQL), checks the key, applies
// the pending migrations, and hands out the QSqlDatabase connection for repositories.

#include "core/common/expected.h"
#include "core/storage/databaseconfig.h"
#include "core/storage/dialect.h"

#include <QCoreApplication>
#include <QSqlDatabase>

#include <memory>

namespace cd::storage {

class KeyStore;

class Database {
    Q_DECLARE_TR_FUNCTIONS(cd::storage::Database)
public:
    struct Options {
        bool migrate = true;          // apply pending migrations after opening
        KeyStore *keychain = nullptr; // overrides the OS keychain (tests); not owned
    };

    static Expected<std::shared_ptr<Database>> open(const DatabaseConfig &config, const Options &options);
    static Expected<std::shared_ptr<Database>> open(const DatabaseConfig &config)
    {
        return open(config, Options{});
    }
    ~Database();

    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // The connection for the calling thread (one connection per thread, opened lazily).
    QSqlDatabase connection() const;
    // Closes the calling thread's connection, if it has one. A worker thread calls this before
    // it ends, so the file or server session does not outlive it.
    void releaseThreadConnection() const;
    const Dialect &dialect() const { return *m_dialect; }
    const DatabaseConfig &config() const { return m_config; }
    int schemaVersion() const;
    // "SQLCipher 3.4.1" or "PostgreSQL 15.x"
    QString engineDescription() const;

    // Registers the QSQLCIPHER driver once per process (idempotent).
    static void registerDrivers();

private:
    Database(DatabaseConfig config, QString hexKey, std::unique_ptr<Dialect> dialect);
    Expected<QSqlDatabase> openConnection(const QString &name) const;
    Expected<QSqlDatabase> threadConnection() const;
    QString threadConnectionName() const;

    DatabaseConfig m_config;
    QString m_hexKey;  // empty for PostgreSQL
    std::unique_ptr<Dialect> m_dialect;
    QString m_connectionPrefix;
};

}  // namespace cd::storage
