#include "ui/map/mapviewport.h"

#include <QHash>
#include <QtMath>

#include <algorithm>
#include <cmath>

namespace cd::ui {

size_t qHash(const TileId &tile, size_t seed)
{
    return ::qHash((quint64(tile.zoom) << 56) ^ (quint64(quint32(tile.x)) << 28) ^ quint64(quint32(tile.y)), seed);
}

QPointF MapViewport::project(const QGeoCoordinate &coordinate)
{
    const double latitude = std::clamp(coordinate.latitude(), -kMaxLatitude, kMaxLatitude);
    const double x = (coordinate.longitude() + 180.0) / 360.0;
    const double sinLatitude = std::sin(qDegreesToRadians(latitude));
    const double y = 0.5 - std::log((1.0 + sinLatitude) / (1.0 - sinLatitude)) / (4.0 * M_PI);
    return {x, y};
}

QGeoCoordinate MapViewport::unproject(const QPointF &world)
{
    const double longitude = world.x() * 360.0 - 180.0;
    const double latitude = qRadiansToDegrees(std::atan(std::sinh(M_PI * (1.0 - 2.0 * world.y()))));
    return {latitude, longitude};
}

void MapViewport::setCenter(const QPointF &world)
{
    m_center = {std::clamp(world.x(), 0.0, 1.0), std::clamp(world.y(), 0.0, 1.0)};
}

void MapViewport::setZoom(int zoom)
{
    m_zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
}

QPointF MapViewport::toScreen(const QPointF &world) const
{
    return (world - m_center) * scale() + QPointF(m_size.width() / 2.0, m_size.height() / 2.0);
}

QPointF MapViewport::toWorld(const QPointF &screen) const
{
    return (screen - QPointF(m_size.width() / 2.0, m_size.height() / 2.0)) / scale() + m_center;
}

QRectF MapViewport::visibleWorld() const
{
    return QRectF(toWorld(QPointF(0, 0)), toWorld(QPointF(m_size.width(), m_size.height())));
}

void MapViewport::panBy(const QPointF &screenDelta)
{
    setCenter(m_center - screenDelta / scale());
}

void MapViewport::zoomAt(const QPointF &screenPos, int steps)
{
    const QPointF anchor = toWorld(screenPos);
    setZoom(m_zoom + steps);
    // Keep `anchor` under the pointer: centre = anchor - (pointer - middle) / scale.
    setCenter(anchor - (screenPos - QPointF(m_size.width() / 2.0, m_size.height() / 2.0)) / scale());
}

void MapViewport::fit(const QRectF &world, int marginPx, int maxZoom)
{
    const QRectF area = world.normalized();
    const double width = std::max(1.0, double(m_size.width() - 2 * marginPx));
    const double height = std::max(1.0, double(m_size.height() - 2 * marginPx));
    int zoom = std::min(maxZoom, kMaxZoom);
    while (zoom > kMinZoom) {
        const double pixels = double(kTileSize) * double(1 << zoom);
        if (area.width() * pixels <= width && area.height() * pixels <= height)
            break;
        --zoom;
    }
    setZoom(zoom);
    setCenter(area.center());
}

QList<TileId> MapViewport::visibleTiles() const
{
    const int count = 1 << m_zoom;
    const QRectF view = visibleWorld();
    const int x0 = std::max(0, int(std::floor(view.left() * count)));
    const int x1 = std::min(count - 1, int(std::floor(view.right() * count)));
    const int y0 = std::max(0, int(std::floor(view.top() * count)));
    const int y1 = std::min(count - 1, int(std::floor(view.bottom() * count)));
    QList<TileId> tiles;
    for (int y = y0; y <= y1; ++y) {
        for (int x = x0; x <= x1; ++x)
            tiles.append({m_zoom, x, y});
    }
    const QPointF middle = m_center * count;
    std::sort(tiles.begin(), tiles.end(), [middle](const TileId &a, const TileId &b) {
        const QPointF da = QPointF(a.x + 0.5, a.y + 0.5) - middle;
        const QPointF db = QPointF(b.x + 0.5, b.y + 0.5) - middle;
        return QPointF::dotProduct(da, da) < QPointF::dotProduct(db, db);
    });
    return tiles;
}

}  // namespace cd::ui
