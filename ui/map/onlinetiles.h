#pragma once
// Online XYZ raster tiles (OpenStreetMap's or the configured server's), fetched without blocking:
// a few requests at a time, nearest to the view's centre first, with an honest User-Agent, kept
// in a disk cache that follows the server's cache headers (a tile is downloaded once, as the
// OpenStreetMap tile policy asks) and in memory for painting. A tile that fails is tried again
// after a minute; until it arrives the map shows the offline basemap there.

#include "ui/map/mapsettings.h"
#include "ui/map/mapviewport.h"

#include <QCache>
#include <QHash>
#include <QImage>
#include <QList>
#include <QObject>
#include <QSet>

class QNetworkAccessManager;
class QNetworkReply;

namespace cd::ui {

class OnlineTiles : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxRequestsInFlight = 4;
    static constexpr int kMemoryTiles = 192;  // 256×256 images, about 48 MiB
    static constexpr qint64 kRetryAfterMs = 60'000;

    explicit OnlineTiles(MapSettings settings, QObject *parent = nullptr);
    ~OnlineTiles() override;

    const MapSettings &settings() const { return m_settings; }
    // The tile when it has arrived; a null image otherwise.
    QImage tile(const TileId &tile) const;
    // The tiles the view shows now, in the order they should come; queued tiles no longer shown
    // are forgotten (requests already sent finish and are kept).
    void request(const QList<TileId> &tiles);

    int requestsSent() const { return m_sent; }
    int failures() const { return m_failures; }
    QString lastError() const { return m_lastError; }

signals:
    void tileArrived(const cd::ui::TileId &tile);
    void tileFailed(const cd::ui::TileId &tile, const QString &error);

private:
    void startNext();
    void finish(QNetworkReply *reply, const TileId &tile);

    MapSettings m_settings;
    QNetworkAccessManager *m_network = nullptr;
    QCache<TileId, QImage> m_images{kMemoryTiles};
    QList<TileId> m_queue;
    QSet<TileId> m_inFlight;
    QHash<TileId, qint64> m_failedAtMs;
    int m_sent = 0;
    int m_failures = 0;
    QString m_lastError;
};

}  // namespace cd::ui
