#pragma once
// The QSqlResult of the QSQLCIPHER driver: one sqlite3_stmt.
//
// Forward-only queries stream with sqlite3_step and hold one row at a time; scrollable queries
// (QSqlQuery's default) cache the rows stepped so far so they can seek back. size() is -1.
// Values come back as qlonglong, double, QString or QByteArray; NULL as a null QVariant of the
// column's declared type. Bound QDateTime values are refused: store UTC epoch milliseconds.

#include <QCoreApplication>
#include <QList>
#include <QMetaType>
#include <QPointer>
#include <QSqlError>
#include <QSqlRecord>
#include <QSqlResult>
#include <QVariant>

struct sqlite3;
struct sqlite3_stmt;

namespace cd::storage {

class SqlCipherDriver;

class SqlCipherResult : public QSqlResult
{
    Q_DECLARE_TR_FUNCTIONS(cd::storage::SqlCipherResult)
public:
    explicit SqlCipherResult(const SqlCipherDriver *driver);
    ~SqlCipherResult() override;

    // The sqlite3_stmt as a void pointer (null when nothing is prepared).
    QVariant handle() const override;

protected:
    bool prepare(const QString &query) override;
    bool exec() override;
    bool reset(const QString &query) override;
    QVariant data(int index) override;
    bool isNull(int index) override;
    bool fetch(int index) override;
    bool fetchFirst() override;
    bool fetchLast() override;
    int size() override;
    int numRowsAffected() override;
    QVariant lastInsertId() const override;
    QSqlRecord record() const override;
    void detachFromResultSet() override;

private:
    friend class SqlCipherDriver;
    enum class Step { Row, Done, Error };

    sqlite3 *connection() const;
    void finalizeStatement();  // also called by the driver when it closes
    // Steps a half-read result to its end into memory and resets the statement, so it no
    // longer holds a read snapshot; the caller goes on reading the same rows. Called by the
    // driver before BEGIN IMMEDIATE: a connection that still reads from an old snapshot cannot
    // take the write lock (SQLITE_BUSY_SNAPSHOT, returned at once, without the busy timeout).
    void readAhead();
    void clearRows();
    bool bindValues();
    bool bindParameter(int parameter, const QVariant &value, const QString &name);
    Step step(QVariantList *row);
    void readRow(QVariantList *row) const;
    QVariant columnValue(int column) const;
    void buildRecord(QVariantList *firstRow);
    const QVariantList *currentRow() const;
    QSqlError sqliteError(int rc, const QString &driverText) const;

    QPointer<const SqlCipherDriver> m_driver;
    sqlite3_stmt *m_stmt = nullptr;
    QSqlRecord m_record;
    QList<QMetaType> m_columnTypes;
    bool m_streaming = false;  // forward-only: m_current holds row m_currentRow
    bool m_done = true;        // no more rows to step
    QVariantList m_current;
    int m_currentRow = -1;
    QList<QVariantList> m_rows;  // scrollable: every row stepped so far
    QList<QVariantList> m_readAhead;  // rows stepped by readAhead(), not handed out yet
    QSqlError m_readAheadError;       // the error readAhead() met after those rows
    int m_rowsAffected = -1;
    qint64 m_lastInsertId = 0;
};

}  // namespace cd::storage
