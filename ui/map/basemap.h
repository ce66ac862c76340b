#pragma once
// The offline basemap: land and country borders of Natural Earth, shipped inside the program
// (resources/map/, converted once by scripts/basemap/convert.mjs), so the map shows where the
// stations are with no network at all. Coarse outlines (1:110 million) when the world is small,
// finer ones (1:50 million) from zoom 4.

#include <QColor>
#include <QList>
#include <QPolygonF>
#include <QRectF>
#include <QString>

class QPainter;

namespace cd::ui {

class MapViewport;

class Basemap {
public:
    static constexpr int kFineFromZoom = 4;

    struct Shape {
        QList<QPolygonF> rings;  // world coordinates; land: outer ring and holes
        QRectF bounds;
    };

    // The embedded basemap for a zoom level (loaded once, shared, read-only afterwards).
    static const Basemap &forZoom(int zoom);
    // Reads a converted file; an unreadable or damaged one gives an empty basemap and `error`.
    static Basemap load(const QString &path, QString *error = nullptr);

    bool isEmpty() const { return m_land.isEmpty() && m_borders.isEmpty(); }
    qsizetype pointCount() const;
    const QList<Shape> &land() const { return m_land; }
    const QList<Shape> &borders() const { return m_borders; }

    // Paints land over the sea colour the caller has filled, then the borders.
    void paint(QPainter &painter, const MapViewport &viewport) const;

    static QColor seaColor();
    static QColor landColor();
    static QColor borderColor();

private:
    QList<Shape> m_land;
    QList<Shape> m_borders;
};

}  // namespace cd::ui
