#pragma once
// The hover callout of a chart: a dot on the point under the mouse and a small box next to
// it with the point's series, value and time. Kept inside the plot area.

#include <QFont>
#include <QGraphicsItem>
#include <QPen>
#include <QRectF>
#include <QString>

namespace cd::ui {

class ChartCallout : public QGraphicsItem {
public:
    explicit ChartCallout(QGraphicsItem *parent = nullptr);

    // `anchor` and `bounds` (the plot area) in the parent's coordinates.
    void showAt(const QPointF &anchor, const QString &text, const QColor &colour, const QRectF &bounds);
    QString text() const { return m_text; }
    void setFont(const QFont &font) { m_font = font; }
    void setColours(const QColor &background, const QColor &foreground);

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QString m_text;
    QFont m_font;
    QColor m_pointColour;
    QColor m_background = Qt::white;
    QColor m_foreground = Qt::black;
    QPointF m_anchor;  // in item coordinates (the item sits at the parent's origin)
    QRectF m_box;
};

}  // namespace cd::ui
