#include "core/storage/databaseoptions.h"

#include <QCommandLineParser>
#include <QDir>

namespace cd::storage {

namespace {
const QString kDb = QStringLiteral("db");
const QString kDbUrl = QStringLiteral("db-url");
const QString kKeyFile = QStringLiteral("db-key-file");
const QString kKeyEnv = QStringLiteral("db-key-env");
}  // namespace

void DatabaseOptions::addTo(QCommandLineParser &parser)
{
    parser.addOption({kDb, tr("Encrypted SQLCipher database file (default: %1).").arg(DatabaseConfig::defaultSqlitePath()),
                      tr("path")});
    parser.addOption({kDbUrl, tr("Shared PostgreSQL database, e.g. postgresql://user:password@host:5432/chargedesk."),
                      tr("url")});
    parser.addOption({kKeyFile, tr("Read the database key from this file (64 hexadecimal digits, mode 0600) "
                                   "instead of the OS keychain."),
                      tr("path")});
    parser.addOption({kKeyEnv, tr("Read the database key from this environment variable instead of the OS keychain."),
                      tr("name")});
}

Expected<DatabaseConfig> DatabaseOptions::read(const QCommandLineParser &parser)
{
    DatabaseConfig config;
    if (parser.isSet(kDb) && parser.isSet(kDbUrl))
        return Error{ExitCode::Usage, tr("Use either --db or --db-url, not both.")};
    if (parser.isSet(kKeyFile) && parser.isSet(kKeyEnv))
        return Error{ExitCode::Usage, tr("Use either --db-key-file or --db-key-env, not both.")};

    if (parser.isSet(kDbUrl)) {
        const QUrl url(parser.value(kDbUrl), QUrl::StrictMode);
        const QString scheme = url.scheme();
        if (!url.isValid() || (scheme != u"postgresql" && scheme != u"postgres") || url.path().size() < 2)
            return Error{ExitCode::Usage,
                         tr("--db-url must look like postgresql://user:password@host:5432/database.")};
        if (parser.isSet(kKeyFile) || parser.isSet(kKeyEnv))
            return Error{ExitCode::Usage, tr("A PostgreSQL database takes no key options; its server secures it.")};
        config.postgresUrl = url;
        return config;
    }

    config.sqlitePath = parser.isSet(kDb) ? QDir::cleanPath(QDir::current().absoluteFilePath(parser.value(kDb)))
                                          : DatabaseConfig::defaultSqlitePath();
    if (parser.isSet(kKeyFile)) {
        config.keySource = KeySource::File;
        config.keyFile = QDir::current().absoluteFilePath(parser.value(kKeyFile));
    } else if (parser.isSet(kKeyEnv)) {
        config.keySource = KeySource::Environment;
        config.keyEnv = parser.value(kKeyEnv);
        if (config.keyEnv.isEmpty())
            return Error{ExitCode::Usage, tr("--db-key-env needs the name of an environment variable.")};
    }
    return config;
}

}  // namespace cd::storage
