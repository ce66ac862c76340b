#include "core/anomalies/correctionservice.h"

#include "core/anomalies/correctionengine.h"
#include "core/billing/tariffrepository.h"
#include "core/common/appsettings.h"
#include "core/payments/holdservice.h"
#include "core/payments/paymentsettings.h"
#include "core/payments/secretstore.h"
#include "core/storage/database.h"

#include <optional>

namespace cd::anomalies {

// Lives on the worker thread: the gateway the settings name, its hold service and the engine.
struct CorrectionService::Worker {
    explicit Worker(const storage::Database &database) : db(database) {}

    // The engine on the gateway of `wanted`; `key` (nullopt: keep the one known for the same
    // settings) for the HTTP gateway. Made again when the settings or the key changed.
    CorrectionEngine &engineFor(const payments::PaymentSettings &wanted, const std::optional<QString> &key,
                                CorrectionService *service)
    {
        const QString useKey = key ? *key : (settings && *settings == wanted ? secretKey : QString());
        if (!engine || !settings || !(*settings == wanted) || useKey != secretKey) {
            engine.reset();
            holds.reset();
            gateway = payments::createGateway(wanted, useKey, db);
            holds = std::make_unique<payments::HoldService>(db, *gateway);
            QObject::connect(holds.get(), &payments::HoldService::callFinished, holds.get(),
                             [service](qint64 callId, qint64, const payments::GatewayResult &result) {
                                 QMetaObject::invokeMethod(service, [service, callId, result] {
                                     emit service->moneyAnswered(callId, result);
                                 });
                             });
            engine = std::make_unique<CorrectionEngine>(db, holds.get());
            settings = wanted;
            secretKey = useKey;
        }
        return *engine;
    }

    const storage::Database &db;
    std::optional<payments::PaymentSettings> settings;
    QString secretKey;
    std::unique_ptr<payments::PaymentGateway> gateway;
    std::unique_ptr<payments::HoldService> holds;
    std::unique_ptr<CorrectionEngine> engine;
};

CorrectionService::CorrectionService(std::shared_ptr<storage::Database> db, payments::SecretStore *secrets, QObject *parent)
    : QObject(parent),
      m_db(std::move(db)),
      m_secrets(secrets),
      m_state(std::make_unique<Worker>(*m_db)),
      m_worker(QStringLiteral("chargedesk-corrections"))
{
    if (!m_secrets) {
        m_ownSecrets = std::make_unique<payments::KeychainSecretStore>();
        m_secrets = m_ownSecrets.get();
    }
}

CorrectionService::~CorrectionService()
{
    m_worker.runAndWait([this] {
        m_state.reset();  // the gateway and hold service belong to the worker thread
        m_db->releaseThreadConnection();
    });
}

void CorrectionService::post(std::function<void(Worker &)> work)
{
    m_worker.post([this, work = std::move(work)] { work(*m_state); });
}

void CorrectionService::plan(const CorrectionRequest &request, QObject *receiver, PlanDone done)
{
    const payments::PaymentSettings settings = payments::PaymentSettings::load(appSettings());
    post([this, request, settings, receiver = QPointer<QObject>(receiver), done = std::move(done)](Worker &w) {
        Expected<CorrectionPreview> planned = w.engineFor(settings, std::nullopt, this).plan(request);
        QMetaObject::invokeMethod(this, [receiver, done, planned = std::move(planned)]() mutable {
            if (receiver)
                done(std::move(planned));
        });
    });
}

void CorrectionService::versions(qint64 billId, QObject *receiver, VersionsDone done)
{
    const payments::PaymentSettings settings = payments::PaymentSettings::load(appSettings());
    post([this, billId, settings, receiver = QPointer<QObject>(receiver), done = std::move(done)](Worker &w) {
        Expected<QList<BillLines>> found = w.engineFor(settings, std::nullopt, this).versions(billId);
        QMetaObject::invokeMethod(this, [receiver, done, found = std::move(found)]() mutable {
            if (receiver)
                done(std::move(found));
        });
    });
}

void CorrectionService::tariffs(QObject *receiver, TariffsDone done)
{
    post([this, receiver = QPointer<QObject>(receiver), done = std::move(done)](Worker &w) {
        Expected<QList<billing::Tariff>> found = billing::TariffRepository(w.db).list(true);
        QMetaObject::invokeMethod(this, [receiver, done, found = std::move(found)]() mutable {
            if (receiver)
                done(std::move(found));
        });
    });
}

void CorrectionService::apply(const CorrectionPreview &confirmed, const access::Actor &actor, const QString &reason,
                              QObject *receiver, ApplyDone done)
{
    const payments::PaymentSettings settings = payments::PaymentSettings::load(appSettings());
    if (settings.gateway != payments::PaymentSettings::Gateway::Http || !confirmed.hold) {
        applyWithKey(confirmed, actor, reason, QString(), receiver, std::move(done));
        return;
    }
    // The key first (the keychain may take its time; nothing waits for it here).
    m_secrets->read(payments::PaymentSettings::secretName(settings.baseUrl),
                    [this, self = QPointer<CorrectionService>(this), confirmed, actor, reason,
                     receiver = QPointer<QObject>(receiver), done = std::move(done)](const Expected<QString> &secret) {
                        if (!self)
                            return;
                        if (!secret) {
                            if (receiver)
                                done(secret.error());
                            return;
                        }
                        applyWithKey(confirmed, actor, reason, *secret, receiver, done);
                    });
}

void CorrectionService::applyWithKey(const CorrectionPreview &confirmed, const access::Actor &actor,
                                     const QString &reason, const QString &secretKey, QPointer<QObject> receiver,
                                     ApplyDone done)
{
    const payments::PaymentSettings settings = payments::PaymentSettings::load(appSettings());
    const std::optional<QString> key = settings.gateway == payments::PaymentSettings::Gateway::Http && !confirmed.hold
        ? std::nullopt
        : std::optional<QString>(secretKey);
    post([this, confirmed, actor, reason, settings, key, receiver, done = std::move(done)](Worker &w) {
        Expected<CorrectionResult> applied = w.engineFor(settings, key, this).apply(confirmed, actor, reason);
        QMetaObject::invokeMethod(this, [receiver, done, applied = std::move(applied)]() mutable {
            if (receiver)
                done(std::move(applied));
        });
    });
}

}  // namespace cd::anomalies
