#include "core/storage/sqlhelpers.h"

#include "core/storage/sqlcipherdriver.h"
#include "core/storage/writergate.h"

#include <QSqlError>

using namespace Qt::StringLiterals;

namespace cd::storage {

Expected<QSqlQuery> Sql::run(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (values.isEmpty()) {
        // Executed directly: PostgreSQL cannot PREPARE DDL statements.
        if (!query.exec(sql))
            return error(query.lastError(), sql);
        return query;
    }
    if (!query.prepare(sql))
        return error(query.lastError(), sql);
    for (const QVariant &value : values) {
        // Only an invalid QVariant binds NULL; a null QString is an empty text.
        if (value.metaType().id() == QMetaType::QString && value.toString().isNull())
            query.addBindValue(QString(u""_s));
        else
            query.addBindValue(value);
    }
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

}  // namespace cd::storage
