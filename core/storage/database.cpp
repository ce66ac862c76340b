#include "core/storage/database.h"

#include "core/storage/envkeystore.h"
#include "core/storage/filekeystore.h"
#include "core/storage/keychainkeystore.h"
#include "core/storage/migrator.h"
#include "core/storage/sqlcipherdriver.h"
#include "core/storage/sqlhelpers.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

namespace cd::storage {

namespace {

QAtomicInteger<int> g_instanceCounter;

std::unique_ptr<KeyStore> keyStoreFor(const DatabaseConfig &config)
{
    switch (config.keySource) {
    case KeySource::File:
        return std::make_unique<FileKeyStore>(config.keyFile);
    case KeySource::Environment:
        return std::make_unique<EnvKeyStore>(config.keyEnv);
    case KeySource::Keychain:
        break;
    }
    return std::make_unique<KeychainKeyStore>();
}

bool fileHoldsData(const QString &path)
{
    const QFileInfo info(path);
    return info.exists() && info.size() > 0;
}

}  // namespace

void Database::registerDrivers()
{
    SqlCipherDriver::registerDriver();
}

Database::Database(DatabaseConfig config, QString hexKey, std::unique_ptr<Dialect> dialect)
    : m_config(std::move(config)),
      m_hexKey(std::move(hexKey)),
      m_dialect(std::move(dialect)),
      m_connectionPrefix(QStringLiteral("chargedesk-%1-").arg(g_instanceCounter.fetchAndAddOrdered(1)))
{
}

Database::~Database()
{
    // removeDatabase() closes each; QSqlDatabase::database() would object to a connection of
    // another thread.
    for (const QString &name : QSqlDatabase::connectionNames()) {
        if (name.startsWith(m_connectionPrefix))
            QSqlDatabase::removeDatabase(name);
    }
}

Expected<QSqlDatabase> Database::openConnection(const QString &name) const
{
    QSqlDatabase db = QSqlDatabase::addDatabase(m_dialect->driverName(), name);
    if (m_dialect->isPostgres()) {
        const QUrl &url = m_config.postgresUrl;
        db.setHostName(url.host().isEmpty() ? QStringLiteral("localhost") : url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
        db.setConnectOptions(QStringLiteral("connect_timeout=10"));
    } else {
        db.setDatabaseName(m_config.sqlitePath);
        db.setPassword(m_hexKey);
        if (fileHoldsData(m_config.sqlitePath))
            db.setConnectOptions(QStringLiteral("QSQLCIPHER_NO_CREATE"));
    }
    if (!db.open()) {
        const QSqlError error = db.lastError();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        if (error.nativeErrorCode() == u"SQLITE_NOTADB") {
            return Error{ExitCode::WrongKey,
                         tr("The key does not open %1: it is the wrong key, or the file is not a ChargeDesk "
                            "database. The file was left untouched.")
                             .arg(m_config.displayName())};
        }
        return Error{ExitCode::DatabaseUnavailable,
                     tr("Cannot open the database %1: %2").arg(m_config.displayName(), error.text())};
    }
    return db;
}

QString Database::threadConnectionName() const
{
    return m_connectionPrefix + QString::number(reinterpret_cast<quintptr>(QThread::currentThread()), 16);
}

void Database::releaseThreadConnection() const
{
    const QString name = threadConnectionName();
    if (QSqlDatabase::contains(name))
        QSqlDatabase::removeDatabase(name);
}

Expected<QSqlDatabase> Database::threadConnection() const
{
    const QString name = threadConnectionName();
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name, false);
    return openConnection(name);
}

QSqlDatabase Database::connection() const
{
    auto db = threadConnection();
    if (!db) {
        qWarning("%s", qPrintable(db.error().message));
        return {};
    }
    return *db;
}

Expected<std::shared_ptr<Database>> Database::open(const DatabaseConfig &config, const Options &options)
{
    registerDrivers();
    QString hexKey;
    if (config.isPostgres()) {
        auto database = std::shared_ptr<Database>(
            new Database(config, {}, std::make_unique<Dialect>(Dialect::Kind::PostgreSql)));
        if (auto db = database->threadConnection(); !db)
            return db.error();
        if (options.migrate) {
            if (Status s = Migrator(database->connection(), database->dialect()).migrateToLatest(); !s)
                return s.error();
        }
        return database;
    }

    std::unique_ptr<KeyStore> ownedStore;
    KeyStore *store = nullptr;
    if (config.keySource == KeySource::Keychain && options.keychain) {
        store = options.keychain;
    } else {
        ownedStore = keyStoreFor(config);
        store = ownedStore.get();
    }

    const bool exists = fileHoldsData(config.sqlitePath);
    KeyStore::Loaded loaded = store->load(config.sqlitePath);
    switch (loaded.state) {
    case KeyStore::LoadState::Found:
        hexKey = QString::fromLatin1(loaded.key->hex());
        break;
    case KeyStore::LoadState::NotFound:
        if (!exists && store->canStore()) {
            const DatabaseKey key = DatabaseKey::generate();
            if (Status s = store->store(config.sqlitePath, key); !s)
                return Error{ExitCode::KeyMissing, s.error().message + u'\n' + store->howToProvide()};
            hexKey = QString::fromLatin1(key.hex());
            break;
        }
        if (exists) {
            return Error{ExitCode::KeyMissing,
                         tr("%1 is encrypted, but no key was found (%2: %3)\n%4")
                             .arg(config.displayName(), store->describe(), loaded.detail, store->howToProvide())};
        }
        return Error{ExitCode::KeyMissing, tr("No database key (%1: %2)\n%3")
                                               .arg(store->describe(), loaded.detail, store->howToProvide())};
    case KeyStore::LoadState::Unavailable:
        return Error{ExitCode::KeyMissing, tr("Cannot read the database key (%1: %2)\n%3")
                                               .arg(store->describe(), loaded.detail, store->howToProvide())};
    }

    if (!exists) {
        const QString dir = QFileInfo(config.sqlitePath).absolutePath();
        if (!QDir().mkpath(dir))
            return Error{ExitCode::DatabaseUnavailable, tr("Cannot create the folder %1.").arg(dir)};
    }
    auto database = std::shared_ptr<Database>(
        new Database(config, hexKey, std::make_unique<Dialect>(Dialect::Kind::SqlCipher)));
    if (auto db = database->threadConnection(); !db)
        return db.error();
    if (options.migrate) {
        if (Status s = Migrator(database->connection(), database->dialect()).migrateToLatest(); !s)
            return s.error();
    }
    return database;
}

int Database::schemaVersion() const
{
    auto version = Migrator(connection(), dialect()).currentVersion();
    return version ? *version : -1;
}

QString Database::engineDescription() const
{
    const QString sql = m_dialect->isPostgres() ? QStringLiteral("SHOW server_version")
                                                : QStringLiteral("PRAGMA cipher_version");
    auto query = Sql::run(connection(), sql);
    const QString version = query && query->next() ? query->value(0).toString() : QString();
    return m_dialect->isPostgres() ? QStringLiteral("PostgreSQL %1").arg(version)
                                   : QStringLiteral("SQLCipher %1").arg(version);
}

}  // namespace cd::storage
