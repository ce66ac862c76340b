#include "core/payments/paymentruntime.h"

#include "core/payments/holdservice.h"
#include "core/payments/paymentgateway.h"
#include "core/payments/secretstore.h"
#include "core/payments/webhookendpoint.h"
#include "core/billing/tariffsessionpricing.h"
#include "core/storage/database.h"

#include <QLoggingCategory>
#include <QPointer>

namespace cd::payments {

Q_LOGGING_CATEGORY(lcPaymentRuntime, "chargedesk.payments.runtime")

namespace {

SessionPaymentOptions sessionOptions(const PaymentRuntimeOptions &options)
{
    SessionPaymentOptions s = options.sessions;
    s.holdAmountMinor = options.settings.holdAmountMinor;
    s.holdCurrency = options.settings.holdCurrency;
    return s;
}

}  // namespace

PaymentRuntime::PaymentRuntime(std::shared_ptr<storage::Database> db, PaymentRuntimeOptions options, SecretStore *keychain,
                               const Clock &clock, QObject *parent)
    : QObject(parent),
      m_db(std::move(db)),
      m_options(std::move(options)),
      m_keychain(keychain),
      m_clock(clock),
      m_pricing(std::make_unique<billing::TariffSessionPricing>(*m_db, m_clock)),
      m_webhook(std::make_unique<WebhookEndpoint>(m_clock))
{
    m_sessions = std::make_unique<SessionPayments>(*m_db, sessionOptions(m_options), m_pricing.get(), m_clock);
}

PaymentRuntime::~PaymentRuntime()
{
    // The observers go before what they use.
    m_webhook->setHoldService(nullptr);
    m_sessions->setHoldService(nullptr);
    m_sessions.reset();
    m_holds.reset();
    m_gateway.reset();
}

bool PaymentRuntime::servesWebhook() const
{
    return m_options.settings.gateway == PaymentSettings::Gateway::Http;
}

Status PaymentRuntime::start()
{
    const PaymentSettings &s = m_options.settings;
    if (s.gateway == PaymentSettings::Gateway::Http) {
        if (const QString problem = s.validationError(); !problem.isEmpty())
            return Error{ExitCode::Usage, problem};
        switch (m_options.key.kind) {
        case SecretSource::Kind::None:
            return Error{ExitCode::Usage, PaymentSecrets::tr("The HTTP payment gateway needs its secret key: "
                                                             "--payment-key-env NAME or --payment-key-file PATH.")};
        case SecretSource::Kind::Keychain:
            askKeychain(m_options.key, [this](const QString &key) { useKey(key); });
            break;
        case SecretSource::Kind::Environment:
        case SecretSource::Kind::File: {
            auto key = PaymentSecrets::read(m_options.key);
            if (!key)
                return key.error();
            useKey(*key);
            break;
        }
        }
        switch (m_options.webhookSecret.kind) {
        case SecretSource::Kind::None:
            qCInfo(lcPaymentRuntime) << "no webhook secret: gateway reports on" << WebhookEndpoint::kPath
                                     << "are answered 503";
            break;
        case SecretSource::Kind::Keychain:
            askKeychain(m_options.webhookSecret, [this](const QString &secret) { m_webhook->setSecret(secret.toUtf8()); });
            break;
        case SecretSource::Kind::Environment:
        case SecretSource::Kind::File: {
            auto secret = PaymentSecrets::read(m_options.webhookSecret);
            if (!secret)
                return secret.error();
            m_webhook->setSecret(secret->toUtf8());
            break;
        }
        }
    } else {
        useKey({});
    }
    m_sessions->start();
    return {};
}

void PaymentRuntime::askKeychain(const SecretSource &source, const std::function<void(const QString &)> &use)
{
    if (!m_keychain) {
        m_ownKeychain = std::make_unique<KeychainSecretStore>();
        m_keychain = m_ownKeychain.get();
    }
    QPointer<PaymentRuntime> self(this);
    const QString what = PaymentSecrets::describe(source);
    m_keychain->read(source.name, [self, use, what](const Expected<QString> &secret) {
        if (!self)
            return;
        if (!secret) {
            qCWarning(lcPaymentRuntime).noquote() << "cannot read the" << what << "-" << secret.error().message
                                                  << "- payments wait";
            return;
        }
        if (secret->isEmpty()) {
            qCWarning(lcPaymentRuntime).noquote() << "nothing stored in the" << what << "- payments wait";
            return;
        }
        use(*secret);
    });
}

void PaymentRuntime::useKey(const QString &key)
{
    if (m_holds)
        return;
    m_gateway = createGateway(m_options.settings, key, *m_db, m_clock);
    m_holds = std::make_unique<HoldService>(*m_db, *m_gateway, m_clock);
    qCInfo(lcPaymentRuntime) << "payments ready with the" << m_gateway->name() << "gateway";
    m_webhook->setHoldService(m_holds.get());
    m_sessions->setHoldService(m_holds.get());
    emit readyChanged(true);
}

}  // namespace cd::payments
