#include "core/sessions/sessionactionservice.h"

#include "core/billing/tariffsessionpricing.h"
#include "core/common/appsettings.h"
#include "core/payments/holdservice.h"
#include "core/payments/secretstore.h"
#include "core/sessions/sessionactions.h"
#include "core/sessions/sessionpricing.h"
#include "core/storage/database.h"

#include <optional>

namespace cd::sessions {

// Lives on the worker thread: the gateway the settings name, its hold service and the actions.
struct SessionActionService::Worker {
    explicit Worker(const storage::Database &database) : db(database), pricing(database) {}

    // The actions on the gateway of `wanted`; `key` (nullopt: keep the one known for the same
    // settings) for the HTTP gateway. Made again when the settings or the key changed.
    SessionActions &actionsFor(const payments::PaymentSettings &wanted, const std::optional<QString> &key,
                               SessionActionService *service)
    {
        const QString useKey = key ? *key : (settings && *settings == wanted ? secretKey : QString());
        if (!actions || !settings || !(*settings == wanted) || useKey != secretKey) {
            actions.reset();
            holds.reset();
            gateway = payments::createGateway(wanted, useKey, db);
            holds = std::make_unique<payments::HoldService>(db, *gateway);
            QObject::connect(holds.get(), &payments::HoldService::callFinished, holds.get(),
                             [service](qint64 callId, qint64, const payments::GatewayResult &result) {
                                 QMetaObject::invokeMethod(service, [service, callId, result] {
                                     emit service->moneyAnswered(callId, result);
                                 });
                             });
            actions = std::make_unique<SessionActions>(db, holds.get(), &pricing);
            settings = wanted;
            secretKey = useKey;
        }
        return *actions;
    }

    const storage::Database &db;
    billing::TariffSessionPricing pricing;
    std::optional<payments::PaymentSettings> settings;
    QString secretKey;
    std::unique_ptr<payments::PaymentGateway> gateway;
    std::unique_ptr<payments::HoldService> holds;
    std::unique_ptr<SessionActions> actions;
};

SessionActionService::SessionActionService(std::shared_ptr<storage::Database> db, payments::SecretStore *secrets,
                                           QObject *parent)
    : QObject(parent),
      m_db(std::move(db)),
      m_secrets(secrets),
      m_state(std::make_unique<Worker>(*m_db)),
      m_worker(QStringLiteral("chargedesk-actions"))
{
    if (!m_secrets) {
        m_ownSecrets = std::make_unique<payments::KeychainSecretStore>();
        m_secrets = m_ownSecrets.get();
    }
}

SessionActionService::~SessionActionService()
{
    m_worker.runAndWait([this] {
        m_state.reset();  // the gateway and hold service belong to the worker thread
        m_db->releaseThreadConnection();
    });
}

void SessionActionService::post(std::function<void(Worker &)> work)
{
    m_worker.post([this, work = std::move(work)] { work(*m_state); });
}

void SessionActionService::plan(const ActionRequest &request, QObject *receiver, PlanDone done)
{
    const payments::PaymentSettings settings = payments::PaymentSettings::load(appSettings());
    post([this, request, settings, receiver = QPointer<QObject>(receiver), done = std::move(done)](Worker &w) {
        Expected<ActionPlan> planned = w.actionsFor(settings, std::nullopt, this).plan(request);
        QMetaObject::invokeMethod(this, [receiver, done, planned = std::move(planned)]() mutable {
            if (receiver)
                done(std::move(planned));
        });
    });
}

void SessionActionService::apply(const ActionRequest &request, const payments::Actor &actor, QObject *receiver,
                                 ApplyDone done)
{
    apply(request, access::Actor(actor.name), actor.reason, receiver, std::move(done));
}

void SessionActionService::apply(const ActionRequest &request, const access::Actor &actor, const QString &reason,
                                 QObject *receiver, ApplyDone done)
{
    const payments::PaymentSettings settings = payments::PaymentSettings::load(appSettings());
    if (settings.gateway != payments::PaymentSettings::Gateway::Http) {
        applyWithKey(request, actor, reason, QString(), receiver, std::move(done));
        return;
    }
    // The key first (the keychain may take its time; nothing waits for it here).
    m_secrets->read(payments::PaymentSettings::secretName(settings.baseUrl),
                    [this, self = QPointer<SessionActionService>(this), request, actor, reason,
                     receiver = QPointer<QObject>(receiver), done = std::move(done)](const Expected<QString> &secret) {
                        if (!self)
                            return;
                        if (!secret) {
                            if (receiver)
                                done(secret.error());
                            return;
                        }
                        applyWithKey(request, actor, reason, *secret, receiver, done);
                    });
}

void SessionActionService::applyWithKey(const ActionRequest &request, const access::Actor &actor, const QString &reason,
                                        const QString &secretKey, QPointer<QObject> receiver, ApplyDone done)
{
    const payments::PaymentSettings settings = payments::PaymentSettings::load(appSettings());
    post([this, request, actor, reason, settings, secretKey, receiver, done = std::move(done)](Worker &w) {
        Expected<ActionResult> applied = w.actionsFor(settings, secretKey, this).apply(request, actor, reason);
        QMetaObject::invokeMethod(this, [receiver, done, applied = std::move(applied)]() mutable {
            if (receiver)
                done(std::move(applied));
        });
    });
}

}  // namespace cd::sessions
