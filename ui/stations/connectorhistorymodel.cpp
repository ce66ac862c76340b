#include "ui/stations/connectorhistorymodel.h"

#include "ui/stations/stationtexts.h"
#include "ui/widgets/timetext.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>

using namespace Qt::StringLiterals;

namespace cd::ui {

ConnectorHistoryModel::ConnectorHistoryModel(QObject *parent) : QAbstractTableModel(parent) {}

void ConnectorHistoryModel::setEntries(QList<storage::ConnectorStatusEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

const storage::ConnectorStatusEntry *ConnectorHistoryModel::entry(int row) const
{
    return row >= 0 && row < m_entries.size() ? &m_entries.at(row) : nullptr;
}

bool ConnectorHistoryModel::isFault(const storage::ConnectorStatusEntry &entry)
{
    return entry.status == u"Faulted" || (!entry.errorCode.isEmpty() && entry.errorCode != u"NoError");
}

int ConnectorHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int ConnectorHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConnectorHistoryModel::data(const QModelIndex &index, int role) const
{
    const storage::ConnectorStatusEntry *e = entry(index.row());
    if (!e)
        return {};
    if (role == Qt::ForegroundRole)
        return isFault(*e) ? QVariant(QBrush(QColor(0xb4, 0x23, 0x18))) : QVariant();
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Received:
        return millisecondText(e->receivedMs);
    case StationTime:
        return e->stationAtMs ? millisecondText(*e->stationAtMs) : u"—"_s;
    case Connector:
        //: %1 EVSE, %2 connector
        return e->evseId > 0 && e->evseId != e->connectorId ? tr("EVSE %1 / %2").arg(e->evseId).arg(e->connectorId)
                                                            : QString::number(e->connectorId);
    case State:
        return StationTexts::connectorStatus(e->status);
    case ErrorCode:
        return e->errorCode == u"NoError" ? QString() : e->errorCode;
    case Info:
        return e->info;
    default:
        return {};
    }
}

QVariant ConnectorHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Received:
        return tr("Received (UTC)");
    case StationTime:
        return tr("Station time (UTC)");
    case Connector:
        return tr("Connector");
    case State:
        return tr("State");
    case ErrorCode:
        return tr("Error");
    case Info:
        return tr("Details");
    default:
        return {};
    }
}

void ConnectorHistoryModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_entries.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

}  // namespace cd::ui
