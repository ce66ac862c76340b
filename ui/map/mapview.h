#pragma once
// The station map: the offline basemap (and online tiles when they are turned on), the stations
// of a model as markers coloured by their state — grouped into clusters with their counts when
// zoomed out — and the operator's hand: drag to move, wheel or +/− to zoom, hover for a station's
// summary, click to open it (a cluster: zoom in on it, or pick from a list where its stations
// stand together). Reads the model's rows through StationTableModel's roles (station id,
// position, state, summary), so a filter proxy in between narrows what the map shows.

#include "ui/map/mapsettings.h"
#include "ui/map/mapviewport.h"
#include "ui/map/stationclusters.h"

#include <QPixmap>
#include <QPointer>
#include <QWidget>

class QAbstractItemModel;
class QToolButton;

namespace cd::ui {

class OnlineTiles;

class MapView : public QWidget {
    Q_OBJECT
public:
    explicit MapView(QWidget *parent = nullptr);
    ~MapView() override;

    void setModel(QAbstractItemModel *model);
    // Online tiles on or off, and from where (MapSettings).
    void setTileSettings(const MapSettings &settings);
    const OnlineTiles *onlineTiles() const { return m_tiles; }
    // Shown in the middle of the map when no station can be placed on it.
    void setEmptyText(const QString &text);

    MapViewport &viewport() { return m_viewport; }
    const MapViewport &viewport() const { return m_viewport; }
    void setView(const QGeoCoordinate &center, int zoom);
    // Shows every station the model has (the closest zoom that fits them all); a hidden map does
    // it when it is shown, at its real size.
    void fitToStations();

    // What is drawn now: the located stations and their clusters at the current zoom.
    const QList<MapPoint> &points();
    const QList<MapCluster> &clusters();
    // The cluster under a point of the widget (-1: none).
    int clusterAt(const QPointF &pos);
    // The station ids of a cluster.
    QStringList stationsOf(const MapCluster &cluster) const;
    // What clicking there does: opens a station (stationActivated), zooms in on a cluster, or
    // offers the stations of a cluster that cannot be split any further.
    void activateAt(const QPointF &pos);
    QString attribution() const;

signals:
    void stationActivated(const QString &chargePointId);
    void viewChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void leaveEvent(QEvent *event) override;
    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void modelChanged();
    void viewportChanged();
    void rebuildPoints();
    void paintBackground(QPainter &painter);
    void paintMarkers(QPainter &painter);
    QString clusterSummary(const MapCluster &cluster) const;
    double radiusOf(const MapCluster &cluster) const;
    // The world rectangle around some of the points (indexes into m_points).
    QRectF boundsOf(const QList<int> &members) const;
    void zoomBy(int steps, const QPointF &around);
    void retranslateUi();

    QPointer<QAbstractItemModel> m_model;
    MapViewport m_viewport;
    OnlineTiles *m_tiles = nullptr;
    QString m_emptyText;

    bool m_pointsDirty = true;
    QList<MapPoint> m_points;
    QList<MapCluster> m_clusters;
    int m_clustersZoom = -1;

    QPixmap m_background;  // basemap and tiles of the current view; markers go on top
    bool m_backgroundDirty = true;
    int m_hovered = -1;
    bool m_dragging = false;
    QPointF m_pressPos;
    QPointF m_lastPos;
    int m_wheelAngle = 0;
    bool m_fitWhenShown = false;  // a fit asked for before the map had its real size  // wheel turns not yet a whole zoom step (touchpads send small ones)

    QToolButton *m_zoomIn = nullptr;
    QToolButton *m_zoomOut = nullptr;
};

}  // namespace cd::ui
