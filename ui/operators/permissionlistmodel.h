#pragma once
// The permissions of one kind (screens or actions) as check boxes, for the role selected in
// Operators › Roles. Titles from PermissionCatalog, their keys as tooltips. Read-only shows the
// boxes as they are without letting them change (the administrator role, or no right to manage).

#include "core/access/permission.h"

#include <QAbstractListModel>
#include <QList>
#include <QSet>
#include <QStringList>

namespace cd::ui {

class PermissionListModel : public QAbstractListModel {
    Q_OBJECT
public:
    static constexpr int KeyRole = Qt::UserRole + 1;

    explicit PermissionListModel(access::PermissionKind kind, QObject *parent = nullptr);

    // Ticks exactly the permissions among `keys` (catalog keys) that are of this model's kind.
    void setChecked(const QStringList &keys);
    QStringList checkedKeys() const;  // in catalog order
    bool isChecked(access::Permission permission) const { return m_checked.contains(permission); }
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }
    int rowOf(access::Permission permission) const { return int(m_permissions.indexOf(permission)); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    void retranslate();

signals:
    // A box was ticked or cleared through the view (or setData), not by setChecked().
    void edited();

private:
    QList<access::Permission> m_permissions;
    QSet<access::Permission> m_checked;
    bool m_readOnly = false;
};

}  // namespace cd::ui
