#include "core/alerts/alertdispatcher.h"

#include "core/alerts/alertmessage.h"
#include "core/alerts/alertrepository.h"
#include "core/alerts/smtpnotifier.h"
#include "core/alerts/webhooknotifier.h"
#include "core/storage/database.h"

#include <QLoggingCategory>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace cd::alerts {

Q_DECLARE_LOGGING_CATEGORY(lcAlerts)

namespace {
constexpr int kBatch = 20;
}

AlertDispatcher::AlertDispatcher(std::shared_ptr<storage::Database> db, AlertDeliverySettings settings,
                                 QString smtpPassword, DispatcherOptions options, const Clock &clock, QObject *parent)
    : QObject(parent),
      m_db(std::move(db)),
      m_settings(std::move(settings)),
      m_smtpPassword(std::move(smtpPassword)),
      m_options(std::move(options)),
      m_clock(clock)
{
    m_timer.setInterval(qMax(100, m_options.pollMs));
    connect(&m_timer, &QTimer::timeout, this, &AlertDispatcher::dispatchNow);
}

AlertDispatcher::~AlertDispatcher() = default;

void AlertDispatcher::start()
{
    m_timer.start();
    QTimer::singleShot(0, this, &AlertDispatcher::dispatchNow);
}

void AlertDispatcher::dispatchNow()
{
    AlertRepository repo(*m_db);
    const qint64 now = m_clock.nowMs();
    auto due = repo.dueDeliveries(now, now - m_options.staleClaimMs, kBatch);
    if (!due) {
        qCWarning(lcAlerts) << "alert deliveries:" << due.error().message;
        return;
    }
    for (const AlertDelivery &delivery : *due) {
        if (m_inFlight.contains(delivery.id))
            continue;
        auto claimed = repo.claimDelivery(delivery.id, now, now - m_options.staleClaimMs);
        if (!claimed || !*claimed)
            continue;  // another process took it
        auto alert = repo.find(delivery.alertId);
        if (!alert || !alert->has_value()) {
            finished(delivery.id, Error{ExitCode::Failure, tr("The alert %1 is gone.").arg(delivery.alertId)});
            continue;
        }
        m_inFlight.insert(delivery.id);
        QPointer<AlertDispatcher> self(this);
        const qint64 id = delivery.id;
        auto done = [self, id](const Status &result) {
            if (self)
                self->finished(id, result);
        };
        if (delivery.channel == u"email") {
            SmtpConfig config = SmtpConfig::fromSettings(m_settings, m_smtpPassword);
            config.to = delivery.target.split(u", "_s, Qt::SkipEmptyParts);
            config.extraCaCertificates = m_options.extraCaCertificates;
            auto *smtp = new SmtpNotifier(config, this);
            const AlertMessage message = AlertMessage::email(**alert);
            smtp->send(message.subject, message.body, [smtp, done](const Status &result) {
                smtp->deleteLater();
                done(result);
            });
        } else if (delivery.channel == u"webhook") {
            auto *webhook = new WebhookNotifier(QUrl(delivery.target), m_settings.timeoutSeconds * 1000, this);
            webhook->send(AlertMessage::webhookJson(**alert), [webhook, done](const Status &result) {
                webhook->deleteLater();
                done(result);
            });
        } else {
            done(Error{ExitCode::Failure, tr("Unknown delivery channel \"%1\".").arg(delivery.channel)});
        }
    }
}

void AlertDispatcher::finished(qint64 deliveryId, const Status &result)
{
    m_inFlight.remove(deliveryId);
    AlertRepository repo(*m_db);
    auto found = repo.findDelivery(deliveryId);
    if (!found || !found->has_value()) {
        qCWarning(lcAlerts) << "alert delivery" << deliveryId << "is gone";
        return;
    }
    AlertDelivery d = **found;
    const qint64 now = m_clock.nowMs();
    d.claimedMs.reset();
    if (result) {
        d.status = AlertDelivery::Status::Sent;
        d.sentMs = now;
        d.lastError.clear();
    } else {
        d.lastError = result.error().message;
        if (d.attempts >= m_settings.maxAttempts) {
            d.status = AlertDelivery::Status::Failed;
        } else {
            d.status = AlertDelivery::Status::Pending;
            qint64 delay = m_options.retryBaseMs;
            for (int i = 1; i < d.attempts && delay < m_options.retryMaxMs; ++i)
                delay *= 2;
            d.nextAttemptMs = now + std::min(delay, m_options.retryMaxMs);
        }
        qCWarning(lcAlerts) << "alert delivery" << deliveryId << d.channel << "attempt" << d.attempts << "failed:" << d.lastError;
    }
    if (Status st = repo.updateDelivery(d); !st)
        qCWarning(lcAlerts) << "alert delivery" << deliveryId << st.error().message;
    Q_EMIT attempted(deliveryId, result.ok(), result ? QString() : result.error().message);
}

}  // namespace cd::alerts
