#pragma once
// A payment gateway as the hold service sees it: reserve an amount on a card (hold), capture part
// of it (the rest is released), void it, refund captured money, ask for its status. Every call is
// asynchronous: it returns at once and the answer comes later through the callback, on the
// gateway's thread, never from inside the call itself. Nothing here ever waits.
//
// Money calls carry an idempotency key: the same key sent twice makes the gateway do it once and
// answer the same both times, so a call whose answer was lost is simply sent again.

#include "core/payments/paymenttypes.h"

#include <QObject>

#include <functional>

namespace cd::payments {

struct HoldRequest {
    qint64 amountMinor = 0;
    QString currency;        // ISO 4217, e.g. "UAH"
    QString cardToken;       // the customer's stored payment method (pm_…); may be empty for the manual gateway
    QString customer;        // the gateway's customer id, when there is one
    QString description;     // shown at the gateway, e.g. "ChargeDesk session 230916-001444"
};

class PaymentGateway : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const GatewayResult &)>;

    explicit PaymentGateway(QObject *parent = nullptr) : QObject(parent) {}

    // "manual" or "http": stored with every hold and call.
    virtual QString name() const = 0;

    virtual void hold(const HoldRequest &request, const QString &idempotencyKey, Callback done) = 0;
    // amountMinor ≤ the capturable amount; the rest of the hold is released.
    virtual void capture(const QString &gatewayRef, qint64 amountMinor, const QString &idempotencyKey, Callback done) = 0;
    // Releases the whole hold (nothing captured).
    virtual void voidHold(const QString &gatewayRef, const QString &idempotencyKey, Callback done) = 0;
    // amountMinor ≤ captured − already refunded. refundedMinor in the answer: this refund.
    virtual void refund(const QString &gatewayRef, qint64 amountMinor, const QString &idempotencyKey, Callback done) = 0;
    // Read-only: the hold as the gateway sees it now.
    virtual void status(const QString &gatewayRef, Callback done) = 0;
    // Read-only: can the gateway be reached with these settings (Settings › Payments › Test).
    virtual void checkConnection(Callback done) = 0;
};

}  // namespace cd::payments
