#pragma once
// A card gateway over HTTP in the shape of Stripe PaymentIntents with manual capture:
//   hold     POST {base}/v1/payment_intents  amount, currency, capture_method=manual,
//                                           payment_method, confirm=true
//   capture  POST {base}/v1/payment_intents/{id}/capture  amount_to_capture
//   void     POST {base}/v1/payment_intents/{id}/cancel
//   refund   POST {base}/v1/refunds  payment_intent, amount
//   status   GET  {base}/v1/payment_intents/{id}
// Form-encoded bodies, "Authorization: Bearer <secret key>", an Idempotency-Key header on every
// POST, a deadline per call. HTTP errors and the gateway's error JSON become clear messages;
// answers that may or may not have been carried out (timeout, lost connection, 409, 429, 5xx) are
// Outcome::Unknown, to be sent again with the same key.

#include "core/payments/paymentgateway.h"

#include <QUrl>

#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace cd::payments {

struct HttpGatewayConfig {
    QUrl baseUrl;           // e.g. https://api.stripe.com
    QString secretKey;      // sk_…; never logged
    int timeoutMs = 30000;  // per call, from sending to the last byte of the answer
};

class HttpGateway final : public PaymentGateway {
    Q_OBJECT
public:
    explicit HttpGateway(HttpGatewayConfig config, QObject *parent = nullptr);
    ~HttpGateway() override;

    static QString gatewayName() { return QStringLiteral("http"); }
    QString name() const override { return gatewayName(); }
    const HttpGatewayConfig &config() const { return m_config; }

    void hold(const HoldRequest &request, const QString &idempotencyKey, Callback done) override;
    void capture(const QString &gatewayRef, qint64 amountMinor, const QString &idempotencyKey, Callback done) override;
    void voidHold(const QString &gatewayRef, const QString &idempotencyKey, Callback done) override;
    void refund(const QString &gatewayRef, qint64 amountMinor, const QString &idempotencyKey, Callback done) override;
    void status(const QString &gatewayRef, Callback done) override;
    void checkConnection(Callback done) override;

    // The hold status a PaymentIntent status stands for (requires_capture → Hold, …).
    static HoldStatus statusFromIntent(const QString &intentStatus);

private:
    enum class Body { PaymentIntent, Refund, List };
    // `ref`: the payment reference the call names (checked before it goes anywhere), if any.
    void send(Operation operation, Body body, const QByteArray &verb, const std::optional<QString> &ref, const QString &path,
              const QList<std::pair<QString, QString>> &form, const QString &idempotencyKey, Callback done);
    void finished(QNetworkReply *reply, Operation operation, Body body, bool timedOut, const Callback &done);
    QString refusal(int httpStatus, const QString &code, const QString &message) const;

    HttpGatewayConfig m_config;
    QNetworkAccessManager *m_network;
};

}  // namespace cd::payments
