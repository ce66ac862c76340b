// The encryption contract of a ChargeDesk database file, proven on real SQLCipher files.

#include "core/storage/database.h"
#include "core/storage/filekeystore.h"
#include "core/storage/migrator.h"
#include "core/storage/sqlhelpers.h"
#include "support/memorykeystore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace cd;
using namespace cd::storage;

namespace {

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

QString pragma(const Database &db, const QString &name)
{
    auto q = Sql::run(db.connection(), QStringLiteral("PRAGMA ") + name);
    return q && q->next() ? q->value(0).toString() : QString();
}

}  // namespace

class TestDatabaseOpen : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_path;
    test::MemoryKeyStore m_keychain;

    DatabaseConfig config() const
    {
        DatabaseConfig c;
        c.sqlitePath = m_path;
        return c;
    }
    Database::Options options() { return {true, &m_keychain}; }

    void createDatabase()
    {
        auto db = Database::open(config(), options());
        QVERIFY2(db.ok(), qPrintable(db.error().message));
        auto q = Sql::run((*db)->connection(),
                          QStringLiteral("INSERT INTO stations (charge_point_id, created_ms) VALUES ('CP-1', 1)"));
        QVERIFY(q.ok());
    }

private slots:
    void init()
    {
        m_path = m_dir.filePath(QStringLiteral("sub/dir/chargedesk.db"));
        QFile::remove(m_path);
        m_keychain.keys.clear();
        m_keychain.unavailable = false;
    }

    void firstOpenCreatesEncryptedFileAndStoresKey()
    {
        createDatabase();
        QVERIFY(m_keychain.keys.contains(m_path));
        QFile f(m_path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray header = f.read(16);
        QCOMPARE(header.size(), 16);
        QVERIFY2(header != QByteArray("SQLite format 3\0", 16), "the file is plain SQLite");
    }

    void cipherVersionAnswersAndPragmasAreSet()
    {
        createDatabase();
        auto db = Database::open(config(), options());
        QVERIFY2(db.ok(), qPrintable(db.error().message));
        QVERIFY(!pragma(**db, QStringLiteral("cipher_version")).isEmpty());
        QVERIFY((*db)->engineDescription().startsWith(QStringLiteral("SQLCipher 3.")));
        QCOMPARE(pragma(**db, QStringLiteral("journal_mode")), QStringLiteral("wal"));
        QCOMPARE(pragma(**db, QStringLiteral("synchronous")), QStringLiteral("2"));  // FULL
        QCOMPARE((*db)->schemaVersion(), Migrator::latestVersion());
        auto q = Sql::run((*db)->connection(), QStringLiteral("SELECT charge_point_id FROM stations"));
        QVERIFY(q.ok() && q->next());
        QCOMPARE(q->value(0).toString(), QStringLiteral("CP-1"));
    }

    void wrongKeyFailsClearlyAndLeavesFileUntouched()
    {
        createDatabase();
        const QByteArray before = fileHash(m_path);
        const QStringList filesBefore = QDir(QFileInfo(m_path).absolutePath()).entryList(QDir::Files);
        m_keychain.keys.insert(m_path, DatabaseKey::generate());

        auto db = Database::open(config(), options());
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, ExitCode::WrongKey);
        QVERIFY2(db.error().message.contains(QStringLiteral("wrong key")), qPrintable(db.error().message));
        QCOMPARE(fileHash(m_path), before);
        QCOMPARE(QDir(QFileInfo(m_path).absolutePath()).entryList(QDir::Files), filesBefore);
    }

    void wrongKeyFromKeyFileNeverReplacesTheDatabase()
    {
        createDatabase();
        const QByteArray before = fileHash(m_path);
        const QString keyFile = m_dir.filePath(QStringLiteral("other.key"));
        QFile::remove(keyFile);
        QVERIFY(FileKeyStore::writeNew(keyFile, DatabaseKey::generate()).ok());
        DatabaseConfig c = config();
        c.keySource = KeySource::File;
        c.keyFile = keyFile;
        auto db = Database::open(c);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, ExitCode::WrongKey);
        QCOMPARE(fileHash(m_path), before);
    }

    void existingFileWithoutKeySaysHowToProvideOne()
    {
        createDatabase();
        m_keychain.keys.clear();
        const QByteArray before = fileHash(m_path);
        auto db = Database::open(config(), options());
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, ExitCode::KeyMissing);
        QVERIFY2(db.error().message.contains(QStringLiteral("unlock the test keychain")), qPrintable(db.error().message));
        QCOMPARE(fileHash(m_path), before);
        QVERIFY2(m_keychain.keys.isEmpty(), "a new key must never be generated for an existing database");
    }

    void unavailableKeychainExplainsAlternatives()
    {
        m_keychain.unavailable = true;
        auto db = Database::open(config(), options());
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, ExitCode::KeyMissing);
        QVERIFY(!QFile::exists(m_path));
    }

    void missingKeyFileDoesNotCreateDatabase()
    {
        DatabaseConfig c = config();
        c.keySource = KeySource::File;
        c.keyFile = m_dir.filePath(QStringLiteral("missing.key"));
        auto db = Database::open(c);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, ExitCode::KeyMissing);
        QVERIFY(db.error().message.contains(QStringLiteral("chargedesk-cli key generate")));
        QVERIFY(!QFile::exists(m_path));
    }

    void unsetEnvironmentVariableSaysWhichOne()
    {
        DatabaseConfig c = config();
        c.keySource = KeySource::Environment;
        c.keyEnv = QStringLiteral("CHARGEDESK_TEST_UNSET_KEY");
        qunsetenv("CHARGEDESK_TEST_UNSET_KEY");
        auto db = Database::open(c);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, ExitCode::KeyMissing);
        QVERIFY(db.error().message.contains(QStringLiteral("CHARGEDESK_TEST_UNSET_KEY")));
        QVERIFY(!QFile::exists(m_path));
    }

    void keyFromEnvironmentOpensDatabase()
    {
        const DatabaseKey key = DatabaseKey::generate();
        qputenv("CHARGEDESK_TEST_ENV_KEY", key.hex());
        DatabaseConfig c = config();
        c.keySource = KeySource::Environment;
        c.keyEnv = QStringLiteral("CHARGEDESK_TEST_ENV_KEY");
        {
            auto db = Database::open(c);
            QVERIFY2(db.ok(), qPrintable(db.error().message));
        }
        m_keychain.keys.insert(m_path, key);  // the same key through another source opens it too
        auto again = Database::open(config(), options());
        QVERIFY2(again.ok(), qPrintable(again.error().message));
        qunsetenv("CHARGEDESK_TEST_ENV_KEY");
    }

    void plainSqliteFileIsRejected()
    {
        // A plain SQLite database (or any other file) is never opened as if it were ours.
        QDir().mkpath(QFileInfo(m_path).absolutePath());
        QFile f(m_path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("SQLite format 3\0", 16) + QByteArray(4080, '\0'));
        f.close();
        m_keychain.keys.insert(m_path, DatabaseKey::generate());
        auto db = Database::open(config(), options());
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, ExitCode::WrongKey);
    }
};

QTEST_GUILESS_MAIN(TestDatabaseOpen)
#include "tst_databaseopen.moc"
