#pragma once
// Small helpers every repository uses: run a statement with bound values, turn a
// QSqlError into an Error, and a transaction guard that rolls back unless committed.

#include "core/common/expected.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QList>
#include <QVariantList>

#include <optional>

namespace cd::storage {

class WriterGate;

class Sql {
    Q_DECLARE_TR_FUNCTIONS(cd::storage::Sql)
public:
    // Prepares sql, binds values positionally ("?"), executes; forward-only. An invalid
    // QVariant binds NULL, a null QString binds ''. Without values the statement runs
    // unprepared (DDL).
    static Expected<QSqlQuery> run(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {});
    static Error error(const QSqlError &error, const QString &what);
    // "?, ?, ?": the placeholders of an IN (…) list of `count` values.
    static QString placeholders(qsizetype count);
};

// A write transaction (BEGIN IMMEDIATE on SQLCipher, after this process's earlier writers of the
// same file: WriterGate); rolled back unless committed.
class Transaction {
public:
    explicit Transaction(QSqlDatabase db) : m_db(std::move(db)) {}
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    Status begin();
    Status commit();

private:
    void releaseGate();

    QSqlDatabase m_db;
    bool m_open = false;
    WriterGate *m_gate = nullptr;  // held from begin() to commit or rollback
};

// A value to bind, NULL for nullopt.
template <typename T>
QVariant bindable(const std::optional<T> &value)
{
    return value ? QVariant::fromValue(*value) : QVariant();
}

// A nullable number column: nullopt for NULL.
std::optional<qint64> optionalInt64(const QSqlQuery &query, int column);

// Every row of a query, each made by `fromRow`.
template <typename T>
Expected<QList<T>> fetchAll(const QSqlDatabase &db, const QString &sql, const QVariantList &values,
                            T (*fromRow)(const QSqlQuery &))
{
    auto q = Sql::run(db, sql, values);
    if (!q)
        return q.error();
    QList<T> out;
    while (q->next())
        out.append(fromRow(*q));
    return out;
}

// The first of `rows`, nullopt when there is none.
template <typename T>
Expected<std::optional<T>> firstOf(Expected<QList<T>> rows)
{
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<T>();
    return std::optional<T>(rows->first());
}

// A statement's outcome without its rows.
inline Status statusOf(const Expected<QSqlQuery> &query)
{
    if (!query)
        return query.error();
    return {};
}

}  // namespace cd::storage
