#include "ui/widgets/readonlytable.h"

#include <QAbstractProxyModel>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QTableView>

namespace cd::ui {

QTableView *makeReadOnlyTable(const QString &objectName, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setObjectName(objectName);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

bool selectSourceRow(QTableView *table, const QAbstractItemModel *source, int sourceRow)
{
    if (sourceRow < 0 || sourceRow >= source->rowCount())
        return false;
    QModelIndex index = source->index(sourceRow, 0);
    if (auto *proxy = qobject_cast<QAbstractProxyModel *>(table->model()); proxy && proxy->sourceModel() == source)
        index = proxy->mapFromSource(index);
    if (!index.isValid())
        return false;
    table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    table->setCurrentIndex(index);
    return true;
}

}  // namespace cd::ui
