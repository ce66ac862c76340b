#include "ui/map/stationclusters.h"

#include "ui/map/mapviewport.h"

#include <QHash>

#include <cmath>

namespace cd::ui {

using charging::StationCondition;

StationCondition MapCluster::mostUrgent() const
{
    for (const StationCondition c : {StationCondition::Faulted, StationCondition::Offline, StationCondition::Charging})
        if (byCondition.at(std::size_t(c)) > 0)
            return c;
    return StationCondition::Online;
}

QList<MapCluster> StationClusters::build(const QList<MapPoint> &points, int zoom)
{
    QList<MapCluster> clusters;
    clusters.reserve(points.size());
    const double cellPixels = zoom < kMarkerCellsFromZoom ? kCellPixels : kMarkerCellPixels;
    const double cells = double(MapViewport::kTileSize) * double(1 << zoom) / cellPixels;
    QHash<quint64, int> clusterOfCell;
    for (int i = 0; i < points.size(); ++i) {
        const MapPoint &point = points.at(i);
        const auto cx = quint32(qint32(std::floor(point.world.x() * cells)));
        const auto cy = quint32(qint32(std::floor(point.world.y() * cells)));
        const quint64 cell = (quint64(cx) << 32) | cy;
        int index = clusterOfCell.value(cell, -1);
        if (index < 0) {
            index = int(clusters.size());
            clusterOfCell.insert(cell, index);
            clusters.append(MapCluster{});
        }
        MapCluster &cluster = clusters[index];
        cluster.members.append(i);
        cluster.world += point.world;  // summed here, divided below
        ++cluster.byCondition.at(std::size_t(point.condition));
    }
    for (MapCluster &cluster : clusters)
        cluster.world /= double(cluster.count());
    return clusters;
}

}  // namespace cd::ui
