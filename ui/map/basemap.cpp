#include "ui/map/basemap.h"

#include "ui/map/mapclipping.h"
#include "ui/map/mapviewport.h"

#include <QColor>
#include <QDataStream>
#include <QFile>
#include <QGeoCoordinate>
#include <QPainter>
#include <QPainterPath>
#include <QtDebug>

using namespace Qt::StringLiterals;

namespace cd::ui {

namespace {

constexpr quint32 kFormatVersion = 1;
constexpr quint8 kLandLayer = 1;
constexpr quint8 kBorderLayer = 2;
constexpr quint32 kMaxCount = 10'000'000;  // a damaged count must not allocate the machine away
constexpr double kClipMarginPx = 4.0;      // clipped edges lie just outside the view

// A ring in screen pixels, leaving out points closer than half a pixel to the previous one
// (at world zoom a coastline of thousands of points is a few hundred pixels).
QPolygonF toScreen(const QPolygonF &world, const MapViewport &viewport)
{
    QPolygonF out;
    out.reserve(world.size());
    const double scale = viewport.scale();
    const QPointF offset = viewport.toScreen(QPointF(0, 0));
    for (const QPointF &p : world) {
        const QPointF s = p * scale + offset;
        if (!out.isEmpty() && std::abs(s.x() - out.last().x()) < 0.5 && std::abs(s.y() - out.last().y()) < 0.5)
            continue;
        out.append(s);
    }
    return out;
}

}  // namespace

QColor Basemap::seaColor()
{
    return QColor(0xdc, 0xe7, 0xef);
}

QColor Basemap::landColor()
{
    return QColor(0xf6, 0xf4, 0xef);
}

QColor Basemap::borderColor()
{
    return QColor(0xb4, 0xae, 0xa3);
}

const Basemap &Basemap::forZoom(int zoom)
{
    auto loaded = [](const QString &path) {
        QString error;
        Basemap map = load(path, &error);
        if (!error.isEmpty())
            qWarning().noquote() << "basemap:" << error;
        return map;
    };
    if (zoom < kFineFromZoom) {
        static const Basemap coarse = loaded(u":/map/basemap-110m.bin"_s);
        return coarse;
    }
    static const Basemap fine = loaded(u":/map/basemap-50m.bin"_s);
    return fine;
}

Basemap Basemap::load(const QString &path, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return Basemap();
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(u"cannot open %1: %2"_s.arg(path, file.errorString()));
    QDataStream in(&file);
    in.setByteOrder(QDataStream::LittleEndian);
    char magic[4] = {};
    quint32 version = 0, layers = 0;
    if (in.readRawData(magic, 4) != 4 || QByteArrayView(magic, 4) != "CDBM")
        return fail(u"%1 is not a ChargeDesk basemap"_s.arg(path));
    in >> version >> layers;
    if (version != kFormatVersion)
        return fail(u"%1 has format version %2, expected %3"_s.arg(path).arg(version).arg(kFormatVersion));

    Basemap map;
    for (quint32 layer = 0; layer < layers; ++layer) {
        quint8 kind = 0;
        quint32 shapes = 0;
        in >> kind >> shapes;
        if (in.status() != QDataStream::Ok || shapes > kMaxCount || (kind != kLandLayer && kind != kBorderLayer))
            return fail(u"%1 is damaged (layer %2)"_s.arg(path).arg(layer));
        QList<Shape> &target = kind == kLandLayer ? map.m_land : map.m_borders;
        target.reserve(shapes);
        for (quint32 s = 0; s < shapes; ++s) {
            quint32 rings = 0;
            in >> rings;
            if (in.status() != QDataStream::Ok || rings > kMaxCount)
                return fail(u"%1 is damaged (shape %2)"_s.arg(path).arg(s));
            Shape shape;
            for (quint32 r = 0; r < rings; ++r) {
                quint32 points = 0;
                in >> points;
                if (in.status() != QDataStream::Ok || points > kMaxCount || points * 8ll > file.size())
                    return fail(u"%1 is damaged (ring %2)"_s.arg(path).arg(r));
                QPolygonF ring;
                ring.reserve(points);
                for (quint32 p = 0; p < points; ++p) {
                    qint32 lon = 0, lat = 0;
                    in >> lon >> lat;
                    ring.append(MapViewport::project(QGeoCoordinate(lat / 1e5, lon / 1e5)));
                }
                if (in.status() != QDataStream::Ok)
                    return fail(u"%1 ends early"_s.arg(path));
                shape.bounds = shape.bounds.isNull() ? ring.boundingRect() : shape.bounds.united(ring.boundingRect());
                shape.rings.append(std::move(ring));
            }
            target.append(std::move(shape));
        }
    }
    return map;
}

qsizetype Basemap::pointCount() const
{
    qsizetype count = 0;
    for (const QList<Shape> *layer : {&m_land, &m_borders}) {
        for (const Shape &shape : *layer) {
            for (const QPolygonF &ring : shape.rings)
                count += ring.size();
        }
    }
    return count;
}

void Basemap::paint(QPainter &painter, const MapViewport &viewport) const
{
    const QRectF view = viewport.visibleWorld();
    const QRectF clip = QRectF(QPointF(0, 0), QSizeF(viewport.size()))
                            .adjusted(-kClipMarginPx, -kClipMarginPx, kClipMarginPx, kClipMarginPx);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);

    QPainterPath land;
    land.setFillRule(Qt::OddEvenFill);
    for (const Shape &shape : m_land) {
        if (!shape.bounds.intersects(view))
            continue;
        for (const QPolygonF &ring : shape.rings) {
            const QPolygonF clipped = mapclipping::clipRing(toScreen(ring, viewport), clip);
            if (!clipped.isEmpty())
                land.addPolygon(clipped);
        }
    }
    painter.fillPath(land, landColor());
    painter.strokePath(land, QPen(borderColor().lighter(112), 0.8));

    painter.setPen(QPen(borderColor(), 0.9, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.setBrush(Qt::NoBrush);
    for (const Shape &shape : m_borders) {
        if (!shape.bounds.intersects(view))
            continue;
        for (const QPolygonF &line : shape.rings) {
            for (const QPolygonF &piece : mapclipping::clipLine(toScreen(line, viewport), clip))
                painter.drawPolyline(piece);
        }
    }
    painter.restore();
}

}  // namespace cd::ui
