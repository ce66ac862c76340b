// The station map: Web Mercator arithmetic against known tile numbers, clipping, clustering, the
// embedded basemap (and a damaged one refused), the Map screen on stations made by the charging
// service (located ones shown, hidden ones not read, filters, live state, a click opening the
// station, a cluster zooming in), online tiles from a local tile server (the tile address, an
// honest User-Agent, the disk cache answering the second time, a failing tile leaving the
// basemap), and Settings › Map.

#include "chargingtestsupport.h"

#include "core/common/appsettings.h"
#include "core/storage/siterepository.h"
#include "ui/map/basemap.h"
#include "ui/map/mapclipping.h"
#include "ui/map/mappage.h"
#include "ui/map/mapview.h"
#include "ui/map/onlinetiles.h"
#include "ui/map/stationclusters.h"
#include "ui/settings/mapsection.h"
#include "ui/shell/mainwindow.h"
#include "ui/stations/stationfilterproxy.h"
#include "ui/stations/stationhistorydialog.h"
#include "ui/stations/stationtablemodel.h"
#include "uitestsupport.h"

#include <QApplication>
#include <QBuffer>
#include <QCheckBox>
#include <QComboBox>
#include <QHelpEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>

#include <memory>

using namespace Qt::StringLiterals;
using namespace cd::test;
using cd::charging::StationCondition;
using cd::ui::Basemap;
using cd::ui::MapPoint;
using cd::ui::MapView;
using cd::ui::MapViewport;
using cd::ui::StationClusters;

namespace {

const QGeoCoordinate kKyiv(50.4501, 30.5234);

// A minimal tile server: answers GET /z/x/y.png with a solid PNG (zoom levels in `failing`
// answer 404), cacheable for a day, and records what it was asked and by whom.
class TileServer : public QObject {
public:
    QColor color{255, 0, 255};
    QList<int> failing;
    QStringList paths;
    QStringList userAgents;

    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    quint16 port() const { return m_server.serverPort(); }

    TileServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

private:
    void serve(QTcpSocket *socket)
    {
        QByteArray &pending = m_pending[socket];
        pending += socket->readAll();
        while (true) {
            const qsizetype end = pending.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QByteArray head = pending.left(end);
            pending.remove(0, end + 4);
            const QList<QByteArray> lines = head.split('\n');
            const QString path = QString::fromLatin1(lines.first().split(' ').value(1));
            paths << path;
            for (const QByteArray &line : lines) {
                if (line.toLower().startsWith("user-agent:"))
                    userAgents << QString::fromLatin1(line.mid(11).trimmed());
            }
            const int zoom = path.section(u'/', 1, 1).toInt();
            QByteArray body;
            QByteArray status = "200 OK";
            if (failing.contains(zoom)) {
                status = "404 Not Found";
                body = "no such tile";
            } else {
                QImage image(256, 256, QImage::Format_RGB32);
                image.fill(color);
                QBuffer buffer(&body);
                buffer.open(QIODevice::WriteOnly);
                image.save(&buffer, "PNG");
            }
            socket->write("HTTP/1.1 " + status + "\r\nContent-Type: " + (failing.contains(zoom) ? "text/plain" : "image/png")
                          + "\r\nCache-Control: public, max-age=86400\r\nContent-Length: "
                          + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        }
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_pending;
};

QColor pixelAt(QWidget &widget, const QPoint &at)
{
    return widget.grab().toImage().pixelColor(at);
}

bool near(const QColor &a, const QColor &b, int tolerance = 12)
{
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance
           && std::abs(a.blue() - b.blue()) <= tolerance;
}

}  // namespace

class TestMap : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void mercatorMatchesTileNumbers();
    void zoomKeepsThePointUnderThePointer();
    void fitShowsTheWholeArea();
    void clipsRingsAndLines();
    void clustersStationsThatWouldOverlap();
    void basemapIsEmbeddedAndChecked();
    void basemapDrawsLandAndSea();
    void mapScreenShowsLocatedStations();
    void onlineTilesFromALocalServer();
    void settingsSectionValidatesAndApplies();

private:
    std::unique_ptr<cd::i18n::TranslationManager> m_translations;
};

void TestMap::initTestCase()
{
    m_translations = startConsoleTest();
    QVERIFY(m_translations);
}

void TestMap::cleanupTestCase()
{
    clearConsoleSettings();
}

void TestMap::mercatorMatchesTileNumbers()
{
    QCOMPARE(MapViewport::project(QGeoCoordinate(0, 0)), QPointF(0.5, 0.5));
    QCOMPARE(MapViewport::project(QGeoCoordinate(0, 180)).x(), 1.0);
    // Beyond Web Mercator's square the latitude is clamped, not infinite.
    QVERIFY(std::abs(MapViewport::project(QGeoCoordinate(89.9, 0)).y()) < 1e-9);

    // Kyiv is tile 598/345 at zoom 10 on every XYZ server (OpenStreetMap's numbering).
    const QPointF kyiv = MapViewport::project(kKyiv);
    QCOMPARE(int(std::floor(kyiv.x() * 1024)), 598);
    QCOMPARE(int(std::floor(kyiv.y() * 1024)), 345);
    const QGeoCoordinate back = MapViewport::unproject(kyiv);
    QVERIFY(std::abs(back.latitude() - kKyiv.latitude()) < 1e-9);
    QVERIFY(std::abs(back.longitude() - kKyiv.longitude()) < 1e-9);

    MapViewport viewport;
    viewport.setSize(QSize(512, 512));
    viewport.setZoom(10);
    viewport.setCenter(kyiv);
    const QList<cd::ui::TileId> tiles = viewport.visibleTiles();
    QVERIFY(tiles.size() >= 4 && tiles.size() <= 9);
    QCOMPARE(tiles.first(), (cd::ui::TileId{10, 598, 345}));  // the centre's tile comes first
}

void TestMap::zoomKeepsThePointUnderThePointer()
{
    MapViewport viewport;
    viewport.setSize(QSize(800, 600));
    viewport.setZoom(6);
    viewport.setCenter(MapViewport::project(kKyiv));
    const QPointF pointer(620, 140);
    const QPointF before = viewport.toWorld(pointer);
    viewport.zoomAt(pointer, 3);
    QCOMPARE(viewport.zoom(), 9);
    const QPointF after = viewport.toWorld(pointer);
    QVERIFY(std::abs(after.x() - before.x()) < 1e-12 && std::abs(after.y() - before.y()) < 1e-12);
    viewport.zoomAt(pointer, 40);
    QCOMPARE(viewport.zoom(), MapViewport::kMaxZoom);
    viewport.zoomAt(pointer, -40);
    QCOMPARE(viewport.zoom(), MapViewport::kMinZoom);

    viewport.setZoom(8);
    const QPointF centre = viewport.center();
    viewport.panBy(QPointF(100, -50));  // dragging right and up moves the world with the pointer
    QVERIFY(viewport.center().x() < centre.x());
    QVERIFY(viewport.center().y() > centre.y());
}

void TestMap::fitShowsTheWholeArea()
{
    MapViewport viewport;
    viewport.setSize(QSize(1000, 700));
    const QRectF ukraine(MapViewport::project(QGeoCoordinate(52.4, 22.1)), MapViewport::project(QGeoCoordinate(44.4, 40.2)));
    viewport.fit(ukraine, 40);
    QVERIFY(viewport.visibleWorld().contains(ukraine));
    viewport.setZoom(viewport.zoom() + 1);  // the closest such view: one step closer cuts it
    QVERIFY(!viewport.visibleWorld().contains(ukraine));
}

void TestMap::clipsRingsAndLines()
{
    using namespace cd::ui::mapclipping;
    const QRectF view(0, 0, 100, 100);
    // A square twice the view, around it: clipped, it is the view.
    const QPolygonF big{QPointF(-50, -50), QPointF(150, -50), QPointF(150, 150), QPointF(-50, 150)};
    const QPolygonF clipped = clipRing(big, view);
    QCOMPARE(clipped.boundingRect(), view);
    QVERIFY(clipRing(QPolygonF{QPointF(200, 200), QPointF(300, 200), QPointF(300, 300)}, view).isEmpty());
    const QPolygonF inside{QPointF(10, 10), QPointF(20, 10), QPointF(20, 20)};
    QCOMPARE(clipRing(inside, view), inside);

    // A line through the view and out and back in: two pieces, both inside.
    const QPolygonF line{QPointF(-10, 50), QPointF(50, 50), QPointF(50, 300), QPointF(80, 300), QPointF(80, 20)};
    const QList<QPolygonF> pieces = clipLine(line, view);
    QCOMPARE(pieces.size(), 2);
    QCOMPARE(pieces.at(0).first(), QPointF(0, 50));
    QCOMPARE(pieces.at(0).last(), QPointF(50, 100));
    QCOMPARE(pieces.at(1).first(), QPointF(80, 100));
    QCOMPARE(pieces.at(1).last(), QPointF(80, 20));
    for (const QPolygonF &piece : pieces) {
        for (const QPointF &p : piece)
            QVERIFY(view.adjusted(-1e-9, -1e-9, 1e-9, 1e-9).contains(p));
    }
}

void TestMap::clustersStationsThatWouldOverlap()
{
    // Two stations 40 m apart in Kyiv, one in Lviv.
    const QList<MapPoint> points{{0, MapViewport::project(kKyiv), StationCondition::Charging},
                                 {1, MapViewport::project(QGeoCoordinate(50.4504, 30.5238)), StationCondition::Faulted},
                                 {2, MapViewport::project(QGeoCoordinate(49.8419, 24.0316)), StationCondition::Online}};
    const QList<cd::ui::MapCluster> country = StationClusters::build(points, 6);
    QCOMPARE(country.size(), 2);
    const auto kyiv = std::find_if(country.cbegin(), country.cend(), [](const auto &c) { return c.count() == 2; });
    QVERIFY(kyiv != country.cend());
    QCOMPARE(kyiv->byCondition.at(std::size_t(StationCondition::Charging)), 1);
    QCOMPARE(kyiv->byCondition.at(std::size_t(StationCondition::Faulted)), 1);
    QCOMPARE(kyiv->mostUrgent(), StationCondition::Faulted);  // the fault is what stands out
    // The cluster sits between its stations.
    QVERIFY(kyiv->world.x() > points.at(0).world.x() && kyiv->world.x() < points.at(1).world.x());

    QCOMPARE(StationClusters::build(points, 2).size(), 1);                                // the world: one
    QCOMPARE(StationClusters::build(points, StationClusters::kMarkerCellsFromZoom).size(), 3);  // streets: all
    // Two stations at one address stay together even at the closest zoom (picked from a list).
    const QList<MapPoint> sameAddress{points.at(0), {3, points.at(0).world, StationCondition::Online}};
    QCOMPARE(StationClusters::build(sameAddress, MapViewport::kMaxZoom).size(), 1);
}

void TestMap::basemapIsEmbeddedAndChecked()
{
    const Basemap &coarse = Basemap::forZoom(2);
    const Basemap &fine = Basemap::forZoom(Basemap::kFineFromZoom);
    QVERIFY(!coarse.isEmpty());
    QVERIFY(fine.pointCount() > 5 * coarse.pointCount());
    QVERIFY(coarse.land().size() > 100);  // continents and islands
    QVERIFY(coarse.borders().size() > 100);
    // Every shape lies inside the world square.
    for (const Basemap::Shape &shape : fine.land()) {
        QVERIFY(shape.bounds.left() >= 0.0 && shape.bounds.right() <= 1.0);
        QVERIFY(shape.bounds.top() >= 0.0 && shape.bounds.bottom() <= 1.0);
    }

    QTemporaryDir dir;
    QFile original(u":/map/basemap-110m.bin"_s);
    QVERIFY(original.open(QIODevice::ReadOnly));
    const QByteArray bytes = original.readAll();
    const QList<QByteArray> damagedFiles{bytes.left(bytes.size() / 2), QByteArray("JUNK") + bytes.mid(4),
                                         bytes.left(12) + QByteArray(8, '\xff') + bytes.mid(20)};
    for (const QByteArray &damaged : damagedFiles) {
        QFile file(dir.filePath(u"damaged.bin"_s));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(damaged);
        file.close();
        QString error;
        const Basemap map = Basemap::load(file.fileName(), &error);
        QVERIFY(map.isEmpty());
        QVERIFY2(!error.isEmpty(), "a damaged basemap says why");
    }
}

void TestMap::basemapDrawsLandAndSea()
{
    MapView view;
    view.resize(400, 300);
    view.setView(kKyiv, 6);
    const QPoint middle(200, 150);
    QVERIFY(near(pixelAt(view, middle), Basemap::landColor()));
    view.setView(QGeoCoordinate(43.3, 34.0), 6);  // the Black Sea
    QVERIFY(near(pixelAt(view, middle), Basemap::seaColor()));
    view.setView(QGeoCoordinate(-33.87, 151.21), 5);  // Sydney: the fine outlines, the other side of the world
    QVERIFY(near(pixelAt(view, QPoint(100, 150)), Basemap::landColor()));
    QVERIFY(near(pixelAt(view, QPoint(300, 150)), Basemap::seaColor()));
    QCOMPARE(view.attribution(), u"Natural Earth"_s);
}

void TestMap::mapScreenShowsLocatedStations()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    cd::storage::SiteRepository sites(h.db());
    auto podil = sites.addSite(u"Podil"_s, QString(), std::nullopt);
    auto lviv = sites.addSite(u"Lviv"_s, QString(), std::nullopt);
    QVERIFY(podil && lviv);
    auto place = [&](const QString &id, std::optional<QGeoCoordinate> at, std::optional<qint64> site, bool hidden = false) {
        cd::storage::Station s;
        s.chargePointId = id;
        s.registrationStatus = u"Accepted"_s;
        s.vendor = u"Kempower"_s;
        s.hidden = hidden;
        if (at) {
            s.latitude = at->latitude();
            s.longitude = at->longitude();
        }
        QVERIFY(cd::storage::StationRepository(h.db(), h.clock).add(s));
        if (site)
            QVERIFY(sites.setStationSite(id, *site));
    };
    place(u"POD-1"_s, kKyiv, *podil);
    place(u"POD-2"_s, QGeoCoordinate(50.4504, 30.5238), *podil);
    place(u"LVIV-1"_s, QGeoCoordinate(49.8419, 24.0316), *lviv);
    place(u"SECRET-1"_s, QGeoCoordinate(49.8420, 24.0320), *lviv, true);
    place(u"NOWHERE-1"_s, std::nullopt, std::nullopt);
    // POD-1 boots (vendor Acme) and charges; POD-2 reports a fault; the others stay offline.
    auto &pod1 = h.connect(u"POD-1"_s);
    CD_ANSWER_OK(h.boot(pod1));
    CD_ANSWER_OK(callFrom(pod1, u"StatusNotification"_s, {{"connectorId", 1}, {"status", "Charging"}, {"errorCode", "NoError"}}));
    auto &pod2 = h.connect(u"POD-2"_s);
    CD_ANSWER_OK(callFrom(pod2, u"StatusNotification"_s,
                          {{"connectorId", 1}, {"status", "Faulted"}, {"errorCode", "GroundFailure"}}));
    h.idle();

    cd::ui::ConsoleServices services;
    services.database = h.fixture.shared();
    services.actor = u"console:test"_s;
    cd::ui::MainWindow window(sampleConsoleContext(), m_translations.get(), services);
    window.resize(1280, 800);
    window.show();
    cd::ui::MapPage *page = window.mapPage();
    QVERIFY(page);
    QSignalSpy loaded(page, &cd::ui::MapPage::loaded);
    window.showScreen(cd::ui::Screen::Map);
    QVERIFY(loaded.wait(10000) || loaded.size() > 0);
    MapView *view = page->view();

    // Hidden stations are not read at all; one without a location is listed but not drawn.
    QCOMPARE(page->model()->rowCount(), 4);
    QCOMPARE(page->model()->rowOf(u"SECRET-1"_s), -1);
    QCOMPARE(view->points().size(), 3);
    auto *summary = page->findChild<QLabel *>(u"mapSummary"_s);
    QVERIFY2(summary->text().contains(u"3 stations on the map"_s), qPrintable(summary->text()));
    QVERIFY2(summary->text().contains(u"1 without a location"_s), qPrintable(summary->text()));
    // The first load shows them all.
    for (const MapPoint &p : view->points())
        QVERIFY(view->viewport().visibleWorld().contains(p.world));
    QVERIFY2(view->viewport().zoom() >= 5 && view->viewport().zoom() <= 7, "Kyiv to Lviv: the closest zoom that fits");

    // Live state: the markers carry what the stations reported.
    QHash<QString, StationCondition> conditions;
    for (const MapPoint &p : view->points())
        conditions.insert(page->proxy()->index(p.row, 0).data(cd::ui::StationTableModel::StationIdRole).toString(), p.condition);
    QCOMPARE(conditions.value(u"POD-1"_s), StationCondition::Charging);
    QCOMPARE(conditions.value(u"POD-2"_s), StationCondition::Faulted);
    QCOMPARE(conditions.value(u"LVIV-1"_s), StationCondition::Offline);
    CD_ANSWER_OK(callFrom(pod1, u"StatusNotification"_s, {{"connectorId", 1}, {"status", "Faulted"}, {"errorCode", "OverVoltage"}}));
    h.idle();
    page->refresh();
    QVERIFY(loaded.wait(10000));
    QTRY_VERIFY(std::all_of(view->points().cbegin(), view->points().cend(), [&](const MapPoint &p) {
        return page->proxy()->index(p.row, 0).data(cd::ui::StationTableModel::StationIdRole).toString() != u"POD-1"_s
               || p.condition == StationCondition::Faulted;
    }));

    // Filters: vendor, site, state.
    auto *vendor = page->findChild<QComboBox *>(u"mapVendor"_s);
    auto *site = page->findChild<QComboBox *>(u"mapSite"_s);
    auto *show = page->findChild<QComboBox *>(u"mapShow"_s);
    QCOMPARE(vendor->findText(u"Acme"_s) > 0, true);
    QCOMPARE(vendor->findText(u"Kempower"_s) > 0, true);
    vendor->setCurrentIndex(vendor->findText(u"Kempower"_s));
    QCOMPARE(view->points().size(), 2);  // POD-2 and LVIV-1 (POD-1 said Acme at boot)
    vendor->setCurrentIndex(0);
    QVERIFY(site->findText(u"No site"_s) > 0);
    site->setCurrentIndex(site->findText(u"Podil"_s));
    QCOMPARE(view->points().size(), 2);
    show->setCurrentIndex(int(cd::ui::StationFilterProxy::Show::Offline));
    QCOMPARE(view->points().size(), 0);
    site->setCurrentIndex(0);
    QCOMPARE(view->points().size(), 1);  // LVIV-1
    show->setCurrentIndex(0);
    QCOMPARE(view->points().size(), 3);

    // Zoomed out, the two Podil stations are one cluster of 2; clicking it zooms in on them.
    view->setView(kKyiv, 8);
    const auto &clusters = view->clusters();
    const auto pair = std::find_if(clusters.cbegin(), clusters.cend(), [](const auto &c) { return c.count() == 2; });
    QVERIFY(pair != clusters.cend());
    QCOMPARE(view->stationsOf(*pair).size(), 2);
    const QPointF pairAt = view->viewport().toScreen(pair->world);
    QHelpEvent help(QEvent::ToolTip, pairAt.toPoint(), view->mapToGlobal(pairAt.toPoint()));
    QApplication::sendEvent(view, &help);
    QTRY_VERIFY2(QToolTip::text().contains(u"2 stations here"_s), qPrintable(QToolTip::text()));
    QVERIFY2(QToolTip::text().contains(u"1 Faulted"_s) || QToolTip::text().contains(u"2 Faulted"_s), qPrintable(QToolTip::text()));
    view->activateAt(pairAt);
    QVERIFY(view->viewport().zoom() > 8);

    // Close enough, each station is a marker of its own; clicking one opens its history.
    view->setView(kKyiv, 18);
    QSignalSpy activated(view, &MapView::stationActivated);
    const QPointF pod1At = view->viewport().toScreen(MapViewport::project(kKyiv));
    QTest::mouseClick(view, Qt::LeftButton, {}, pod1At.toPoint());
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.first().first().toString(), u"POD-1"_s);
    QTRY_VERIFY(page->findChild<cd::ui::StationHistoryDialog *>());
    QTest::mouseClick(view, Qt::LeftButton, {}, QPoint(5, view->height() - 60));  // the empty map: nothing
    QCOMPARE(activated.size(), 1);

    // Drag moves the map; the wheel zooms.
    const QPointF centre = view->viewport().center();
    QTest::mousePress(view, Qt::LeftButton, {}, QPoint(300, 300));
    QTest::mouseMove(view, QPoint(320, 300));
    QTest::mouseMove(view, QPoint(400, 340));
    QTest::mouseRelease(view, Qt::LeftButton, {}, QPoint(400, 340));
    QVERIFY(view->viewport().center().x() < centre.x());
    QCOMPARE(activated.size(), 1);  // a drag is not a click
    QWheelEvent wheel(QPointF(300, 300), view->mapToGlobal(QPointF(300, 300)), {}, QPoint(0, -120), Qt::NoButton, {},
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(view, &wheel);
    QCOMPARE(view->viewport().zoom(), 17);
}

void TestMap::onlineTilesFromALocalServer()
{
    TileServer server;
    QVERIFY(server.listen());
    server.failing = {12};
    QTemporaryDir cache;
    cd::ui::MapSettings settings;
    settings.onlineTiles = true;
    settings.tileUrl = u"http://127.0.0.1:%1/{z}/{x}/{y}.png"_s.arg(server.port());
    settings.attribution = u"© Test Tiles"_s;
    settings.cacheDirectory = cache.path();
    QVERIFY(settings.validationError().isEmpty());

    const QPoint middle(256, 256);
    {
        MapView view;
        view.resize(512, 512);
        view.setTileSettings(settings);
        view.setView(kKyiv, 10);
        QVERIFY(view.onlineTiles());
        QTRY_VERIFY_WITH_TIMEOUT(near(pixelAt(view, middle), server.color, 2), 10000);
        QVERIFY2(server.paths.contains(u"/10/598/345.png"_s), qPrintable(server.paths.join(u' ')));
        QCOMPARE(server.paths.first(), u"/10/598/345.png"_s);  // the centre first
        QVERIFY(!server.userAgents.isEmpty());
        for (const QString &agent : std::as_const(server.userAgents))
            QVERIFY2(agent.startsWith(u"ChargeDesk/"_s), qPrintable(agent));
        QCOMPARE(view.attribution(), u"© Test Tiles"_s);
        QTRY_COMPARE(view.onlineTiles()->requestsSent(), int(view.viewport().visibleTiles().size()));

        // A tile the server cannot give: the basemap stays there, and the failure is told.
        QSignalSpy failed(view.onlineTiles(), &cd::ui::OnlineTiles::tileFailed);
        view.setView(kKyiv, 12);
        (void)view.grab();  // tiles are asked for when the map is drawn
        QVERIFY(failed.wait(10000));
        QVERIFY(near(pixelAt(view, middle), Basemap::landColor()));
    }

    // Another map (another console start): the disk cache answers, the server is not asked again.
    const qsizetype asked = server.paths.size();
    MapView again;
    again.resize(512, 512);
    again.setTileSettings(settings);
    again.setView(kKyiv, 10);
    QTRY_VERIFY_WITH_TIMEOUT(near(pixelAt(again, middle), server.color, 2), 10000);
    QTest::qWait(200);
    int tenRequests = 0;
    for (qsizetype i = asked; i < server.paths.size(); ++i)
        tenRequests += server.paths.at(i).startsWith(u"/10/"_s) ? 1 : 0;
    QCOMPARE(tenRequests, 0);

    // Off again: no tile layer, the basemap's credit.
    settings.onlineTiles = false;
    again.setTileSettings(settings);
    QVERIFY(!again.onlineTiles());
    QCOMPARE(again.attribution(), u"Natural Earth"_s);
}

void TestMap::settingsSectionValidatesAndApplies()
{
    cd::ui::MapSection section;
    auto *online = section.findChild<QCheckBox *>(u"mapOnlineTiles"_s);
    auto *url = section.findChild<QLineEdit *>(u"mapTileUrl"_s);
    auto *attribution = section.findChild<QLineEdit *>(u"mapAttribution"_s);
    auto *apply = section.findChild<QPushButton *>(u"mapApply"_s);
    QVERIFY(online && url && attribution && apply);
    QVERIFY(!online->isChecked());  // offline until the operator says otherwise
    QCOMPARE(url->text(), cd::ui::MapSettings::kOpenStreetMapUrl);
    QVERIFY(!url->isEnabled());

    online->setChecked(true);
    QVERIFY(url->isEnabled());
    url->setText(u"https://tiles.example.net/{z}/{x}.png"_s);
    QVERIFY(!apply->isEnabled());
    QVERIFY(!section.apply());
    url->setText(u"ftp://tiles.example.net/{z}/{x}/{y}.png"_s);
    QVERIFY(!apply->isEnabled());
    url->setText(u"https://tiles.example.net/{z}/{x}/{y}.png"_s);
    attribution->clear();
    QVERIFY(!apply->isEnabled());
    attribution->setText(u"© Example"_s);
    QVERIFY(apply->isEnabled());

    QSignalSpy applied(&section, &cd::ui::MapSection::mapSettingsApplied);
    QTest::mouseClick(apply, Qt::LeftButton);
    QCOMPARE(applied.size(), 1);
    const cd::ui::MapSettings stored = cd::ui::MapSettings::load(cd::appSettings());
    QVERIFY(stored.onlineTiles);
    QCOMPARE(stored.tileUrl, u"https://tiles.example.net/{z}/{x}/{y}.png"_s);
    QCOMPARE(stored.attribution, u"© Example"_s);
    QCOMPARE(stored.tileAddress(7, 70, 41), u"https://tiles.example.net/7/70/41.png"_s);

    section.findChild<QPushButton *>(u"mapUseOpenStreetMap"_s)->click();
    QCOMPARE(url->text(), cd::ui::MapSettings::kOpenStreetMapUrl);
    QCOMPARE(attribution->text(), cd::ui::MapSettings::kOpenStreetMapAttribution);
}

QTEST_MAIN(TestMap)
#include "tst_map.moc"
