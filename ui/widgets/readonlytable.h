#pragma once
// The console's read-only list: whole rows selected, no editing, alternating rows, no row
// numbers, the last column filling the width.

#include <QTableView>
#include <QtGlobal>

class QAbstractItemModel;
class QString;
class QWidget;

namespace cd::ui {

QTableView *makeReadOnlyTable(const QString &objectName, QWidget *parent);
// Selects (and makes current) the row `sourceRow` of `source`, the model behind the table's
// proxy (or the table's own). False when the row is not there or the proxy filters it out.
bool selectSourceRow(QTableView *table, const QAbstractItemModel *source, int sourceRow);

// The row of `rows` (records with an `id`, in the model's order) whose id is `id`; -1 when none.
template <typename Rows>
int rowOfId(const Rows &rows, qint64 id)
{
    for (int i = 0; i < int(rows.size()); ++i) {
        if (rows.at(i).id == id)
            return i;
    }
    return -1;
}

// The id of the table's current row in `rows` (the table shows `rows` without a proxy); 0 when none.
template <typename Rows>
qint64 currentRowId(const QTableView *table, const Rows &rows)
{
    const int row = table->currentIndex().row();
    return row >= 0 && row < int(rows.size()) ? rows.at(row).id : 0;
}

}  // namespace cd::ui
