#include "ui/map/onlinetiles.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkDiskCache>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace cd::ui {

namespace {
constexpr qint64 kMaxTileBytes = 4 * 1024 * 1024;  // a tile server's answer is bounded too
}

OnlineTiles::OnlineTiles(MapSettings settings, QObject *parent)
    : QObject(parent), m_settings(std::move(settings)), m_network(new QNetworkAccessManager(this))
{
    auto *cache = new QNetworkDiskCache(m_network);
    cache->setCacheDirectory(m_settings.effectiveCacheDirectory());
    cache->setMaximumCacheSize(m_settings.cacheBytes);
    m_network->setCache(cache);
}

OnlineTiles::~OnlineTiles() = default;

QImage OnlineTiles::tile(const TileId &tile) const
{
    const QImage *image = m_images.object(tile);
    return image ? *image : QImage();
}

void OnlineTiles::request(const QList<TileId> &tiles)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_queue.clear();
    for (const TileId &tile : tiles) {
        if (m_images.contains(tile) || m_inFlight.contains(tile))
            continue;
        const auto failed = m_failedAtMs.constFind(tile);
        if (failed != m_failedAtMs.cend() && now - *failed < kRetryAfterMs)
            continue;
        m_queue.append(tile);
    }
    startNext();
}

void OnlineTiles::startNext()
{
    while (m_inFlight.size() < kMaxRequestsInFlight && !m_queue.isEmpty()) {
        const TileId tile = m_queue.takeFirst();
        QNetworkRequest request(QUrl(m_settings.tileAddress(tile.zoom, tile.x, tile.y)));
        request.setHeader(QNetworkRequest::UserAgentHeader, MapSettings::userAgent());
        request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::PreferCache);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
        request.setTransferTimeout(30'000);
        QNetworkReply *reply = m_network->get(request);
        m_inFlight.insert(tile);
        ++m_sent;
        connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
            if (received > kMaxTileBytes)
                reply->abort();
        });
        connect(reply, &QNetworkReply::finished, this, [this, reply, tile] { finish(reply, tile); });
    }
}

void OnlineTiles::finish(QNetworkReply *reply, const TileId &tile)
{
    reply->deleteLater();
    m_inFlight.remove(tile);
    QString error;
    QImage image;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError) {
        error = reply->errorString();
    } else if (status != 200) {
        error = tr("The tile server answered %1.").arg(status);
    } else {
        image = QImage::fromData(reply->read(kMaxTileBytes));
        if (image.isNull())
            error = tr("The tile server sent something that is not an image.");
    }
    if (error.isEmpty()) {
        m_failedAtMs.remove(tile);
        m_images.insert(tile, new QImage(image.convertToFormat(QImage::Format_ARGB32_Premultiplied)));
        emit tileArrived(tile);
    } else {
        m_failedAtMs.insert(tile, QDateTime::currentMSecsSinceEpoch());
        ++m_failures;
        m_lastError = error;
        emit tileFailed(tile, error);
    }
    startNext();
}

}  // namespace cd::ui
