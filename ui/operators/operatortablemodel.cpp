#include "ui/operators/operatortablemodel.h"

#include "core/access/permission.h"
#include "ui/widgets/timetext.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QLocale>

namespace cd::ui {

OperatorTableModel::OperatorTableModel(QObject *parent) : QAbstractTableModel(parent) {}

QString OperatorTableModel::nameAndLogin(const QString &displayName, const QString &login)
{
    return displayName.isEmpty() || displayName == login ? login : tr("%1 (%2)").arg(displayName, login);
}

void OperatorTableModel::setOperators(QList<access::OperatorRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

const access::OperatorRow *OperatorTableModel::row(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int OperatorTableModel::rowOf(const QString &login) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).login == login)
            return int(i);
    }
    return -1;
}

int OperatorTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int OperatorTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OperatorTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const access::OperatorRow &o = m_rows.at(index.row());
    const bool locked = o.lockedAt(QDateTime::currentMSecsSinceEpoch());
    if (role == Qt::ForegroundRole && o.disabled)
        return QBrush(QColor(0x80, 0x80, 0x80));
    if (role == Qt::ForegroundRole && locked && index.column() == State)
        return QBrush(QColor(0xb0, 0x20, 0x20));
    if (role == Qt::ToolTipRole && locked && index.column() == State)
        return tr("Too many wrong passwords in a row. An administrator can unlock the login now; it unlocks by "
                  "itself at %1.")
            .arg(localTimeText(*o.lockedUntilMs));
    if (role == Qt::TextAlignmentRole && index.column() == MaxLogins)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Login:
        return o.login;
    case DisplayName:
        return o.displayName;
    case Role:
        return access::BuiltinRoles::displayName(o.role);
    case MaxLogins:
        return QLocale().toString(o.maxConcurrentLogins);
    case State:
        if (o.disabled)
            return tr("Disabled");
        return locked ? tr("Locked until %1").arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(*o.lockedUntilMs).time(),
                                                                     QLocale::ShortFormat))
                      : tr("Enabled");
    case Created:
        return o.createdMs > 0 ? localTimeText(o.createdMs) : QString();
    default:
        return {};
    }
}

QVariant OperatorTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Login:
        return tr("Login");
    case DisplayName:
        return tr("Name");
    case Role:
        return tr("Role");
    case MaxLogins:
        return tr("Logins at once");
    case State:
        return tr("State");
    case Created:
        return tr("Created");
    default:
        return {};
    }
}

void OperatorTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

}  // namespace cd::ui
