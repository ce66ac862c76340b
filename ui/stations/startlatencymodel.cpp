#include "ui/stations/startlatencymodel.h"

#include <QLocale>

namespace cd::ui {

StartLatencyModel::StartLatencyModel(Grouping grouping, QObject *parent)
    : QAbstractTableModel(parent), m_grouping(grouping)
{
}

void StartLatencyModel::setGroups(QList<charging::StartLatencyGroup> groups)
{
    beginResetModel();
    m_groups = std::move(groups);
    endResetModel();
}

QString StartLatencyModel::durationText(qint64 ms)
{
    const QLocale locale;
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    if (ms < 60 * 1000)
        return tr("%1 s").arg(locale.toString(double(ms) / 1000, 'f', 1));
    const qint64 s = ms / 1000;
    //: minutes and seconds, e.g. "1 min 05 s"
    return tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

int StartLatencyModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_groups.size());
}

int StartLatencyModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StartLatencyModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_groups.size())
        return {};
    const charging::StartLatencyGroup &g = m_groups.at(index.row());
    if (role == Qt::TextAlignmentRole && index.column() >= Stations)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && g.implausible > 0)
        return tr("%n start(s) left out: the station's clock jumped (negative or over an hour)", nullptr, g.implausible);
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    const bool sort = role == SortRole;
    switch (index.column()) {
    case Station:
        return g.chargePointId;
    case Vendor:
        return g.vendor;
    case Model:
        return g.model;
    case Firmware:
        return g.firmware;
    case Stations:
        return g.stations;
    case Sessions:
        return g.sessions;
    case Median:
        return sort ? QVariant(g.medianMs) : (g.sessions ? QVariant(durationText(g.medianMs)) : QVariant());
    case P90:
        return sort ? QVariant(g.p90Ms) : (g.sessions ? QVariant(durationText(g.p90Ms)) : QVariant());
    case Slowest:
        return sort ? QVariant(g.maxMs) : (g.sessions ? QVariant(durationText(g.maxMs)) : QVariant());
    default:
        return {};
    }
}

QVariant StartLatencyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Station:
        return tr("Station");
    case Vendor:
        return tr("Vendor");
    case Model:
        return tr("Model");
    case Firmware:
        return tr("Firmware");
    case Stations:
        return tr("Stations");
    case Sessions:
        return tr("Starts");
    case Median:
        return tr("Median");
    case P90:
        //: 90th percentile
        return tr("90 %");
    case Slowest:
        return tr("Slowest");
    default:
        return {};
    }
}

}  // namespace cd::ui
