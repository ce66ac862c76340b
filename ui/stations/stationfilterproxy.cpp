#include "ui/stations/stationfilterproxy.h"

#include "ui/stations/stationtablemodel.h"

namespace cd::ui {

StationFilterProxy::StationFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(StationTableModel::SortRole);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setFilterKeyColumn(-1);  // any column
}

QStringList StationFilterProxy::showTitles()
{
    return {tr("All stations"), tr("Online"), tr("Offline"), tr("Faulted"), tr("Charging now")};
}

void StationFilterProxy::setVendor(const QString &vendor)
{
    if (vendor == m_vendor)
        return;
    m_vendor = vendor;
    invalidateRowsFilter();
}

void StationFilterProxy::setSite(qint64 siteId)
{
    if (siteId == m_site)
        return;
    m_site = siteId;
    invalidateRowsFilter();
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
    const auto *model = qobject_cast<const StationTableModel *>(sourceModel());
    const charging::StationOverview *station = model ? model->station(sourceRow) : nullptr;
    if (!m_vendor.isEmpty() && (!station || station->station.identity.vendor != m_vendor))
        return false;
    if (m_site != kAnySite && (!station || station->place.siteId.value_or(kNoSite) != m_site))
        return false;
    if (m_show != Show::All) {
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
