#pragma once
// Finished exports (report_exports) and their snapshots (report_export_snapshots, migration 15):
// what each export contained, as (row key, content hash) pairs packed 4,096 to a database row,
// 16 bytes a report row. Measured with 1,000,000 rows (SQLite, 1 KiB pages as SQLCipher 3 uses): a
// per-row table (export_id, row_key, row_hash) with PRIMARY KEY (export_id, row_key) took 36.6
// bytes a row and 27 s to insert, with a rowid and an index on export_id 32.1 bytes and 2.5 s;
// packed it is 16.1 bytes and 0.4 s (245 INSERTs). Comparing needs no SQL on the rows: the
// snapshot is read whole (16 MB for a million rows) and sorted by key.

#include "core/common/expected.h"
#include "core/reports/reporttable.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace cd::storage {
class Database;
}

namespace cd::reports {

struct ReportExport {
    qint64 id = 0;
    QString report;      // "bills"
    QString parameters;  // JSON text
    QString format;      // "csv", "xlsx", "pdf", "json"
    QString fileName;    // the file as written (absolute path)
    qint64 rowCount = 0;
    QString totals;      // ReportTotals::toJson()
    QString createdBy;
    qint64 createdMs = 0;
};

// One report row in a snapshot.
struct SnapshotEntry {
    qint64 key = 0;
    quint64 hash = 0;
    friend bool operator<(const SnapshotEntry &a, const SnapshotEntry &b) { return a.key < b.key; }
};

class ReportExportRepository {
    Q_DECLARE_TR_FUNCTIONS(cd::reports::ReportExportRepository)
public:
    static constexpr int kRowsPerChunk = 4096;

    explicit ReportExportRepository(const storage::Database &db);

    // Inserts the export and its snapshot in one transaction; the export's id.
    Expected<qint64> insert(const ReportExport &record, const std::vector<SnapshotEntry> &snapshot);
    // Removes an export and its snapshot (the file could not be put in place after all).
    Status remove(qint64 exportId);
    Expected<std::optional<ReportExport>> find(qint64 exportId) const;
    // Newest first; `beforeId` pages (0 = from the newest).
    Expected<QList<ReportExport>> list(int limit, qint64 beforeId = 0) const;
    // The export's snapshot, sorted by key.
    Expected<std::vector<SnapshotEntry>> snapshot(qint64 exportId) const;

private:
    const storage::Database &m_db;
};

}  // namespace cd::reports
