#pragma once
// XLSX through libxlsxwriter in constant_memory mode (each row goes to a temporary file as it is
// written, so a million rows take no more memory than one). Row 1 holds the translated column
// titles (frozen); money, energy (kWh) and times are numbers with a number format, so spreadsheets
// can sum and sort them; the title and parameters are the document's properties. A sheet holds at
// most 1,048,576 rows: the rows continue on "Title (2)", "Title (3)", …; a last sheet holds the
// totals.

#include "core/reports/reportwriter.h"

#include <QByteArray>
#include <QHash>

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace cd::reports {

class XlsxReportWriter final : public ReportWriter {
    Q_DECLARE_TR_FUNCTIONS(cd::reports::XlsxReportWriter)
public:
    static constexpr qint64 kExcelMaxRows = 1'048'576;

    XlsxReportWriter() = default;
    ~XlsxReportWriter() override;

    // Data rows per sheet (under the header row); tests make it small to see the sheets continue.
    void setRowsPerSheet(qint64 rows) { m_rowsPerSheet = rows; }

    Status open(const QString &path, const ReportTable &table) override;
    Status write(const ReportRow &row) override;
    Status finish(const ReportTotals &totals) override;
    void abort() override;

private:
    Status addSheet();
    Status failed(int error) const;
    lxw_format *moneyFormat(int digits);

    lxw_workbook *m_book = nullptr;
    lxw_worksheet *m_sheet = nullptr;
    lxw_format *m_header = nullptr;
    lxw_format *m_energy = nullptr;
    lxw_format *m_time = nullptr;
    lxw_format *m_integer = nullptr;
    QHash<int, lxw_format *> m_money;  // by decimal places
    QList<ReportColumn> m_columns;
    QString m_path;
    QString m_title;
    QByteArray m_propertyTitle;
    QByteArray m_propertySubject;
    QByteArray m_propertyComments;
    qint64 m_rowsPerSheet = kExcelMaxRows - 1;
    qint64 m_sheetRow = 0;  // the next data row in the sheet (1-based under the header)
    int m_sheets = 0;
};

}  // namespace cd::reports
