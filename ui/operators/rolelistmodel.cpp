#include "ui/operators/rolelistmodel.h"

#include "core/access/permission.h"

namespace cd::ui {

RoleListModel::RoleListModel(QObject *parent) : QAbstractListModel(parent) {}

void RoleListModel::setRoles(QList<access::RoleRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

const access::RoleRow *RoleListModel::role(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int RoleListModel::rowOf(const QString &name) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).name == name)
            return int(i);
    }
    return -1;
}

int RoleListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant RoleListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const access::RoleRow &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole: {
        const QString name = access::BuiltinRoles::displayName(r.name);
        return r.builtin ? tr("%1 (built-in)").arg(name) : name;
    }
    case Qt::ToolTipRole:
        return tr("%n operator(s) with this role", nullptr, int(r.operators));
    case NameRole:
        return r.name;
    default:
        return {};
    }
}

void RoleListModel::retranslate()
{
    if (!m_rows.isEmpty())
        emit dataChanged(index(0), index(rowCount() - 1));
}

}  // namespace cd::ui
