#include "ui/charts/sessionchartview.h"

#include "ui/charts/chartcallout.h"
#include "ui/charts/chartquantity.h"
#include "ui/widgets/timetext.h"

#include <QGraphicsLayout>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QKeyEvent>
#include <QLineSeries>
#include <QMouseEvent>
#include <QScopedValueRollback>
#include <QTimeZone>
#include <QValueAxis>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace cd::ui {

namespace {

constexpr qreal kHoverRadius = 24;     // px: how near the mouse a point must be
constexpr qint64 kMinSpanMs = 2000;    // the closest zoom
constexpr qint64 kSinglePointPadMs = 30 * 1000;
// The session's start and end widen the time axis unless a station clock makes them absurd.
constexpr qint64 kMaxStartEndGapMs = 12 * 3600 * 1000;

// Enough decimals for the tick step (0.25 → 2), at least one below 10: a one-digit label is
// narrower than the "..." QChart reserves beside a vertical axis title, and the title (a CJK one
// especially) would be cut.
QString labelFormat(const QValueAxis *axis)
{
    const double step = (axis->max() - axis->min()) / std::max(1, axis->tickCount() - 1);
    int decimals = 0;
    while (decimals < 3 && step > 0) {
        const double scaled = step * std::pow(10.0, decimals);
        if (std::abs(scaled - std::round(scaled)) < 1e-6)
            break;
        ++decimals;
    }
    if (decimals == 0 && std::max(std::abs(axis->max()), std::abs(axis->min())) < 10)
        decimals = 1;
    return u"%.%1f"_s.arg(decimals);
}

QList<QPointF> toPoints(const charging::MeterSeries &series)
{
    const double divisor = ChartQuantities::divisor(series.quantity);
    QList<QPointF> out;
    out.reserve(series.points.size());
    for (const charging::SeriesPoint &p : series.points)
        out.append(QPointF(qreal(p.atMs), double(p.valueMilli) / divisor));
    return out;
}

Qt::Alignment sideOf(charging::ChartQuantity quantity)
{
    return quantity == charging::ChartQuantity::Power || quantity == charging::ChartQuantity::Current ? Qt::AlignLeft
                                                                                                      : Qt::AlignRight;
}

}  // namespace

SessionChartView::SessionChartView(QWidget *parent) : QChartView(parent)
{
    setObjectName(u"sessionChartView"_s);
    m_chart = new QChart;
    m_chart->legend()->hide();  // the toggles above the chart are its legend
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setBackgroundRoundness(0);
    m_chart->setMargins(QMargins(4, 6, 4, 2));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    setChart(m_chart);  // the view owns the chart
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::HorizontalRubberBand);
    setMouseTracking(true);
    viewport()->setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);  // + and - zoom, Esc resets
    setFrameShape(QFrame::StyledPanel);

    m_time = new QDateTimeAxis(m_chart);
    m_time->setTickCount(6);
    m_chart->addAxis(m_time, Qt::AlignBottom);
    for (const Quantity q : ChartQuantities::all()) {
        auto *axis = new QValueAxis(m_chart);
        axis->setObjectName(u"chartAxis_"_s + ChartQuantities::key(q));
        axis->setLabelFormat(u"%.0f"_s);
        axis->setVisible(false);
        m_chart->addAxis(axis, sideOf(q));
        m_axes.insert(int(q), axis);
        m_visible.insert(int(q), ChartQuantities::shownByDefault(q));
    }
    connect(m_time, &QDateTimeAxis::rangeChanged, this, [this] {
        updateTimeFormat();
        hideHover();
        if (!m_settingRange)
            setZoomed(true);  // the rubber band (QChartView zooms the chart itself)
    });

    m_callout = new ChartCallout(m_chart);
    applyPalette();
    retranslate();
}

void SessionChartView::applyPalette()
{
    const QPalette pal = palette();
    m_chart->setBackgroundBrush(pal.color(QPalette::Base));
    m_chart->setPlotAreaBackgroundVisible(false);
    const QColor text = pal.color(QPalette::Text);
    QColor grid = pal.color(QPalette::Mid);
    grid.setAlpha(90);
    QFont labels = font();
    labels.setPointSizeF(std::max(7.0, labels.pointSizeF() * 0.9));
    m_time->setLabelsColor(text);
    m_time->setLabelsFont(labels);
    m_time->setGridLineColor(grid);
    m_time->setLinePenColor(grid);
    for (auto it = m_axes.cbegin(); it != m_axes.cend(); ++it) {
        const QColor colour = ChartQuantities::colour(Quantity(it.key()));
        (*it)->setLabelsColor(colour.darker(115));
        (*it)->setLabelsFont(labels);
        (*it)->setTitleBrush(colour.darker(115));
        (*it)->setTitleFont(labels);
        (*it)->setGridLineColor(grid);
        (*it)->setLinePenColor(colour);
    }
    m_callout->setFont(font());
    m_callout->setColours(pal.color(QPalette::ToolTipBase), pal.color(QPalette::ToolTipText));
}

void SessionChartView::retranslate()
{
    for (auto it = m_axes.cbegin(); it != m_axes.cend(); ++it)
        (*it)->setTitleText(ChartQuantities::axisTitle(Quantity(it.key())));
    for (const Line &line : m_lines)
        line.series->setName(ChartQuantities::seriesName(line.meta));
    hideHover();
}

void SessionChartView::setSeries(const charging::SessionSeries &data)
{
    // Adding series and points makes QChart adjust its axes: not the operator's zoom.
    const QScopedValueRollback<bool> updating(m_settingRange, true);
    const bool sameSession = data.sessionId == m_data.sessionId && !m_lines.isEmpty();
    if (!sameSession) {
        for (const Line &line : std::as_const(m_lines)) {
            m_chart->removeSeries(line.series);
            delete line.series;
        }
        m_lines.clear();
        m_zoomed = false;
    }
    hideHover();
    m_data = data;

    // Drop series the new data no longer has (rare: a thinned view that changed shape).
    for (qsizetype i = m_lines.size() - 1; i >= 0; --i) {
        if (!data.find(m_lines.at(i).meta.key())) {
            m_chart->removeSeries(m_lines.at(i).series);
            delete m_lines.at(i).series;
            m_lines.removeAt(i);
        }
    }
    for (const charging::MeterSeries &meta : data.series) {
        const QList<QPointF> points = toPoints(meta);
        auto it = std::find_if(m_lines.begin(), m_lines.end(), [&](const Line &l) { return l.meta.key() == meta.key(); });
        if (it == m_lines.end()) {
            auto *series = new QLineSeries(m_chart);
            series->setObjectName(u"chartSeries_"_s + meta.key());
            series->setPen(ChartQuantities::pen(meta));
            series->setPointsVisible(points.size() < 60);
            series->append(points);
            m_chart->addSeries(series);
            series->attachAxis(m_time);
            series->attachAxis(m_axes.value(int(meta.quantity)));
            series->setVisible(m_visible.value(int(meta.quantity)));
            m_lines.append(Line{meta, series});
            m_lines.last().series->setName(ChartQuantities::seriesName(meta));
            continue;
        }
        // Live: the old points are usually the start of the new ones; then only the rest is added.
        const QList<QPointF> old = it->series->points();
        const bool grows = !old.isEmpty() && points.size() >= old.size() && points.constFirst() == old.constFirst()
            && points.at(old.size() - 1) == old.constLast();
        if (grows) {
            if (points.size() > old.size())
                it->series->append(points.mid(old.size()));
        } else {
            it->series->replace(points);
        }
        it->series->setPointsVisible(points.size() < 60);
        it->meta = meta;
    }
    // Keep the chart's series order (drawing order) by quantity as the data lists them.
    std::stable_sort(m_lines.begin(), m_lines.end(), [](const Line &a, const Line &b) {
        return int(a.meta.quantity) < int(b.meta.quantity);
    });

    updateValueAxes();
    updateAxisVisibility();
    const auto [from, to] = fullRange();
    if (!m_zoomed)
        setTimeRange(from, to);
    emit zoomChanged(m_zoomed);
    if (m_hoverPos)
        hoverAt(*m_hoverPos);  // a live update keeps the value under the mouse in view
}

void SessionChartView::clear()
{
    setSeries(charging::SessionSeries{});
}

bool SessionChartView::hasQuantity(Quantity quantity) const
{
    return std::any_of(m_lines.cbegin(), m_lines.cend(), [quantity](const Line &l) { return l.meta.quantity == quantity; });
}

bool SessionChartView::isQuantityVisible(Quantity quantity) const
{
    return m_visible.value(int(quantity));
}

void SessionChartView::setQuantityVisible(Quantity quantity, bool visible)
{
    const QScopedValueRollback<bool> updating(m_settingRange, true);
    m_visible.insert(int(quantity), visible);
    for (const Line &line : std::as_const(m_lines)) {
        if (line.meta.quantity == quantity)
            line.series->setVisible(visible);
    }
    hideHover();
    updateAxisVisibility();
}

QLineSeries *SessionChartView::lineSeries(const QString &key) const
{
    for (const Line &line : m_lines) {
        if (line.meta.key() == key)
            return line.series;
    }
    return nullptr;
}

std::pair<qint64, qint64> SessionChartView::fullRange() const
{
    auto first = m_data.firstMs();
    auto last = m_data.lastMs();
    if (!first || !last)
        return {0, 0};
    // From the start of the session (a late first meter value shows as a gap) to its end.
    if (m_data.startedMs && *m_data.startedMs < *first && *first - *m_data.startedMs <= kMaxStartEndGapMs)
        first = m_data.startedMs;
    if (m_data.endedMs && *m_data.endedMs > *last && *m_data.endedMs - *last <= kMaxStartEndGapMs)
        last = m_data.endedMs;
    if (*last - *first < kMinSpanMs)
        return {*first - kSinglePointPadMs, *last + kSinglePointPadMs};
    return {*first, *last};
}

void SessionChartView::setTimeRange(qint64 fromMs, qint64 toMs)
{
    if (fromMs >= toMs)
        return;
    {
        const QScopedValueRollback<bool> setting(m_settingRange, true);
        m_time->setRange(QDateTime::fromMSecsSinceEpoch(fromMs), QDateTime::fromMSecsSinceEpoch(toMs));
    }
    updateTimeFormat();
}

void SessionChartView::setZoomed(bool zoomed)
{
    if (m_zoomed == zoomed)
        return;
    m_zoomed = zoomed;
    emit zoomChanged(zoomed);
}

void SessionChartView::zoomToTime(qint64 fromMs, qint64 toMs)
{
    const auto [first, last] = fullRange();
    if (first >= last)
        return;
    fromMs = std::max(fromMs, first);
    toMs = std::min(toMs, last);
    if (toMs - fromMs < kMinSpanMs) {
        const qint64 middle = (fromMs + toMs) / 2;
        fromMs = std::max(first, middle - kMinSpanMs / 2);
        toMs = std::min(last, fromMs + kMinSpanMs);
    }
    if (fromMs <= first && toMs >= last) {
        resetZoom();
        return;
    }
    setTimeRange(fromMs, toMs);
    setZoomed(true);
}

void SessionChartView::resetZoom()
{
    const auto [from, to] = fullRange();
    setTimeRange(from, to);
    updateValueAxes();  // QChart's own zoom scales the value axes as well
    setZoomed(false);
}

void SessionChartView::updateValueAxes()
{
    QHash<int, std::pair<double, double>> ranges;  // by quantity: min, max of every point
    for (const Line &line : std::as_const(m_lines)) {
        const double divisor = ChartQuantities::divisor(line.meta.quantity);
        for (const charging::SeriesPoint &p : line.meta.points) {
            const double v = double(p.valueMilli) / divisor;
            auto it = ranges.find(int(line.meta.quantity));
            if (it == ranges.end())
                ranges.insert(int(line.meta.quantity), {v, v});
            else
                *it = {std::min(it->first, v), std::max(it->second, v)};
        }
    }
    for (auto it = m_axes.cbegin(); it != m_axes.cend(); ++it) {
        const Quantity q = Quantity(it.key());
        QValueAxis *axis = *it;
        const auto range = ranges.value(it.key(), {0.0, 0.0});
        double low = range.first;
        double high = range.second;
        if (q == Quantity::SoC) {
            low = std::min(0.0, low);
            high = std::max(100.0, high);
            axis->setRange(low, high);
            axis->setTickCount(6);
            continue;
        }
        if (q == Quantity::Voltage) {
            const double pad = std::max(2.0, (high - low) * 0.1);
            low -= pad;
            high += pad;
        } else {
            low = std::min(0.0, low);
            high = high <= 0 ? 1.0 : high * 1.08;
        }
        axis->setRange(low, high);
        axis->applyNiceNumbers();
        axis->setLabelFormat(labelFormat(axis));
    }
}

void SessionChartView::updateAxisVisibility()
{
    bool gridShown = false;
    for (const Quantity q : ChartQuantities::all()) {
        QValueAxis *axis = m_axes.value(int(q));
        const bool shown = hasQuantity(q) && m_visible.value(int(q));
        axis->setVisible(shown);
        // One set of horizontal grid lines: those of the first axis shown.
        axis->setGridLineVisible(shown && !gridShown);
        gridShown = gridShown || shown;
    }
    m_time->setVisible(!m_lines.isEmpty());
}

void SessionChartView::updateTimeFormat()
{
    const qint64 span = m_time->max().toMSecsSinceEpoch() - m_time->min().toMSecsSinceEpoch();
    if (span <= 15 * 60 * 1000)
        m_time->setFormat(u"HH:mm:ss"_s);
    else if (m_time->min().date() == m_time->max().date())
        m_time->setFormat(u"HH:mm"_s);
    else
        m_time->setFormat(u"MM-dd HH:mm"_s);
}

qint64 SessionChartView::timeAtChartX(qreal x) const
{
    const QRectF plot = m_chart->plotArea();
    const qint64 from = m_time->min().toMSecsSinceEpoch();
    const qint64 to = m_time->max().toMSecsSinceEpoch();
    if (plot.width() <= 0)
        return from;
    return from + qint64(std::llround((x - plot.left()) / plot.width() * double(to - from)));
}

QString SessionChartView::hoverText() const
{
    return m_callout->isVisible() ? m_callout->text() : QString();
}

void SessionChartView::hideHover()
{
    if (m_callout)
        m_callout->hide();
}

void SessionChartView::hoverAt(const QPoint &viewportPos)
{
    m_hoverPos = viewportPos;
    const QPointF at = m_chart->mapFromScene(mapToScene(viewportPos));
    const QRectF plot = m_chart->plotArea();
    if (m_lines.isEmpty() || !plot.adjusted(-kHoverRadius, -kHoverRadius, kHoverRadius, kHoverRadius).contains(at)) {
        hideHover();
        return;
    }
    const qint64 windowFrom = timeAtChartX(at.x() - kHoverRadius);
    const qint64 windowTo = timeAtChartX(at.x() + kHoverRadius);
    const Line *best = nullptr;
    qsizetype bestIndex = -1;
    QPointF bestPos;
    qreal bestDistance = kHoverRadius * kHoverRadius + 1;
    for (const Line &line : std::as_const(m_lines)) {
        if (!line.series->isVisible())
            continue;
        const QList<charging::SeriesPoint> &points = line.meta.points;
        auto it = std::lower_bound(points.cbegin(), points.cend(), windowFrom,
                                   [](const charging::SeriesPoint &p, qint64 t) { return p.atMs < t; });
        const double divisor = ChartQuantities::divisor(line.meta.quantity);
        for (; it != points.cend() && it->atMs <= windowTo; ++it) {
            const QPointF pos = m_chart->mapToPosition(QPointF(qreal(it->atMs), double(it->valueMilli) / divisor), line.series);
            const QPointF d = pos - at;
            const qreal distance = d.x() * d.x() + d.y() * d.y();
            if (distance < bestDistance) {  // on a tie the first series listed
                bestDistance = distance;
                best = &line;
                bestIndex = it - points.cbegin();
                bestPos = pos;
            }
        }
    }
    if (!best) {
        hideHover();
        return;
    }
    const charging::SeriesPoint &p = best->meta.points.at(bestIndex);
    const Quantity q = best->meta.quantity;
    const QString text = ChartQuantities::seriesName(best->meta) + u": "_s
        + ChartQuantities::valueText(q, double(p.valueMilli) / ChartQuantities::divisor(q)) + u'\n'
        + millisecondText(p.atMs, QTimeZone::systemTimeZone());
    m_callout->showAt(bestPos, text, ChartQuantities::colour(q), plot);
}

std::optional<QPoint> SessionChartView::viewportPosition(const QString &key, int index) const
{
    for (const Line &line : m_lines) {
        if (line.meta.key() != key)
            continue;
        if (index < 0 || index >= line.series->count())
            return std::nullopt;
        const QPointF pos = m_chart->mapToPosition(line.series->at(index), line.series);
        return mapFromScene(m_chart->mapToScene(pos));
    }
    return std::nullopt;
}

void SessionChartView::mouseMoveEvent(QMouseEvent *event)
{
    QChartView::mouseMoveEvent(event);
    if (event->buttons() == Qt::NoButton) {
        hoverAt(event->position().toPoint());
    } else {
        m_hoverPos.reset();
        hideHover();
    }
}

void SessionChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::RightButton) {
        resetZoom();  // instead of QChartView's step out
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void SessionChartView::mouseDoubleClickEvent(QMouseEvent *event)
{
    resetZoom();
    event->accept();
}

void SessionChartView::wheelEvent(QWheelEvent *event)
{
    const int steps = event->angleDelta().y() / 120;
    if (steps == 0 || m_lines.isEmpty()) {
        event->ignore();
        return;
    }
    const QPointF at = m_chart->mapFromScene(mapToScene(event->position().toPoint()));
    zoomAround(timeAtChartX(at.x()), std::pow(0.8, steps));  // up: in
    event->accept();
}

void SessionChartView::zoomAround(qint64 pivotMs, double factor)
{
    const qint64 from = m_time->min().toMSecsSinceEpoch();
    const qint64 to = m_time->max().toMSecsSinceEpoch();
    const qint64 pivot = std::clamp(pivotMs, from, to);
    zoomToTime(pivot - qint64(std::llround(double(pivot - from) * factor)),
               pivot + qint64(std::llround(double(to - pivot) * factor)));
}

void SessionChartView::keyPressEvent(QKeyEvent *event)
{
    if (m_lines.isEmpty()) {
        QChartView::keyPressEvent(event);
        return;
    }
    const qint64 middle = (m_time->min().toMSecsSinceEpoch() + m_time->max().toMSecsSinceEpoch()) / 2;
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomAround(middle, 0.8);
        break;
    case Qt::Key_Minus:
        zoomAround(middle, 1.25);
        break;
    case Qt::Key_Escape:
    case Qt::Key_0:
        if (!m_zoomed) {
            QChartView::keyPressEvent(event);
            return;
        }
        resetZoom();
        break;
    default:
        QChartView::keyPressEvent(event);
        return;
    }
    event->accept();
}

void SessionChartView::leaveEvent(QEvent *event)
{
    m_hoverPos.reset();
    hideHover();
    QChartView::leaveEvent(event);
}

void SessionChartView::resizeEvent(QResizeEvent *event)
{
    hideHover();
    QChartView::resizeEvent(event);
}

void SessionChartView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    else if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyPalette();
    QChartView::changeEvent(event);
}

}  // namespace cd::ui
