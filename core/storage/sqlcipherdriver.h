#pragma once
// QSQLCIPHER: ChargeDesk's own Qt SQL driver over libsqlcipher (SQLCipher 3.4, SQLite 3.15 API).
//
// The password is the key: exactly 64 hex digits, a raw 256-bit key (never a passphrase).
// open() refuses a file the key does not decrypt (nativeErrorCode "SQLITE_NOTADB", file left
// untouched) and refuses to run on a plain SQLite library. After opening: WAL journal,
// synchronous=FULL, foreign keys on, busy timeout.
//
// Connect options (semicolon separated):
//   QSQLCIPHER_NO_CREATE            a missing file is an error instead of a new database
//   QSQLCIPHER_BUSY_TIMEOUT=<ms>    how long to wait for another connection's lock (default 5000)
//   QSQLCIPHER_READONLY             open read-only (journal mode left as it is)
//
// One connection per thread, as everywhere in QtSql.

#include <QList>
#include <QMetaType>
#include <QSqlDriver>
#include <QSqlError>
#include <QString>

struct sqlite3;

namespace cd::storage {

class SqlCipherResult;

class SqlCipherDriver : public QSqlDriver
{
    Q_OBJECT
public:
    explicit SqlCipherDriver(QObject *parent = nullptr);
    ~SqlCipherDriver() override;

    // "QSQLCIPHER"
    static QString driverName();
    // Registers driverName() with QSqlDatabase exactly once per process (thread-safe, idempotent).
    static void registerDriver();

    // The answer of PRAGMA cipher_version read at open ("3.4.1"); empty while closed.
    QString cipherVersion() const;

    bool hasFeature(DriverFeature feature) const override;
    bool open(const QString &db, const QString &user, const QString &password, const QString &host,
              int port, const QString &connOpts) override;
    void close() override;
    QSqlResult *createResult() const override;
    // The sqlite3 connection handle as a void pointer (null while closed).
    QVariant handle() const override;

    // BEGIN IMMEDIATE (plain BEGIN on a read-only connection), COMMIT, ROLLBACK.
    bool beginTransaction() override;
    bool commitTransaction() override;
    bool rollbackTransaction() override;

    QStringList tables(QSql::TableType type) const override;
    QSqlRecord record(const QString &tableName) const override;
    QSqlIndex primaryIndex(const QString &tableName) const override;

    // Double quotes, embedded double quotes doubled.
    QString escapeIdentifier(const QString &identifier, IdentifierType type) const override;
    bool isIdentifierEscaped(const QString &identifier, IdentifierType type) const override;
    QString stripDelimiters(const QString &identifier, IdentifierType type) const override;

private:
    friend class SqlCipherResult;

    bool failOpen(const QSqlError &error);
    bool queryText(const char *sql, QString *answer, int *rc) const;
    bool execTransactionCommand(const char *sql, const char *failureSource);
    QSqlError sqliteError(int rc, const QString &driverText, QSqlError::ErrorType type) const;
    // SQLite's type-affinity rules applied to a declared column type.
    static QMetaType typeForDeclaredType(const QString &declaredType);

    // Results register themselves so close() can finalize their statements.
    void attachResult(SqlCipherResult *result) const;
    void detachResult(SqlCipherResult *result) const;

    sqlite3 *m_db = nullptr;
    QString m_cipherVersion;
    int m_busyTimeoutMs = 5000;
    bool m_readOnly = false;
    mutable QList<SqlCipherResult *> m_results;
};

}  // namespace cd::storage
