#include "core/alerts/webhooknotifier.h"

#include "core/alerts/alertsettings.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>

namespace cd::alerts {

WebhookNotifier::WebhookNotifier(QUrl url, int timeoutMs, QObject *parent)
    : QObject(parent), m_url(std::move(url)), m_timeoutMs(timeoutMs), m_network(new QNetworkAccessManager(this))
{
}

void WebhookNotifier::send(const QByteArray &json, Done done)
{
    if (!AlertDeliverySettings::webhookUrlAllowed(m_url)) {
        done(Error{ExitCode::Usage, tr("The webhook address must start with https:// (plain http:// only to this computer).")});
        return;
    }
    QNetworkRequest request(m_url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("ChargeDesk/%1").arg(QStringLiteral(CHARGEDESK_VERSION)));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(m_timeoutMs);
    QNetworkReply *reply = m_network->post(request, json);
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done), url = m_url] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() == QNetworkReply::NoError && status >= 200 && status < 300) {
            done({});
            return;
        }
        if (status != 0) {
            //: %1 the webhook's address, %2 the HTTP status code
            done(Error{ExitCode::Failure, WebhookNotifier::tr("The webhook %1 answered HTTP %2.").arg(url.toString()).arg(status)});
            return;
        }
        done(Error{ExitCode::Failure, WebhookNotifier::tr("The webhook %1 could not be reached: %2").arg(url.toString(), reply->errorString())});
    });
}

}  // namespace cd::alerts
