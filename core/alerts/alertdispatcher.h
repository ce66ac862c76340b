#pragma once
// Works through the delivery journal (alert_deliveries): every few seconds, and right after the
// monitor opened alerts, it takes the due deliveries (claim: one process sends each), sends them
// by e-mail (SmtpNotifier) or to the webhook (WebhookNotifier), and writes the outcome: sent, or
// after a failure pending again with a growing delay (base × 2^(attempt−1), capped), failed after
// the last attempt. A delivery whose sender died while sending is taken again after a while.
// Each alert goes out once per channel: the journal has one row per alert and channel.

#include "core/alerts/alertsettings.h"
#include "core/common/clock.h"
#include "core/common/expected.h"

#include <QObject>
#include <QSet>
#include <QSslCertificate>
#include <QTimer>

#include <memory>

namespace cd::storage {
class Database;
}

namespace cd::alerts {

class WebhookNotifier;

struct DispatcherOptions {
    int pollMs = 5000;
    qint64 retryBaseMs = 30'000;
    qint64 retryMaxMs = 30 * 60'000;
    qint64 staleClaimMs = 10 * 60'000;
    QList<QSslCertificate> extraCaCertificates;  // tests: the SMTP server's private CA
};

class AlertDispatcher : public QObject {
    Q_OBJECT
public:
    AlertDispatcher(std::shared_ptr<storage::Database> db, AlertDeliverySettings settings, QString smtpPassword,
                    DispatcherOptions options = {}, const Clock &clock = Clock::system(), QObject *parent = nullptr);
    ~AlertDispatcher() override;

    void start();
    // Sends what is due now (also done every pollMs).
    void dispatchNow();
    int inFlight() const { return int(m_inFlight.size()); }

Q_SIGNALS:
    // One attempt ended: delivered, or `error` (the journal says whether it will be tried again).
    void attempted(qint64 deliveryId, bool delivered, const QString &error);

private:
    void finished(qint64 deliveryId, const Status &result);

    std::shared_ptr<storage::Database> m_db;
    AlertDeliverySettings m_settings;
    QString m_smtpPassword;
    DispatcherOptions m_options;
    const Clock &m_clock;
    QTimer m_timer;
    QSet<qint64> m_inFlight;
    WebhookNotifier *m_webhook = nullptr;
};

}  // namespace cd::alerts
