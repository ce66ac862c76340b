#pragma once
// The console's read-only list: whole rows selected, no editing, alternating rows, no row
// numbers, the last column filling the width.

class QAbstractItemModel;
class QString;
class QTableView;
class QWidget;

namespace cd::ui {

QTableView *makeReadOnlyTable(const QString &objectName, QWidget *parent);
// Selects (and makes current) the row `sourceRow` of `source`, the model behind the table's
// proxy (or the table's own). False when the row is not there or the proxy filters it out.
bool selectSourceRow(QTableView *table, const QAbstractItemModel *source, int sourceRow);

}  // namespace cd::ui
