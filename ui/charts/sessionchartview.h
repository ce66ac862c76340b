#pragma once
// The curves of one charging session: power, energy, current, voltage and SoC against the
// operator's local time (from the session's start to its end or its newest value), one value axis per quantity shown (power and current on the left,
// energy, voltage and SoC on the right). Live: new data for the same session appends the new
// points and keeps the operator's zoom. Zoom in time by dragging across the plot or with the
// wheel (or + and -); double-click, right-click or Esc resets. Hovering shows the nearest point's value and
// time to the millisecond.

#include "core/charging/sessionseries.h"

#include <QChartView>
#include <QHash>
#include <QList>

#include <optional>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace cd::ui {

class ChartCallout;

class SessionChartView : public QChartView {
    Q_OBJECT
public:
    using Quantity = charging::ChartQuantity;

    explicit SessionChartView(QWidget *parent = nullptr);

    // The session's series; for the session already shown, only what changed is redrawn and
    // the zoom stays. Another session starts unzoomed.
    void setSeries(const charging::SessionSeries &data);
    void clear();
    const charging::SessionSeries &data() const { return m_data; }

    bool hasQuantity(Quantity quantity) const;
    bool isQuantityVisible(Quantity quantity) const;
    void setQuantityVisible(Quantity quantity, bool visible);

    QLineSeries *lineSeries(const QString &key) const;  // MeterSeries::key()
    QDateTimeAxis *timeAxis() const { return m_time; }
    QValueAxis *valueAxis(Quantity quantity) const { return m_axes.value(int(quantity)); }

    bool isZoomed() const { return m_zoomed; }
    // Shows [fromMs, toMs] of station time (clamped to the data).
    void zoomToTime(qint64 fromMs, qint64 toMs);
    void resetZoom();

    // The hover callout's text; empty when none is shown.
    QString hoverText() const;
    // Shows the callout for the point under `viewportPos` (as a mouse move does).
    void hoverAt(const QPoint &viewportPos);
    // Where the series' point `index` is drawn, in viewport coordinates.
    std::optional<QPoint> viewportPosition(const QString &key, int index) const;

signals:
    void zoomChanged(bool zoomed);

protected:
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Line {
        charging::MeterSeries meta;
        QLineSeries *series = nullptr;
    };

    void applyPalette();
    void retranslate();
    void setTimeRange(qint64 fromMs, qint64 toMs);
    void setZoomed(bool zoomed);
    void updateValueAxes();
    void updateAxisVisibility();
    void updateTimeFormat();
    void hideHover();
    std::pair<qint64, qint64> fullRange() const;
    qint64 timeAtChartX(qreal x) const;
    void zoomAround(qint64 pivotMs, double factor);

    QChart *m_chart = nullptr;
    QDateTimeAxis *m_time = nullptr;
    QHash<int, QValueAxis *> m_axes;        // by Quantity
    QHash<int, bool> m_visible;             // by Quantity: the operator's choice
    QList<Line> m_lines;
    charging::SessionSeries m_data;
    ChartCallout *m_callout = nullptr;
    std::optional<QPoint> m_hoverPos;  // where the mouse rests: the callout follows new data there
    bool m_zoomed = false;
    bool m_settingRange = false;
};

}  // namespace cd::ui
