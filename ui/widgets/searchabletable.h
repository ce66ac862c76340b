#pragma once
// A read-only list with a search box and a summary line above it: the search filters every
// column, case-insensitively, through a proxy. Object names: <prefix>Search, <prefix>Summary,
// <prefix>Table.

class QAbstractItemModel;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QString;
class QTableView;
class QWidget;

namespace cd::ui {

struct SearchableTable {
    QLineEdit *search = nullptr;
    QLabel *summary = nullptr;
    QSortFilterProxyModel *proxy = nullptr;
    QTableView *table = nullptr;
    QHBoxLayout *bar = nullptr;  // the search and the summary, for the owner's layout
};

SearchableTable makeSearchableTable(const QString &prefix, QAbstractItemModel *model, QWidget *parent);

}  // namespace cd::ui
