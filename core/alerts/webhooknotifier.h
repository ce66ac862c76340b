#pragma once
// Posts an alert's JSON (AlertMessage::webhookJson) to the configured URL: https, or plain http
// only to this computer; an honest User-Agent, no redirects followed, a deadline per call. A 2xx
// answer is delivered; anything else is an error (the delivery journal tries again later).

#include "core/common/expected.h"

#include <QObject>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

namespace cd::alerts {

class WebhookNotifier : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(const Status &result)>;

    WebhookNotifier(QUrl url, int timeoutMs, QObject *parent = nullptr);

    void send(const QByteArray &json, Done done);

private:
    QUrl m_url;
    int m_timeoutMs;
    QNetworkAccessManager *m_network;
};

}  // namespace cd::alerts
