// The QSQLCIPHER driver against real encrypted files: what lands on disk, key and option checks,
// binding and fetching, transactions, errors, and two connections sharing one WAL database.

#include "core/storage/sqlcipherdriver.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <limits>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using cd::storage::SqlCipherDriver;

namespace {

const QString kKey = u"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"_s;
const QString kOtherKey = u"ffeeddccbbaa99887766554433221100FFEEDDCCBBAA99887766554433221100"_s;

// One named connection, closed and removed when it goes out of scope. Declare queries after
// it so they are destroyed first.
class Connection
{
public:
    explicit Connection(const QString &path, const QString &key = kKey, const QString &options = {})
        : m_name(u"tst_sqlcipherdriver-%1"_s.arg(++s_counter))
    {
        m_db = QSqlDatabase::addDatabase(SqlCipherDriver::driverName(), m_name);
        m_db.setDatabaseName(path);
        m_db.setPassword(key);
        m_db.setConnectOptions(options);
    }
    ~Connection()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    Q_DISABLE_COPY_MOVE(Connection)

    bool open() { return m_db.open(); }
    QSqlDatabase &db() { return m_db; }
    QSqlError lastError() const { return m_db.lastError(); }
    SqlCipherDriver *driver() const { return qobject_cast<SqlCipherDriver *>(m_db.driver()); }

private:
    static inline int s_counter = 0;
    QString m_name;
    QSqlDatabase m_db;
};

bool run(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (query.exec(sql))
        return true;
    qWarning().noquote() << sql << "->" << query.lastError().text();
    return false;
}

QVariant scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (query.exec(sql) && query.next())
        return query.value(0);
    qWarning().noquote() << sql << "->" << query.lastError().text();
    return {};
}

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result();
}

QStringList sideFiles(const QString &path)
{
    QStringList found;
    for (const QString &suffix : {u"-wal"_s, u"-shm"_s, u"-journal"_s}) {
        if (QFile::exists(path + suffix))
            found << suffix;
    }
    return found;
}

QByteArray randomBytes(int size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &byte : bytes)
        byte = static_cast<char>(QRandomGenerator::global()->bounded(256));
    return bytes;
}

}  // namespace

class TestSqlCipherDriver : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void registerDriverIsIdempotentAcrossThreads();
    void features();
    void fileIsEncryptedOnDisk();
    void cipherVersionIsReported();
    void pragmasAfterOpen_data();
    void pragmasAfterOpen();
    void dataSurvivesReopen();
    void wrongKeyLeavesFileUntouched_data();
    void wrongKeyLeavesFileUntouched();
    void wrongKeyLeavesWalUntouched_data();
    void wrongKeyLeavesWalUntouched();
    void noCreateFailsOnMissingFile();
    void malformedKeyIsRejected_data();
    void malformedKeyIsRejected();
    void badConnectOptionIsRejected_data();
    void badConnectOptionIsRejected();
    void foreignKeysAreEnforced();
    void positionalPlaceholders();
    void namedPlaceholders();
    void namedPlaceholderUsedTwice();
    void placeholderCountMismatch();
    void nullPerDeclaredType_data();
    void nullPerDeclaredType();
    void emptyValuesAreNotNull();
    void int64RoundTrip_data();
    void int64RoundTrip();
    void unsignedOverflowIsRejected();
    void blobRoundTrip_data();
    void blobRoundTrip();
    void textRoundTrip_data();
    void textRoundTrip();
    void dateTimeIsRejected();
    void commitAndRollback();
    void transactionErrors();
    void lastInsertIdAndRowsAffected();
    void forwardOnlyStreamsLargeResult();
    void forwardOnlyLast();
    void scrollableQuerySeeks();
    void tablesRecordAndPrimaryIndex();
    void queryRecord();
    void escapeIdentifier_data();
    void escapeIdentifier();
    void oddTableName();
    void syntaxErrorIsStatementError();
    void oneStatementPerQuery();
    void twoConnectionsShareTheFile();
    void busyWriterIsReportedClearly();
    void transactionAfterHalfReadResult_data();
    void transactionAfterHalfReadResult();
    void closeWithLiveQueries();
    void readOnlyConnection();

private:
    void createDatabase(const QString &path);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestSqlCipherDriver::initTestCase()
{
    SqlCipherDriver::registerDriver();
    SqlCipherDriver::registerDriver();
    QVERIFY(QSqlDatabase::isDriverAvailable(u"QSQLCIPHER"_s));
    QCOMPARE(QSqlDatabase::drivers().count(u"QSQLCIPHER"_s), 1);
}

void TestSqlCipherDriver::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"chargedesk.db"_s);
}

void TestSqlCipherDriver::cleanup()
{
    m_dir.reset();
}

// A database with table t(id INTEGER PRIMARY KEY, v TEXT) holding one row, closed again.
void TestSqlCipherDriver::createDatabase(const QString &path)
{
    Connection c(path);
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    QVERIFY(run(c.db(), u"CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)"_s));
    QVERIFY(run(c.db(), u"INSERT INTO t(v) VALUES('first')"_s));
}

void TestSqlCipherDriver::registerDriverIsIdempotentAcrossThreads()
{
    std::vector<std::unique_ptr<QThread>> threads;
    for (int i = 0; i < 4; ++i)
        threads.emplace_back(QThread::create(&SqlCipherDriver::registerDriver));
    for (const auto &thread : threads)
        thread->start();
    for (const auto &thread : threads)
        QVERIFY(thread->wait(10000));
    QCOMPARE(QSqlDatabase::drivers().count(u"QSQLCIPHER"_s), 1);
}

void TestSqlCipherDriver::features()
{
    const SqlCipherDriver driver;
    for (auto f : {QSqlDriver::Transactions, QSqlDriver::BLOB, QSqlDriver::Unicode, QSqlDriver::PreparedQueries,
                   QSqlDriver::NamedPlaceholders, QSqlDriver::PositionalPlaceholders, QSqlDriver::LastInsertId,
                   QSqlDriver::SimpleLocking}) {
        QVERIFY2(driver.hasFeature(f), qPrintable(QString::number(f)));
    }
    for (auto f : {QSqlDriver::QuerySize, QSqlDriver::EventNotifications, QSqlDriver::BatchOperations,
                   QSqlDriver::MultipleResultSets, QSqlDriver::CancelQuery, QSqlDriver::LowPrecisionNumbers}) {
        QVERIFY2(!driver.hasFeature(f), qPrintable(QString::number(f)));
    }
}

void TestSqlCipherDriver::fileIsEncryptedOnDisk()
{
    const QByteArray marker = "CHARGEDESK-PLAINTEXT-MARKER";
    {
        Connection c(m_path);
        QVERIFY2(c.open(), qPrintable(c.lastError().text()));
        QVERIFY(run(c.db(), u"CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)"_s));
        QSqlQuery insert(c.db());
        QVERIFY(insert.prepare(u"INSERT INTO notes(body) VALUES(?)"_s));
        insert.addBindValue(QString::fromLatin1(marker));
        QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));

        // While open, the data sits in the WAL: that must be encrypted too.
        QFile wal(m_path + u"-wal"_s);
        QVERIFY(wal.open(QIODevice::ReadOnly));
        const QByteArray walBytes = wal.readAll();
        QVERIFY(walBytes.size() > 0);
        QVERIFY(!walBytes.contains(marker));
    }
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.size() >= 1024);
    QVERIFY(!bytes.startsWith(QByteArray("SQLite format 3\0", 16)));
    QVERIFY(!bytes.contains(marker));
    QVERIFY(!bytes.contains("CREATE TABLE"));
    // The last connection to close checkpoints the WAL and removes it.
    QCOMPARE(sideFiles(m_path), QStringList());
}

void TestSqlCipherDriver::cipherVersionIsReported()
{
    Connection c(m_path);
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    const QString version = scalar(c.db(), u"PRAGMA cipher_version"_s).toString();
    QVERIFY(!version.isEmpty());
    QVERIFY(c.driver());
    QCOMPARE(c.driver()->cipherVersion(), version);
    QVERIFY(c.db().driver()->handle().value<void *>() != nullptr);
    qInfo("SQLCipher %s, SQLite %s", qPrintable(version),
          qPrintable(scalar(c.db(), u"SELECT sqlite_version()"_s).toString()));
}

void TestSqlCipherDriver::pragmasAfterOpen_data()
{
    QTest::addColumn<QString>("options");
    QTest::addColumn<int>("busyTimeout");
    QTest::newRow("defaults") << QString() << 15000;
    QTest::newRow("busy timeout") << u"QSQLCIPHER_BUSY_TIMEOUT=1234"_s << 1234;
    QTest::newRow("spaces and separators") << u" ; QSQLCIPHER_BUSY_TIMEOUT = 250 ;"_s << 250;
}

void TestSqlCipherDriver::pragmasAfterOpen()
{
    QFETCH(QString, options);
    QFETCH(int, busyTimeout);
    Connection c(m_path, kKey, options);
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    QCOMPARE(scalar(c.db(), u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
    QCOMPARE(scalar(c.db(), u"PRAGMA synchronous"_s).toInt(), 2);  // FULL
    QCOMPARE(scalar(c.db(), u"PRAGMA foreign_keys"_s).toInt(), 1);
    QCOMPARE(scalar(c.db(), u"PRAGMA busy_timeout"_s).toInt(), busyTimeout);
}

void TestSqlCipherDriver::dataSurvivesReopen()
{
    createDatabase(m_path);
    if (QTest::currentTestFailed())
        return;
    Connection c(m_path);
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    QCOMPARE(scalar(c.db(), u"SELECT v FROM t"_s).toString(), u"first"_s);
    c.db().close();
    // The same raw key in upper case is the same key.
    c.db().setPassword(kKey.toUpper());
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    QCOMPARE(scalar(c.db(), u"SELECT count(*) FROM t"_s).toInt(), 1);
}

void TestSqlCipherDriver::wrongKeyLeavesFileUntouched_data()
{
    QTest::addColumn<QString>("content");
    QTest::newRow("encrypted with another key") << u"other key"_s;
    QTest::newRow("random bytes") << u"random"_s;
    QTest::newRow("plain SQLite database") << u"plain"_s;
}

void TestSqlCipherDriver::wrongKeyLeavesFileUntouched()
{
    QFETCH(QString, content);
    if (content == u"other key") {
        createDatabase(m_path);
        if (QTest::currentTestFailed())
            return;
    } else if (content == u"random") {
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(randomBytes(8192));
    } else {
        if (!QSqlDatabase::isDriverAvailable(u"QSQLITE"_s))
            QSKIP("the QSQLITE plugin is not installed");
        {
            QSqlDatabase plain = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"plain"_s);
            plain.setDatabaseName(m_path);
            QVERIFY(plain.open());
            QVERIFY(run(plain, u"CREATE TABLE t(v TEXT)"_s));
            plain.close();
        }
        QSqlDatabase::removeDatabase(u"plain"_s);
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.read(16), QByteArray("SQLite format 3\0", 16));
    }
    QCOMPARE(sideFiles(m_path), QStringList());
    const QByteArray before = fileHash(m_path);
    QVERIFY(!before.isEmpty());
    {
        Connection c(m_path, content == u"other key" ? kOtherKey : kKey, u"QSQLCIPHER_NO_CREATE"_s);
        QVERIFY(!c.open());
        const QSqlError error = c.lastError();
        QCOMPARE(error.nativeErrorCode(), u"SQLITE_NOTADB"_s);
        QCOMPARE(error.type(), QSqlError::ConnectionError);
        QVERIFY2(error.text().contains(u"key does not open"_s), qPrintable(error.text()));
        QVERIFY(!c.db().isOpen());
        QVERIFY(c.driver()->cipherVersion().isEmpty());
    }
    QCOMPARE(fileHash(m_path), before);
    QCOMPARE(sideFiles(m_path), QStringList());
}

void TestSqlCipherDriver::wrongKeyLeavesWalUntouched_data()
{
    QTest::addColumn<bool>("crashed");
    QTest::newRow("WAL left by a crashed process") << true;
    QTest::newRow("another connection is open") << false;
}

// A read-write connection refused by the key would still checkpoint a WAL into the file when it
// closes; the driver must not let that happen.
void TestSqlCipherDriver::wrongKeyLeavesWalUntouched()
{
    QFETCH(bool, crashed);
    const QString source = crashed ? m_dir->filePath(u"source.db"_s) : m_path;
    auto owner = std::make_unique<Connection>(source);
    QVERIFY2(owner->open(), qPrintable(owner->lastError().text()));
    QVERIFY(run(owner->db(), u"CREATE TABLE t(v TEXT)"_s));
    QVERIFY(run(owner->db(), u"INSERT INTO t(v) VALUES('in the WAL')"_s));
    if (crashed) {
        // Copied while open: the copy looks like a database whose process died before checkpointing.
        QVERIFY(QFile::copy(source, m_path));
        QVERIFY(QFile::copy(source + u"-wal"_s, m_path + u"-wal"_s));
        owner.reset();
    }
    const QString wal = m_path + u"-wal"_s;
    QVERIFY(QFileInfo(wal).size() > 0);
    const QByteArray fileBefore = fileHash(m_path);
    const QByteArray walBefore = fileHash(wal);
    {
        Connection c(m_path, kOtherKey, u"QSQLCIPHER_NO_CREATE"_s);
        QVERIFY(!c.open());
        QCOMPARE(c.lastError().nativeErrorCode(), u"SQLITE_NOTADB"_s);
        QVERIFY2(c.lastError().text().contains(u"key does not open"_s), qPrintable(c.lastError().text()));
    }
    QCOMPARE(fileHash(m_path), fileBefore);
    QCOMPARE(fileHash(wal), walBefore);

    owner.reset();
    Connection c(m_path);
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    QCOMPARE(scalar(c.db(), u"SELECT v FROM t"_s).toString(), u"in the WAL"_s);
}

void TestSqlCipherDriver::noCreateFailsOnMissingFile()
{
    {
        Connection c(m_path, kKey, u"QSQLCIPHER_NO_CREATE"_s);
        QVERIFY(!c.open());
        QCOMPARE(c.lastError().nativeErrorCode(), u"SQLITE_CANTOPEN"_s);
        QCOMPARE(c.lastError().type(), QSqlError::ConnectionError);
    }
    QVERIFY(!QFile::exists(m_path));
    QVERIFY(QDir(m_dir->path()).isEmpty());

    // An existing database opens normally with the option.
    createDatabase(m_path);
    if (QTest::currentTestFailed())
        return;
    Connection c(m_path, kKey, u"QSQLCIPHER_NO_CREATE"_s);
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
}

void TestSqlCipherDriver::malformedKeyIsRejected_data()
{
    QTest::addColumn<QString>("key");
    QTest::newRow("63 hex digits") << kKey.left(63);
    QTest::newRow("65 hex digits") << kKey + u'0';
    QTest::newRow("non-hex digit") << kKey.left(63) + u'g';
    QTest::newRow("passphrase") << u"correct horse battery staple"_s;
    QTest::newRow("64-character passphrase") << QString(64, u'p');
    QTest::newRow("quote injection") << kKey.left(58) + u"'\"; --"_s;
    QTest::newRow("already wrapped") << u"x'"_s + kKey + u"'"_s;
    QTest::newRow("space inside") << kKey.left(32) + u' ' + kKey.mid(33);
    QTest::newRow("non-ASCII digits") << QString(64, QChar(0x0661));
    QTest::newRow("fullwidth letters") << QString(64, QChar(0xFF41));
    QTest::newRow("empty") << QString();
}

void TestSqlCipherDriver::malformedKeyIsRejected()
{
    QFETCH(QString, key);
    {
        Connection c(m_path, key);
        QVERIFY(!c.open());
        const QSqlError error = c.lastError();
        QCOMPARE(error.type(), QSqlError::ConnectionError);
        QVERIFY2(error.text().contains(u"64 hexadecimal digits"_s), qPrintable(error.text()));
        if (!key.isEmpty())
            QVERIFY(!error.text().contains(key));  // the key never shows up in a message
    }
    QVERIFY(!QFile::exists(m_path));
}

void TestSqlCipherDriver::badConnectOptionIsRejected_data()
{
    QTest::addColumn<QString>("options");
    QTest::newRow("timeout not a number") << u"QSQLCIPHER_BUSY_TIMEOUT=abc"_s;
    QTest::newRow("negative timeout") << u"QSQLCIPHER_BUSY_TIMEOUT=-5"_s;
    QTest::newRow("QSQLITE option") << u"QSQLITE_BUSY_TIMEOUT=10"_s;
    QTest::newRow("flag with a value") << u"QSQLCIPHER_NO_CREATE=1"_s;
    QTest::newRow("typo") << u"QSQLCIPHER_NO_CREAT"_s;
}

void TestSqlCipherDriver::badConnectOptionIsRejected()
{
    QFETCH(QString, options);
    {
        Connection c(m_path, kKey, options);
        QVERIFY(!c.open());
        QCOMPARE(c.lastError().type(), QSqlError::ConnectionError);
        QVERIFY2(c.lastError().text().contains(u"connect option"_s), qPrintable(c.lastError().text()));
    }
    QVERIFY(!QFile::exists(m_path));
}

void TestSqlCipherDriver::foreignKeysAreEnforced()
{
    Connection c(m_path);
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    QVERIFY(run(c.db(), u"CREATE TABLE station(id INTEGER PRIMARY KEY)"_s));
    QVERIFY(run(c.db(), u"CREATE TABLE connector(id INTEGER PRIMARY KEY, "
                        "station_id INTEGER NOT NULL REFERENCES station(id))"_s));
    QSqlQuery query(c.db());
    QVERIFY(!query.exec(u"INSERT INTO connector(station_id) VALUES(42)"_s));
    QCOMPARE(query.lastError().type(), QSqlError::StatementError);
    QCOMPARE(query.lastError().nativeErrorCode(), u"SQLITE_CONSTRAINT"_s);
    QVERIFY2(query.lastError().databaseText().contains(u"FOREIGN KEY"_s), qPrintable(query.lastError().text()));
    QCOMPARE(scalar(c.db(), u"SELECT count(*) FROM connector"_s).toInt(), 0);
    QVERIFY(run(c.db(), u"INSERT INTO station(id) VALUES(42)"_s));
    QVERIFY2(query.exec(u"INSERT INTO connector(station_id) VALUES(42)"_s), qPrintable(query.lastError().text()));
}

void TestSqlCipherDriver::positionalPlaceholders()
{
    Connection c(m_path);
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    QVERIFY(run(c.db(), u"CREATE TABLE p(a INTEGER, b TEXT, c REAL)"_s));
    QSqlQuery insert(c.db());
    QVERIFY(insert.prepare(u"INSERT INTO p(a, b, c) VALUES(?, ?, ?)"_s));
    insert.addBindValue(1);
    insert.addBindValue(u"one"_s);
    insert.addBindValue(1.5);
    QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
    insert.bindValue(0, 2);
    insert.bindValue(1, u"two"_s);
    insert.bindValue(2, 2.5);
    QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));

    QSqlQuery select(c.db());
    QVERIFY(select.prepare(u"SELECT a, b, c, '?:literal' FROM p WHERE a > ? ORDER BY a"_s));
    select.addBindValue(0);
    QVERIFY2(select.exec(), qPrintable(select.lastError().text()));
    QVERIFY(select.next());
    QCOMPARE(select.value(0).toLongLong(), 1);
    QCOMPARE(select.value(1).toString(), u"one"_s);
    QCOMPARE(select.value(2).toDouble(), 1.5);
    QCOMPARE(select.value(3).toString(), u"?:literal"_s);
    QVERIFY(select.next());
    QCOMPARE(select.value(1).toString(), u"two"_s);
    QVERIFY(!select.next());
}

void TestSqlCipherDriver::namedPlaceholders()
{
    Connection c(m_path);
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    QVERIFY(run(c.db(), u"CREATE TABLE n(id INTEGER PRIMARY KEY, name TEXT, power_w INTEGER)"_s));
    QSqlQuery insert(c.db());
    QVERIFY(insert.prepare(u"INSERT INTO n(id, name, power_w) VALUES(:id, :name, :power)"_s));
    insert.bindValue(u":power"_s, 22000);  // bound in another order than written
    insert.bindValue(u":name"_s, u"CP-1"_s);
    insert.bindValue(u":id"_s, 7);
    QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));

    QSqlQuery select(c.db());
    QVERIFY(select.prepare(u"SELECT name, power_w, ':id' FROM n WHERE id = :id"_s));
    select.bindValue(u":id"_s, 7);
    QVERIFY2(select.exec(), qPrintable(select.lastError().text()));
    QVERIFY(select.next());
    QCOMPARE(select.value(0).toString(), u"CP-1"_s);
    QCOMPARE(select.value(1).toLongLong(), 22000);
    QCOMPARE(select.value(2).toString(), u":id"_s);
}

void TestSqlCipherDriver::namedPlaceholderUsedTwice()
{
    Connection c(m_path);
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    QSqlQuery query(c.db());
    QVERIFY(query.prepare(u"SELECT :x + :x, :y, :x * 10"_s));
    query.bindValue(u":x"_s, 21);
    query.bindValue(u":y"_s, u"y"_s);
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toLongLong(), 42);
    QCOMPARE(query.value(1).toString(), u"y"_s);
    QCOMPARE(query.value(2).toLongLong(), 210);

    QVERIFY(run(c.db(), u"CREATE TABLE twice(a INTEGER, b INTEGER, c TEXT)"_s));
    QVERIFY(query.prepare(u"INSERT INTO twice(a, c, b) VALUES(:v, :label, :v)"_s));
    query.bindValue(u":v"_s, 5);
    query.bindValue(u":label"_s, u"five"_s);
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    QVERIFY(query.exec(u"SELECT a, b, c FROM twice"_s));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toLongLong(), 5);
    QCOMPARE(query.value(1).toLongLong(), 5);
    QCOMPARE(query.value(2).toString(), u"five"_s);
}

void TestSqlCipherDriver::placeholderCountMismatch()
{
    Connection c(m_path);
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    QSqlQuery query(c.db());
    QVERIFY(query.prepare(u"SELECT ?, ?"_s));
    query.addBindValue(1);
    QVERIFY(!query.exec());
    QCOMPARE(query.lastError().type(), QSqlError::StatementError);
    QVERIFY2(query.lastError().text().contains(u"mismatch"_s), qPrintable(query.lastError().text()));

    QVERIFY(query.prepare(u"SELECT ?"_s));
    query.addBindValue(1);
    query.addBindValue(2);
    QVERIFY(!query.exec());
    QVERIFY2(query.lastError().text().contains(u"mismatch"_s), qPrintable(query.lastError().text()));
}

void TestSqlCipherDriver::nullPerDeclaredType_data()
{
    QTest::addColumn<QString>("declared");
    QTest::addColumn<QMetaType>("type");
    QTest::newRow("INTEGER") << u"INTEGER"_s << QMetaType::fromType<qlonglong>();
    QTest::newRow("BIGINT") << u"BIGINT"_s << QMetaType::fromType<qlonglong>();
    QTest::newRow("REAL") << u"REAL"_s << QMetaType::fromType<double>();
    QTest::newRow("NUMERIC") << u"NUMERIC"_s << QMetaType::fromType<double>();
    QTest::newRow("TEXT") << u"TEXT"_s << QMetaType::fromType<QString>();
    QTest::newRow("VARCHAR(20)") << u"VARCHAR(20)"_s << QMetaType::fromType<QString>();
    QTest::newRow("BLOB") << u"BLOB"_s << QMetaType::fromType<QByteArray>();
}

void TestSqlCipherDriver::nullPerDeclaredType()
{
    QFETCH(QString, declared);
    QFETCH(QMetaType, type);
    Connection c(m_path);
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    QVERIFY(run(c.db(), u"CREATE TABLE n(id INTEGER PRIMARY KEY, v %1)"_s.arg(declared)));
    QSqlQuery query(c.db());
    QVERIFY(query.prepare(u"INSERT INTO n(v) VALUES(?)"_s));
    for (const QVariant &null : {QVariant(type), QVariant()}) {
        query.addBindValue(null);
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    }
    QVERIFY(query.exec(u"SELECT v, typeof(v) FROM n ORDER BY id"_s));
    QCOMPARE(query.record().field(0).metaType(), type);
    int rows = 0;
    while (query.next()) {
        ++rows;
        QVERIFY(query.isNull(0));
        QVERIFY(query.value(0).isNull());
        QCOMPARE(query.value(0).metaType(), type);
        QCOMPARE(query.value(1).toString(), u"null"_s);
    }
    QCOMPARE(rows, 2);

    // An expression has no declared type: its NULL is an invalid QVariant.
    QVERIFY(query.exec(u"SELECT NULL"_s));
    QVERIFY(query.next());
    QVERIFY(query.isNull(0));
    QVERIFY(!query.value(0).isValid());
}

void TestSqlCipherDriver::emptyValuesAreNotNull()
{
    Connection c(m_path);
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    QSqlQuery query(c.db());
    QVERIFY(query.prepare(u"SELECT typeof(?), typeof(?), typeof(?), typeof(?)"_s));
    query.addBindValue(QString(u""_s));
    query.addBindValue(QByteArray(""));
    query.addBindValue(QString());     // a null QString is NULL, as in Qt's own drivers
    query.addBindValue(QByteArray());  // so is a null QByteArray
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), u"text"_s);
    QCOMPARE(query.value(1).toString(), u"blob"_s);
    QCOMPARE(query.value(2).toString(), u"null"_s);
    QCOMPARE(query.value(3).toString(), u"null"_s);

    QVERIFY(query.exec(u"SELECT '', x''"_s));
    QVERIFY(query.next());
    QVERIFY(!query.isNull(0));
    QVERIFY(!query.isNull(1));
    QCOMPARE(query.value(0).metaType(), QMetaType::fromType<QString>());
    QCOMPARE(query.value(1).metaType(), QMetaType::fromType<QByteArray>());
}

void TestSqlCipherDriver::int64RoundTrip_data()
{
    QTest::addColumn<QVariant>("bound");
    QTest::addColumn<qlonglong>("expected");
    QTest::newRow("min") << QVariant(std::numeric_limits<qlonglong>::min()) << std::numeric_limits<qlonglong>::min();
    QTest::newRow("max") << QVariant(std::numeric_limits<qlonglong>::max()) << std::numeric_limits<qlonglong>::max();
    QTest::newRow("zero") << QVariant(qlonglong(0)) << qlonglong(0);
    QTest::newRow("minus one") << QVariant(qlonglong(-1)) << qlonglong(-1);
    QTest::newRow("2^53 + 1") << QVariant(qlonglong(9007199254740993LL)) << qlonglong(9007199254740993LL);
    QTest::newRow("int") << QVariant(-123456) << qlonglong(-123456);
    QTest::newRow("uint max") << QVariant(std::numeric_limits<uint>::max()) << qlonglong(4294967295LL);
    QTest::newRow("qulonglong at int64 max")
        << QVariant(qulonglong(std::numeric_limits<qlonglong>::max())) << std::numeric_limits<qlonglong>::max();
    QTest::newRow("bool") << QVariant(true) << qlonglong(1);
}

void TestSqlCipherDriver::int64RoundTrip()
{
    QFETCH(QVariant, bound);
    QFETCH(qlonglong, expected);
    Connection c(m_path);
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    QVERIFY(run(c.db(), u"CREATE TABLE i(v INTEGER)"_s));
    QSqlQuery query(c.db());
    QVERIFY(query.prepare(u"INSERT INTO i(v) VALUES(:v)"_s));
    query.bindValue(u":v"_s, bound);
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    QVERIFY(query.exec(u"SELECT v, typeof(v) FROM i"_s));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).metaType(), QMetaType::fromType<qlonglong>());
    QCOMPARE(query.value(0).toLongLong(), expected);
    QCOMPARE(query.value(1).toString(), u"integer"_s);
}

void TestSqlCipherDriver::unsignedOverflowIsRejected()
{
    Connection c(m_path);
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    QSqlQuery query(c.db());
    QVERIFY(query.prepare(u"SELECT ?"_s));
    query.addBindValue(std::numeric_limits<qulonglong>::max());
    QVERIFY(!query.exec());
    QCOMPARE(query.lastError().type(), QSqlError::StatementError);
    QVERIFY2(query.lastError().text().contains(u"64-bit"_s), qPrintable(query.lastError().text()));
}

void TestSqlCipherDriver::blobRoundTrip_data()
{
    QTest::addColumn<QByteArray>("blob");
    QTest::newRow("embedded zero bytes") << QByteArray("\0a\0b\0", 5);
    QTest::newRow("only zero bytes") << QByteArray(16, '\0');
    QTest::newRow("empty") << QByteArray("");
    QByteArray everyByte(256, Qt::Uninitialized);
    for (int i = 0; i < 256; ++i)
        everyByte[i] = static_cast<char>(i);
    QTest::newRow("every byte value") << everyByte;
    QTest::newRow("1 MiB") << randomBytes(1 << 20);
}

void TestSqlCipherDriver::blobRoundTrip()
{
    QFETCH(QByteArray, blob);
    Connection c(m_path);
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    QVERIFY(run(c.db(), u"CREATE TABLE b(v BLOB)"_s));
    QSqlQuery query(c.db());
    QVERIFY(query.prepare(u"INSERT INTO b(v) VALUES(?)"_s));
    query.addBindValue(blob);
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    QVERIFY(query.exec(u"SELECT v, length(v), typeof(v) FROM b"_s));
    QVERIFY(query.next());
    QVERIFY(!query.isNull(0));
    QCOMPARE(query.value(0).metaType(), QMetaType::fromType<QByteArray>());
    QCOMPARE(query.value(0).toByteArray(), blob);
    QCOMPARE(query.value(1).toLongLong(), blob.size());
    QCOMPARE(query.value(2).toString(), u"blob"_s);
}

void TestSqlCipherDriver::textRoundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("Ukrainian") << u"Зарядна станція «Київ-Поділ»: ґанок, їжак, єнот, ЇЖАК"_s;
    QTest::newRow("Chinese") << u"北京朝阳区充电站 快充桩 7 号"_s;
    QTest::newRow("emoji outside the BMP") << u"⚡🔌🚗"_s;
    QTest::newRow("mixed") << u"Station Ω — Станція 站 🔋 'quoted' \"double\""_s;
}

void TestSqlCipherDriver::textRoundTrip()
{
    QFETCH(QString, text);
    Connection c(m_path);
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    QVERIFY(run(c.db(), u"CREATE TABLE s(v TEXT)"_s));
    QSqlQuery query(c.db());
    QVERIFY(query.prepare(u"INSERT INTO s(v) VALUES(?)"_s));
    query.addBindValue(text);
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    QVERIFY(query.prepare(u"SELECT v, length(v), v = ? FROM s"_s));
    query.addBindValue(text);
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).metaType(), QMetaType::fromType<QString>());
    QCOMPARE(query.value(0).toString(), text);
    QCOMPARE(query.value(1).toLongLong(), text.toUcs4().size());  // SQLite counts code points
    QCOMPARE(query.value(2).toLongLong(), 1);
}

void TestSqlCipherDriver::dateTimeIsRejected()
{
    Connection c(m_path);
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    QVERIFY(run(c.db(), u"CREATE TABLE d(at_ms INTEGER)"_s));
    QSqlQuery query(c.db());
    QVERIFY(query.prepare(u"INSERT INTO d(at_ms) VALUES(?)"_s));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    query.addBindValue(now);
    QVERIFY(!query.exec());
    QCOMPARE(query.lastError().type(), QSqlError::StatementError);
    QVERIFY2(query.lastError().text().contains(u"epoch milliseconds"_s), qPrintable(query.lastError().text()));
    QCOMPARE(scalar(c.db(), u"SELECT count(*) FROM d"_s).toInt(), 0);

    query.bindValue(0, now.toMSecsSinceEpoch());
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    QCOMPARE(scalar(c.db(), u"SELECT at_ms FROM d"_s).toLongLong(), now.toMSecsSinceEpoch());
}

void TestSqlCipherDriver::commitAndRollback()
{
    {
        Connection c(m_path);
        QVERIFY2(c.open(), qPrintable(c.lastError().text()));
        QVERIFY(run(c.db(), u"CREATE TABLE m(v INTEGER)"_s));

        QVERIFY2(c.db().transaction(), qPrintable(c.lastError().text()));
        QVERIFY(run(c.db(), u"INSERT INTO m(v) VALUES(1)"_s));
        QVERIFY(run(c.db(), u"INSERT INTO m(v) VALUES(2)"_s));
        QCOMPARE(scalar(c.db(), u"SELECT count(*) FROM m"_s).toInt(), 2);
        QVERIFY2(c.db().rollback(), qPrintable(c.lastError().text()));
        QCOMPARE(scalar(c.db(), u"SELECT count(*) FROM m"_s).toInt(), 0);

        QVERIFY2(c.db().transaction(), qPrintable(c.lastError().text()));
        QVERIFY(run(c.db(), u"INSERT INTO m(v) VALUES(3)"_s));
        QVERIFY2(c.db().commit(), qPrintable(c.lastError().text()));
        QCOMPARE(scalar(c.db(), u"SELECT count(*) FROM m"_s).toInt(), 1);
    }
    Connection reopened(m_path);
    QVERIFY2(reopened.open(), qPrintable(reopened.lastError().text()));
    QCOMPARE(scalar(reopened.db(), u"SELECT group_concat(v) FROM m"_s).toString(), u"3"_s);
}

void TestSqlCipherDriver::transactionErrors()
{
    Connection c(m_path);
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    QVERIFY(!c.db().commit());
    QCOMPARE(c.lastError().type(), QSqlError::TransactionError);
    QCOMPARE(c.lastError().nativeErrorCode(), u"SQLITE_ERROR"_s);
    QVERIFY2(c.lastError().databaseText().contains(u"no transaction is active"_s), qPrintable(c.lastError().text()));
    QVERIFY(!c.db().rollback());
    QCOMPARE(c.lastError().type(), QSqlError::TransactionError);

    QVERIFY(c.db().transaction());
    QVERIFY(!c.db().transaction());
    QCOMPARE(c.lastError().type(), QSqlError::TransactionError);
    QVERIFY2(c.lastError().databaseText().contains(u"within a transaction"_s), qPrintable(c.lastError().text()));
    QVERIFY(c.db().rollback());
}

void TestSqlCipherDriver::lastInsertIdAndRowsAffected()
{
    Connection c(m_path);
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    QSqlQuery query(c.db());
    QVERIFY(query.exec(u"CREATE TABLE r(id INTEGER PRIMARY KEY, v INTEGER)"_s));
    QCOMPARE(query.numRowsAffected(), 0);

    QVERIFY(query.prepare(u"INSERT INTO r(v) VALUES(?)"_s));
    for (qlonglong expectedId : {1, 2}) {
        query.addBindValue(10 * expectedId);
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        QCOMPARE(query.lastInsertId(), QVariant(expectedId));
        QCOMPARE(query.lastInsertId().metaType(), QMetaType::fromType<qlonglong>());
        QCOMPARE(query.numRowsAffected(), 1);
    }
    QVERIFY(query.exec(u"INSERT INTO r(v) SELECT v + 1 FROM r"_s));
    QCOMPARE(query.numRowsAffected(), 2);
    QCOMPARE(query.lastInsertId().toLongLong(), 4);
    QVERIFY(query.exec(u"UPDATE r SET v = v + 1 WHERE id <= 3"_s));
    QCOMPARE(query.numRowsAffected(), 3);
    QVERIFY(query.exec(u"DELETE FROM r WHERE id = 99"_s));
    QCOMPARE(query.numRowsAffected(), 0);
    QVERIFY(query.exec(u"DELETE FROM r WHERE id >= 3"_s));
    QCOMPARE(query.numRowsAffected(), 2);
    QVERIFY(query.exec(u"SELECT * FROM r"_s));
    QCOMPARE(query.numRowsAffected(), -1);
    QVERIFY(!query.lastInsertId().isValid());
}

void TestSqlCipherDriver::forwardOnlyStreamsLargeResult()
{
    constexpr int rows = 200000;
    Connection c(m_path);
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    QVERIFY(run(c.db(), u"CREATE TABLE big(id INTEGER PRIMARY KEY, label TEXT NOT NULL)"_s));
    QVERIFY(run(c.db(), u"WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < %1) "
                        "INSERT INTO big(id, label) SELECT n, 'row ' || n FROM seq"_s.arg(rows)));

    QSqlQuery query(c.db());
    query.setForwardOnly(true);
    QVERIFY(query.exec(u"SELECT id, label FROM big ORDER BY id"_s));
    QCOMPARE(query.size(), -1);
    qlonglong seen = 0;
    while (query.next()) {
        ++seen;
        if (query.value(0).toLongLong() != seen || query.value(1).toString() != u"row %1"_s.arg(seen))
            QFAIL(qPrintable(u"row %1 holds %2 / %3"_s.arg(seen).arg(query.value(0).toLongLong()).arg(query.value(1).toString())));
    }
    QVERIFY2(!query.lastError().isValid(), qPrintable(query.lastError().text()));
    QCOMPARE(seen, rows);
    QTest::ignoreMessage(QtWarningMsg, "QSqlQuery::seek: cannot seek backwards in a forward only query");
    QVERIFY(!query.previous());
}

void TestSqlCipherDriver::forwardOnlyLast()
{
    Connection c(m_path);
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    QSqlQuery query(c.db());
    query.setForwardOnly(true);
    QVERIFY(query.exec(u"WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 5) "
                       "SELECT n FROM seq"_s));
    QVERIFY(query.next());
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 2);
    QVERIFY(query.last());
    QCOMPARE(query.at(), 4);
    QCOMPARE(query.value(0).toInt(), 5);
    QVERIFY(!query.next());
}

void TestSqlCipherDriver::scrollableQuerySeeks()
{
    Connection c(m_path);
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    QSqlQuery query(c.db());
    QVERIFY(!query.isForwardOnly());
    QVERIFY(query.exec(u"WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 10) "
                       "SELECT n FROM seq"_s));
    QCOMPARE(query.size(), -1);
    QVERIFY(query.seek(4));
    QCOMPARE(query.value(0).toInt(), 5);
    QVERIFY(query.first());
    QCOMPARE(query.value(0).toInt(), 1);
    QVERIFY(query.last());
    QCOMPARE(query.at(), 9);
    QCOMPARE(query.value(0).toInt(), 10);
    QVERIFY(query.previous());
    QCOMPARE(query.value(0).toInt(), 9);
    QVERIFY(query.seek(-3, true));
    QCOMPARE(query.value(0).toInt(), 6);
    QVERIFY(!query.seek(10));
    QCOMPARE(query.at(), int(QSql::AfterLastRow));
    QVERIFY(query.seek(0));
    QVERIFY(!query.previous());
    QCOMPARE(query.at(), int(QSql::BeforeFirstRow));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 1);
}

void TestSqlCipherDriver::tablesRecordAndPrimaryIndex()
{
    Connection c(m_path);
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    QVERIFY(run(c.db(), u"CREATE TABLE stations(id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                        "max_power_w INTEGER DEFAULT 22000, rating REAL, photo BLOB, note VARCHAR(80) DEFAULT 'n''a')"_s));
    QVERIFY(run(c.db(), u"CREATE TABLE events(id INTEGER PRIMARY KEY AUTOINCREMENT, station_id INTEGER)"_s));
    QVERIFY(run(c.db(), u"CREATE TABLE pairs(a TEXT, b INTEGER, PRIMARY KEY (b, a))"_s));
    QVERIFY(run(c.db(), u"CREATE VIEW station_names AS SELECT name FROM stations"_s));

    QCOMPARE(c.db().tables(QSql::Tables), (QStringList{u"events"_s, u"pairs"_s, u"stations"_s}));
    QCOMPARE(c.db().tables(QSql::Views), QStringList{u"station_names"_s});
    const QStringList system = c.db().tables(QSql::SystemTables);
    QVERIFY2(system.contains(u"sqlite_master"_s) && system.contains(u"sqlite_sequence"_s), qPrintable(system.join(u',')));
    QCOMPARE(c.db().tables(QSql::AllTables).size(), 4 + system.size());

    const QSqlRecord record = c.db().record(u"stations"_s);
    QCOMPARE(record.count(), 6);
    const QStringList names{u"id"_s, u"name"_s, u"max_power_w"_s, u"rating"_s, u"photo"_s, u"note"_s};
    const QList<QMetaType> types{QMetaType::fromType<qlonglong>(), QMetaType::fromType<QString>(),
                                 QMetaType::fromType<qlonglong>(), QMetaType::fromType<double>(),
                                 QMetaType::fromType<QByteArray>(), QMetaType::fromType<QString>()};
    for (int i = 0; i < record.count(); ++i) {
        QCOMPARE(record.fieldName(i), names.at(i));
        QCOMPARE(record.field(i).metaType(), types.at(i));
    }
    QVERIFY(record.field(u"id"_s).isAutoValue());
    QCOMPARE(record.field(u"name"_s).requiredStatus(), QSqlField::Required);
    QCOMPARE(record.field(u"rating"_s).requiredStatus(), QSqlField::Optional);
    QCOMPARE(record.field(u"max_power_w"_s).defaultValue().toString(), u"22000"_s);
    QCOMPARE(record.field(u"note"_s).defaultValue().toString(), u"n'a"_s);
    QVERIFY(c.db().record(u"no_such_table"_s).isEmpty());

    const QSqlIndex stationKey = c.db().primaryIndex(u"stations"_s);
    QCOMPARE(stationKey.count(), 1);
    QCOMPARE(stationKey.fieldName(0), u"id"_s);
    const QSqlIndex pairKey = c.db().primaryIndex(u"pairs"_s);
    QCOMPARE(pairKey.count(), 2);
    QCOMPARE(pairKey.fieldName(0), u"b"_s);
    QCOMPARE(pairKey.fieldName(1), u"a"_s);
    QVERIFY(!c.db().record(u"pairs"_s).field(u"b"_s).isAutoValue());
}

void TestSqlCipherDriver::queryRecord()
{
    Connection c(m_path);
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    QVERIFY(run(c.db(), u"CREATE TABLE q(id INTEGER PRIMARY KEY, name TEXT, price_minor INTEGER)"_s));
    QSqlQuery query(c.db());
    QVERIFY(query.exec(u"SELECT id, name AS label, price_minor FROM q"_s));
    QSqlRecord record = query.record();
    QCOMPARE(record.count(), 3);
    QCOMPARE(record.fieldName(1), u"label"_s);
    QCOMPARE(record.field(0).metaType(), QMetaType::fromType<qlonglong>());
    QCOMPARE(record.field(1).metaType(), QMetaType::fromType<QString>());

    // Expressions have no declared type: the first row's values decide.
    QVERIFY(query.exec(u"SELECT 1 + 1 AS two, 'x' || 'y' AS xy, 0.5 AS half"_s));
    record = query.record();
    QCOMPARE(record.field(u"two"_s).metaType(), QMetaType::fromType<qlonglong>());
    QCOMPARE(record.field(u"xy"_s).metaType(), QMetaType::fromType<QString>());
    QCOMPARE(record.field(u"half"_s).metaType(), QMetaType::fromType<double>());
    QVERIFY(query.next());
    QCOMPARE(query.value(2).toDouble(), 0.5);
}

void TestSqlCipherDriver::escapeIdentifier_data()
{
    QTest::addColumn<QString>("identifier");
    QTest::addColumn<QString>("escaped");
    QTest::newRow("plain") << u"stations"_s << u"\"stations\""_s;
    QTest::newRow("embedded quote") << u"a\"b"_s << u"\"a\"\"b\""_s;
    QTest::newRow("already escaped") << u"\"stations\""_s << u"\"stations\""_s;
    QTest::newRow("already escaped with quote") << u"\"a\"\"b\""_s << u"\"a\"\"b\""_s;
    QTest::newRow("looks escaped, is not") << u"\"x\"; DROP TABLE t; --\""_s << u"\"\"\"x\"\"; DROP TABLE t; --\"\"\""_s;
    QTest::newRow("lone quote") << u"\""_s << u"\"\"\"\""_s;
}

void TestSqlCipherDriver::escapeIdentifier()
{
    QFETCH(QString, identifier);
    QFETCH(QString, escaped);
    const SqlCipherDriver driver;
    QCOMPARE(driver.escapeIdentifier(identifier, QSqlDriver::TableName), escaped);
    QVERIFY(driver.isIdentifierEscaped(escaped, QSqlDriver::TableName));
}

void TestSqlCipherDriver::oddTableName()
{
    Connection c(m_path);
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    const QString name = u"odd \"name\"; --"_s;
    const QString escaped = c.db().driver()->escapeIdentifier(name, QSqlDriver::TableName);
    QVERIFY(run(c.db(), u"CREATE TABLE %1(v INTEGER PRIMARY KEY)"_s.arg(escaped)));
    QVERIFY(c.db().tables().contains(name));
    QCOMPARE(c.db().record(name).count(), 1);
    QCOMPARE(c.db().record(escaped).count(), 1);
    QCOMPARE(c.db().primaryIndex(name).fieldName(0), u"v"_s);
    QCOMPARE(c.db().driver()->stripDelimiters(escaped, QSqlDriver::TableName), name);
}

void TestSqlCipherDriver::syntaxErrorIsStatementError()
{
    Connection c(m_path);
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    QSqlQuery query(c.db());
    QVERIFY(!query.exec(u"SELEC 1"_s));
    QCOMPARE(query.lastError().type(), QSqlError::StatementError);
    QCOMPARE(query.lastError().nativeErrorCode(), u"SQLITE_ERROR"_s);
    QVERIFY2(query.lastError().databaseText().contains(u"syntax error"_s), qPrintable(query.lastError().text()));

    QVERIFY(!query.prepare(u"SELECT * FROM no_such_table WHERE id = ?"_s));
    QCOMPARE(query.lastError().type(), QSqlError::StatementError);
    QVERIFY2(query.lastError().databaseText().contains(u"no such table"_s), qPrintable(query.lastError().text()));

    // The same query object works again afterwards.
    QVERIFY(query.exec(u"SELECT 1"_s));
    QVERIFY(query.next());
    QVERIFY(!query.lastError().isValid());
}

void TestSqlCipherDriver::oneStatementPerQuery()
{
    Connection c(m_path);
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    QVERIFY(run(c.db(), u"CREATE TABLE o(v INTEGER)"_s));
    QSqlQuery query(c.db());
    QVERIFY(!query.exec(u"INSERT INTO o VALUES(1); DROP TABLE o"_s));
    QCOMPARE(query.lastError().type(), QSqlError::StatementError);
    QVERIFY(c.db().tables().contains(u"o"_s));
    QCOMPARE(scalar(c.db(), u"SELECT count(*) FROM o"_s).toInt(), 0);

    QVERIFY2(query.exec(u"SELECT 1; -- trailing comment"_s), qPrintable(query.lastError().text()));
    QVERIFY(query.exec(u"SELECT 2;;  \n"_s));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 2);
}

void TestSqlCipherDriver::twoConnectionsShareTheFile()
{
    Connection writer(m_path);
    QVERIFY2(writer.open(), qPrintable(writer.lastError().text()));
    Connection reader(m_path);
    QVERIFY2(reader.open(), qPrintable(reader.lastError().text()));
    QVERIFY(run(writer.db(), u"CREATE TABLE w(v INTEGER)"_s));
    QVERIFY(run(writer.db(), u"INSERT INTO w(v) VALUES(1)"_s));
    QCOMPARE(scalar(reader.db(), u"SELECT count(*) FROM w"_s).toInt(), 1);
    QVERIFY(QFile::exists(m_path + u"-wal"_s));

    QVERIFY(writer.db().transaction());
    QVERIFY(run(writer.db(), u"INSERT INTO w(v) VALUES(2)"_s));
    // WAL: the reader is not blocked by the open write transaction and sees only committed rows.
    QCOMPARE(scalar(reader.db(), u"SELECT count(*) FROM w"_s).toInt(), 1);
    QVERIFY(writer.db().commit());
    QCOMPARE(scalar(reader.db(), u"SELECT count(*) FROM w"_s).toInt(), 2);
}

void TestSqlCipherDriver::transactionAfterHalfReadResult_data()
{
    QTest::addColumn<bool>("forwardOnly");
    QTest::newRow("forward only") << true;
    QTest::newRow("scrollable") << false;
}

// A connection whose SELECT is read only part way holds the snapshot of that SELECT. When
// another connection commits meanwhile, SQLite refuses that snapshot a write lock at once
// (SQLITE_BUSY_SNAPSHOT, no busy timeout). The driver reads such a result to its end before
// BEGIN: the transaction starts, and the caller still reads every row of the old snapshot.
void TestSqlCipherDriver::transactionAfterHalfReadResult()
{
    QFETCH(bool, forwardOnly);
    Connection mine(m_path);
    QVERIFY2(mine.open(), qPrintable(mine.lastError().text()));
    Connection other(m_path);
    QVERIFY2(other.open(), qPrintable(other.lastError().text()));
    QVERIFY(run(mine.db(), u"CREATE TABLE h(id INTEGER PRIMARY KEY, v INTEGER)"_s));
    QVERIFY(run(mine.db(), u"INSERT INTO h(v) VALUES(10), (20), (30)"_s));

    QSqlQuery reading(mine.db());
    reading.setForwardOnly(forwardOnly);
    QVERIFY(reading.exec(u"SELECT v FROM h ORDER BY id"_s));
    QVERIFY(reading.next());
    QCOMPARE(reading.value(0).toInt(), 10);

    QVERIFY(run(other.db(), u"INSERT INTO h(v) VALUES(40)"_s));

    QVERIFY2(mine.db().transaction(), qPrintable(mine.lastError().text()));
    QVERIFY(run(mine.db(), u"INSERT INTO h(v) VALUES(50)"_s));
    QVERIFY2(mine.db().commit(), qPrintable(mine.lastError().text()));

    QList<int> rest;
    while (reading.next())
        rest.append(reading.value(0).toInt());
    QVERIFY2(!reading.lastError().isValid(), qPrintable(reading.lastError().text()));
    QCOMPARE(rest, (QList<int>{20, 30}));
    QCOMPARE(scalar(other.db(), u"SELECT group_concat(v) FROM h"_s).toString(), u"10,20,30,40,50"_s);
}

void TestSqlCipherDriver::busyWriterIsReportedClearly()
{
    Connection first(m_path);
    QVERIFY2(first.open(), qPrintable(first.lastError().text()));
    Connection second(m_path, kKey, u"QSQLCIPHER_BUSY_TIMEOUT=200"_s);
    QVERIFY2(second.open(), qPrintable(second.lastError().text()));
    QVERIFY(run(first.db(), u"CREATE TABLE b(v INTEGER)"_s));

    QVERIFY(first.db().transaction());
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!second.db().transaction());
    QVERIFY(timer.elapsed() >= 150);
    QCOMPARE(second.lastError().type(), QSqlError::TransactionError);
    QCOMPARE(second.lastError().nativeErrorCode(), u"SQLITE_BUSY"_s);
    QVERIFY2(second.lastError().text().contains(u"busy timeout of 200 ms"_s), qPrintable(second.lastError().text()));
    {
        QSqlQuery insert(second.db());
        QVERIFY(!insert.exec(u"INSERT INTO b(v) VALUES(1)"_s));
        QCOMPARE(insert.lastError().type(), QSqlError::StatementError);
        QCOMPARE(insert.lastError().nativeErrorCode(), u"SQLITE_BUSY"_s);
    }
    QVERIFY(first.db().commit());
    QVERIFY2(second.db().transaction(), qPrintable(second.lastError().text()));
    QVERIFY(run(second.db(), u"INSERT INTO b(v) VALUES(2)"_s));
    QVERIFY(second.db().commit());
    QCOMPARE(scalar(first.db(), u"SELECT count(*) FROM b"_s).toInt(), 1);
}

void TestSqlCipherDriver::closeWithLiveQueries()
{
    Connection c(m_path);
    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    QVERIFY(run(c.db(), u"CREATE TABLE l(v INTEGER)"_s));
    QVERIFY(run(c.db(), u"INSERT INTO l(v) VALUES(1), (2), (3)"_s));

    QSqlQuery scrolling(c.db());
    QVERIFY(scrolling.exec(u"SELECT v FROM l ORDER BY v"_s));
    QVERIFY(scrolling.next());
    QSqlQuery streaming(c.db());
    streaming.setForwardOnly(true);
    QVERIFY(streaming.exec(u"SELECT v FROM l ORDER BY v"_s));
    QVERIFY(streaming.next());
    QSqlQuery prepared(c.db());
    QVERIFY(prepared.prepare(u"SELECT v FROM l WHERE v > ?"_s));

    c.db().close();  // statements still alive: the driver finalizes them first
    QVERIFY(!c.db().isOpen());
    QVERIFY2(!c.lastError().isValid(), qPrintable(c.lastError().text()));
    QVERIFY(!scrolling.isActive());
    QVERIFY(!scrolling.next());
    QVERIFY(!streaming.next());

    QVERIFY2(c.open(), qPrintable(c.lastError().text()));
    prepared.addBindValue(1);
    QVERIFY(!prepared.exec());  // its statement belonged to the closed connection
    QVERIFY(prepared.prepare(u"SELECT v FROM l WHERE v > ?"_s));
    prepared.addBindValue(1);
    QVERIFY2(prepared.exec(), qPrintable(prepared.lastError().text()));
    QVERIFY(prepared.next());
    QCOMPARE(prepared.value(0).toInt(), 2);
}

void TestSqlCipherDriver::readOnlyConnection()
{
    createDatabase(m_path);
    if (QTest::currentTestFailed())
        return;
    const QByteArray before = fileHash(m_path);
    {
        // Note: SQLite 3.15 creates -wal and -shm for a read-only reader of a WAL database and
        // cannot remove them when it closes; the database file itself stays as it was.
        Connection c(m_path, kKey, u"QSQLCIPHER_READONLY"_s);
        QVERIFY2(c.open(), qPrintable(c.lastError().text()));
        QCOMPARE(scalar(c.db(), u"SELECT v FROM t"_s).toString(), u"first"_s);
        QCOMPARE(scalar(c.db(), u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
        QSqlQuery insert(c.db());
        QVERIFY(!insert.exec(u"INSERT INTO t(v) VALUES('second')"_s));
        QCOMPARE(insert.lastError().nativeErrorCode(), u"SQLITE_READONLY"_s);
        QVERIFY2(c.db().transaction(), qPrintable(c.lastError().text()));
        QVERIFY(c.db().commit());
    }
    QCOMPARE(fileHash(m_path), before);
}

QTEST_GUILESS_MAIN(TestSqlCipherDriver)
#include "tst_sqlcipherdriver.moc"
