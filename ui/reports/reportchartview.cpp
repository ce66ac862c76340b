#include "ui/reports/reportchartview.h"

#include "core/payments/moneytext.h"
#include "ui/reports/reportcelltext.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>

namespace cd::ui {

using namespace reports;

namespace {

// A cell as a number to draw (display only; exports and totals stay in integers).
double plotValue(const QList<ReportColumn> &columns, const ReportRow &row, int column)
{
    if (column >= row.values.size())
        return 0;
    const auto *number = std::get_if<qint64>(&row.values.at(column));
    if (!number)
        return 0;
    switch (columns.at(column).type) {
        case ColumnType::Money: {
            double scale = 1;
            for (int i = payments::minorUnitDigits(ReportText::currencyOf(columns, row, column)); i > 0; --i)
                scale *= 10;
            return double(*number) / scale;
        }
        case ColumnType::EnergyWh:
            return double(*number) / 1000.0;
        case ColumnType::Hundredths:
            return double(*number) / 100.0;
        default:
            return double(*number);
    }
}

}  // namespace

ReportChartView::ReportChartView(QWidget *parent) : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    QChart *chart = this->chart();
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    setMinimumHeight(260);
}

int ReportChartView::seriesCount() const
{
    return int(chart()->series().size());
}

bool ReportChartView::draw(const ReportChart &hint, const QList<ReportColumn> &columns, const QList<ReportRow> &rows)
{
    QChart *c = chart();
    c->removeAllSeries();
    for (QAbstractAxis *axis : c->axes()) {
        c->removeAxis(axis);
        delete axis;
    }
    QList<int> values;
    for (int v : hint.valueColumns) {
        if (v >= 0 && v < columns.size() && ReportCellText::isNumeric(columns.at(v).type))
            values << v;
    }
    if (hint.kind == ReportChart::Kind::None || values.isEmpty() || hint.labelColumn < 0
        || hint.labelColumn >= columns.size())
        return false;

    const qsizetype count = std::min<qsizetype>(rows.size(), kMaxPoints);
    QStringList labels;
    for (qsizetype r = 0; r < count; ++r)
        labels << ReportCellText::cell(columns, rows.at(r), hint.labelColumn);
    // Many ranges ("07:00–08:00", "2026-11-02 – 2026-11-08") read as their starts: the table has them whole.
    if (labels.size() > 12 && std::all_of(labels.cbegin(), labels.cend(), [](const QString &l) { return l.contains(u'–'); })) {
        for (QString &l : labels)
            l = l.section(u'–', 0, 0).trimmed();
    }
    auto *x = new QBarCategoryAxis;
    x->append(labels);
    x->setLabelsAngle(labels.size() > 8 ? -90 : 0);  // many labels: upright, so none is cut
    auto *y = new QValueAxis;
    y->setLabelFormat(QStringLiteral("%.0f"));
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    double low = 0, high = 0;
    const auto track = [&low, &high](double v) {
        low = std::min(low, v);
        high = std::max(high, v);
    };

    if (hint.kind == ReportChart::Kind::Bar) {
        auto *series = new QBarSeries;
        for (int v : std::as_const(values)) {
            auto *set = new QBarSet(columns.at(v).title);
            for (qsizetype r = 0; r < count; ++r) {
                const double value = plotValue(columns, rows.at(r), v);
                *set << value;
                track(value);
            }
            series->append(set);
        }
        c->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
    } else {
        for (int v : std::as_const(values)) {
            auto *series = new QLineSeries;
            series->setName(columns.at(v).title);
            series->setPointsVisible(count < 40);
            for (qsizetype r = 0; r < count; ++r) {
                const double value = plotValue(columns, rows.at(r), v);
                series->append(double(r), value);
                track(value);
            }
            c->addSeries(series);
            series->attachAxis(x);
            series->attachAxis(y);
        }
    }
    y->setRange(low, high > low ? high : low + 1);
    y->applyNiceNumbers();
    c->legend()->setVisible(values.size() > 1 || hint.kind == ReportChart::Kind::Bar);
    return true;
}

}  // namespace cd::ui
