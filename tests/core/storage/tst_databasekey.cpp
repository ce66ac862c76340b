#include "core/storage/databasekey.h"

#include <QSet>
#include <QTest>

using cd::storage::DatabaseKey;

class TestDatabaseKey : public QObject {
    Q_OBJECT
private slots:
    void fromHex_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("valid");
        const QByteArray good(64, 'a');
        QTest::newRow("64 lowercase hex") << good << true;
        QTest::newRow("64 uppercase hex") << QByteArray(64, 'F') << true;
        QTest::newRow("mixed digits") << QByteArray("0123456789abcdefABCDEF0123456789abcdefABCDEF0123456789abcdef0123") << true;
        QTest::newRow("trailing newline") << good + '\n' << true;
        QTest::newRow("63 digits") << QByteArray(63, 'a') << false;
        QTest::newRow("65 digits") << QByteArray(65, 'a') << false;
        QTest::newRow("empty") << QByteArray() << false;
        QTest::newRow("non-hex letter") << QByteArray(63, 'a') + 'g' << false;
        QTest::newRow("passphrase") << QByteArray("correct horse battery staple") << false;
        QTest::newRow("quote injection") << QByteArray(62, 'a') + "'\"" << false;
        QTest::newRow("x'' wrapper") << "x'" + good + "'" << false;
    }
    void fromHex()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, valid);
        const auto key = DatabaseKey::fromHex(text);
        QCOMPARE(key.has_value(), valid);
        if (valid) {
            QCOMPARE(key->raw().size(), DatabaseKey::Bytes);
            QCOMPARE(key->hex(), text.trimmed().toLower());
        }
    }

    void generateIsRandom()
    {
        QSet<QByteArray> seen;
        for (int i = 0; i < 100; ++i) {
            const DatabaseKey key = DatabaseKey::generate();
            QCOMPARE(key.raw().size(), 32);
            QCOMPARE(key.hex().size(), 64);
            seen.insert(key.raw());
        }
        QCOMPARE(seen.size(), 100);
    }
};

QTEST_GUILESS_MAIN(TestDatabaseKey)
#include "tst_databasekey.moc"
