#pragma once
// What part of the world the map shows: Web Mercator (the projection of every XYZ tile server),
// with world coordinates in [0, 1] × [0, 1] (x east from 180° W, y south from 85.05° N), whole
// zoom levels (the world is 256 × 2^zoom pixels wide, as the tiles are) and a widget size.
// Pure arithmetic: the map widget, its layers and the tests share it.

#include <QGeoCoordinate>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSize>

namespace cd::ui {

struct TileId {
    int zoom = 0;
    int x = 0;
    int y = 0;

    friend bool operator==(const TileId &a, const TileId &b) { return a.zoom == b.zoom && a.x == b.x && a.y == b.y; }
};
size_t qHash(const TileId &tile, size_t seed = 0);

class MapViewport {
public:
    static constexpr int kTileSize = 256;
    static constexpr int kMinZoom = 2;
    static constexpr int kMaxZoom = 18;
    static constexpr double kMaxLatitude = 85.0511287798;  // where Web Mercator's square ends

    // World coordinates of a place (latitudes beyond ±85.05° are clamped) and back.
    static QPointF project(const QGeoCoordinate &coordinate);
    static QGeoCoordinate unproject(const QPointF &world);

    QSize size() const { return m_size; }
    void setSize(const QSize &size) { m_size = size; }
    QPointF center() const { return m_center; }
    void setCenter(const QPointF &world);
    int zoom() const { return m_zoom; }
    void setZoom(int zoom);

    // Pixels per world unit.
    double scale() const { return double(kTileSize) * double(1 << m_zoom); }
    QPointF toScreen(const QPointF &world) const;
    QPointF toWorld(const QPointF &screen) const;
    QRectF visibleWorld() const;

    // Moves the map with the mouse: the world follows the pointer by `screenDelta`.
    void panBy(const QPointF &screenDelta);
    // Zooms by `steps` levels keeping the world point under `screenPos` where it is.
    void zoomAt(const QPointF &screenPos, int steps);
    // The closest view that shows all of `world` with `marginPx` to spare, at most `maxZoom`.
    void fit(const QRectF &world, int marginPx, int maxZoom = kMaxZoom);
    // The tiles that cover the view, nearest to its centre first (they load first).
    QList<TileId> visibleTiles() const;

private:
    QSize m_size{800, 600};
    QPointF m_center{0.5, 0.5};
    int m_zoom = kMinZoom;
};

}  // namespace cd::ui
