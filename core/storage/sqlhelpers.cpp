#include "core/storage/sqlhelpers.h"

#include "core/storage/sqlcipherdriver.h"
#include "core/storage/writergate.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>

#include <optional>

using namespace Qt::StringLiterals;

namespace cd::storage {

namespace {

// Only an invalid QVariant binds NULL; a null QString is an empty text.
QVariant bindable(const QVariant &value)
{
    if (value.metaType().id() == QMetaType::QString && value.toString().isNull())
        return QVariant(u""_s);
    return value;
}

// The statement with each "?" outside quotes replaced by the value as the driver writes it as a
// literal (QSqlDriver::formatValue: the escaping Qt's PostgreSQL driver itself uses for the
// values of an EXECUTE). Nullopt when the placeholders and the values do not pair up.
std::optional<QString> withLiterals(const QSqlDriver &driver, const QString &sql, const QVariantList &values)
{
    QString out;
    out.reserve(sql.size() + 16 * values.size());
    qsizetype next = 0;
    QChar quote;
    for (const QChar c : sql) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == u'\'' || c == u'"') {
            quote = c;
        } else if (c == u'?') {
            if (next >= values.size())
                return std::nullopt;
            const QVariant value = bindable(values.at(next++));
            QSqlField field(QString(), value.metaType());
            field.setValue(value);
            out += driver.formatValue(field);
            continue;
        }
        out += c;
    }
    if (next != values.size())
        return std::nullopt;
    return out;
}

}  // namespace

QString Sql::placeholders(qsizetype count)
{
    QString out;
    out.reserve(count * 3);
    for (qsizetype i = 0; i < count; ++i)
        out += i == 0 ? QStringLiteral("?") : QStringLiteral(", ?");
    return out;
}

Expected<QSqlQuery> Sql::run(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    // Qt's PostgreSQL driver runs a prepared statement as PREPARE, EXECUTE and DEALLOCATE: three
    // round trips to the server for every statement. The values go in as literals instead, with
    // the driver's own escaping, in one.
    if (!values.isEmpty() && db.driverName() == u"QPSQL") {
        const std::optional<QString> literal = withLiterals(*db.driver(), sql, values);
        if (!literal)
            return Error{ExitCode::Failure, tr("Database error: %1 values for the placeholders of (%2)")
                                                .arg(values.size())
                                                .arg(sql.left(200))};
        if (!query.exec(*literal))
            return error(query.lastError(), sql);
        return query;
    }
    if (values.isEmpty()) {
        // Executed directly: PostgreSQL cannot PREPARE DDL statements.
        if (!query.exec(sql))
            return error(query.lastError(), sql);
        return query;
    }
    if (!query.prepare(sql))
        return error(query.lastError(), sql);
    for (const QVariant &value : values)
        query.addBindValue(bindable(value));
    if (!query.exec())
        return error(query.lastError(), sql);
    return query;
}

Error Sql::error(const QSqlError &error, const QString &what)
{
    return Error{ExitCode::Failure, tr("Database error: %1 (%2)").arg(error.text(), what.left(200))};
}

Transaction::~Transaction()
{
    if (m_open)
        m_db.rollback();
    releaseGate();
}

void Transaction::releaseGate()
{
    if (m_gate)
        m_gate->unlock();
    m_gate = nullptr;
}

Status Transaction::begin()
{
    if (m_db.driverName() == SqlCipherDriver::driverName()) {
        m_gate = &WriterGate::forFile(m_db.databaseName());
        m_gate->lock();
    }
    if (!m_db.transaction()) {
        releaseGate();
        return Sql::error(m_db.lastError(), QStringLiteral("BEGIN"));
    }
    m_open = true;
    return {};
}

Status Transaction::commit()
{
    if (!m_db.commit())
        return Sql::error(m_db.lastError(), QStringLiteral("COMMIT"));
    m_open = false;
    releaseGate();
    return {};
}

std::optional<qint64> optionalInt64(const QSqlQuery &query, int column)
{
    return query.isNull(column) ? std::nullopt : std::optional<qint64>(query.value(column).toLongLong());
}

}  // namespace cd::storage
