#include "ui/operators/loginsessionmodel.h"

#include "ui/operators/operatortablemodel.h"
#include "ui/widgets/timetext.h"

namespace cd::ui {

LoginSessionModel::LoginSessionModel(QObject *parent) : QAbstractTableModel(parent) {}

void LoginSessionModel::setSessions(QList<access::LoginSessionRow> rows, QHash<qint64, QString> names)
{
    beginResetModel();
    m_rows = std::move(rows);
    m_names = std::move(names);
    endResetModel();
}

const access::LoginSessionRow *LoginSessionModel::session(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int LoginSessionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LoginSessionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LoginSessionModel::data(const QModelIndex &index, int role) const
{
    if (role != Qt::DisplayRole
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const access::LoginSessionRow &s = m_rows.at(index.row());
    switch (index.column()) {
    case Operator:
        return OperatorTableModel::nameAndLogin(m_names.value(s.operatorId), s.login);
    case Started:
        return localTimeText(s.startedMs);
    case LastSeen:
        return localTimeText(s.lastSeenMs);
    case Client:
        return s.client;
    default:
        return {};
    }
}

QVariant LoginSessionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Operator:
        return tr("Operator");
    case Started:
        return tr("Logged in");
    case LastSeen:
        return tr("Last seen");
    case Client:
        return tr("Client");
    default:
        return {};
    }
}

void LoginSessionModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

}  // namespace cd::ui
