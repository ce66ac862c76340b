#include "ui/map/mapview.h"

#include "ui/map/basemap.h"
#include "ui/map/onlinetiles.h"
#include "ui/stations/stationtablemodel.h"

#include <QAbstractItemModel>
#include <QEvent>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QToolButton>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace Qt::StringLiterals;

namespace cd::ui {

namespace {

using charging::StationCondition;

constexpr double kMarkerRadius = 7.0;
constexpr double kClickSlopPx = 4.0;    // a press that moves less is a click, not a drag
constexpr int kFitMarginPx = 48;
constexpr int kMenuStations = 25;       // a cluster's list shows this many
constexpr int kWheelStep = 120;         // one notch of a mouse wheel
constexpr StationCondition kConditions[] = {StationCondition::Charging, StationCondition::Faulted,
                                            StationCondition::Online, StationCondition::Offline};

}  // namespace

MapView::MapView(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(320, 240);
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_zoomIn = new QToolButton(this);
    m_zoomIn->setObjectName(u"mapZoomIn"_s);
    m_zoomIn->setText(u"+"_s);
    m_zoomOut = new QToolButton(this);
    m_zoomOut->setObjectName(u"mapZoomOut"_s);
    m_zoomOut->setText(u"−"_s);
    int y = 10;
    for (QToolButton *button : {m_zoomIn, m_zoomOut}) {
        button->setFixedSize(30, 30);
        button->move(10, y);
        button->setCursor(Qt::ArrowCursor);
        y += 34;
    }
    connect(m_zoomIn, &QToolButton::clicked, this, [this] { zoomBy(1, rect().center()); });
    connect(m_zoomOut, &QToolButton::clicked, this, [this] { zoomBy(-1, rect().center()); });
    m_viewport.setSize(size());
    m_viewport.fit(QRectF(MapViewport::project(QGeoCoordinate(72, -170)), MapViewport::project(QGeoCoordinate(-58, 180))),
                   0);
    retranslateUi();
}

MapView::~MapView() = default;

void MapView::setModel(QAbstractItemModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (model) {
        connect(model, &QAbstractItemModel::modelReset, this, &MapView::modelChanged);
        connect(model, &QAbstractItemModel::layoutChanged, this, &MapView::modelChanged);
        connect(model, &QAbstractItemModel::rowsInserted, this, &MapView::modelChanged);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &MapView::modelChanged);
        connect(model, &QAbstractItemModel::dataChanged, this, &MapView::modelChanged);
    }
    modelChanged();
}

void MapView::setTileSettings(const MapSettings &settings)
{
    delete m_tiles;
    m_tiles = nullptr;
    if (settings.onlineTiles && settings.validationError().isEmpty()) {
        m_tiles = new OnlineTiles(settings, this);
        connect(m_tiles, &OnlineTiles::tileArrived, this, [this] {
            m_backgroundDirty = true;
            update();
        });
    }
    viewportChanged();
}

void MapView::setEmptyText(const QString &text)
{
    m_emptyText = text;
    update();
}

void MapView::setView(const QGeoCoordinate &center, int zoom)
{
    m_viewport.setZoom(zoom);
    m_viewport.setCenter(MapViewport::project(center));
    viewportChanged();
}

void MapView::fitToStations()
{
    if (!isVisible()) {
        m_fitWhenShown = true;
        return;
    }
    m_fitWhenShown = false;
    const QList<MapPoint> &all = points();
    if (all.isEmpty())
        return;
    QList<int> everyPoint(all.size());
    std::iota(everyPoint.begin(), everyPoint.end(), 0);
    m_viewport.fit(boundsOf(everyPoint), kFitMarginPx, 15);  // a single station: a street, not a roof
    viewportChanged();
}

const QList<MapPoint> &MapView::points()
{
    if (m_pointsDirty)
        rebuildPoints();
    return m_points;
}

const QList<MapCluster> &MapView::clusters()
{
    if (m_pointsDirty)
        rebuildPoints();
    if (m_clustersZoom != m_viewport.zoom()) {
        m_clusters = StationClusters::build(m_points, m_viewport.zoom());
        m_clustersZoom = m_viewport.zoom();
        m_hovered = -1;
    }
    return m_clusters;
}

void MapView::modelChanged()
{
    m_pointsDirty = true;
    m_hovered = -1;
    update();
}

void MapView::viewportChanged()
{
    m_backgroundDirty = true;
    update();
    emit viewChanged();
}

void MapView::rebuildPoints()
{
    m_points.clear();
    m_clustersZoom = -1;
    m_pointsDirty = false;
    if (!m_model)
        return;
    const int rows = m_model->rowCount();
    m_points.reserve(rows);
    for (int row = 0; row < rows; ++row) {
        const QModelIndex index = m_model->index(row, 0);
        const auto position = index.data(StationTableModel::PositionRole).value<QGeoCoordinate>();
        if (!position.isValid())
            continue;
        m_points.append({row, MapViewport::project(position),
                         static_cast<StationCondition>(index.data(StationTableModel::ConditionRole).toInt())});
    }
}

QRectF MapView::boundsOf(const QList<int> &members) const
{
    // Not QRectF::united: a single point is an empty rectangle, which united() skips.
    QPointF low(1, 1), high(0, 0);
    for (const int member : members) {
        const QPointF p = m_points.at(member).world;
        low = QPointF(std::min(low.x(), p.x()), std::min(low.y(), p.y()));
        high = QPointF(std::max(high.x(), p.x()), std::max(high.y(), p.y()));
    }
    return QRectF(low, high);
}

double MapView::radiusOf(const MapCluster &cluster) const
{
    return cluster.count() == 1 ? kMarkerRadius : 13.0 + 3.0 * std::log10(double(cluster.count()));
}

int MapView::clusterAt(const QPointF &pos)
{
    const QList<MapCluster> &all = clusters();
    int best = -1;
    double bestDistance = 0;
    for (int i = 0; i < all.size(); ++i) {
        const QPointF d = m_viewport.toScreen(all.at(i).world) - pos;
        const double distance = std::hypot(d.x(), d.y());
        if (distance <= radiusOf(all.at(i)) + 2.0 && (best < 0 || distance < bestDistance)) {
            best = i;
            bestDistance = distance;
        }
    }
    return best;
}

QStringList MapView::stationsOf(const MapCluster &cluster) const
{
    QStringList ids;
    if (!m_model)
        return ids;
    for (const int member : cluster.members)
        ids << m_model->index(m_points.at(member).row, 0).data(StationTableModel::StationIdRole).toString();
    return ids;
}

void MapView::activateAt(const QPointF &pos)
{
    const int index = clusterAt(pos);
    if (index < 0)
        return;
    const MapCluster cluster = clusters().at(index);
    if (cluster.count() == 1) {
        emit stationActivated(stationsOf(cluster).constFirst());
        return;
    }
    const QRectF bounds = boundsOf(cluster.members);
    // Stations that would stand apart somewhere down to the closest zoom: zoom in on them.
    const double closest = double(MapViewport::kTileSize) * double(1 << MapViewport::kMaxZoom);
    const bool apart = std::max(bounds.width(), bounds.height()) * closest >= 2.0 * kMarkerRadius;
    if (apart && m_viewport.zoom() < MapViewport::kMaxZoom) {
        const int zoom = m_viewport.zoom();
        m_viewport.fit(bounds, kFitMarginPx);
        if (m_viewport.zoom() <= zoom) {  // always closer than before
            m_viewport.setZoom(zoom + 1);
            m_viewport.setCenter(bounds.center());
        }
        viewportChanged();
        return;
    }
    // Stations that stand together (one site): pick one from a list.
    auto *menu = new QMenu(this);
    menu->setObjectName(u"mapClusterMenu"_s);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const QStringList ids = stationsOf(cluster);
    for (int i = 0; i < std::min<int>(int(ids.size()), kMenuStations); ++i) {
        const QString summary = m_model->index(m_points.at(cluster.members.at(i)).row, 0)
                                    .data(StationTableModel::SummaryRole)
                                    .toString();
        const QString id = ids.at(i);
        menu->addAction(summary.section(u'\n', 0, 1).replace(u'\n', u" — "_s), this,
                        [this, id] { emit stationActivated(id); });
    }
    if (ids.size() > kMenuStations) {
        QAction *more = menu->addAction(tr("…and %n more", nullptr, int(ids.size()) - kMenuStations));
        more->setEnabled(false);
    }
    menu->popup(mapToGlobal(pos.toPoint()));
}

QString MapView::attribution() const
{
    //: Credit for the offline basemap's data (a proper name)
    return m_tiles ? m_tiles->settings().attribution : tr("Natural Earth");
}

QString MapView::clusterSummary(const MapCluster &cluster) const
{
    if (cluster.count() == 1 && m_model) {
        return m_model->index(m_points.at(cluster.members.first()).row, 0)
            .data(StationTableModel::SummaryRole)
            .toString();
    }
    QStringList lines{tr("%n station(s) here", nullptr, cluster.count())};
    for (const StationCondition c : kConditions) {
        if (const int n = cluster.byCondition.at(std::size_t(c)); n > 0)
            //: A cluster's tooltip: the number of its stations in a state, then the state
            lines << tr("%1 %2").arg(QLocale().toString(n), StationTableModel::stateText(c));
    }
    lines << tr("Click to zoom in");
    return lines.join(u'\n');
}

void MapView::zoomBy(int steps, const QPointF &around)
{
    const int before = m_viewport.zoom();
    m_viewport.zoomAt(around, steps);
    if (m_viewport.zoom() != before)
        viewportChanged();
}

void MapView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const qreal ratio = devicePixelRatioF();
    if (m_backgroundDirty || m_background.size() != size() * ratio) {
        m_background = QPixmap(size() * ratio);
        m_background.setDevicePixelRatio(ratio);
        QPainter background(&m_background);
        paintBackground(background);
        m_backgroundDirty = false;
    }
    painter.drawPixmap(0, 0, m_background);
    paintMarkers(painter);

    // The credit the data's licence asks for, bottom right.
    const QString credit = attribution();
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    painter.setFont(small);
    const QRect textRect = painter.fontMetrics().boundingRect(credit).adjusted(-6, -2, 6, 2);
    const QRect box(width() - textRect.width() - 2, height() - textRect.height() - 2, textRect.width(),
                    textRect.height());
    painter.fillRect(box, QColor(255, 255, 255, 200));
    painter.setPen(QColor(0x44, 0x44, 0x44));
    painter.drawText(box, Qt::AlignCenter, credit);

    if (!m_emptyText.isEmpty() && points().isEmpty()) {
        painter.setFont(font());
        const QRect area = rect().adjusted(width() / 6, height() / 3, -width() / 6, -height() / 3);
        painter.fillRect(area, QColor(255, 255, 255, 225));
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(area.adjusted(16, 12, -16, -12), Qt::AlignCenter | Qt::TextWordWrap, m_emptyText);
    }
}

void MapView::paintBackground(QPainter &painter)
{
    painter.fillRect(QRectF(QPointF(0, 0), QSizeF(size())), Basemap::seaColor());
    Basemap::forZoom(m_viewport.zoom()).paint(painter, m_viewport);
    if (!m_tiles)
        return;
    // Asked for when drawn: a view nobody looks at loads nothing.
    const QList<TileId> tiles = m_viewport.visibleTiles();
    m_tiles->request(tiles);
    const double tileWorld = 1.0 / double(1 << m_viewport.zoom());
    painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
    for (const TileId &tile : tiles) {
        const QImage image = m_tiles->tile(tile);
        if (image.isNull())
            continue;  // the basemap stays until the tile is here
        const QPointF topLeft = m_viewport.toScreen(QPointF(tile.x * tileWorld, tile.y * tileWorld));
        painter.drawImage(QRectF(topLeft.x(), topLeft.y(), MapViewport::kTileSize, MapViewport::kTileSize), image);
    }
}

void MapView::paintMarkers(QPainter &painter)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    const QRectF area = QRectF(rect()).adjusted(-40, -40, 40, 40);
    QFont countFont = font();
    countFont.setBold(true);
    countFont.setPointSizeF(countFont.pointSizeF() * 0.85);
    painter.setFont(countFont);
    const QList<MapCluster> &all = clusters();
    for (int i = 0; i < all.size(); ++i) {
        const MapCluster &cluster = all.at(i);
        const QPointF at = m_viewport.toScreen(cluster.world);
        if (!area.contains(at))
            continue;
        const double radius = radiusOf(cluster) + (i == m_hovered ? 2.0 : 0.0);
        const QRectF circle(at.x() - radius, at.y() - radius, 2 * radius, 2 * radius);
        if (cluster.count() == 1) {
            painter.setPen(QPen(Qt::white, 2.0));
            painter.setBrush(StationTableModel::stateColor(cluster.mostUrgent()));
            painter.drawEllipse(circle);
            continue;
        }
        // A ring of the states' shares around the count.
        painter.setPen(Qt::NoPen);
        int start = 90 * 16;
        for (const StationCondition c : kConditions) {
            const int n = cluster.byCondition.at(std::size_t(c));
            if (n == 0)
                continue;
            const int span = -int(std::lround(360.0 * 16.0 * n / cluster.count()));
            painter.setBrush(StationTableModel::stateColor(c));
            painter.drawPie(circle, start, span);
            start += span;
        }
        const double inner = radius - 5.0;
        painter.setBrush(Qt::white);
        painter.drawEllipse(QRectF(at.x() - inner, at.y() - inner, 2 * inner, 2 * inner));
        painter.setPen(QColor(0x26, 0x32, 0x38));
        painter.drawText(circle, Qt::AlignCenter, QLocale().toString(cluster.count()));
    }
    painter.restore();
}

void MapView::resizeEvent(QResizeEvent *event)
{
    m_viewport.setSize(size());
    QWidget::resizeEvent(event);
    viewportChanged();
}

void MapView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_pressPos = m_lastPos = event->position();
        m_dragging = false;
    }
    QWidget::mousePressEvent(event);
}

void MapView::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton) {
        const QPointF delta = event->position() - m_pressPos;
        if (m_dragging || std::hypot(delta.x(), delta.y()) > kClickSlopPx) {
            m_dragging = true;
            setCursor(Qt::ClosedHandCursor);
            m_viewport.panBy(event->position() - m_lastPos);
            m_lastPos = event->position();
            viewportChanged();
        }
        return;
    }
    const int hovered = clusterAt(event->position());
    if (hovered != m_hovered) {
        m_hovered = hovered;
        setCursor(hovered >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
        update();
    }
}

void MapView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        if (!m_dragging)
            activateAt(event->position());
        m_dragging = false;
        unsetCursor();
    }
    QWidget::mouseReleaseEvent(event);
}

void MapView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_viewport.setSize(size());
    if (m_fitWhenShown)
        fitToStations();
}

void MapView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (clusterAt(event->position()) < 0)
        zoomBy(1, event->position());
}

void MapView::wheelEvent(QWheelEvent *event)
{
    m_wheelAngle += event->angleDelta().y();
    const int steps = m_wheelAngle / kWheelStep;
    if (steps != 0) {
        m_wheelAngle -= steps * kWheelStep;
        zoomBy(steps, event->position());
    }
    event->accept();
}

void MapView::keyPressEvent(QKeyEvent *event)
{
    constexpr double kPanPx = 80.0;
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(1, rect().center());
        return;
    case Qt::Key_Minus:
        zoomBy(-1, rect().center());
        return;
    case Qt::Key_Left:
        m_viewport.panBy({kPanPx, 0});
        break;
    case Qt::Key_Right:
        m_viewport.panBy({-kPanPx, 0});
        break;
    case Qt::Key_Up:
        m_viewport.panBy({0, kPanPx});
        break;
    case Qt::Key_Down:
        m_viewport.panBy({0, -kPanPx});
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    viewportChanged();
}

void MapView::leaveEvent(QEvent *event)
{
    if (m_hovered >= 0) {
        m_hovered = -1;
        update();
    }
    QWidget::leaveEvent(event);
}

bool MapView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int index = clusterAt(help->pos());
        if (index >= 0)
            QToolTip::showText(help->globalPos(), clusterSummary(clusters().at(index)), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void MapView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void MapView::retranslateUi()
{
    m_zoomIn->setToolTip(tr("Zoom in (+)"));
    m_zoomOut->setToolTip(tr("Zoom out (−)"));
    update();
}

}  // namespace cd::ui
