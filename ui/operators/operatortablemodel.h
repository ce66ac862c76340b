#pragma once
// The operator accounts of Operators › Operators: login, display name, role, logins at once,
// enabled or disabled, and when the account was made. In the order AccessService lists them.

#include "core/access/operatorrepository.h"

#include <QAbstractTableModel>
#include <QList>

namespace cd::ui {

class OperatorTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Login, DisplayName, Role, MaxLogins, State, Created, ColumnCount };

    explicit OperatorTableModel(QObject *parent = nullptr);

    // How an operator is named in sentences and lists: "Anna Kovalenko (anna)", or the login alone.
    static QString nameAndLogin(const QString &displayName, const QString &login);

    void setOperators(QList<access::OperatorRow> rows);
    const QList<access::OperatorRow> &operators() const { return m_rows; }
    const access::OperatorRow *row(int row) const;
    int rowOf(const QString &login) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void retranslate();

private:
    QList<access::OperatorRow> m_rows;
};

}  // namespace cd::ui
