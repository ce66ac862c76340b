#include "ui/stations/stationfilterproxy.h"

#include "ui/stations/stationtablemodel.h"

namespace cd::ui {

StationFilterProxy::StationFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(StationTableModel::SortRole);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setFilterKeyColumn(-1);  // any column
}

void StationFilterProxy::setShow(Show show)
{
    if (show == m_show)
        return;
    m_show = show;
    invalidateRowsFilter();
}

bool StationFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_show != Show::All) {
        const auto *model = qobject_cast<const StationTableModel *>(sourceModel());
        const charging::StationOverview *station = model ? model->station(sourceRow) : nullptr;
        if (!station)
            return false;
        const charging::StationCondition condition = charging::stationCondition(*station);
        switch (m_show) {
        case Show::All:
            break;
        case Show::Online:
            if (condition == charging::StationCondition::Offline)
                return false;
            break;
        case Show::Offline:
            if (condition != charging::StationCondition::Offline)
                return false;
            break;
        case Show::Faulted:
            if (condition != charging::StationCondition::Faulted)
                return false;
            break;
        case Show::Charging:
            if (condition != charging::StationCondition::Charging)
                return false;
            break;
        }
    }
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

}  // namespace cd::ui
