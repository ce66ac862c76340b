#pragma once
// How the Reports screen shows a report cell: money with its currency in the operator's locale
// (moneytext.h), energy in kWh, a moment in the operator's time zone, numbers with group
// separators; exact integer arithmetic throughout. Also the totals of an export in one line.

#include "core/reports/reporttable.h"

#include <QCoreApplication>
#include <QString>

namespace cd::ui {

class ReportCellText {
    Q_DECLARE_TR_FUNCTIONS(cd::ui::ReportCellText)
public:
    static QString cell(const QList<reports::ReportColumn> &columns, const reports::ReportRow &row, int column);
    static QString energy(qint64 wh);        // "12.345 kWh"
    static QString energyNumber(qint64 wh);  // "12.345" (the columns' titles name the unit)
    static bool isNumeric(reports::ColumnType type);
    // "3 rows · Energy 40.100 kWh · Total 119.10 UAH"
    static QString totals(const QList<reports::ReportColumn> &columns, const reports::ReportTotals &totals);
};

}  // namespace cd::ui
