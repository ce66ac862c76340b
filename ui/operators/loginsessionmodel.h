#pragma once
// The login sessions open now (Operators › Logins open now): who (name and login), since when,
// last seen, from which client. Newest first, as AccessService lists them.

#include "core/access/operatorrepository.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace cd::ui {

class LoginSessionModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Operator, Started, LastSeen, Client, ColumnCount };

    explicit LoginSessionModel(QObject *parent = nullptr);

    // `names`: display names by operator id (a session of an operator not in it shows the login).
    void setSessions(QList<access::LoginSessionRow> rows, QHash<qint64, QString> names = {});
    const QList<access::LoginSessionRow> &sessions() const { return m_rows; }
    const access::LoginSessionRow *session(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void retranslate();

private:
    QList<access::LoginSessionRow> m_rows;
    QHash<qint64, QString> m_names;
};

}  // namespace cd::ui
