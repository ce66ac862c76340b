#include "core/reports/exportjob.h"

#include "core/access/accessguard.h"

#include "core/common/clock.h"
#include "core/storage/database.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <filesystem>
#include <system_error>

using namespace Qt::StringLiterals;

namespace cd::reports {

namespace {

constexpr int kCancelCheckRows = 256;

// Removes the part file when the export did not finish.
class PartFile {
public:
    explicit PartFile(QString path) : m_path(std::move(path)) {}
    ~PartFile()
    {
        if (!m_kept)
            QFile::remove(m_path);
    }
    void keep() { m_kept = true; }
    const QString &path() const { return m_path; }

private:
    QString m_path;
    bool m_kept = false;
};

}  // namespace

ExportJob::ExportJob(const storage::Database &db, const Clock &clock) : m_db(db), m_clock(clock) {}

QString ExportJob::cancelledMessage()
{
    return tr("The export was cancelled.");
}

Expected<ExportResult> ExportJob::run(ReportTable &table, ReportWriter &writer, const ExportOptions &options,
                                      const ExportProgress &progress, const std::atomic<bool> *cancel)
{
    QElapsedTimer timer;
    timer.start();
    if (options.path.isEmpty())
        return Error{ExitCode::Usage, tr("Say where to write the export.")};
    if (Status allowed = access::AccessGuard(m_db).require(options.actor, access::Permission::ReportsExport); !allowed)
        return allowed.error();
    const QString path = QFileInfo(options.path).absoluteFilePath();
    const auto cancelled = [cancel] { return cancel && cancel->load(std::memory_order_relaxed); };

    auto total = table.rows->countRows();
    if (!total)
        return total.error();
    if (progress)
        progress(0, *total);

    PartFile part(path + u".part"_s);
    bool writerOpen = false;
    const auto failWith = [&](const Error &error) -> Expected<ExportResult> {
        if (writerOpen)
            writer.abort();
        return error;
    };
    if (Status st = writer.open(part.path(), table); !st)
        return failWith(st.error());
    writerOpen = true;

    ExportResult result;
    std::vector<SnapshotEntry> snapshot;
    snapshot.reserve(size_t(std::max<qint64>(*total, 0)) + 16);
    for (;;) {
        if (cancelled())
            return failWith(Error{ExitCode::Failure, cancelledMessage()});
        auto page = table.rows->nextPage(options.pageSize);
        if (!page)
            return failWith(page.error());
        if (page->isEmpty())
            break;
        for (const ReportRow &row : *page) {
            if (Status st = writer.write(row); !st)
                return failWith(st.error());
            snapshot.push_back({row.key, rowHash(row)});
            result.totals.add(table.columns, row);
            if (snapshot.size() % kCancelCheckRows == 0 && cancelled())
                return failWith(Error{ExitCode::Failure, cancelledMessage()});
        }
        if (progress)
            progress(result.totals.rows, std::max(*total, result.totals.rows));
    }
    if (cancelled())
        return failWith(Error{ExitCode::Failure, cancelledMessage()});
    writerOpen = false;
    if (Status st = writer.finish(result.totals); !st)
        return st.error();

    ReportExport record;
    record.report = table.name;
    record.parameters = table.parametersJson;
    record.format = ReportFormatText::name(options.format);
    record.fileName = path;
    record.rowCount = result.totals.rows;
    record.totals = result.totals.toJson();
    record.createdBy = options.actor.name();
    record.createdMs = m_clock.nowMs();
    ReportExportRepository exports(m_db);
    auto id = exports.insert(record, snapshot);
    if (!id)
        return id.error();

    // rename(2) replaces FILE atomically; Windows: MoveFileEx with MOVEFILE_REPLACE_EXISTING.
    std::error_code ec;
    std::filesystem::rename(QFile::encodeName(part.path()).toStdString(), QFile::encodeName(path).toStdString(), ec);
    if (ec) {
        (void)exports.remove(*id);
        return Error{ExitCode::Failure,
                     tr("Could not put %1 in place: %2").arg(path, QString::fromLocal8Bit(ec.message().c_str()))};
    }
    part.keep();
    result.exportId = *id;
    result.path = path;
    result.rows = result.totals.rows;
    result.elapsedMs = timer.elapsed();
    if (progress)
        progress(result.rows, result.rows);
    return result;
}

}  // namespace cd::reports
