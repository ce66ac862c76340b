#include "core/reports/csvreportwriter.h"

namespace cd::reports {

namespace {

constexpr qsizetype kFlushBytes = 256 * 1024;

}  // namespace

QByteArray CsvReportWriter::field(const QString &text)
{
    QByteArray utf8 = text.toUtf8();
    if (!utf8.contains(',') && !utf8.contains('"') && !utf8.contains('\n') && !utf8.contains('\r'))
        return utf8;
    utf8.replace("\"", "\"\"");
    return '"' + utf8 + '"';
}

Status CsvReportWriter::open(const QString &path, const ReportTable &table)
{
    m_columns = table.columns;
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return Error{ExitCode::Failure, tr("Could not create %1: %2").arg(path, m_file.errorString())};
    m_buffer = "\xEF\xBB\xBF";
    for (int i = 0; i < m_columns.size(); ++i) {
        if (i > 0)
            m_buffer += ',';
        m_buffer += field(ReportText::csvHeader(m_columns[i]));
    }
    m_buffer += "\r\n";
    return {};
}

Status CsvReportWriter::write(const ReportRow &row)
{
    for (int i = 0; i < m_columns.size(); ++i) {
        if (i > 0)
            m_buffer += ',';
        m_buffer += field(ReportText::plain(m_columns, row, i));
    }
    m_buffer += "\r\n";
    return m_buffer.size() >= kFlushBytes ? flush() : Status();
}

Status CsvReportWriter::flush()
{
    if (!m_buffer.isEmpty() && m_file.write(m_buffer) != m_buffer.size())
        return Error{ExitCode::Failure, tr("Could not write %1: %2").arg(m_file.fileName(), m_file.errorString())};
    m_buffer.clear();
    return {};
}

Status CsvReportWriter::finish(const ReportTotals &)
{
    if (Status st = flush(); !st)
        return st;
    if (!m_file.flush())
        return Error{ExitCode::Failure, tr("Could not write %1: %2").arg(m_file.fileName(), m_file.errorString())};
    m_file.close();
    return {};
}

void CsvReportWriter::abort()
{
    m_buffer.clear();
    m_file.close();
}

}  // namespace cd::reports
