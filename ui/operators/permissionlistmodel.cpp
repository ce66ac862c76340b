#include "ui/operators/permissionlistmodel.h"

namespace cd::ui {

using access::Permission;
using access::PermissionCatalog;

PermissionListModel::PermissionListModel(access::PermissionKind kind, QObject *parent) : QAbstractListModel(parent)
{
    for (const Permission p : PermissionCatalog::all()) {
        if (PermissionCatalog::kind(p) == kind)
            m_permissions.append(p);
    }
}

void PermissionListModel::setChecked(const QStringList &keys)
{
    m_checked.clear();
    for (const QString &key : keys) {
        const std::optional<Permission> p = PermissionCatalog::fromKey(key);
        if (p && m_permissions.contains(*p))
            m_checked.insert(*p);
    }
    if (!m_permissions.isEmpty())
        emit dataChanged(index(0), index(rowCount() - 1), {Qt::CheckStateRole});
}

QStringList PermissionListModel::checkedKeys() const
{
    QStringList keys;
    for (const Permission p : m_permissions) {
        if (m_checked.contains(p))
            keys.append(PermissionCatalog::key(p));
    }
    return keys;
}

void PermissionListModel::setReadOnly(bool readOnly)
{
    if (m_readOnly == readOnly)
        return;
    m_readOnly = readOnly;
    if (!m_permissions.isEmpty())
        emit dataChanged(index(0), index(rowCount() - 1));  // flags
}

int PermissionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_permissions.size());
}

QVariant PermissionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Permission p = m_permissions.at(index.row());
    switch (role) {
    case Qt::DisplayRole: {
        // The catalog's titles are lower case, to follow "does not allow: "; a box starts a line.
        QString title = PermissionCatalog::title(p);
        if (!title.isEmpty())
            title[0] = title.at(0).toUpper();
        return title;
    }
    case Qt::CheckStateRole:
        return m_checked.contains(p) ? Qt::Checked : Qt::Unchecked;
    case Qt::ToolTipRole:
    case KeyRole:
        return PermissionCatalog::key(p);
    default:
        return {};
    }
}

bool PermissionListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (m_readOnly || role != Qt::CheckStateRole
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const Permission p = m_permissions.at(index.row());
    if (value.value<Qt::CheckState>() == Qt::Checked)
        m_checked.insert(p);
    else
        m_checked.remove(p);
    emit dataChanged(index, index, {Qt::CheckStateRole});
    emit edited();
    return true;
}

Qt::ItemFlags PermissionListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;  // the root (views ask it)
    // Read-only: shown as it is (not greyed), but the boxes do not toggle.
    return m_readOnly ? Qt::ItemIsEnabled | Qt::ItemNeverHasChildren
                      : Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemNeverHasChildren;
}

void PermissionListModel::retranslate()
{
    if (!m_permissions.isEmpty())
        emit dataChanged(index(0), index(rowCount() - 1), {Qt::DisplayRole});
}

}  // namespace cd::ui
