#include "core/storage/sqlcipherresult.h"

#include "core/storage/sqlcipherdriver.h"

#include <QDateTime>
#include <QHash>
#include <QSqlField>

#include <sqlcipher/sqlite3.h>

#include <cstdint>
#include <limits>

namespace cd::storage {

using namespace Qt::StringLiterals;

namespace {

// SQLITE_TRANSIENT without the old-style cast of the macro: SQLite copies the value.
sqlite3_destructor_type transient()
{
    return reinterpret_cast<sqlite3_destructor_type>(static_cast<std::intptr_t>(-1));
}

// Null as every Qt SQL driver understands it: an invalid or null variant, or a null string/array.
bool isNullValue(const QVariant &value)
{
    if (!value.isValid() || value.isNull())
        return true;
    switch (value.typeId()) {
    case QMetaType::QString:
        return value.toString().isNull();
    case QMetaType::QByteArray:
        return value.toByteArray().isNull();
    default:
        return false;
    }
}

// Anything after the first statement other than whitespace, semicolons and comments?
bool hasFurtherStatement(sqlite3 *db, const char *tail)
{
    while (*tail == ' ' || *tail == '\t' || *tail == '\n' || *tail == '\r' || *tail == ';')
        ++tail;
    if (*tail == '\0')
        return false;
    sqlite3_stmt *next = nullptr;
    const int rc = sqlite3_prepare_v2(db, tail, -1, &next, nullptr);
    sqlite3_finalize(next);
    return rc != SQLITE_OK || next != nullptr;
}

}  // namespace

SqlCipherResult::SqlCipherResult(const SqlCipherDriver *driver) : QSqlResult(driver), m_driver(driver)
{
    driver->attachResult(this);
}

SqlCipherResult::~SqlCipherResult()
{
    finalizeStatement();
    if (const SqlCipherDriver *driver = m_driver.data())
        driver->detachResult(this);
}

QVariant SqlCipherResult::handle() const
{
    return QVariant::fromValue(static_cast<void *>(m_stmt));
}

sqlite3 *SqlCipherResult::connection() const
{
    const SqlCipherDriver *driver = m_driver.data();
    return driver && driver->isOpen() ? driver->m_db : nullptr;
}

void SqlCipherResult::finalizeStatement()
{
    if (m_stmt) {
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
    }
    clearRows();
    m_record.clear();
    m_columnTypes.clear();
    setActive(false);
    setAt(QSql::BeforeFirstRow);
}

void SqlCipherResult::clearRows()
{
    m_done = true;
    m_readAhead.clear();
    m_readAheadError = QSqlError();
    m_current.clear();
    m_currentRow = -1;
    m_rows.clear();
}

QSqlError SqlCipherResult::sqliteError(int rc, const QString &driverText) const
{
    if (const SqlCipherDriver *driver = m_driver.data())
        return driver->sqliteError(rc, driverText, QSqlError::StatementError);
    return QSqlError(driverText, QString::fromUtf8(sqlite3_errstr(rc)), QSqlError::StatementError);
}

bool SqlCipherResult::prepare(const QString &query)
{
    finalizeStatement();
    setLastError(QSqlError());
    setSelect(false);
    sqlite3 *db = connection();
    if (!db) {
        setLastError(QSqlError(tr("Cannot prepare the statement"), tr("The database is not open"),
                               QSqlError::ConnectionError));
        return false;
    }
    const QByteArray sql = query.toUtf8();
    const char *tail = nullptr;
    const int rc = sqlite3_prepare_v2(db, sql.constData(), static_cast<int>(sql.size()), &m_stmt, &tail);
    if (rc != SQLITE_OK) {
        setLastError(sqliteError(rc, tr("Cannot prepare the statement")));
        finalizeStatement();
        return false;
    }
    if (tail && hasFurtherStatement(db, tail)) {
        finalizeStatement();
        setLastError(QSqlError(tr("Cannot prepare the statement"), tr("Only one statement can be run at a time"),
                               QSqlError::StatementError));
        return false;
    }
    if (!m_stmt) {
        setLastError(QSqlError(tr("Cannot prepare the statement"), tr("The query holds no SQL statement"),
                               QSqlError::StatementError));
        return false;
    }
    return true;
}

bool SqlCipherResult::reset(const QString &query)
{
    return prepare(query) && exec();
}

bool SqlCipherResult::exec()
{
    setLastError(QSqlError());
    clearRows();
    setActive(false);
    setAt(QSql::BeforeFirstRow);
    m_rowsAffected = -1;
    m_lastInsertId = 0;
    sqlite3 *db = connection();
    if (!m_stmt || !db) {
        setLastError(QSqlError(tr("Cannot execute the statement"),
                               db ? tr("No statement is prepared") : tr("The database is not open"),
                               db ? QSqlError::StatementError : QSqlError::ConnectionError));
        return false;
    }
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    if (!bindValues())
        return false;

    m_streaming = isForwardOnly();
    m_done = false;
    const int changesBefore = sqlite3_total_changes(db);
    QVariantList firstRow;
    const Step first = step(&firstRow);
    if (first == Step::Error)
        return false;

    buildRecord(first == Step::Row ? &firstRow : nullptr);
    const bool select = sqlite3_column_count(m_stmt) > 0;
    setSelect(select);
    if (!select) {
        m_rowsAffected = sqlite3_total_changes(db) != changesBefore ? sqlite3_changes(db) : 0;
        m_lastInsertId = sqlite3_last_insert_rowid(db);
    }
    if (first == Step::Row) {
        if (m_streaming) {
            m_current = std::move(firstRow);
            m_currentRow = 0;
        } else {
            m_rows.append(std::move(firstRow));
        }
    }
    setActive(true);
    return true;
}

// Qt names every bound value (boundValueName): ":name" once per occurrence of a named
// placeholder, a generated name for each '?' (savePrepare rewrote them to those names, since
// the driver announces NamedPlaceholders). SQLite keeps one parameter per distinct name.
bool SqlCipherResult::bindValues()
{
    const QList<QVariant> &values = boundValues();
    QHash<QString, int> valueByName;
    for (int i = 0; i < values.size(); ++i) {
        const QString name = boundValueName(i);
        if (!valueByName.contains(name))
            valueByName.insert(name, i);
    }
    const int parameterCount = sqlite3_bind_parameter_count(m_stmt);
    if (valueByName.size() != parameterCount) {
        setLastError(QSqlError(tr("Cannot bind the values"),
                               tr("Parameter count mismatch: the statement has %1 placeholders, %2 values are bound")
                                   .arg(parameterCount)
                                   .arg(valueByName.size()),
                               QSqlError::StatementError));
        return false;
    }
    for (int parameter = 1; parameter <= parameterCount; ++parameter) {
        const char *rawName = sqlite3_bind_parameter_name(m_stmt, parameter);
        const QString name = rawName ? QString::fromUtf8(rawName) : QString();
        const int valueIndex = rawName ? valueByName.value(name, -1) : parameter - 1;
        if (valueIndex < 0 || valueIndex >= values.size()) {
            setLastError(QSqlError(tr("Cannot bind the values"), tr("No value is bound for %1").arg(name),
                                   QSqlError::StatementError));
            return false;
        }
        if (!bindParameter(parameter, values.at(valueIndex), name))
            return false;
    }
    return true;
}

bool SqlCipherResult::bindParameter(int parameter, const QVariant &value, const QString &name)
{
    const auto fail = [&](const QString &why) {
        setLastError(QSqlError(tr("Cannot bind the value for %1").arg(name), why, QSqlError::StatementError));
        return false;
    };
    int rc = SQLITE_OK;
    if (isNullValue(value)) {
        rc = sqlite3_bind_null(m_stmt, parameter);
    } else {
        switch (value.typeId()) {
        case QMetaType::Bool:
        case QMetaType::Int:
        case QMetaType::Short:
        case QMetaType::Char:
        case QMetaType::SChar:
        case QMetaType::Long:
        case QMetaType::LongLong:
            rc = sqlite3_bind_int64(m_stmt, parameter, value.toLongLong());
            break;
        case QMetaType::UInt:
        case QMetaType::UShort:
        case QMetaType::UChar:
        case QMetaType::ULong:
        case QMetaType::ULongLong: {
            const qulonglong unsignedValue = value.toULongLong();
            if (unsignedValue > qulonglong(std::numeric_limits<qint64>::max()))
                return fail(tr("%1 does not fit in a signed 64-bit integer").arg(unsignedValue));
            rc = sqlite3_bind_int64(m_stmt, parameter, static_cast<sqlite3_int64>(unsignedValue));
            break;
        }
        case QMetaType::Double:
        case QMetaType::Float:
            rc = sqlite3_bind_double(m_stmt, parameter, value.toDouble());
            break;
        case QMetaType::QByteArray: {
            const QByteArray bytes = value.toByteArray();
            if (bytes.size() > std::numeric_limits<int>::max())
                return fail(tr("The value is too large"));
            rc = sqlite3_bind_blob(m_stmt, parameter, bytes.constData(), static_cast<int>(bytes.size()), transient());
            break;
        }
        case QMetaType::QDateTime:
            return fail(tr("QDateTime values are not accepted: store time as UTC epoch milliseconds "
                           "(qint64, QDateTime::toMSecsSinceEpoch())"));
        default: {
            if (value.typeId() != QMetaType::QString && !value.canConvert<QString>())
                return fail(tr("Values of type %1 cannot be stored").arg(QLatin1String(value.typeName())));
            const QByteArray text = value.toString().toUtf8();
            if (text.size() > std::numeric_limits<int>::max())
                return fail(tr("The value is too large"));
            rc = sqlite3_bind_text(m_stmt, parameter, text.constData(), static_cast<int>(text.size()), transient());
            break;
        }
        }
    }
    if (rc != SQLITE_OK) {
        setLastError(sqliteError(rc, tr("Cannot bind the value for %1").arg(name)));
        return false;
    }
    return true;
}

SqlCipherResult::Step SqlCipherResult::step(QVariantList *row)
{
    if (!m_readAhead.isEmpty()) {
        *row = m_readAhead.takeFirst();
        return Step::Row;
    }
    if (m_readAheadError.isValid()) {
        setLastError(m_readAheadError);
        m_readAheadError = QSqlError();
        return Step::Error;
    }
    if (m_done || !m_stmt)
        return Step::Done;
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        readRow(row);
        return Step::Row;
    }
    m_done = true;
    if (rc != SQLITE_DONE)
        setLastError(sqliteError(rc, isActive() ? tr("Cannot fetch the row") : tr("Cannot execute the statement")));
    sqlite3_reset(m_stmt);  // ends the statement's read transaction
    return rc == SQLITE_DONE ? Step::Done : Step::Error;
}

void SqlCipherResult::readRow(QVariantList *row) const
{
    const int columns = sqlite3_column_count(m_stmt);
    row->resize(columns);
    for (int i = 0; i < columns; ++i)
        (*row)[i] = columnValue(i);
}

QVariant SqlCipherResult::columnValue(int column) const
{
    switch (sqlite3_column_type(m_stmt, column)) {
    case SQLITE_INTEGER:
        return QVariant(qlonglong(sqlite3_column_int64(m_stmt, column)));
    case SQLITE_FLOAT:
        return QVariant(sqlite3_column_double(m_stmt, column));
    case SQLITE_TEXT: {
        // sqlite3_column_text() first, then the byte count of that UTF-8 text.
        const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
        return QVariant(QString::fromUtf8(text, sqlite3_column_bytes(m_stmt, column)));
    }
    case SQLITE_BLOB: {
        const auto *bytes = static_cast<const char *>(sqlite3_column_blob(m_stmt, column));
        const int size = sqlite3_column_bytes(m_stmt, column);
        return QVariant(size > 0 && bytes ? QByteArray(bytes, size) : QByteArray(""));
    }
    default:  // SQLITE_NULL
        return QVariant(m_columnTypes.value(column));
    }
}

// Called after the first step (the declared types are final only then); gives the NULLs of
// the first row, read before the types were known, their column's type.
void SqlCipherResult::buildRecord(QVariantList *firstRow)
{
    m_record.clear();
    m_columnTypes.clear();
    const int columns = sqlite3_column_count(m_stmt);
    for (int i = 0; i < columns; ++i) {
        QMetaType type = SqlCipherDriver::typeForDeclaredType(QString::fromUtf8(sqlite3_column_decltype(m_stmt, i)));
        const bool firstIsNull = !firstRow || i >= firstRow->size() || firstRow->at(i).isNull();
        // An expression has no declared type: take the type of its first value, if any.
        if (!type.isValid() && !firstIsNull)
            type = firstRow->at(i).metaType();
        if (firstRow && i < firstRow->size() && firstIsNull)
            (*firstRow)[i] = QVariant(type);
        m_columnTypes.append(type);
        m_record.append(QSqlField(QString::fromUtf8(sqlite3_column_name(m_stmt, i)), type));
    }
}

const QVariantList *SqlCipherResult::currentRow() const
{
    const int row = at();
    if (row < 0)
        return nullptr;
    if (m_streaming)
        return row == m_currentRow ? &m_current : nullptr;
    return row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

QVariant SqlCipherResult::data(int index)
{
    const QVariantList *row = currentRow();
    if (!row || index < 0 || index >= row->size())
        return QVariant();
    return row->at(index);
}

bool SqlCipherResult::isNull(int index)
{
    const QVariantList *row = currentRow();
    return !row || index < 0 || index >= row->size() || row->at(index).isNull();
}

bool SqlCipherResult::fetch(int index)
{
    if (index < 0)
        return false;
    if (m_streaming) {
        if (index < m_currentRow)
            return false;  // forward-only: the earlier rows are gone
        while (m_currentRow < index) {
            if (step(&m_current) != Step::Row)
                return false;
            ++m_currentRow;
        }
        if (m_currentRow < 0)
            return false;
    } else {
        while (m_rows.size() <= index) {
            QVariantList row;
            if (step(&row) != Step::Row)
                return false;
            m_rows.append(std::move(row));
        }
    }
    setAt(index);
    return true;
}

bool SqlCipherResult::fetchFirst()
{
    return fetch(0);
}

bool SqlCipherResult::fetchLast()
{
    if (m_streaming) {
        Step result = Step::Row;
        while (result == Step::Row) {
            result = step(&m_current);
            if (result == Step::Row)
                ++m_currentRow;
        }
        if (result == Step::Error || m_currentRow < 0)
            return false;
        setAt(m_currentRow);
        return true;
    }
    QVariantList row;
    Step result = Step::Row;
    while ((result = step(&row)) == Step::Row)
        m_rows.append(std::move(row));
    if (result == Step::Error || m_rows.isEmpty())
        return false;
    setAt(static_cast<int>(m_rows.size() - 1));
    return true;
}

int SqlCipherResult::size()
{
    return -1;
}

int SqlCipherResult::numRowsAffected()
{
    return m_rowsAffected;
}

QVariant SqlCipherResult::lastInsertId() const
{
    if (isActive() && !isSelect() && m_lastInsertId != 0)
        return QVariant(qlonglong(m_lastInsertId));
    return QVariant();
}

QSqlRecord SqlCipherResult::record() const
{
    return isActive() && isSelect() ? m_record : QSqlRecord();
}

void SqlCipherResult::readAhead()
{
    if (m_done || !m_stmt || !sqlite3_stmt_busy(m_stmt))
        return;
    for (;;) {
        const int rc = sqlite3_step(m_stmt);
        if (rc != SQLITE_ROW) {
            if (rc != SQLITE_DONE)
                m_readAheadError = sqliteError(rc, tr("Cannot fetch the row"));
            break;
        }
        QVariantList row;
        readRow(&row);
        m_readAhead.append(std::move(row));
    }
    m_done = true;
    sqlite3_reset(m_stmt);  // ends the statement's read transaction
}

void SqlCipherResult::detachFromResultSet()
{
    if (m_stmt)
        sqlite3_reset(m_stmt);  // releases the read transaction of a half-read result
    clearRows();
}

}  // namespace cd::storage
