#include "ui/map/mapclipping.h"

#include <functional>

namespace cd::ui::mapclipping {

namespace {

// One Sutherland–Hodgman pass against the half-plane where inside(p) holds.
QPolygonF clipEdge(const QPolygonF &ring, const std::function<bool(const QPointF &)> &inside,
                   const std::function<QPointF(const QPointF &, const QPointF &)> &cross)
{
    QPolygonF out;
    if (ring.isEmpty())
        return out;
    out.reserve(ring.size());
    QPointF previous = ring.last();
    bool previousInside = inside(previous);
    for (const QPointF &point : ring) {
        const bool pointInside = inside(point);
        if (pointInside) {
            if (!previousInside)
                out.append(cross(previous, point));
            out.append(point);
        } else if (previousInside) {
            out.append(cross(previous, point));
        }
        previous = point;
        previousInside = pointInside;
    }
    return out;
}

QPointF atX(const QPointF &a, const QPointF &b, double x)
{
    const double t = (x - a.x()) / (b.x() - a.x());
    return {x, a.y() + t * (b.y() - a.y())};
}

QPointF atY(const QPointF &a, const QPointF &b, double y)
{
    const double t = (y - a.y()) / (b.y() - a.y());
    return {a.x() + t * (b.x() - a.x()), y};
}

}  // namespace

QPolygonF clipRing(const QPolygonF &ring, const QRectF &rect)
{
    const QRectF bounds = ring.boundingRect();
    if (!bounds.intersects(rect))
        return {};
    if (rect.contains(bounds))
        return ring;
    const double left = rect.left(), right = rect.right(), top = rect.top(), bottom = rect.bottom();
    QPolygonF out = clipEdge(
        ring, [left](const QPointF &p) { return p.x() >= left; },
        [left](const QPointF &a, const QPointF &b) { return atX(a, b, left); });
    out = clipEdge(
        out, [right](const QPointF &p) { return p.x() <= right; },
        [right](const QPointF &a, const QPointF &b) { return atX(a, b, right); });
    out = clipEdge(
        out, [top](const QPointF &p) { return p.y() >= top; },
        [top](const QPointF &a, const QPointF &b) { return atY(a, b, top); });
    out = clipEdge(
        out, [bottom](const QPointF &p) { return p.y() <= bottom; },
        [bottom](const QPointF &a, const QPointF &b) { return atY(a, b, bottom); });
    return out.size() >= 3 ? out : QPolygonF();
}

QList<QPolygonF> clipLine(const QPolygonF &line, const QRectF &rect)
{
    QList<QPolygonF> pieces;
    if (line.size() < 2 || !line.boundingRect().intersects(rect))
        return pieces;
    QPolygonF current;
    for (qsizetype i = 1; i < line.size(); ++i) {
        const QPointF a = line.at(i - 1);
        const QPointF d = line.at(i) - a;
        // Liang–Barsky: the segment a + t·d, t in [t0, t1], inside the rectangle.
        double t0 = 0.0, t1 = 1.0;
        const double p[4] = {-d.x(), d.x(), -d.y(), d.y()};
        const double q[4] = {a.x() - rect.left(), rect.right() - a.x(), a.y() - rect.top(), rect.bottom() - a.y()};
        bool visible = true;
        for (int k = 0; k < 4 && visible; ++k) {
            if (p[k] == 0.0) {
                visible = q[k] >= 0.0;
            } else {
                const double t = q[k] / p[k];
                if (p[k] < 0.0)
                    t0 = std::max(t0, t);
                else
                    t1 = std::min(t1, t);
                visible = t0 <= t1;
            }
        }
        if (!visible) {
            if (current.size() >= 2)
                pieces.append(current);
            current.clear();
            continue;
        }
        const QPointF from = a + t0 * d;
        const QPointF to = a + t1 * d;
        if (current.isEmpty() || current.last() != from) {
            if (current.size() >= 2)
                pieces.append(current);
            current = QPolygonF{from};
        }
        current.append(to);
    }
    if (current.size() >= 2)
        pieces.append(current);
    return pieces;
}

}  // namespace cd::ui::mapclipping
