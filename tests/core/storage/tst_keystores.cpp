#include "core/storage/envkeystore.h"
#include "core/storage/filekeystore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace cd::storage;

class TestKeyStores : public QObject {
    Q_OBJECT
private slots:
    void fileMissingSaysHowToCreateOne()
    {
        QTemporaryDir dir;
        FileKeyStore store(dir.filePath(QStringLiteral("db.key")));
        const auto loaded = store.load(QString());
        QCOMPARE(loaded.state, KeyStore::LoadState::NotFound);
        QVERIFY(loaded.detail.contains(QStringLiteral("db.key")));
        QVERIFY(store.howToProvide().contains(QStringLiteral("chargedesk-cli key generate --out")));
        QVERIFY(!store.canStore());
    }

    void writeNewIsPrivateAndNeverOverwrites()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("db.key"));
        const DatabaseKey key = DatabaseKey::generate();
        QVERIFY(FileKeyStore::writeNew(path, key).ok());
        QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteOther),
                 QFileDevice::Permissions());
        const auto loaded = FileKeyStore(path).load(QString());
        QCOMPARE(loaded.state, KeyStore::LoadState::Found);
        QCOMPARE(loaded.key->raw(), key.raw());

        const cd::Status again = FileKeyStore::writeNew(path, DatabaseKey::generate());
        QVERIFY(!again.ok());
        QCOMPARE(FileKeyStore(path).load(QString()).key->raw(), key.raw());
    }

    void fileReadableByOthersIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("db.key"));
        QVERIFY(FileKeyStore::writeNew(path, DatabaseKey::generate()).ok());
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
        const auto loaded = FileKeyStore(path).load(QString());
        QCOMPARE(loaded.state, KeyStore::LoadState::Unavailable);
        QVERIFY(loaded.detail.contains(QStringLiteral("chmod 600")));
    }

    void fileWithGarbageIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("db.key"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("my secret passphrase\n");
        f.close();
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        const auto loaded = FileKeyStore(path).load(QString());
        QCOMPARE(loaded.state, KeyStore::LoadState::Unavailable);
        QVERIFY(loaded.detail.contains(QStringLiteral("64")));
    }

    void environmentVariable()
    {
        const QByteArray name = "CHARGEDESK_TEST_KEY_VAR";
        qunsetenv(name.constData());
        EnvKeyStore store(QString::fromLatin1(name));
        QCOMPARE(store.load(QString()).state, KeyStore::LoadState::NotFound);
        QVERIFY(store.load(QString()).detail.contains(QString::fromLatin1(name)));

        qputenv(name.constData(), "not a key");
        QCOMPARE(store.load(QString()).state, KeyStore::LoadState::Unavailable);

        const DatabaseKey key = DatabaseKey::generate();
        qputenv(name.constData(), key.hex());
        const auto loaded = store.load(QString());
        QCOMPARE(loaded.state, KeyStore::LoadState::Found);
        QCOMPARE(loaded.key->raw(), key.raw());
        QVERIFY(!store.store(QString(), key).ok());
        qunsetenv(name.constData());
    }
};

QTEST_GUILESS_MAIN(TestKeyStores)
#include "tst_keystores.moc"
