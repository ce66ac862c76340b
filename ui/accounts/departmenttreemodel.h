#pragma once
// The department tree of Accounts › Departments: each department under its parent, with its pooled
// balance, whose pool pays its sessions (its own, or up the tree while it bills to the parent), the
// auto-stop threshold, and how many members and department cards it has.

#include "core/accounts/accounttypes.h"

#include <QAbstractItemModel>
#include <QHash>

namespace cd::ui {

class DepartmentTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { Name, PooledBalance, PaidFrom, AutoStop, Members, Cards, ColumnCount };
    static constexpr int DepartmentIdRole = Qt::UserRole + 1;

    explicit DepartmentTreeModel(QObject *parent = nullptr);

    void setCurrency(const QString &currency) { m_currency = currency; }
    void setDepartments(QList<accounts::Department> departments);
    const QList<accounts::Department> &departments() const { return m_rows; }
    const accounts::Department *department(const QModelIndex &index) const;
    QModelIndex indexOf(qint64 departmentId) const;
    // The department whose pool pays `departmentId`'s sessions.
    qint64 payingDepartment(qint64 departmentId) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void retranslate();

private:
    int positionOf(qint64 departmentId) const;  // into m_rows; -1: none

    QList<accounts::Department> m_rows;
    QHash<qint64, int> m_position;          // department id -> m_rows
    QList<QList<int>> m_children;           // m_rows position -> children positions
    QList<int> m_roots;
    QList<int> m_parentOf;                  // m_rows position -> parent position, -1 for roots
    QString m_currency;
};

}  // namespace cd::ui
