#include "ui/stations/stationtablemodel.h"

#include <QColor>
#include <QDateTime>
#include <QGeoCoordinate>
#include <QLocale>

namespace cd::ui {

namespace {

QString localTime(const std::optional<qint64> &ms)
{
    if (!ms)
        return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(*ms).toLocalTime(), QLocale::ShortFormat);
}

// "3 d 4 h", "5 h 12 min", "7 min", "40 s"
QString age(qint64 ms)
{
    const qint64 s = std::max<qint64>(0, ms / 1000);
    if (s >= 86400)
        return StationTableModel::tr("%1 d %2 h").arg(s / 86400).arg((s % 86400) / 3600);
    if (s >= 3600)
        return StationTableModel::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
    if (s >= 60)
        return StationTableModel::tr("%1 min").arg(s / 60);
    return StationTableModel::tr("%1 s").arg(s);
}

}  // namespace

StationTableModel::StationTableModel(QObject *parent) : LiveTableModel(parent) {}

void StationTableModel::setStations(QList<charging::StationOverview> stations, qint64 nowMs)
{
    m_nowMs = nowMs;
    replaceRows(m_stations, std::move(stations), [](const charging::StationOverview &s) { return s.station.id; });
}

const charging::StationOverview *StationTableModel::station(int row) const
{
    return row >= 0 && row < m_stations.size() ? &m_stations.at(row) : nullptr;
}

int StationTableModel::rowOf(const QString &chargePointId) const
{
    for (qsizetype i = 0; i < m_stations.size(); ++i) {
        if (m_stations.at(i).station.chargePointId == chargePointId)
            return int(i);
    }
    return -1;
}

QString StationTableModel::stateText(StationState state)
{
    switch (state) {
    case StationState::Charging:
        return tr("Charging");
    case StationState::Faulted:
        return tr("Faulted");
    case StationState::Online:
        return tr("Online");
    case StationState::Offline:
        return tr("Offline");
    }
    return {};
}

QColor StationTableModel::stateColor(StationState state)
{
    switch (state) {
    case StationState::Charging:
        return QColor(0x1e, 0x6f, 0xd9);
    case StationState::Faulted:
        return QColor(0xc6, 0x28, 0x28);
    case StationState::Online:
        return QColor(0x2e, 0x7d, 0x32);
    case StationState::Offline:
        return QColor(0x75, 0x75, 0x75);
    }
    return {};
}

int StationTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_stations.size());
}

int StationTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString StationTableModel::summary(const charging::StationOverview &station, StationState state)
{
    const storage::StationState &st = station.station;
    QStringList lines{st.name.isEmpty() ? st.chargePointId : st.chargePointId + u" · " + st.name, stateText(state)};
    const QString make = QStringList{st.identity.vendor, st.identity.model}.join(u' ').trimmed();
    if (!make.isEmpty())
        lines << make;
    if (!station.place.siteName.isEmpty())
        //: The site a station belongs to, on the map's tooltip
        lines << tr("Site: %1").arg(station.place.siteName);
    return lines.join(u'\n');
}

QVariant StationTableModel::data(const QModelIndex &index, int role) const
{
    const charging::StationOverview *s = station(index.row());
    if (!s || !index.isValid())
        return {};
    const storage::StationState &st = s->station;
    const StationState state = charging::stationCondition(*s);
    if (role == StationIdRole)
        return st.chargePointId;
    if (role == ConditionRole)
        return int(state);
    if (role == PositionRole) {
        const charging::StationPlace &place = s->place;
        return QVariant::fromValue(place.located() ? QGeoCoordinate(*place.latitude, *place.longitude)
                                                   : QGeoCoordinate());
    }
    if (role == SummaryRole)
        return summary(*s, state);
    if (role == Qt::ForegroundRole && index.column() == State)
        return stateColor(state);
    if (role == Qt::ToolTipRole && index.column() == Station)
        return st.name.isEmpty() ? st.chargePointId : st.chargePointId + u" — " + st.name;
    if (role == SortRole) {
        switch (index.column()) {
        case State:
            return int(state);
        case LastHeartbeat:
            return st.lastHeartbeatMs.value_or(0);
        case Connected:
            return st.connectedSinceMs ? m_nowMs - *st.connectedSinceMs : -1;
        case OpenSessions:
            return s->openSessions;
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Station:
        return st.name.isEmpty() ? st.chargePointId : st.chargePointId + u" · " + st.name;
    case State:
        return stateText(state);
    case Vendor:
        return st.identity.vendor;
    case Model:
        return st.identity.model;
    case Firmware:
        return st.identity.firmware;
    case LastHeartbeat:
        return localTime(st.lastHeartbeatMs);
    case Connected:
        return st.connectedSinceMs ? age(m_nowMs - *st.connectedSinceMs) : QString();
    case OpenSessions:
        return QLocale().toString(s->openSessions);
    default:
        return {};
    }
}

QVariant StationTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Station:
        return tr("Station");
    case State:
        return tr("State");
    case Vendor:
        return tr("Vendor");
    case Model:
        return tr("Model");
    case Firmware:
        return tr("Firmware");
    case LastHeartbeat:
        return tr("Last heartbeat");
    case Connected:
        return tr("Connected for");
    case OpenSessions:
        return tr("Open sessions");
    default:
        return {};
    }
}

void StationTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_stations.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_stations.size()) - 1, ColumnCount - 1));
}

}  // namespace cd::ui
