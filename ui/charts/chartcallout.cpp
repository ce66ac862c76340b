#include "ui/charts/chartcallout.h"

#include <QFontMetricsF>
#include <QPainter>

namespace cd::ui {

namespace {
constexpr qreal kPadding = 6;
constexpr qreal kGap = 10;  // between the point and the box
constexpr qreal kDot = 4;
}  // namespace

ChartCallout::ChartCallout(QGraphicsItem *parent) : QGraphicsItem(parent)
{
    setZValue(20);
    hide();
}

void ChartCallout::setColours(const QColor &background, const QColor &foreground)
{
    m_background = background;
    m_foreground = foreground;
    update();
}

void ChartCallout::showAt(const QPointF &anchor, const QString &text, const QColor &colour, const QRectF &bounds)
{
    prepareGeometryChange();
    m_text = text;
    m_pointColour = colour;
    m_anchor = anchor;
    const QFontMetricsF metrics(m_font);
    const QRectF textRect = metrics.boundingRect(QRectF(0, 0, 10000, 10000), Qt::AlignLeft | Qt::AlignTop, text);
    QSizeF size = textRect.size() + QSizeF(2 * kPadding, 2 * kPadding);
    // Right of and above the point; to the left / below when that would leave the plot.
    QPointF topLeft(anchor.x() + kGap, anchor.y() - kGap - size.height());
    if (topLeft.x() + size.width() > bounds.right())
        topLeft.setX(anchor.x() - kGap - size.width());
    if (topLeft.y() < bounds.top())
        topLeft.setY(anchor.y() + kGap);
    topLeft.setX(qMax(topLeft.x(), bounds.left()));
    topLeft.setY(qMin(topLeft.y(), bounds.bottom() - size.height()));
    m_box = QRectF(topLeft, size);
    show();
    update();
}

QRectF ChartCallout::boundingRect() const
{
    const QRectF dot(m_anchor - QPointF(kDot + 2, kDot + 2), QSizeF(2 * kDot + 4, 2 * kDot + 4));
    return m_box.united(dot);
}

void ChartCallout::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(m_background, 1.5));
    painter->setBrush(m_pointColour);
    painter->drawEllipse(m_anchor, kDot, kDot);
    QColor frame = m_pointColour;
    painter->setPen(QPen(frame, 1));
    QColor fill = m_background;
    fill.setAlphaF(0.94f);
    painter->setBrush(fill);
    painter->drawRoundedRect(m_box, 4, 4);
    painter->setPen(m_foreground);
    painter->setFont(m_font);
    painter->drawText(m_box.adjusted(kPadding, kPadding, -kPadding, -kPadding), Qt::AlignLeft | Qt::AlignTop, m_text);
}

}  // namespace cd::ui
