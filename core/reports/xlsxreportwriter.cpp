#include "core/reports/xlsxreportwriter.h"

#include "core/payments/moneytext.h"

#include <xlsxwriter.h>

#include <QFile>

using namespace Qt::StringLiterals;

namespace cd::reports {

namespace {

constexpr qint64 kDayMs = 86'400'000;
constexpr double kUnixEpochSerial = 25569.0;  // 1970-01-01 in Excel's 1900 date system

// A sheet name Excel accepts: at most 31 characters, none of []:*?/\ .
QString sheetName(const QString &title, int number)
{
    QString name = title;
    for (QChar c : u"[]:*?/\\"_s)
        name.replace(c, u' ');
    name = name.trimmed();
    if (name.isEmpty())
        name = u"Report"_s;
    const QString suffix = number > 1 ? u" (%1)"_s.arg(number) : QString();
    return name.left(31 - suffix.size()) + suffix;
}

double scaled(qint64 value, int digits)
{
    double divisor = 1;
    for (int i = 0; i < digits; ++i)
        divisor *= 10;
    return double(value) / divisor;
}

}  // namespace

XlsxReportWriter::~XlsxReportWriter()
{
    abort();
}

Status XlsxReportWriter::failed(int error) const
{
    return Error{ExitCode::Failure, tr("Could not write %1: %2")
                                        .arg(m_path, QString::fromUtf8(lxw_strerror(static_cast<lxw_error>(error))))};
}

lxw_format *XlsxReportWriter::moneyFormat(int digits)
{
    if (lxw_format *f = m_money.value(digits))
        return f;
    lxw_format *f = workbook_add_format(m_book);
    const QByteArray pattern = digits > 0 ? "#,##0." + QByteArray(digits, '0') : QByteArray("#,##0");
    format_set_num_format(f, pattern.constData());
    m_money.insert(digits, f);
    return f;
}

Status XlsxReportWriter::open(const QString &path, const ReportTable &table)
{
    abort();
    m_path = path;
    m_columns = table.columns;
    m_title = table.title;
    m_sheets = 0;
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.use_zip64 = LXW_TRUE;  // sheets of a million rows can pass 4 GB uncompressed
    m_book = workbook_new_opt(QFile::encodeName(path).constData(), &options);
    if (!m_book)
        return Error{ExitCode::Failure, tr("Could not create %1.").arg(path)};
    m_header = workbook_add_format(m_book);
    format_set_bold(m_header);
    m_energy = workbook_add_format(m_book);
    format_set_num_format(m_energy, "#,##0.000");
    m_time = workbook_add_format(m_book);
    format_set_num_format(m_time, "yyyy-mm-dd hh:mm:ss");
    m_integer = workbook_add_format(m_book);
    format_set_num_format(m_integer, "0");

    m_propertyTitle = table.title.toUtf8();
    m_propertySubject = table.parametersText.toUtf8();
    m_propertyComments = table.parametersJson.toUtf8();
    lxw_doc_properties properties{};
    properties.title = m_propertyTitle.data();
    properties.subject = m_propertySubject.data();
    properties.comments = m_propertyComments.data();
    if (lxw_error e = workbook_set_properties(m_book, &properties); e != LXW_NO_ERROR)
        return failed(e);
    return addSheet();
}

Status XlsxReportWriter::addSheet()
{
    ++m_sheets;
    const QByteArray name = sheetName(m_title, m_sheets).toUtf8();
    m_sheet = workbook_add_worksheet(m_book, name.constData());
    if (!m_sheet)
        return Error{ExitCode::Failure, tr("Could not add sheet %1 to %2.").arg(QString::fromUtf8(name), m_path)};
    for (int c = 0; c < m_columns.size(); ++c) {
        const double width = m_columns[c].type == ColumnType::TimeMs ? 20 : m_columns[c].type == ColumnType::Text ? 18 : 12;
        worksheet_set_column(m_sheet, lxw_col_t(c), lxw_col_t(c), width, nullptr);
        const QByteArray title = m_columns[c].title.toUtf8();
        if (lxw_error e = worksheet_write_string(m_sheet, 0, lxw_col_t(c), title.constData(), m_header); e != LXW_NO_ERROR)
            return failed(e);
    }
    worksheet_freeze_panes(m_sheet, 1, 0);
    m_sheetRow = 1;
    return {};
}

Status XlsxReportWriter::write(const ReportRow &row)
{
    if (m_sheetRow > m_rowsPerSheet) {
        if (Status st = addSheet(); !st)
            return st;
    }
    const auto r = lxw_row_t(m_sheetRow);
    for (int c = 0; c < m_columns.size(); ++c) {
        const ReportValue &value = row.values.value(c);
        lxw_error e = LXW_NO_ERROR;
        const auto col = lxw_col_t(c);
        if (const auto *text = std::get_if<QString>(&value)) {
            if (!text->isEmpty())
                e = worksheet_write_string(m_sheet, r, col, ReportText::shown(m_columns, row, c).toUtf8().constData(), nullptr);
        } else if (const auto *number = std::get_if<qint64>(&value)) {
            switch (m_columns[c].type) {
            case ColumnType::Money: {
                const int digits = payments::minorUnitDigits(ReportText::currencyOf(m_columns, row, c));
                e = worksheet_write_number(m_sheet, r, col, scaled(*number, digits), moneyFormat(digits));
                break;
            }
            case ColumnType::EnergyWh:
                e = worksheet_write_number(m_sheet, r, col, scaled(*number, 3), m_energy);
                break;
            case ColumnType::TimeMs:
                e = worksheet_write_number(m_sheet, r, col, kUnixEpochSerial + double(*number) / double(kDayMs), m_time);
                break;
            case ColumnType::Hundredths:
                e = worksheet_write_number(m_sheet, r, col, scaled(*number, 2), moneyFormat(2));
                break;
            case ColumnType::Integer:
            case ColumnType::Text:
                e = worksheet_write_number(m_sheet, r, col, double(*number), m_integer);
                break;
            }
        }
        if (e != LXW_NO_ERROR)
            return failed(e);
    }
    ++m_sheetRow;
    return {};
}

Status XlsxReportWriter::finish(const ReportTotals &totals)
{
    lxw_worksheet *sheet = workbook_add_worksheet(m_book, sheetName(tr("Totals"), 1).toUtf8().constData());
    if (sheet) {
        worksheet_set_column(sheet, 0, 0, 24, nullptr);
        worksheet_set_column(sheet, 1, 2, 16, nullptr);
        lxw_row_t r = 0;
        worksheet_write_string(sheet, r, 0, tr("Rows").toUtf8().constData(), m_header);
        worksheet_write_number(sheet, r++, 1, double(totals.rows), m_integer);
        for (const ReportColumn &c : m_columns) {
            if (c.type == ColumnType::EnergyWh && totals.energyWh.contains(c.id)) {
                worksheet_write_string(sheet, r, 0, c.title.toUtf8().constData(), m_header);
                worksheet_write_number(sheet, r++, 1, scaled(totals.energyWh.value(c.id), 3), m_energy);
            } else if (c.type == ColumnType::Money && totals.money.contains(c.id)) {
                const QMap<QString, qint64> perCurrency = totals.money.value(c.id);
                for (auto it = perCurrency.cbegin(); it != perCurrency.cend(); ++it) {
                    const int digits = payments::minorUnitDigits(it.key());
                    worksheet_write_string(sheet, r, 0, c.title.toUtf8().constData(), m_header);
                    worksheet_write_number(sheet, r, 1, scaled(it.value(), digits), moneyFormat(digits));
                    worksheet_write_string(sheet, r++, 2, it.key().toUtf8().constData(), nullptr);
                }
            }
        }
    }
    lxw_workbook *book = m_book;
    m_book = nullptr;
    m_sheet = nullptr;
    m_money.clear();
    if (lxw_error e = workbook_close(book); e != LXW_NO_ERROR)
        return failed(e);
    return {};
}

void XlsxReportWriter::abort()
{
    if (m_book)
        lxw_workbook_free(m_book);
    m_book = nullptr;
    m_sheet = nullptr;
    m_money.clear();
}

}  // namespace cd::reports
