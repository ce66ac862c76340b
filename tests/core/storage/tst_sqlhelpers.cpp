// Sql::run on the backend chosen by CHARGEDESK_TEST_BACKEND: every kind of value reaches the
// database exactly as bound and comes back the same, however hostile its text (quotes,
// backslashes, question marks, comment and statement separators, any script). On PostgreSQL the
// values travel as literals written by the driver (one round trip instead of three), so this is
// where a quoting mistake would show.

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"
#include "support/testdatabase.h"

#include <QTest>

#include <limits>

using namespace cd;
using namespace cd::storage;
using namespace Qt::StringLiterals;

class TestSqlHelpers : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { qInfo("backend: %s", qPrintable(test::TestDatabase::backendName())); }

    void textRoundTrip_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("plain") << u"KYIV-0001"_s;
        QTest::newRow("single quotes") << u"O'Brien's ''station'''"_s;
        QTest::newRow("double quotes") << u"say \"hi\""_s;
        QTest::newRow("backslashes") << u"C:\\path\\to\\ \\' \\\\"_s;
        QTest::newRow("question marks") << u"? ?? '?' \"?\""_s;
        QTest::newRow("injection") << u"x'); DROP TABLE sql_values; --"_s;
        QTest::newRow("dollar quoting") << u"$$ $1 $tag$"_s;
        QTest::newRow("scripts") << u"Київ · 上海市 · Москва · 🚗⚡"_s;
        QTest::newRow("control characters") << u"tab\tnewline\nreturn\r"_s;
        QTest::newRow("empty") << QString(u""_s);
    }

    void textRoundTrip()
    {
        QFETCH(QString, text);
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        const QSqlDatabase db = fixture.db().connection();
        QVERIFY(Sql::run(db, u"CREATE TABLE sql_values (id BIGINT, label TEXT, amount BIGINT)"_s));
        auto inserted = Sql::run(db, u"INSERT INTO sql_values (id, label, amount) VALUES (?, ?, ?)"_s,
                                 {qint64(1), text, qint64(42)});
        QVERIFY2(inserted, inserted ? "" : qPrintable(inserted.error().message));
        auto read = Sql::run(db, u"SELECT label, amount, '?' FROM sql_values WHERE label = ? AND id = ?"_s,
                             {text, qint64(1)});
        QVERIFY2(read, read ? "" : qPrintable(read.error().message));
        QVERIFY(read->next());
        QCOMPARE(read->value(0).toString(), text);
        QCOMPARE(read->value(1).toLongLong(), qint64(42));
        QCOMPARE(read->value(2).toString(), u"?"_s);  // a question mark inside a literal is no placeholder
        QVERIFY(!read->next());
    }

    void numbersAndNull()
    {
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        const QSqlDatabase db = fixture.db().connection();
        QVERIFY(Sql::run(db, u"CREATE TABLE sql_values (id BIGINT, label TEXT, amount BIGINT)"_s));
        const qint64 big = std::numeric_limits<qint64>::max();
        const qint64 small = std::numeric_limits<qint64>::min();
        QVERIFY(Sql::run(db, u"INSERT INTO sql_values (id, label, amount) VALUES (?, ?, ?)"_s, {qint64(1), QString(), big}));
        QVERIFY(Sql::run(db, u"INSERT INTO sql_values (id, label, amount) VALUES (?, ?, ?)"_s,
                         {qint64(2), QVariant(), small}));
        QVERIFY(Sql::run(db, u"INSERT INTO sql_values (id, label, amount) VALUES (?, ?, ?)"_s,
                         {qint64(3), u"negative"_s, -7}));
        auto read = Sql::run(db, u"SELECT id, label IS NULL, label, amount FROM sql_values ORDER BY id"_s);
        QVERIFY(read);
        QVERIFY(read->next());
        QCOMPARE(read->value(3).toLongLong(), big);
        QVERIFY(!read->value(1).toBool());  // a null QString binds '' (not NULL)
        QCOMPARE(read->value(2).toString(), u""_s);
        QVERIFY(read->next());
        QCOMPARE(read->value(3).toLongLong(), small);
        QVERIFY(read->value(1).toBool());  // an invalid QVariant binds NULL
        QVERIFY(read->next());
        QCOMPARE(read->value(3).toLongLong(), qint64(-7));
        QVERIFY(!read->next());
    }

    void placeholdersMustPairWithValues()
    {
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        const QSqlDatabase db = fixture.db().connection();
        QVERIFY(Sql::run(db, u"CREATE TABLE sql_values (id BIGINT, label TEXT, amount BIGINT)"_s));
        QVERIFY(!Sql::run(db, u"INSERT INTO sql_values (id, label) VALUES (?, ?)"_s, {qint64(1)}));
        QVERIFY(!Sql::run(db, u"INSERT INTO sql_values (id) VALUES (?)"_s, {qint64(1), u"extra"_s}));
        auto count = Sql::run(db, u"SELECT COUNT(*) FROM sql_values"_s);
        QVERIFY(count && count->next());
        QCOMPARE(count->value(0).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSqlHelpers)
#include "tst_sqlhelpers.moc"
