#pragma once
// Stations grouped for drawing: stations close together at a zoom level (the same cell of a grid
// of kCellPixels) become one cluster, drawn with its count and the share of each state. From
// kMarkerCellsFromZoom on the grid is a marker's size, so only stations whose markers would
// cover each other (the same address) stay together — and can still be picked from a list.
// Computed once per zoom level for all stations, so panning only draws.

#include "core/charging/stationcondition.h"

#include <QList>
#include <QPointF>
#include <QString>

#include <array>

namespace cd::ui {

struct MapPoint {
    int row = 0;        // in the model the map shows
    QPointF world;      // MapViewport::project of its position
    charging::StationCondition condition = charging::StationCondition::Offline;
};

struct MapCluster {
    QPointF world;                 // the members' mean position
    QList<int> members;            // indexes into the points
    std::array<int, 4> byCondition{};  // counts per charging::StationCondition

    int count() const { return int(members.size()); }
    // The state an operator should see first: faulted, then offline, charging, online.
    charging::StationCondition mostUrgent() const;
};

class StationClusters {
public:
    static constexpr double kCellPixels = 56.0;
    static constexpr double kMarkerCellPixels = 14.0;
    static constexpr int kMarkerCellsFromZoom = 17;

    static QList<MapCluster> build(const QList<MapPoint> &points, int zoom);
};

}  // namespace cd::ui
