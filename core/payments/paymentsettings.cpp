#include "core/payments/paymentsettings.h"

#include "core/payments/manualgateway.h"

#include <QHostAddress>
#include <QSettings>

namespace cd::payments {

namespace {
const QString kGateway = QStringLiteral("payments/gateway");
const QString kBaseUrl = QStringLiteral("payments/baseUrl");
const QString kTimeout = QStringLiteral("payments/timeoutSeconds");
const QString kKeyStoredFor = QStringLiteral("payments/keyStoredFor");
const QString kHoldAmount = QStringLiteral("payments/holdAmountMinor");
const QString kHoldCurrency = QStringLiteral("payments/holdCurrency");
}  // namespace

PaymentSettings PaymentSettings::load(const QSettings &settings)
{
    PaymentSettings s;
    // Anything but "http" is the manual gateway: an unreadable value never sends money anywhere.
    s.gateway = settings.value(kGateway).toString() == u"http" ? Gateway::Http : Gateway::Manual;
    const QUrl url(settings.value(kBaseUrl, s.baseUrl.toString()).toString().trimmed());
    if (url.isValid() && !url.isEmpty())
        s.baseUrl = url;
    bool ok = false;
    const int timeout = settings.value(kTimeout, s.timeoutSeconds).toInt(&ok);
    if (ok && timeout >= 1 && timeout <= 300)
        s.timeoutSeconds = timeout;
    s.keyStoredFor = QUrl(settings.value(kKeyStoredFor).toString());
    const qint64 holdAmount = settings.value(kHoldAmount, s.holdAmountMinor).toLongLong(&ok);
    if (ok && holdAmount >= 0)
        s.holdAmountMinor = holdAmount;
    const QString currency = settings.value(kHoldCurrency, s.holdCurrency).toString().trimmed().toUpper();
    if (currency.size() == 3)
        s.holdCurrency = currency;
    return s;
}

void PaymentSettings::save(QSettings &settings) const
{
    settings.setValue(kGateway, gateway == Gateway::Http ? QStringLiteral("http") : QStringLiteral("manual"));
    settings.setValue(kBaseUrl, baseUrl.toString());
    settings.setValue(kTimeout, timeoutSeconds);
    settings.setValue(kKeyStoredFor, keyStoredFor.toString());
    settings.setValue(kHoldAmount, holdAmountMinor);
    settings.setValue(kHoldCurrency, holdCurrency);
    settings.sync();
}

QString PaymentSettings::validationError() const
{
    if (gateway == Gateway::Manual)
        return {};
    if (!baseUrl.isValid() || baseUrl.host().isEmpty() || (baseUrl.scheme() != u"https" && baseUrl.scheme() != u"http"))
        return tr("Enter the gateway's address, e.g. https://api.stripe.com");
    if (baseUrl.scheme() == u"http" && !QHostAddress(baseUrl.host()).isLoopback() && baseUrl.host() != u"localhost")
        return tr("The address must start with https:// (plain http:// only to this computer).");
    if (!baseUrl.query().isEmpty() || !baseUrl.fragment().isEmpty())
        return tr("The address must not contain ? or #.");
    return {};
}

QString PaymentSettings::secretName(const QUrl &baseUrl)
{
    return QStringLiteral("payment-gateway:") + baseUrl.adjusted(QUrl::StripTrailingSlash).toString();
}

HttpGatewayConfig PaymentSettings::httpConfig(const QString &secretKey) const
{
    return HttpGatewayConfig{baseUrl, secretKey, timeoutSeconds * 1000};
}

std::unique_ptr<PaymentGateway> createGateway(const PaymentSettings &settings, const QString &secretKey,
                                              const storage::Database &db, const Clock &clock)
{
    if (settings.gateway == PaymentSettings::Gateway::Http)
        return std::make_unique<HttpGateway>(settings.httpConfig(secretKey));
    return std::make_unique<ManualGateway>(db, clock);
}

}  // namespace cd::payments
