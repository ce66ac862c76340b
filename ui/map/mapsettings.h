#pragma once
// The map's tile layer (QSettings "map/"): offline by default — the basemap shipped with the
// program — and online XYZ raster tiles when the operator turns them on: OpenStreetMap's unless
// another server's address is given ({z}, {x} and {y} stand for the tile), with the attribution
// its licence asks for shown on the map.

#include <QCoreApplication>
#include <QString>

class QSettings;

namespace cd::ui {

struct MapSettings {
    Q_DECLARE_TR_FUNCTIONS(cd::ui::MapSettings)
public:
    static const QString kOpenStreetMapUrl;
    static const QString kOpenStreetMapAttribution;

    bool onlineTiles = false;
    QString tileUrl = kOpenStreetMapUrl;
    QString attribution = kOpenStreetMapAttribution;
    QString cacheDirectory;  // empty: the user's cache folder (…/ChargeDesk/tiles)
    qint64 cacheBytes = 200ll * 1024 * 1024;

    static MapSettings load(const QSettings &settings);
    void save(QSettings &settings) const;

    // Empty when the settings can be used, otherwise what is wrong, for the operator.
    QString validationError() const;
    // The address of one tile.
    QString tileAddress(int zoom, int x, int y) const;
    QString effectiveCacheDirectory() const;
    // What the tile requests say they come from (tile servers ask for an honest User-Agent).
    static QByteArray userAgent();
};

}  // namespace cd::ui
