#pragma once
// Runs a report through a writer into a file, page by page, with progress and cancel, and records
// what the file contains (the snapshot, reportexportrepository.h). Blocking: call it on a worker
// (the console: QueryRunner; the CLI: its own thread), never on a GUI thread. The file appears only
// when the export succeeded: the writer writes FILE.part, which is renamed over FILE at the end; a
// cancelled or failed export leaves neither FILE.part nor a changed FILE, and no snapshot.
//
// Memory: one page of rows plus 16 bytes per row for the snapshot (16 MB for a million rows), kept
// until the end so the snapshot is written in one short transaction after the file is complete,
// never holding the database's write lock while the file is written.

#include "core/access/actor.h"
#include "core/common/expected.h"
#include "core/reports/reportexportrepository.h"
#include "core/reports/reportwriter.h"

#include <QCoreApplication>

#include <atomic>
#include <functional>

namespace cd {
class Clock;
}

namespace cd::storage {
class Database;
}

namespace cd::reports {

struct ExportOptions {
    QString path;          // the file to write
    ReportFormat format = ReportFormat::Csv;
    access::Actor actor;   // who exports: needs Permission::ReportsExport; recorded as the creator
    int pageSize = 1000;   // rows per statement
};

struct ExportResult {
    qint64 exportId = 0;
    QString path;  // absolute
    qint64 rows = 0;
    ReportTotals totals;
    qint64 elapsedMs = 0;
};

// (rows written, rows in the report when it started); after every page, on the job's thread (a
// screen forwards it to the GUI thread with a queued call).
using ExportProgress = std::function<void(qint64 done, qint64 total)>;

class ExportJob {
    Q_DECLARE_TR_FUNCTIONS(cd::reports::ExportJob)
public:
    ExportJob(const storage::Database &db, const Clock &clock);

    // `cancel` may be set from any thread; the job stops at the next row and fails with
    // cancelledMessage().
    Expected<ExportResult> run(ReportTable &table, ReportWriter &writer, const ExportOptions &options,
                               const ExportProgress &progress = {}, const std::atomic<bool> *cancel = nullptr);

    static QString cancelledMessage();

private:
    const storage::Database &m_db;
    const Clock &m_clock;
};

}  // namespace cd::reports
