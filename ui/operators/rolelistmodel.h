#pragma once
// The roles of Operators › Roles: their names (built-in ones translated and marked as such),
// the number of operators holding each as a tooltip.

#include "core/access/rolerepository.h"

#include <QAbstractListModel>
#include <QList>

namespace cd::ui {

class RoleListModel : public QAbstractListModel {
    Q_OBJECT
public:
    static constexpr int NameRole = Qt::UserRole + 1;  // the stored name ("site_manager")

    explicit RoleListModel(QObject *parent = nullptr);

    void setRoles(QList<access::RoleRow> rows);
    const QList<access::RoleRow> &roles() const { return m_rows; }
    const access::RoleRow *role(int row) const;
    int rowOf(const QString &name) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    void retranslate();

private:
    QList<access::RoleRow> m_rows;
};

}  // namespace cd::ui
