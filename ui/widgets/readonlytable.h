#pragma once
// The console's read-only list: whole rows selected, no editing, alternating rows, no row
// numbers, the last column filling the width.

class QString;
class QTableView;
class QWidget;

namespace cd::ui {

QTableView *makeReadOnlyTable(const QString &objectName, QWidget *parent);

}  // namespace cd::ui
