#pragma once
// Which payment gateway this installation uses, as the operator set it in Settings › Payments
// (QSettings under "payments/"). The HTTP gateway's secret key is not here: it lives in the OS
// keychain (SecretStore) under secretName(baseUrl), so a test key and a live key never mix.

#include "core/common/clock.h"
#include "core/payments/httpgateway.h"

#include <QCoreApplication>
#include <QUrl>

#include <memory>

class QSettings;

namespace cd::storage {
class Database;
}

namespace cd::payments {

struct PaymentSettings {
    Q_DECLARE_TR_FUNCTIONS(cd::payments::PaymentSettings)
public:
    enum class Gateway { Manual, Http };

    Gateway gateway = Gateway::Manual;  // the embedded default: cash at the desk
    QUrl baseUrl = QUrl(QStringLiteral("https://api.stripe.com"));
    int timeoutSeconds = 30;
    // The base URL for which a key was put in the keychain (not the key): lets the form say so
    // without asking the keychain.
    QUrl keyStoredFor;
    // Sessions started by a station get a hold of this amount (minor units) when they start; the
    // priced amount is captured at the stop and the rest released. 0 (the default): no holds are
    // placed by themselves, sessions run as without payments.
    qint64 holdAmountMinor = 0;
    // The hold's currency when no global tariff names one (ISO 4217).
    QString holdCurrency = QStringLiteral("UAH");

    static PaymentSettings load(const QSettings &settings);
    void save(QSettings &settings) const;

    // Empty when the settings can be used; else what is wrong, for the operator.
    QString validationError() const;
    // The keychain entry of the secret key for a base URL.
    static QString secretName(const QUrl &baseUrl);
    HttpGatewayConfig httpConfig(const QString &secretKey) const;

    friend bool operator==(const PaymentSettings &, const PaymentSettings &) = default;
};

// The gateway the settings name; the HTTP one with `secretKey`.
std::unique_ptr<PaymentGateway> createGateway(const PaymentSettings &settings, const QString &secretKey,
                                              const storage::Database &db, const Clock &clock = Clock::system());

}  // namespace cd::payments
