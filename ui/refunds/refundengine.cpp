#include "ui/refunds/refundengine.h"

#include "core/payments/paymentgateway.h"
#include "core/payments/paymentsettings.h"
#include "core/payments/secretstore.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSettings>

namespace cd::ui {

namespace {
Q_LOGGING_CATEGORY(lcRefundEngine, "chargedesk.ui.refunds")

class EngineText {
    Q_DECLARE_TR_FUNCTIONS(cd::ui::RefundEngine)
public:
    static QString waitingForKey()
    {
        return tr("The payment gateway's key is still being read from the keychain; try again in a moment.");
    }
    static QString keyMissing(const QString &why)
    {
        return tr("Refunds cannot start: the payment gateway's key could not be read from the keychain (%1).").arg(why);
    }
};
}  // namespace

RefundEngine::RefundEngine(GatewayFactory factory) : m_factory(std::move(factory)) {}

RefundEngine::~RefundEngine() = default;

refunds::RefundService *RefundEngine::service(const storage::Database &db)
{
    if (m_started)
        return m_service.get();
    m_started = true;
    if (m_factory) {
        make(db, m_factory(db));
        return m_service.get();
    }
    const payments::PaymentSettings settings = payments::PaymentSettings::load(QSettings());
    if (settings.gateway != payments::PaymentSettings::Gateway::Http) {
        make(db, payments::createGateway(settings, QString(), db));
        return m_service.get();
    }
    // The HTTP gateway's key: from the keychain, answered later on this thread.
    m_unavailable = EngineText::waitingForKey();
    m_keychain = std::make_unique<payments::KeychainSecretStore>();
    const storage::Database *database = &db;
    m_keychain->read(payments::PaymentSettings::secretName(settings.baseUrl),
                     [this, database, settings](const Expected<QString> &key) {
                         if (!key || key->isEmpty()) {
                             m_unavailable = EngineText::keyMissing(key ? QString() : key.error().message);
                             qCWarning(lcRefundEngine).noquote() << m_unavailable;
                             return;
                         }
                         make(*database, payments::createGateway(settings, *key, *database));
                     });
    return nullptr;
}

QString RefundEngine::gatewayName() const
{
    return m_gateway ? m_gateway->name() : QString();
}

void RefundEngine::make(const storage::Database &db, std::unique_ptr<payments::PaymentGateway> gateway)
{
    m_gateway = std::move(gateway);
    m_service = std::make_unique<refunds::RefundService>(db, m_gateway.get());
    m_unavailable.clear();
    if (m_connect)
        m_connect(*m_service);
}

void RefundEngine::shutDown()
{
    m_service.reset();
    m_gateway.reset();
    m_keychain.reset();
}

}  // namespace cd::ui
