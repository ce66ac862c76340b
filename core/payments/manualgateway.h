#pragma once
// The embedded default gateway: money the operator takes at the desk (cash, a card terminal that
// is not connected). Its records live in the database (manual_payments), it answers at once and
// always the same way for the same input, and a repeated idempotency key gets the first answer
// again (manual_payment_requests), as a card gateway does. It refuses a capture above the hold
// and a refund above what was captured and not yet refunded.

#include "core/common/clock.h"
#include "core/payments/paymentgateway.h"

namespace cd::storage {
class Database;
}

namespace cd::payments {

class ManualGateway final : public PaymentGateway {
    Q_OBJECT
public:
    // `db` and `clock` are not owned and must outlive the gateway.
    explicit ManualGateway(const storage::Database &db, const Clock &clock = Clock::system(), QObject *parent = nullptr);

    static QString gatewayName() { return QStringLiteral("manual"); }
    QString name() const override { return gatewayName(); }

    void hold(const HoldRequest &request, const QString &idempotencyKey, Callback done) override;
    void capture(const QString &gatewayRef, qint64 amountMinor, const QString &idempotencyKey, Callback done) override;
    void voidHold(const QString &gatewayRef, const QString &idempotencyKey, Callback done) override;
    void refund(const QString &gatewayRef, qint64 amountMinor, const QString &idempotencyKey, Callback done) override;
    void status(const QString &gatewayRef, Callback done) override;
    void checkConnection(Callback done) override;

    // The synchronous core of the calls above (what the callback then receives).
    GatewayResult holdNow(const HoldRequest &request, const QString &idempotencyKey);
    GatewayResult captureNow(const QString &gatewayRef, qint64 amountMinor, const QString &idempotencyKey);
    GatewayResult voidNow(const QString &gatewayRef, const QString &idempotencyKey);
    GatewayResult refundNow(const QString &gatewayRef, qint64 amountMinor, const QString &idempotencyKey);
    GatewayResult statusNow(const QString &gatewayRef);

private:
    struct Payment;
    // Runs `work` for a new key, or replays the answer stored for a known one.
    GatewayResult once(Operation operation, const QString &idempotencyKey,
                       const std::function<GatewayResult(qint64 &paymentId)> &work);
    GatewayResult changePayment(Operation operation, const QString &gatewayRef, qint64 amountMinor,
                                const QString &idempotencyKey);
    void answer(Callback done, GatewayResult result);

    const storage::Database &m_db;
    const Clock &m_clock;
};

}  // namespace cd::payments
