// chargedesk-bench-map [--stations N] [--runs N]
// Draws the station map offscreen with N stations (default 10,000) spread over Europe the way
// networks grow — most around cities, some along the roads between — and prints per zoom level
// the frame times an operator feels: after zooming (basemap, clusters, markers), a repaint over
// the kept basemap (the pointer moving over markers), and a frame while dragging the map. Then the
// model refresh the Map screen does every few seconds. Run with QT_QPA_PLATFORM=offscreen.

#include "processusage.h"
#include "sessions/latencyprobe.h"

#include "core/charging/chargingqueries.h"
#include "ui/map/mapview.h"
#include "ui/stations/stationtablemodel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QImage>
#include <QPainter>
#include <QRandomGenerator>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

struct City {
    double latitude;
    double longitude;
};

constexpr City kCities[] = {
    {50.45, 30.52}, {49.84, 24.03}, {46.48, 30.72}, {52.23, 21.01}, {52.52, 13.40}, {48.86, 2.35},
    {51.51, -0.13}, {40.42, -3.70}, {41.90, 12.50}, {48.21, 16.37}, {50.08, 14.44}, {47.50, 19.04},
    {44.43, 26.10}, {59.33, 18.07}, {55.68, 12.57}, {52.37, 4.90},  {50.85, 4.35},  {53.55, 9.99},
    {48.14, 11.58}, {45.46, 9.19},  {41.39, 2.17},  {38.72, -9.14}, {60.17, 24.94}, {59.91, 10.75},
    {54.69, 25.28}, {56.95, 24.11}, {59.44, 24.75}, {42.70, 23.32}, {37.98, 23.73}, {45.81, 15.98},
};

QList<cd::charging::StationOverview> makeStations(int count)
{
    QRandomGenerator random(20261207);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<cd::charging::StationOverview> stations;
    stations.reserve(count);
    for (int i = 0; i < count; ++i) {
        cd::charging::StationOverview s;
        s.station.id = i + 1;
        s.station.chargePointId = u"EU-%1"_s.arg(i + 1, 6, 10, QChar(u'0'));
        s.station.identity.vendor = random.bounded(3) == 0 ? u"Kempower"_s : u"ABB"_s;
        double latitude = 0, longitude = 0;
        if (random.bounded(10) < 7) {  // a city: within a few kilometres of its centre
            const City &city = kCities[random.bounded(int(std::size(kCities)))];
            latitude = city.latitude + (random.generateDouble() - 0.5) * 0.3;
            longitude = city.longitude + (random.generateDouble() - 0.5) * 0.45;
        } else {  // anywhere between
            latitude = 37.0 + random.generateDouble() * 23.0;
            longitude = -8.0 + random.generateDouble() * 40.0;
        }
        s.place.latitude = latitude;
        s.place.longitude = longitude;
        const int roll = random.bounded(100);
        if (roll >= 8)
            s.station.connectedSinceMs = now - 3'600'000;
        cd::charging::ConnectorOverview connector;
        connector.connector.connectorId = 1;
        connector.connector.evseId = 1;
        connector.connector.status = roll < 11 ? u"Faulted"_s : roll < 45 ? u"Charging"_s : u"Available"_s;
        s.connectors.append(connector);
        stations.append(std::move(s));
    }
    return stations;
}

double percentile(QList<double> values, double p)
{
    std::sort(values.begin(), values.end());
    if (values.isEmpty())
        return 0;
    const auto index = qsizetype(std::ceil(p * double(values.size()))) - 1;
    return values.at(std::clamp<qsizetype>(index, 0, values.size() - 1));
}

void print(const cd::bench::Latency &latency)
{
    std::printf("  %-36s median %7.2f ms   p95 %7.2f ms   max %7.2f ms   %s\n", qPrintable(latency.name),
                latency.median(), percentile(latency.ms, 0.95), latency.slowest(), qPrintable(latency.detail));
}

}  // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"How fast the station map draws many stations."_s);
    parser.addHelpOption();
    parser.addOption({u"stations"_s, u"Stations on the map (default 10000)."_s, u"N"_s, u"10000"_s});
    parser.addOption({u"runs"_s, u"Frames per figure (default 30)."_s, u"N"_s, u"30"_s});
    parser.process(app);
    const int count = std::max(1, parser.value(u"stations"_s).toInt());
    const int runs = std::max(3, parser.value(u"runs"_s).toInt());

    cd::ui::StationTableModel model;
    const QList<cd::charging::StationOverview> stations = makeStations(count);
    cd::ui::MapView view;
    view.setModel(&model);
    view.resize(1280, 800);
    QImage frame(view.size(), QImage::Format_ARGB32_Premultiplied);
    auto render = [&] {
        QPainter painter(&frame);
        view.render(&painter);
    };

    std::printf("chargedesk-bench-map: %d stations, %d frames per figure, %dx%d offscreen (%s)\n", count, runs,
                view.width(), view.height(), qPrintable(QGuiApplication::platformName()));
    const cd::bench::Latency refresh = cd::bench::measure(u"model refresh + points"_s, runs, [&](int) {
        model.setStations(stations, QDateTime::currentMSecsSinceEpoch());
        return u"%1 located"_s.arg(view.points().size());
    });
    print(refresh);

    const QGeoCoordinate centre(50.0, 15.0);
    for (const int zoom : {4, 6, 9, 12, 15}) {
        std::printf("zoom %d\n", zoom);
        const cd::bench::Latency zoomed = cd::bench::measure(u"frame after zooming"_s, runs, [&](int) {
            view.setView(centre, zoom == 4 ? 5 : 4);
            (void)view.clusters();
            view.setView(centre, zoom);  // clusters, basemap and markers anew
            render();
            return u"%1 clusters"_s.arg(view.clusters().size());
        });
        print(zoomed);
        const cd::bench::Latency repaint = cd::bench::measure(u"repaint (hover)"_s, runs, [&](int) {
            view.update();
            render();
            return QString();
        });
        print(repaint);
        const cd::bench::Latency pan = cd::bench::measure(u"frame while dragging"_s, runs, [&](int run) {
            view.viewport().panBy(QPointF(run % 2 ? 7 : -7, 4));
            view.setView(cd::ui::MapViewport::unproject(view.viewport().center()), zoom);
            render();
            return QString();
        });
        print(pan);
    }
    if (const auto usage = cd::bench::readProcessUsage(QCoreApplication::applicationPid()))
        std::printf("peak resident memory: %.1f MiB\n", double(usage->peakRssKiB) / 1024.0);
    return 0;
}
