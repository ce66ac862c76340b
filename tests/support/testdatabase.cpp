#include "testdatabase.h"

#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

namespace cd::test {

namespace {

QUrl pgServerUrl()
{
    return QUrl(qEnvironmentVariable("CHARGEDESK_TEST_PG_URL"));
}

// Runs one statement on the server's maintenance database.
QString adminExec(const QString &sql)
{
    const QString name = QStringLiteral("chargedesk-test-admin");
    QString error;
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        const QUrl url = pgServerUrl();
        admin.setHostName(url.host());
        admin.setPort(url.port(5432));
        admin.setUserName(url.userName());
        admin.setPassword(url.password());
        admin.setDatabaseName(QStringLiteral("postgres"));
        if (!admin.open()) {
            error = admin.lastError().text();
        } else {
            QSqlQuery q(admin);
            if (!q.exec(sql))
                error = q.lastError().text();
        }
        admin.close();
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}

}  // namespace

bool TestDatabase::postgres()
{
    return qEnvironmentVariable("CHARGEDESK_TEST_BACKEND") == u"postgres";
}

QString TestDatabase::backendName()
{
    return postgres() ? QStringLiteral("postgres") : QStringLiteral("sqlcipher");
}

TestDatabase::TestDatabase(bool migrate)
{
    storage::DatabaseConfig config;
    storage::Database::Options options;
    options.migrate = migrate;
    if (postgres()) {
        if (pgServerUrl().isEmpty()) {
            m_error = QStringLiteral("CHARGEDESK_TEST_BACKEND=postgres needs CHARGEDESK_TEST_PG_URL");
            return;
        }
        m_pgDatabase = QStringLiteral("cd_test_%1").arg(QRandomGenerator::global()->generate64(), 0, 16);
        if (const QString e = adminExec(QStringLiteral("CREATE DATABASE ") + m_pgDatabase); !e.isEmpty()) {
            m_error = QStringLiteral("Cannot create the scratch database: ") + e;
            m_pgDatabase.clear();
            return;
        }
        QUrl url = pgServerUrl();
        url.setPath(u'/' + m_pgDatabase);
        config.postgresUrl = url;
    } else {
        config.sqlitePath = m_dir.filePath(QStringLiteral("test.db"));
        options.keychain = &m_keychain;
    }
    auto opened = storage::Database::open(config, options);
    if (!opened) {
        m_error = opened.error().message;
        return;
    }
    m_db = *opened;
}

std::shared_ptr<storage::Database> TestDatabase::openAnother()
{
    storage::Database::Options options;
    options.keychain = &m_keychain;
    auto opened = storage::Database::open(m_db->config(), options);
    return opened ? *opened : nullptr;
}

TestDatabase::~TestDatabase()
{
    m_db.reset();
    if (!m_pgDatabase.isEmpty())
        adminExec(QStringLiteral("DROP DATABASE IF EXISTS ") + m_pgDatabase + QStringLiteral(" WITH (FORCE)"));
}

}  // namespace cd::test
