#pragma once
// A report file format: the export job (exportjob.h) opens a writer on the file, hands it the rows
// one at a time and then finishes it. A writer never holds more than a page of rows: a million rows
// stream to disk. CSV, XLSX and JSON live in chargedesk_core; PDF needs QtGui and lives in
// chargedesk_reports_pdf (core/reports/pdf), which also offers reportWriterFor() for every format.

#include "core/common/expected.h"
#include "core/reports/reporttable.h"

#include <QCoreApplication>
#include <QString>

#include <memory>
#include <optional>

namespace cd::reports {

enum class ReportFormat { Csv, Xlsx, Pdf, Json };

class ReportFormatText {
    Q_DECLARE_TR_FUNCTIONS(cd::reports::ReportFormatText)
public:
    static QString name(ReportFormat format);  // "csv", "xlsx", "pdf", "json"
    static std::optional<ReportFormat> fromName(const QString &name);
    static QString suffix(ReportFormat format);  // ".csv", …
    static QString unknownFormatMessage(const QString &name);
};

class ReportWriter {
public:
    virtual ~ReportWriter() = default;
    // Creates `path` (the export job passes FILE.part) and writes the table's heading.
    virtual Status open(const QString &path, const ReportTable &table) = 0;
    virtual Status write(const ReportRow &row) = 0;
    // Writes the totals (where the format has room for them) and closes the file.
    virtual Status finish(const ReportTotals &totals) = 0;
    // Closes the file without finishing it (cancel, failure); the job then deletes it.
    virtual void abort() = 0;
};

// The writers chargedesk_core has (CSV, XLSX, JSON); nullptr for PDF.
std::unique_ptr<ReportWriter> coreReportWriterFor(ReportFormat format);

}  // namespace cd::reports
