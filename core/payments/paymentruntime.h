#pragma once
// Payments in the process that serves stations (ServerRuntime): the gateway the settings name,
// its HoldService (journal), SessionPayments (holds in the session lifecycle, balance guards) and
// the webhook endpoint for the gateway's status reports.
//
// Secrets: chargedesk-server reads the HTTP gateway's key and the webhook secret from an
// environment variable or a 0600 file when it starts (an unreadable key is an error: the server
// does not start); the console asks the OS keychain, asynchronously: the station server runs at
// once, and until the key arrives sessions are noticed but no money call is made (their holds are
// placed when it comes; nothing is lost, the journal is resumed then). The manual (cash) gateway
// needs no key and is ready at once. Without a webhook secret the endpoint answers 503.

#include "core/common/clock.h"
#include "core/common/expected.h"
#include "core/payments/paymentruntimeoptions.h"
#include "core/payments/sessionpayments.h"

#include <QObject>

#include <memory>

namespace cd::storage {
class Database;
}
namespace cd::sessions {
class SessionPricing;
}

namespace cd::payments {

class HoldService;
class PaymentGateway;
class SecretStore;
class WebhookEndpoint;

class PaymentRuntime : public QObject {
    Q_OBJECT
public:
    // `keychain` answers Keychain sources (not owned; nullptr: the OS keychain, created when needed).
    PaymentRuntime(std::shared_ptr<storage::Database> db, PaymentRuntimeOptions options, SecretStore *keychain = nullptr,
                   const Clock &clock = Clock::system(), QObject *parent = nullptr);
    ~PaymentRuntime() override;

    // Reads the secrets it can read now (an error when the HTTP gateway's key cannot be), asks the
    // keychain for the others, and starts SessionPayments.
    Status start();

    // True once the gateway can be used.
    bool ready() const { return m_holds != nullptr; }
    HoldService *holds() const { return m_holds.get(); }
    // The gateway, once ready (refunds go through it too; core/refunds lives above payments).
    PaymentGateway *gateway() const { return m_holds ? m_gateway.get() : nullptr; }
    SessionPayments &sessions() { return *m_sessions; }
    WebhookEndpoint &webhook() { return *m_webhook; }
    // Whether the webhook is served (the HTTP gateway).
    bool servesWebhook() const;

Q_SIGNALS:
    void readyChanged(bool ready);

private:
    void useKey(const QString &key);
    void askKeychain(const SecretSource &source, const std::function<void(const QString &)> &use);

    std::shared_ptr<storage::Database> m_db;
    PaymentRuntimeOptions m_options;
    SecretStore *m_keychain;
    std::unique_ptr<SecretStore> m_ownKeychain;
    const Clock &m_clock;
    std::unique_ptr<sessions::SessionPricing> m_pricing;
    std::unique_ptr<PaymentGateway> m_gateway;
    std::unique_ptr<HoldService> m_holds;
    std::unique_ptr<SessionPayments> m_sessions;
    std::unique_ptr<WebhookEndpoint> m_webhook;
};

}  // namespace cd::payments
