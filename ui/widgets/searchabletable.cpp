#include "ui/widgets/searchabletable.h"

#include "ui/widgets/readonlytable.h"
#include "ui/widgets/style.h"
#include "ui/widgets/wrappinglabel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>

namespace cd::ui {

SearchableTable makeSearchableTable(const QString &prefix, QAbstractItemModel *model, QWidget *parent)
{
    SearchableTable t;
    t.search = new QLineEdit(parent);
    t.search->setObjectName(prefix + QStringLiteral("Search"));
    t.search->setClearButtonEnabled(true);
    t.summary = new WrappingLabel(parent);
    t.summary->setObjectName(prefix + QStringLiteral("Summary"));
    style::makeMuted(t.summary);
    t.proxy = new QSortFilterProxyModel(parent);
    t.proxy->setSourceModel(model);
    t.proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    t.proxy->setFilterKeyColumn(-1);
    t.table = makeReadOnlyTable(prefix + QStringLiteral("Table"), parent);
    t.table->setModel(t.proxy);
    t.table->setSortingEnabled(true);
    t.table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    QObject::connect(t.search, &QLineEdit::textChanged, t.proxy, &QSortFilterProxyModel::setFilterFixedString);
    t.bar = new QHBoxLayout;
    t.bar->addWidget(t.search, 1);
    t.bar->addWidget(t.summary, 1);
    return t;
}

}  // namespace cd::ui
