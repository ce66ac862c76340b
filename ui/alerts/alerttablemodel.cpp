#include "ui/alerts/alerttablemodel.h"

#include "ui/widgets/timetext.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace cd::ui {

using alerts::Alert;
using alerts::AlertState;
using alerts::AlertText;

namespace {

qint64 idOf(const Alert &a)
{
    return a.id;
}

QString localTime(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat);
}

QColor stateColor(AlertState state)
{
    switch (state) {
    case AlertState::Open:
        return QColor(0xb4, 0x23, 0x18);
    case AlertState::Acknowledged:
        return QColor(0x9a, 0x5b, 0x00);
    case AlertState::Resolved:
        return QColor(0x2e, 0x6b, 0x30);
    }
    return {};
}

}  // namespace

AlertTableModel::AlertTableModel(QObject *parent) : PagedTableModel(parent) {}

void AlertTableModel::setAlerts(QList<Alert> rows, bool hasMore)
{
    replacePage(m_rows, std::move(rows), hasMore, idOf);
}

void AlertTableModel::appendAlerts(QList<Alert> rows, bool hasMore)
{
    appendPage(m_rows, std::move(rows), hasMore, idOf);
}

const Alert *AlertTableModel::alert(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int AlertTableModel::rowOf(qint64 alertId) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == alertId)
            return int(i);
    }
    return -1;
}

int AlertTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AlertTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Alert &a = m_rows.at(index.row());
    if (role == AlertIdRole)
        return a.id;
    if (role == Qt::ForegroundRole && index.column() == State)
        return QBrush(stateColor(a.state));
    if (role == Qt::TextAlignmentRole && index.column() == Occurrences)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == SortRole) {
        switch (index.column()) {
        case Opened:
            return a.openedMs;
        case LastSeen:
            return a.lastSeenMs;
        case Occurrences:
            return a.occurrences;
        default:
            break;
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Details)
        return a.describe();
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (index.column()) {
    case Kind:
        return AlertText::kindTitle(a.kind);
    case Place:
        return a.place();
    case State:
        if (a.state == AlertState::Resolved && a.resolvedBy == alerts::systemActor())
            //: an alert resolved by itself: its condition is gone (station back online, fault cleared)
            return tr("Cleared");
        return AlertText::stateTitle(a.state);
    case Opened:
        return localTime(a.openedMs);
    case LastSeen:
        return localTime(a.lastSeenMs);
    case Occurrences:
        return QLocale().toString(a.occurrences);
    case Assignee:
        return a.assignee;
    case Details:
        return a.describe();
    default:
        return {};
    }
}

QVariant AlertTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Kind:
        return tr("Alert");
    case Place:
        return tr("Station");
    case State:
        return tr("State");
    case Opened:
        return tr("Opened");
    case LastSeen:
        return tr("Last seen");
    case Occurrences:
        //: column: how many times the alert's condition was seen
        return tr("Times");
    case Assignee:
        return tr("Assigned to");
    case Details:
        return tr("Details");
    default:
        return {};
    }
}

qint64 AlertTableModel::pageBoundary() const
{
    return m_rows.isEmpty() ? 0 : m_rows.constLast().id;
}

void AlertTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

AlertHistoryModel::AlertHistoryModel(QObject *parent) : QAbstractTableModel(parent) {}

void AlertHistoryModel::setHistory(QList<alerts::AlertHistoryEntry> entries)
{
    beginResetModel();
    m_rows = std::move(entries);
    endResetModel();
}

int AlertHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AlertHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const alerts::AlertHistoryEntry &h = m_rows.at(index.row());
    if (role == Qt::ToolTipRole && index.column() == When)
        return tr("%1 UTC").arg(millisecondText(h.atMs));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case When:
        return millisecondText(h.atMs, QTimeZone::systemTimeZone());
    case Actor:
        return h.actor == alerts::systemActor() ? tr("ChargeDesk", "the system as the actor in an alert's history")
                                                : h.actor;
    case Action:
        return AlertText::actionTitle(h.action);
    case Note:
        return h.note;
    default:
        return {};
    }
}

QVariant AlertHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case When:
        return tr("When");
    case Actor:
        return tr("Who");
    case Action:
        return tr("What");
    case Note:
        return tr("Note");
    default:
        return {};
    }
}

void AlertHistoryModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

}  // namespace cd::ui
