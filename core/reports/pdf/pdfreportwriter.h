#pragma once
// PDF through QPdfWriter and QPainter: A4 landscape, the title and parameters on top, the column
// titles repeated on every page, one line per row (long text elided), the totals at the end and
// "page N" in the footer. Pages are painted as the rows come, so memory stays flat. Needs a
// QGuiApplication (fonts).

#include "core/reports/reportwriter.h"

#include <QFont>
#include <QList>

#include <memory>

class QPainter;
class QPdfWriter;

namespace cd::reports {

class PdfReportWriter final : public ReportWriter {
    Q_DECLARE_TR_FUNCTIONS(cd::reports::PdfReportWriter)
public:
    PdfReportWriter();
    ~PdfReportWriter() override;

    Status open(const QString &path, const ReportTable &table) override;
    Status write(const ReportRow &row) override;
    Status finish(const ReportTotals &totals) override;
    void abort() override;

private:
    void startPage();
    void line(const QStringList &cells, bool bold);
    void textLine(const QString &text, bool bold);
    void ensureRoom();
    QString cellText(const ReportRow &row, int column) const;

    std::unique_ptr<QPdfWriter> m_writer;
    std::unique_ptr<QPainter> m_painter;
    QList<ReportColumn> m_columns;
    QList<int> m_x;       // column left edges
    QList<int> m_widths;  // column widths
    QString m_title;
    QString m_path;
    QFont m_font;
    int m_lineHeight = 0;
    int m_y = 0;
    int m_bottom = 0;
    int m_width = 0;
    int m_page = 0;
};

}  // namespace cd::reports
