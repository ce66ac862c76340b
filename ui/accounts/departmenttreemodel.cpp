#include "ui/accounts/departmenttreemodel.h"

#include "ui/widgets/moneytext.h"

#include <QLocale>

namespace cd::ui {

using accounts::Department;

DepartmentTreeModel::DepartmentTreeModel(QObject *parent) : QAbstractItemModel(parent) {}

void DepartmentTreeModel::setDepartments(QList<Department> departments)
{
    beginResetModel();
    m_rows = std::move(departments);
    m_position.clear();
    for (int i = 0; i < m_rows.size(); ++i)
        m_position.insert(m_rows.at(i).id, i);
    m_children = QList<QList<int>>(m_rows.size());
    m_parentOf = QList<int>(m_rows.size(), -1);
    m_roots.clear();
    for (int i = 0; i < m_rows.size(); ++i) {
        const Department &d = m_rows.at(i);
        const int parentPosition = d.parentId ? positionOf(*d.parentId) : -1;
        if (parentPosition >= 0 && parentPosition != i) {
            m_children[parentPosition].append(i);
            m_parentOf[i] = parentPosition;
        } else {
            m_roots.append(i);
        }
    }
    endResetModel();
}

int DepartmentTreeModel::positionOf(qint64 departmentId) const
{
    return m_position.value(departmentId, -1);
}

const Department *DepartmentTreeModel::department(const QModelIndex &index) const
{
    if (!index.isValid())
        return nullptr;
    const int position = int(index.internalId());
    return position >= 0 && position < m_rows.size() ? &m_rows.at(position) : nullptr;
}

QModelIndex DepartmentTreeModel::indexOf(qint64 departmentId) const
{
    const int position = positionOf(departmentId);
    if (position < 0)
        return {};
    const int parentPosition = m_parentOf.at(position);
    const QList<int> &siblings = parentPosition < 0 ? m_roots : m_children.at(parentPosition);
    return createIndex(int(siblings.indexOf(position)), 0, quintptr(position));
}

qint64 DepartmentTreeModel::payingDepartment(qint64 departmentId) const
{
    int position = positionOf(departmentId);
    for (int steps = 0; position >= 0 && steps <= m_rows.size(); ++steps) {
        const Department &d = m_rows.at(position);
        if (!d.billToParent || m_parentOf.at(position) < 0)
            return d.id;
        position = m_parentOf.at(position);
    }
    return departmentId;
}

QModelIndex DepartmentTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    const QList<int> *siblings = &m_roots;
    if (parent.isValid()) {
        const int parentPosition = int(parent.internalId());
        if (parentPosition < 0 || parentPosition >= m_children.size())
            return {};
        siblings = &m_children.at(parentPosition);
    }
    if (row >= siblings->size())
        return {};
    return createIndex(row, column, quintptr(siblings->at(row)));
}

QModelIndex DepartmentTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const int position = int(child.internalId());
    if (position < 0 || position >= m_parentOf.size())
        return {};
    const int parentPosition = m_parentOf.at(position);
    if (parentPosition < 0)
        return {};
    const int grandParent = m_parentOf.at(parentPosition);
    const QList<int> &siblings = grandParent < 0 ? m_roots : m_children.at(grandParent);
    return createIndex(int(siblings.indexOf(parentPosition)), 0, quintptr(parentPosition));
}

int DepartmentTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_roots.size());
    if (parent.column() != 0)
        return 0;
    const int position = int(parent.internalId());
    return position >= 0 && position < m_children.size() ? int(m_children.at(position).size()) : 0;
}

int DepartmentTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant DepartmentTreeModel::data(const QModelIndex &index, int role) const
{
    const Department *d = department(index);
    if (!d)
        return {};
    if (role == DepartmentIdRole)
        return d->id;
    const int column = index.column();
    if (role == Qt::TextAlignmentRole && column != Name && column != PaidFrom)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Name:
        return d->name;
    case PooledBalance:
        return amountText(d->balanceMinor, m_currency);
    case PaidFrom: {
        const qint64 paying = payingDepartment(d->id);
        if (paying == d->id)
            //: a department's sessions are paid from its own pooled balance
            return tr("Own pool");
        const int position = positionOf(paying);
        //: a department's sessions are paid from the pool of a parent department, %1
        return tr("Billed to %1").arg(position >= 0 ? m_rows.at(position).name : QString::number(paying));
    }
    case AutoStop:
        return amountText(d->autoStopThresholdMinor, m_currency);
    case Members:
        return QLocale().toString(d->memberCount);
    case Cards:
        return QLocale().toString(d->cardCount);
    default:
        return {};
    }
}

QVariant DepartmentTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Department");
    case PooledBalance:
        return tr("Pooled balance");
    case PaidFrom:
        //: column: whose pooled balance pays the department's sessions
        return tr("Paid from");
    case AutoStop:
        return tr("Auto-stop at");
    case Members:
        return tr("Members");
    case Cards:
        return tr("Department cards");
    default:
        return {};
    }
}

void DepartmentTreeModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    emit layoutAboutToBeChanged();  // "Own pool" / "Billed to …" in the new language
    emit layoutChanged();
}

}  // namespace cd::ui
