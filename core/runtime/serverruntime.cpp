#include "core/runtime/serverruntime.h"

#include "core/alerts/alertdispatcher.h"
#include "core/alerts/alertmonitor.h"
#include "core/anomalies/abandonedsessionsweeper.h"
#include "core/anomalies/anomalytaggerimpl.h"
#include "core/billing/sessionbilling.h"
#include "core/charging/chargingsystem.h"
#include "core/commands/commandexecutor.h"
#include "core/payments/paymentruntime.h"
#include "core/payments/sessionpayments.h"
#include "core/payments/webhookendpoint.h"
#include "core/refunds/refundservice.h"
#include "core/server/centralsystem.h"
#include "core/storage/database.h"

#include <QLoggingCategory>

namespace cd::runtime {

namespace {
Q_LOGGING_CATEGORY(lcRuntime, "chargedesk.runtime")

// On PostgreSQL NOTIFY wakes the executor; this poll only catches a notification lost with a
// dropped connection. (Without LISTEN, CommandNotifications polls every second instead.)
constexpr std::chrono::milliseconds kPostgresSafetyPoll{30000};
}  // namespace

ServerRuntime::ServerRuntime(std::shared_ptr<storage::Database> db, RuntimeOptions options, QObject *parent,
                             payments::SecretStore *keychain)
    : QObject(parent), m_db(std::move(db)), m_options(std::move(options))
{
    // SQLCipher has no cross-process notification: a CLI's command is seen by the next poll, so
    // poll often (a cheap indexed query). PostgreSQL NOTIFY wakes us; its poll is a safety net.
    if (!m_db->dialect().isPostgres())
        m_options.commands.pollInterval = std::min(m_options.commands.pollInterval, std::chrono::milliseconds(250));
    else
        m_options.commands.pollInterval = std::max(m_options.commands.pollInterval, kPostgresSafetyPoll);
    // Profile 3 identifies stations by their certificate (checked by the server): no password.
    m_options.charging.requireStationPassword = server::usesBasicAuth(m_options.server.securityProfile);
    m_charging = std::make_unique<charging::ChargingSystem>(m_db, m_options.charging);
    m_executor = std::make_unique<commands::CommandExecutor>(*m_db, m_options.commands);
    // The charging service learns of a station first (it marks it online and installs the
    // OCPP handlers); the executor then sends what was waiting for it.
    m_fanout.add(&m_charging->sessions());
    m_fanout.add(m_executor.get());
    m_server = std::make_unique<server::CentralSystem>(m_options.server, m_charging->directory(), m_fanout);
    m_alerts = std::make_unique<alerts::AlertMonitor>(m_db, m_options.alerts, m_options.charging.heartbeatIntervalSeconds);
    if (m_options.alerts.delivery.emailEnabled || m_options.alerts.delivery.webhookEnabled) {
        // The SMTP password from the environment (the headless server's way; the console too for now).
        m_alertDelivery = std::make_unique<alerts::AlertDispatcher>(
            m_db, m_options.alerts.delivery,
            qEnvironmentVariable(qPrintable(alerts::AlertSettings::smtpPasswordEnvironmentVariable())));
        connect(m_alerts.get(), &alerts::AlertMonitor::alertsOpened, m_alertDelivery.get(),
                &alerts::AlertDispatcher::dispatchNow);
    }
    // Payments hear of sessions after their commit (and answer), on this thread; the gateway's
    // reports come in on the stations' listener.
    m_payments = std::make_unique<payments::PaymentRuntime>(m_db, m_options.payments, keychain);
    m_billing = std::make_unique<billing::SessionBilling>(*m_db);
    // Every bill is checked for anomalies in its own transaction; sessions whose station stopped
    // reporting long ago are closed as abandoned and billed (codes 1 / 2).
    m_anomalyTagger = std::make_unique<anomalies::AnomalyTaggerImpl>(*m_db);
    m_billing->setAnomalyTagger(m_anomalyTagger.get());
    m_abandoned = std::make_unique<anomalies::AbandonedSessionSweeper>(*m_db, Clock::system(),
                                                                       m_anomalyTagger->thresholds());
    connect(m_abandoned.get(), &anomalies::AbandonedSessionSweeper::sessionsAbandoned, m_billing.get(),
            [this](const QList<qint64> &ids) {
                for (qint64 id : ids)
                    (void)m_billing->process(id);
            });
    m_sessionObservers.add(&m_payments->sessions());
    m_sessionObservers.add(m_billing.get());
    // Payments hear first, so under "hold until corrected" a card hold waits for the bill: a new
    // bill brings its session back to payments (captured, or kept while the bill is held).
    connect(m_billing.get(), &billing::SessionBilling::billIssued, &m_payments->sessions(),
            [this](qint64 sessionId, qint64) { (void)m_payments->sessions().process(sessionId, false); });
    m_charging->service().setSessionObserver(&m_sessionObservers);
    if (m_payments->servesWebhook())
        m_server->setHttpRoute(QByteArrayLiteral("POST"), payments::WebhookEndpoint::kPath, &m_payments->webhook());
    connect(m_payments.get(), &payments::PaymentRuntime::readyChanged, this, [this](bool ready) {
        if (ready)
            startRefunds();
    });
}

void ServerRuntime::startRefunds()
{
    if (m_refunds)
        return;
    m_refunds = std::make_unique<refunds::RefundService>(*m_db, m_payments->gateway());
    refunds::RefundService *service = m_refunds.get();
    m_payments->webhook().setRefundHandler([service](const payments::RefundReport &report) -> Expected<QString> {
        auto outcome = service->report(report);
        if (!outcome)
            return outcome.error();
        return refunds::reportOutcomeName(*outcome);
    });
    // What a previous run sent and never heard back about goes out again, with the same keys.
    int resent = 0;
    if (auto sent = m_refunds->resumePending(); !sent)
        qCWarning(lcRuntime).noquote() << "resuming refunds:" << sent.error().message;
    else
        resent = *sent;
    if (resent > 0)
        qCInfo(lcRuntime) << "resent" << resent << "refund(s) still waiting for the gateway";
    emit refundsReady(resent);
}

ServerRuntime::~ServerRuntime()
{
    m_alertDelivery.reset();
    m_alerts.reset();
    m_server->close();
    m_server.reset();
    m_executor.reset();
    // Drained first (every station message stored and answered), then nobody is told any more.
    m_charging->waitForIdle();
    m_charging->service().setSessionObserver(nullptr);
    m_abandoned.reset();
    m_billing.reset();
    m_anomalyTagger.reset();
    m_payments->webhook().setRefundHandler({});
    m_refunds.reset();
    m_payments.reset();
    m_charging.reset();
}

Status ServerRuntime::start()
{
    if (Status valid = server::ServerOptionsCheck::validate(m_options.server); !valid)
        return valid;
    if (!m_db->dialect().isPostgres()) {
        // One server per SQLCipher file: a station still marked online was left so by a run
        // that ended without closing its links (a crash, kill -9).
        if (auto stale = m_charging->service().markAllOffline(); !stale)
            return stale.error();
    }
    if (Status payments = m_payments->start(); !payments)
        return payments;
    m_billing->start();
    m_abandoned->start();
    m_executor->start();
    m_alerts->start();
    if (m_alertDelivery)
        m_alertDelivery->start();
    if (Status listening = m_server->listen(m_options.address, m_options.port); !listening)
        return listening;
    return {};
}

quint16 ServerRuntime::port() const
{
    return m_server->serverPort();
}

}  // namespace cd::runtime
