#include "core/reports/pdf/pdfreportwriter.h"

#include "core/payments/moneytext.h"

#include <QDateTime>
#include <QFontMetrics>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

using namespace Qt::StringLiterals;

namespace cd::reports {

namespace {

constexpr int kResolution = 300;
constexpr int kPadding = 12;  // device pixels between columns

int weightOf(ColumnType type)
{
    switch (type) {
    case ColumnType::Text:
        return 14;
    case ColumnType::TimeMs:
        return 17;
    case ColumnType::Money:
    case ColumnType::EnergyWh:
    case ColumnType::Hundredths:
        return 11;
    case ColumnType::Integer:
        return 7;
    }
    return 10;
}

}  // namespace

PdfReportWriter::PdfReportWriter() = default;

PdfReportWriter::~PdfReportWriter()
{
    abort();
}

Status PdfReportWriter::open(const QString &path, const ReportTable &table)
{
    abort();
    m_path = path;
    m_columns = table.columns;
    m_title = table.title;
    m_writer = std::make_unique<QPdfWriter>(path);
    m_writer->setResolution(kResolution);
    m_writer->setTitle(table.title);
    m_writer->setCreator(u"ChargeDesk"_s);
    m_writer->setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape, QMarginsF(10, 10, 10, 10),
                                        QPageLayout::Millimeter));
    m_painter = std::make_unique<QPainter>();
    if (!m_painter->begin(m_writer.get())) {
        m_painter.reset();
        m_writer.reset();
        return Error{ExitCode::Failure, tr("Could not create %1.").arg(path)};
    }
    m_font = QFont(u"DejaVu Sans"_s);
    m_font.setPointSizeF(7.5);
    m_painter->setFont(m_font);
    const QRect page = m_painter->viewport();
    m_width = page.width();
    m_bottom = page.height();
    m_lineHeight = QFontMetrics(m_font, m_writer.get()).height() + 4;

    int weights = 0;
    for (const ReportColumn &c : m_columns)
        weights += weightOf(c.type);
    int x = 0;
    m_x.clear();
    m_widths.clear();
    for (const ReportColumn &c : m_columns) {
        const int w = weights > 0 ? m_width * weightOf(c.type) / weights : m_width;
        m_x << x;
        m_widths << w - kPadding;
        x += w;
    }
    m_page = 0;
    startPage();
    // The title and parameters once, above the first page's table.
    QFont title = m_font;
    title.setPointSizeF(12);
    title.setBold(true);
    m_painter->setFont(title);
    const int titleHeight = QFontMetrics(title, m_writer.get()).height();
    m_painter->drawText(QRect(0, m_y, m_width, titleHeight), Qt::AlignLeft | Qt::AlignVCenter, table.title);
    m_y += titleHeight + 4;
    m_painter->setFont(m_font);
    textLine(table.parametersText, false);
    textLine(tr("Exported %1 (UTC)").arg(QDateTime::currentDateTimeUtc().toString(u"yyyy-MM-dd HH:mm"_s)), false);
    m_y += m_lineHeight / 2;
    QStringList headers;
    for (const ReportColumn &c : m_columns)
        headers << c.title;
    line(headers, true);
    return {};
}

void PdfReportWriter::startPage()
{
    if (m_page > 0)
        m_writer->newPage();
    ++m_page;
    m_y = 0;
    // Footer: the page number.
    m_painter->drawText(QRect(0, m_bottom - m_lineHeight, m_width, m_lineHeight), Qt::AlignRight | Qt::AlignVCenter,
                        tr("%1 — page %2").arg(m_title).arg(m_page));
}

void PdfReportWriter::ensureRoom()
{
    if (m_y + m_lineHeight <= m_bottom - 2 * m_lineHeight)
        return;
    startPage();
    QStringList headers;
    for (const ReportColumn &c : m_columns)
        headers << c.title;
    line(headers, true);
}

void PdfReportWriter::textLine(const QString &text, bool bold)
{
    QFont font = m_font;
    font.setBold(bold);
    m_painter->setFont(font);
    m_painter->drawText(QRect(0, m_y, m_width, m_lineHeight), Qt::AlignLeft | Qt::AlignVCenter, text);
    m_painter->setFont(m_font);
    m_y += m_lineHeight;
}

void PdfReportWriter::line(const QStringList &cells, bool bold)
{
    QFont font = m_font;
    font.setBold(bold);
    m_painter->setFont(font);
    const QFontMetrics metrics(font, m_writer.get());
    for (int i = 0; i < m_columns.size() && i < cells.size(); ++i) {
        const bool number = m_columns[i].type != ColumnType::Text && m_columns[i].type != ColumnType::TimeMs;
        const QString text = metrics.elidedText(cells[i], Qt::ElideRight, m_widths[i]);
        m_painter->drawText(QRect(m_x[i], m_y, m_widths[i], m_lineHeight),
                            (number && !bold ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter, text);
    }
    if (bold)
        m_painter->drawLine(0, m_y + m_lineHeight - 1, m_width, m_y + m_lineHeight - 1);
    m_painter->setFont(m_font);
    m_y += m_lineHeight;
}

QString PdfReportWriter::cellText(const ReportRow &row, int column) const
{
    if (m_columns[column].type == ColumnType::TimeMs) {
        const ReportValue value = row.values.value(column);
        if (const auto *ms = std::get_if<qint64>(&value))
            return QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC).toString(u"yyyy-MM-dd HH:mm:ss"_s);
        return {};
    }
    return ReportText::shown(m_columns, row, column);
}

Status PdfReportWriter::write(const ReportRow &row)
{
    ensureRoom();
    QStringList cells;
    for (int i = 0; i < m_columns.size(); ++i)
        cells << cellText(row, i);
    line(cells, false);
    return {};
}

Status PdfReportWriter::finish(const ReportTotals &totals)
{
    ensureRoom();
    m_y += m_lineHeight / 2;
    ensureRoom();
    textLine(tr("Rows: %1").arg(totals.rows), true);
    for (const ReportColumn &c : m_columns) {
        if (c.type == ColumnType::EnergyWh && totals.energyWh.contains(c.id)) {
            ensureRoom();
            textLine(u"%1: %2"_s.arg(c.title, ReportText::decimal(totals.energyWh.value(c.id), 3)), true);
        } else if (c.type == ColumnType::Money) {
            const QMap<QString, qint64> perCurrency = totals.money.value(c.id);
            for (auto it = perCurrency.cbegin(); it != perCurrency.cend(); ++it) {
                ensureRoom();
                textLine(u"%1: %2"_s.arg(c.title, payments::moneyText(it.value(), it.key())), true);
            }
        }
    }
    const bool ended = m_painter->end();
    m_painter.reset();
    m_writer.reset();  // closes the file
    if (!ended)
        return Error{ExitCode::Failure, tr("Could not write %1.").arg(m_path)};
    return {};
}

void PdfReportWriter::abort()
{
    if (m_painter && m_painter->isActive())
        m_painter->end();
    m_painter.reset();
    m_writer.reset();
}

}  // namespace cd::reports
