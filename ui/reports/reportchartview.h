#pragma once
// A report's rows as a picture (ReportChart: bars or lines, labels from one column, one series per
// value column), for the reports where a chart reads better than the table. Money is drawn in
// major units and energy in kWh; the rows drawn are the ones the table has fetched.

#include "core/reports/reporttable.h"

#include <QChartView>

namespace cd::ui {

class ReportChartView : public QChartView {
    Q_OBJECT
public:
    // At most this many labels are drawn (the first rows).
    static constexpr int kMaxPoints = 60;

    explicit ReportChartView(QWidget *parent = nullptr);

    // Draws the rows; false (and nothing drawn) when the hint is None or names no value column.
    bool draw(const reports::ReportChart &hint, const QList<reports::ReportColumn> &columns,
              const QList<reports::ReportRow> &rows);
    int seriesCount() const;
};

}  // namespace cd::ui
