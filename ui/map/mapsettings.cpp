#include "ui/map/mapsettings.h"

#include <QSettings>
#include <QStandardPaths>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace cd::ui {

const QString MapSettings::kOpenStreetMapUrl = u"https://tile.openstreetmap.org/{z}/{x}/{y}.png"_s;
const QString MapSettings::kOpenStreetMapAttribution = u"© OpenStreetMap contributors"_s;

MapSettings MapSettings::load(const QSettings &settings)
{
    MapSettings s;
    s.onlineTiles = settings.value(u"map/onlineTiles"_s, s.onlineTiles).toBool();
    s.tileUrl = settings.value(u"map/tileUrl"_s, s.tileUrl).toString();
    s.attribution = settings.value(u"map/attribution"_s, s.attribution).toString();
    s.cacheDirectory = settings.value(u"map/cacheDirectory"_s, s.cacheDirectory).toString();
    return s;
}

void MapSettings::save(QSettings &settings) const
{
    settings.setValue(u"map/onlineTiles"_s, onlineTiles);
    settings.setValue(u"map/tileUrl"_s, tileUrl);
    settings.setValue(u"map/attribution"_s, attribution);
    if (cacheDirectory.isEmpty())
        settings.remove(u"map/cacheDirectory"_s);
    else
        settings.setValue(u"map/cacheDirectory"_s, cacheDirectory);
}

QString MapSettings::validationError() const
{
    if (!onlineTiles)
        return {};
    const QUrl url(tileUrl.trimmed().replace(u"{z}"_s, u"0"_s).replace(u"{x}"_s, u"0"_s).replace(u"{y}"_s, u"0"_s),
                   QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"https"_s && url.scheme() != u"http"_s) || url.host().isEmpty())
        return tr("The tile address must be an http or https address, like %1.").arg(kOpenStreetMapUrl);
    for (const QString &part : {u"{z}"_s, u"{x}"_s, u"{y}"_s}) {
        if (!tileUrl.contains(part))
            return tr("The tile address must contain {z}, {x} and {y} (the zoom level and the tile's column and row).");
    }
    if (attribution.trimmed().isEmpty())
        return tr("Give the attribution the tile server's licence asks for (for OpenStreetMap: %1).")
            .arg(kOpenStreetMapAttribution);
    return {};
}

QString MapSettings::tileAddress(int zoom, int x, int y) const
{
    QString address = tileUrl.trimmed();
    address.replace(u"{z}"_s, QString::number(zoom));
    address.replace(u"{x}"_s, QString::number(x));
    address.replace(u"{y}"_s, QString::number(y));
    return address;
}

QString MapSettings::effectiveCacheDirectory() const
{
    if (!cacheDirectory.isEmpty())
        return cacheDirectory;
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    return base + u"/ChargeDesk/tiles"_s;
}

QByteArray MapSettings::userAgent()
{
    return QByteArrayLiteral("ChargeDesk/" CHARGEDESK_VERSION " (EV charging operator console; map tiles)");
}

}  // namespace cd::ui
