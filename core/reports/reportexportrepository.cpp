#include "core/reports/reportexportrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>
#include <QtEndian>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace cd::reports {

using storage::Sql;

namespace {

constexpr int kEntryBytes = 16;

const QString kColumns =
    u"id, report, parameters, format, file_name, row_count, totals, created_by, created_ms"_s;

ReportExport exportFrom(const QSqlQuery &q)
{
    ReportExport e;
    e.id = q.value(0).toLongLong();
    e.report = q.value(1).toString();
    e.parameters = q.value(2).toString();
    e.format = q.value(3).toString();
    e.fileName = q.value(4).toString();
    e.rowCount = q.value(5).toLongLong();
    e.totals = q.value(6).toString();
    e.createdBy = q.value(7).toString();
    e.createdMs = q.value(8).toLongLong();
    return e;
}

QByteArray pack(const std::vector<SnapshotEntry> &snapshot, size_t from, size_t count)
{
    QByteArray out(qsizetype(count) * kEntryBytes, Qt::Uninitialized);
    char *p = out.data();
    for (size_t i = 0; i < count; ++i) {
        qToLittleEndian<qint64>(snapshot[from + i].key, p);
        qToLittleEndian<quint64>(snapshot[from + i].hash, p + 8);
        p += kEntryBytes;
    }
    return out;
}

}  // namespace

ReportExportRepository::ReportExportRepository(const storage::Database &db) : m_db(db) {}

Expected<qint64> ReportExportRepository::insert(const ReportExport &record, const std::vector<SnapshotEntry> &snapshot)
{
    const QSqlDatabase connection = m_db.connection();
    storage::Transaction tx(connection);
    if (Status st = tx.begin(); !st)
        return st.error();
    auto q = Sql::run(connection,
                      u"INSERT INTO report_exports (report, parameters, format, file_name, row_count, totals, created_by, "
                      "created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s
                          + m_db.dialect().returningIdClause(),
                      {record.report, record.parameters, record.format, record.fileName, record.rowCount, record.totals,
                       record.createdBy, record.createdMs});
    if (!q)
        return q.error();
    const qint64 id = m_db.dialect().insertedId(*q);
    int chunk = 0;
    for (size_t from = 0; from < snapshot.size(); from += kRowsPerChunk) {
        const size_t count = std::min<size_t>(kRowsPerChunk, snapshot.size() - from);
        auto c = Sql::run(connection,
                          u"INSERT INTO report_export_snapshots (export_id, chunk, row_count, packed) VALUES (?, ?, ?, ?)"_s,
                          {id, chunk++, qint64(count), pack(snapshot, from, count)});
        if (!c)
            return c.error();
    }
    if (Status st = tx.commit(); !st)
        return st.error();
    return id;
}

Status ReportExportRepository::remove(qint64 exportId)
{
    const QSqlDatabase connection = m_db.connection();
    storage::Transaction tx(connection);
    if (Status st = tx.begin(); !st)
        return st;
    if (Status st = storage::statusOf(
            Sql::run(connection, u"DELETE FROM report_export_snapshots WHERE export_id = ?"_s, {exportId}));
        !st)
        return st;
    if (Status st = storage::statusOf(Sql::run(connection, u"DELETE FROM report_exports WHERE id = ?"_s, {exportId}));
        !st)
        return st;
    return tx.commit();
}

Expected<std::optional<ReportExport>> ReportExportRepository::find(qint64 exportId) const
{
    return storage::firstOf(storage::fetchAll(m_db.connection(),
                                              u"SELECT "_s + kColumns + u" FROM report_exports WHERE id = ?"_s,
                                              {exportId}, &exportFrom));
}

Expected<QList<ReportExport>> ReportExportRepository::list(int limit, qint64 beforeId) const
{
    if (beforeId > 0)
        return storage::fetchAll(m_db.connection(),
                                 u"SELECT "_s + kColumns + u" FROM report_exports WHERE id < ? ORDER BY id DESC LIMIT ?"_s,
                                 {beforeId, limit}, &exportFrom);
    return storage::fetchAll(m_db.connection(), u"SELECT "_s + kColumns + u" FROM report_exports ORDER BY id DESC LIMIT ?"_s,
                             {limit}, &exportFrom);
}

Expected<std::vector<SnapshotEntry>> ReportExportRepository::snapshot(qint64 exportId) const
{
    auto q = Sql::run(m_db.connection(),
                      u"SELECT row_count, packed FROM report_export_snapshots WHERE export_id = ? ORDER BY chunk"_s,
                      {exportId});
    if (!q)
        return q.error();
    std::vector<SnapshotEntry> out;
    while (q->next()) {
        const qint64 count = q->value(0).toLongLong();
        const QByteArray packed = q->value(1).toByteArray();
        if (packed.size() != count * kEntryBytes)
            return Error{ExitCode::Failure, tr("The snapshot of export %1 is damaged.").arg(exportId)};
        const char *p = packed.constData();
        for (qint64 i = 0; i < count; ++i, p += kEntryBytes)
            out.push_back({qFromLittleEndian<qint64>(p), qFromLittleEndian<quint64>(p + 8)});
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace cd::reports
