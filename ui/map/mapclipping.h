#pragma once
// Cuts shapes to the part of the screen they are drawn in. At street zoom a country's outline
// spans millions of pixels; the painter gets only what lies in (a little more than) the view.

#include <QList>
#include <QPolygonF>
#include <QRectF>

namespace cd::ui::mapclipping {

// A closed ring cut to `rect` (Sutherland–Hodgman): what lies outside follows the rectangle's
// edge, so a filled ring fills exactly its part of `rect`. Empty when nothing is inside.
QPolygonF clipRing(const QPolygonF &ring, const QRectF &rect);

// An open line cut to `rect` (Liang–Barsky per segment): the pieces inside, in order.
QList<QPolygonF> clipLine(const QPolygonF &line, const QRectF &rect);

}  // namespace cd::ui::mapclipping
