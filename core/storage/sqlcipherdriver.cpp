#include "core/storage/sqlcipherdriver.h"

#include "core/storage/sqlcipherresult.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlRecord>

#include <sqlcipher/sqlite3.h>

#include <algorithm>
#include <optional>

namespace cd::storage {

using namespace Qt::StringLiterals;

namespace {

constexpr int kDefaultBusyTimeoutMs = 15000;  // other processes' writers (in-process ones queue at the WriterGate)

struct ConnectOptions {
    bool noCreate = false;
    bool readOnly = false;
    int busyTimeoutMs = kDefaultBusyTimeoutMs;
};

std::optional<ConnectOptions> parseConnectOptions(const QString &text, QString *problem)
{
    ConnectOptions options;
    const QStringList parts = text.split(u';', Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const qsizetype equals = part.indexOf(u'=');
        const QString name = part.left(equals).trimmed();
        const QString value = equals < 0 ? QString() : part.mid(equals + 1).trimmed();
        if (name.isEmpty() && equals < 0)
            continue;
        if (equals < 0 && name == u"QSQLCIPHER_NO_CREATE") {
            options.noCreate = true;
        } else if (equals < 0 && name == u"QSQLCIPHER_READONLY") {
            options.readOnly = true;
        } else if (equals >= 0 && name == u"QSQLCIPHER_BUSY_TIMEOUT") {
            bool ok = false;
            options.busyTimeoutMs = value.toInt(&ok);
            if (!ok || options.busyTimeoutMs < 0) {
                *problem = SqlCipherDriver::tr("QSQLCIPHER_BUSY_TIMEOUT needs a number of milliseconds, got \"%1\"")
                               .arg(value);
                return std::nullopt;
            }
        } else {
            *problem = SqlCipherDriver::tr("unknown connect option \"%1\"").arg(part.trimmed());
            return std::nullopt;
        }
    }
    return options;
}

bool isAsciiHexDigit(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F');
}

// The only key form accepted: 64 hex digits, i.e. a raw 256-bit key.
bool isRawHexKey(const QString &key)
{
    return key.size() == 64 && std::all_of(key.cbegin(), key.cend(), isAsciiHexDigit);
}

QString sqliteCodeName(int rc)
{
    static const char *const names[] = {
        "SQLITE_OK",       "SQLITE_ERROR",    "SQLITE_INTERNAL", "SQLITE_PERM",     "SQLITE_ABORT",
        "SQLITE_BUSY",     "SQLITE_LOCKED",   "SQLITE_NOMEM",    "SQLITE_READONLY", "SQLITE_INTERRUPT",
        "SQLITE_IOERR",    "SQLITE_CORRUPT",  "SQLITE_NOTFOUND", "SQLITE_FULL",     "SQLITE_CANTOPEN",
        "SQLITE_PROTOCOL", "SQLITE_EMPTY",    "SQLITE_SCHEMA",   "SQLITE_TOOBIG",   "SQLITE_CONSTRAINT",
        "SQLITE_MISMATCH", "SQLITE_MISUSE",   "SQLITE_NOLFS",    "SQLITE_AUTH",     "SQLITE_FORMAT",
        "SQLITE_RANGE",    "SQLITE_NOTADB",   "SQLITE_NOTICE",   "SQLITE_WARNING",
    };
    const int primary = rc & 0xff;
    if (primary >= 0 && primary < int(std::size(names)))
        return QLatin1String(names[primary]);
    return QString::number(rc);
}

QString wrongKeyText(const QString &nativePath)
{
    return SqlCipherDriver::tr("The key does not open the database file %1: wrong key, or not an encrypted "
                               "ChargeDesk database")
        .arg(nativePath);
}

// PRAGMA key, then the first read, which decrypts page 1: SQLITE_NOTADB for a wrong key or a
// file that is not an SQLCipher database. Nothing is written.
int unlock(sqlite3 *handle, const QString &hexKey)
{
    // hexKey was validated as exactly 64 hex digits, so nothing else reaches the statement.
    QByteArray statement = QByteArrayLiteral("PRAGMA key = \"x'") + hexKey.toLatin1() + QByteArrayLiteral("'\";");
    int rc = sqlite3_exec(handle, statement.constData(), nullptr, nullptr, nullptr);
    statement.fill('\0');
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(handle, "SELECT count(*) FROM sqlite_master;", nullptr, nullptr, nullptr);
    return rc;
}

// unlock() on a throw-away read-only connection, which never checkpoints a WAL when it closes.
int probeKeyReadOnly(const QByteArray &path, const QString &hexKey, int busyTimeoutMs, QString *message)
{
    sqlite3 *probe = nullptr;
    int rc = sqlite3_open_v2(path.constData(), &probe, SQLITE_OPEN_READONLY, nullptr);
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(probe, busyTimeoutMs);
        rc = unlock(probe, hexKey);
    }
    if (rc != SQLITE_OK && probe)
        *message = QString::fromUtf8(sqlite3_errmsg(probe));
    sqlite3_close(probe);
    return rc;
}

// Removes the SQL quoting of a default value as PRAGMA table_info reports it ('text' -> text).
QVariant defaultValueFromSql(const QVariant &sql)
{
    if (sql.isNull())
        return {};
    QString text = sql.toString();
    if (text.size() >= 2 && text.startsWith(u'\'') && text.endsWith(u'\''))
        text = text.mid(1, text.size() - 2).replace(u"''"_s, u"'"_s);
    return text;
}

}  // namespace

SqlCipherDriver::SqlCipherDriver(QObject *parent) : QSqlDriver(parent) {}

SqlCipherDriver::~SqlCipherDriver()
{
    close();
}

QString SqlCipherDriver::driverName()
{
    return u"QSQLCIPHER"_s;
}

void SqlCipherDriver::registerDriver()
{
    // A function-local static is initialised exactly once, even with concurrent callers.
    static const bool registered = [] {
        QSqlDatabase::registerSqlDriver(driverName(), new QSqlDriverCreator<SqlCipherDriver>);
        return true;
    }();
    Q_UNUSED(registered);
}

QString SqlCipherDriver::cipherVersion() const
{
    return m_cipherVersion;
}

bool SqlCipherDriver::hasFeature(DriverFeature feature) const
{
    switch (feature) {
    case Transactions:
    case BLOB:
    case Unicode:
    case PreparedQueries:
    case NamedPlaceholders:
    case PositionalPlaceholders:
    case LastInsertId:
    case SimpleLocking:
    case FinishQuery:
        return true;
    case QuerySize:
    case LowPrecisionNumbers:
    case EventNotifications:
    case BatchOperations:
    case MultipleResultSets:
    case CancelQuery:
        return false;
    }
    return false;
}

bool SqlCipherDriver::open(const QString &db, const QString &user, const QString &password,
                           const QString &host, int port, const QString &connOpts)
{
    Q_UNUSED(user);
    Q_UNUSED(host);
    Q_UNUSED(port);
    if (isOpen())
        close();

    QString problem;
    const std::optional<ConnectOptions> options = parseConnectOptions(connOpts, &problem);
    if (!options)
        return failOpen(QSqlError(tr("Invalid connect options: %1").arg(problem), {}, QSqlError::ConnectionError));
    // Checked before anything touches the disk. The key itself never appears in an error.
    if (!isRawHexKey(password)) {
        return failOpen(QSqlError(tr("The database key must be exactly 64 hexadecimal digits (a raw 256-bit "
                                     "key); passphrases are not accepted"),
                                  {}, QSqlError::ConnectionError));
    }
    if (db.isEmpty())
        return failOpen(QSqlError(tr("No database file name given"), {}, QSqlError::ConnectionError));

    m_readOnly = options->readOnly;
    m_busyTimeoutMs = options->busyTimeoutMs;
    const QByteArray path = db.toUtf8();
    const QString nativePath = QDir::toNativeSeparators(db);

    // A WAL file beside the database means a connection is open, or a process died before
    // checkpointing. A read-write connection refused by the key would still checkpoint that WAL
    // into the file when it closes; a read-only one never does, so it tries the key first.
    if (!m_readOnly && QFileInfo::exists(db + u"-wal"_s)) {
        QString message;
        if (probeKeyReadOnly(path, password, m_busyTimeoutMs, &message) == SQLITE_NOTADB) {
            return failOpen(QSqlError(wrongKeyText(nativePath), message, QSqlError::ConnectionError,
                                      sqliteCodeName(SQLITE_NOTADB)));
        }
    }

    int flags = SQLITE_OPEN_READONLY;
    if (!m_readOnly)
        flags = SQLITE_OPEN_READWRITE | (options->noCreate ? 0 : SQLITE_OPEN_CREATE);
    int rc = sqlite3_open_v2(path.constData(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK)
        return failOpen(sqliteError(rc, tr("Cannot open the database file %1").arg(nativePath), QSqlError::ConnectionError));
    sqlite3_busy_timeout(m_db, m_busyTimeoutMs);

    rc = unlock(m_db, password);
    if (rc == SQLITE_NOTADB)
        return failOpen(sqliteError(rc, wrongKeyText(nativePath), QSqlError::ConnectionError));
    if (rc != SQLITE_OK)
        return failOpen(sqliteError(rc, tr("Cannot read the database file %1").arg(nativePath), QSqlError::ConnectionError));

    // Plain SQLite ignores PRAGMA key and answers nothing here: never run unencrypted.
    QString version;
    if (!queryText("PRAGMA cipher_version;", &version, &rc))
        return failOpen(sqliteError(rc, tr("Cannot read the cipher version of %1").arg(nativePath), QSqlError::ConnectionError));
    if (version.isEmpty()) {
        return failOpen(QSqlError(tr("The linked SQLite library is not SQLCipher; refusing to open %1 "
                                     "without encryption")
                                      .arg(nativePath),
                                  {}, QSqlError::ConnectionError));
    }

    if (!m_readOnly) {
        QString mode;
        if (!queryText("PRAGMA journal_mode=WAL;", &mode, &rc))
            return failOpen(sqliteError(rc, tr("Cannot switch %1 to WAL journal mode").arg(nativePath), QSqlError::ConnectionError));
        if (mode.compare(u"wal"_s, Qt::CaseInsensitive) != 0) {
            return failOpen(QSqlError(tr("Cannot switch %1 to WAL journal mode (SQLite answered \"%2\")")
                                          .arg(nativePath, mode),
                                      {}, QSqlError::ConnectionError));
        }
    }
    for (const char *pragma : {"PRAGMA synchronous=FULL;", "PRAGMA foreign_keys=ON;"}) {
        rc = sqlite3_exec(m_db, pragma, nullptr, nullptr, nullptr);
        if (rc != SQLITE_OK) {
            return failOpen(sqliteError(rc, tr("Cannot apply \"%1\"").arg(QLatin1String(pragma)),
                                        QSqlError::ConnectionError));
        }
    }

    m_cipherVersion = version;
    setLastError(QSqlError());
    setOpen(true);
    setOpenError(false);
    return true;
}

bool SqlCipherDriver::failOpen(const QSqlError &error)
{
    if (m_db) {
        sqlite3_close(m_db);
        m_db = nullptr;
    }
    m_cipherVersion.clear();
    setLastError(error);
    setOpen(false);
    setOpenError(true);
    return false;
}

// Runs one statement and returns the first column of its first row as text (empty: no row).
bool SqlCipherDriver::queryText(const char *sql, QString *answer, int *rc) const
{
    answer->clear();
    sqlite3_stmt *stmt = nullptr;
    *rc = sqlite3_prepare_v2(m_db, sql, -1, &stmt, nullptr);
    if (*rc != SQLITE_OK)
        return false;
    *rc = sqlite3_step(stmt);
    if (*rc == SQLITE_ROW) {
        *answer = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)),
                                    sqlite3_column_bytes(stmt, 0));
        *rc = SQLITE_OK;
    } else if (*rc == SQLITE_DONE) {
        *rc = SQLITE_OK;
    }
    sqlite3_finalize(stmt);
    return *rc == SQLITE_OK;
}

void SqlCipherDriver::close()
{
    if (!m_db) {
        setOpen(false);
        setOpenError(false);
        return;
    }
    for (SqlCipherResult *result : std::as_const(m_results))
        result->finalizeStatement();
    const int rc = sqlite3_close(m_db);
    if (rc != SQLITE_OK) {
        setLastError(sqliteError(rc, tr("Cannot close the database"), QSqlError::ConnectionError));
        sqlite3_close_v2(m_db);  // frees the handle once whatever still holds it is finalized
    }
    m_db = nullptr;
    m_cipherVersion.clear();
    setOpen(false);
    setOpenError(false);
}

QSqlResult *SqlCipherDriver::createResult() const
{
    return new SqlCipherResult(this);
}

QVariant SqlCipherDriver::handle() const
{
    return QVariant::fromValue(static_cast<void *>(m_db));
}

bool SqlCipherDriver::beginTransaction()
{
    // IMMEDIATE takes the write lock up front, so writers queue on the busy timeout instead of
    // failing with SQLITE_BUSY when a read lock is upgraded. A read-only connection cannot write.
    // A result of this connection still being read would keep its old snapshot, and a snapshot
    // older than another connection's commit cannot become a write transaction: read those
    // results to their end first.
    if (!m_readOnly) {
        for (SqlCipherResult *result : std::as_const(m_results))
            result->readAhead();
    }
    return execTransactionCommand(m_readOnly ? "BEGIN" : "BEGIN IMMEDIATE", QT_TR_NOOP("Cannot begin the transaction"));
}

bool SqlCipherDriver::commitTransaction()
{
    return execTransactionCommand("COMMIT", QT_TR_NOOP("Cannot commit the transaction"));
}

bool SqlCipherDriver::rollbackTransaction()
{
    return execTransactionCommand("ROLLBACK", QT_TR_NOOP("Cannot roll back the transaction"));
}

// `failureSource` is translated only when the command fails: BEGIN and COMMIT run on every write,
// on worker threads too, and a translation looked up on each would be wasted (and could meet a
// language change half done).
bool SqlCipherDriver::execTransactionCommand(const char *sql, const char *failureSource)
{
    if (!isOpen() || !m_db) {
        setLastError(QSqlError(tr(failureSource), tr("The database is not open"), QSqlError::TransactionError));
        return false;
    }
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        setLastError(sqliteError(rc, tr(failureSource), QSqlError::TransactionError));
        return false;
    }
    return true;
}

QSqlError SqlCipherDriver::sqliteError(int rc, const QString &driverText, QSqlError::ErrorType type) const
{
    const QString message = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString::fromUtf8(sqlite3_errstr(rc));
    QString text = driverText;
    if ((rc & 0xff) == SQLITE_BUSY) {
        text += u' '
                + tr("(another connection kept the database locked for longer than the busy timeout of %1 ms)")
                      .arg(m_busyTimeoutMs);
    }
    return QSqlError(text, message, type, sqliteCodeName(rc));
}

QMetaType SqlCipherDriver::typeForDeclaredType(const QString &declaredType)
{
    // https://www.sqlite.org/datatype3.html, "Determination Of Column Affinity", in order.
    const QString t = declaredType.toUpper();
    if (t.isEmpty())
        return QMetaType();
    if (t.contains(u"INT"_s))
        return QMetaType::fromType<qlonglong>();
    if (t.contains(u"CHAR"_s) || t.contains(u"CLOB"_s) || t.contains(u"TEXT"_s))
        return QMetaType::fromType<QString>();
    if (t.contains(u"BLOB"_s))
        return QMetaType::fromType<QByteArray>();
    // REAL affinity and NUMERIC affinity (NUMERIC, DECIMAL, BOOLEAN, DATE...) alike.
    return QMetaType::fromType<double>();
}

QStringList SqlCipherDriver::tables(QSql::TableType type) const
{
    QStringList result;
    if (!isOpen())
        return result;
    QStringList conditions;
    if (type & QSql::Tables)
        conditions << u"(type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\')"_s;
    if (type & QSql::Views)
        conditions << u"type = 'view'"_s;
    if (type & QSql::SystemTables) {
        result << u"sqlite_master"_s;
        conditions << u"(type = 'table' AND name LIKE 'sqlite\\_%' ESCAPE '\\')"_s;
    }
    if (conditions.isEmpty())
        return result;
    QSqlQuery query(createResult());
    query.setForwardOnly(true);
    if (query.exec(u"SELECT name FROM sqlite_master WHERE "_s + conditions.join(u" OR "_s) + u" ORDER BY name"_s)) {
        while (query.next())
            result << query.value(0).toString();
    }
    return result;
}

QSqlRecord SqlCipherDriver::record(const QString &tableName) const
{
    QSqlRecord result;
    if (!isOpen())
        return result;
    QSqlQuery query(createResult());
    query.setForwardOnly(true);
    if (!query.exec(u"PRAGMA table_info("_s + escapeIdentifier(tableName, TableName) + u')'))
        return result;
    const QString plainName = stripDelimiters(tableName, TableName);
    int primaryKeyColumns = 0;
    int integerKeyIndex = -1;
    // cid | name | type | notnull | dflt_value | pk
    while (query.next()) {
        const QString declared = query.value(2).toString();
        QSqlField field(query.value(1).toString(), typeForDeclaredType(declared), plainName);
        field.setRequiredStatus(query.value(3).toInt() != 0 ? QSqlField::Required : QSqlField::Optional);
        field.setDefaultValue(defaultValueFromSql(query.value(4)));
        if (query.value(5).toInt() > 0) {
            ++primaryKeyColumns;
            if (declared.compare(u"INTEGER"_s, Qt::CaseInsensitive) == 0)
                integerKeyIndex = result.count();
        }
        result.append(field);
    }
    // A lone INTEGER PRIMARY KEY is the rowid: SQLite assigns it.
    if (primaryKeyColumns == 1 && integerKeyIndex >= 0) {
        QSqlField field = result.field(integerKeyIndex);
        field.setAutoValue(true);
        result.replace(integerKeyIndex, field);
    }
    return result;
}

QSqlIndex SqlCipherDriver::primaryIndex(const QString &tableName) const
{
    const QString plainName = stripDelimiters(tableName, TableName);
    QSqlIndex index(plainName);
    if (!isOpen())
        return index;
    const QSqlRecord fields = record(tableName);
    QSqlQuery query(createResult());
    query.setForwardOnly(true);
    if (!query.exec(u"PRAGMA table_info("_s + escapeIdentifier(tableName, TableName) + u')'))
        return index;
    QList<std::pair<int, QString>> keyColumns;  // (position in the key, column name)
    while (query.next()) {
        if (const int position = query.value(5).toInt(); position > 0)
            keyColumns.append({position, query.value(1).toString()});
    }
    std::sort(keyColumns.begin(), keyColumns.end());
    for (const auto &column : std::as_const(keyColumns))
        index.append(fields.field(column.second));
    return index;
}

QString SqlCipherDriver::escapeIdentifier(const QString &identifier, IdentifierType type) const
{
    if (isIdentifierEscaped(identifier, type))
        return identifier;
    QString escaped = identifier;
    escaped.replace(u'"', u"\"\""_s);
    return u'"' + escaped + u'"';
}

bool SqlCipherDriver::isIdentifierEscaped(const QString &identifier, IdentifierType type) const
{
    Q_UNUSED(type);
    if (identifier.size() < 2 || !identifier.startsWith(u'"') || !identifier.endsWith(u'"'))
        return false;
    // Inside, every double quote must be doubled; otherwise the text is not one identifier.
    const QStringView inner = QStringView(identifier).mid(1, identifier.size() - 2);
    for (qsizetype i = 0; i < inner.size(); ++i) {
        if (inner.at(i) != u'"')
            continue;
        if (i + 1 >= inner.size() || inner.at(i + 1) != u'"')
            return false;
        ++i;
    }
    return true;
}

QString SqlCipherDriver::stripDelimiters(const QString &identifier, IdentifierType type) const
{
    if (!isIdentifierEscaped(identifier, type))
        return identifier;
    return identifier.mid(1, identifier.size() - 2).replace(u"\"\""_s, u"\""_s);
}

void SqlCipherDriver::attachResult(SqlCipherResult *result) const
{
    m_results.append(result);
}

void SqlCipherDriver::detachResult(SqlCipherResult *result) const
{
    m_results.removeOne(result);
}

}  // namespace cd::storage
