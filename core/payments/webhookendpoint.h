#pragma once
// The payment gateway's status reports over HTTP: POST /payments/webhook on the station server's
// listener (same address, port and TLS as the stations). Stripe-style:
//   - "Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>" checked with
//     the webhook signing secret, and t within the tolerance of now (a replayed old delivery is
//     refused); any of several v1 values may match;
//   - the body is bounded (Content-Length required, at most kMaxBodyBytes) and read within a
//     deadline;
//   - payment_intent.amount_capturable_updated → hold, payment_intent.succeeded → success,
//     payment_intent.canceled → canceled, payment_intent.payment_failed → failed, each with the
//     intent's payment method as the card token;
//   - refund.created / refund.updated / refund.failed / charge.refund.updated → the refund's state
//     (RefundReport) for the refund handler; other event types are acknowledged and ignored;
//   - HoldService::report() commits the report (kept and applied later when the card token is not
//     known yet, seed 000) BEFORE the 200 goes out; a bad signature is answered 400 and logged; no
//     gateway or secret yet: 503 (the gateway delivers again later).

#include "core/common/clock.h"
#include "core/common/expected.h"
#include "core/payments/holdservice.h"
#include "core/payments/paymenttypes.h"
#include "core/server/httproute.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <optional>

class QTimer;

namespace cd::payments {

class WebhookSignature {
public:
    // The header value for `payload` signed at `unixSeconds` (tests; a gateway does this).
    static QByteArray sign(const QByteArray &secret, const QByteArray &payload, qint64 unixSeconds);
    // True when the header carries a v1 signature of `payload` by `secret` made within
    // toleranceSeconds of nowMs. `why` says what is wrong otherwise (for the log; English).
    static bool verify(const QByteArray &header, const QByteArray &payload, const QByteArray &secret, qint64 nowMs,
                       qint64 toleranceSeconds, QString *why = nullptr);
};

// The hold report a gateway event stands for; nullopt for an event of another type (ignored).
// `error` is set when the body is not an event at all.
std::optional<HoldReport> reportFromEvent(const QByteArray &body, QString *eventType, QString *error);
// The refund report a gateway event stands for (refund.created / refund.updated / refund.failed /
// charge.refund.updated); nullopt for other events. `error` is set when a refund event names no
// refund.
std::optional<RefundReport> refundReportFromEvent(const QByteArray &body, QString *error);

class WebhookEndpoint : public QObject, public server::HttpRoute {
    Q_OBJECT
public:
    static constexpr qint64 kMaxBodyBytes = 64 * 1024;
    static constexpr qint64 kToleranceSeconds = 300;
    static constexpr int kReadTimeoutMs = 10000;
    static inline const QByteArray kPath = QByteArrayLiteral("/payments/webhook");

    explicit WebhookEndpoint(const Clock &clock = Clock::system(), QObject *parent = nullptr);
    ~WebhookEndpoint() override;

    // Both needed to accept reports; until then every delivery gets 503.
    void setSecret(const QByteArray &secret) { m_secret = secret; }
    void setHoldService(HoldService *holds) { m_holds = holds; }
    // Where refund reports go (the runtime's RefundService, which lives above payments): commits
    // the report and says what it did ("applied", "stale", "unknown"), or fails (answered 500, the
    // gateway delivers again). Without one, refund events are answered 503.
    using RefundHandler = std::function<Expected<QString>(const RefundReport &report)>;
    void setRefundHandler(RefundHandler handler) { m_refunds = std::move(handler); }

    void take(QTcpSocket *socket, const server::HttpRequestHead &head, qsizetype headSize) override;

Q_SIGNALS:
    // Every delivery, after its answer was written: the HTTP status and a short reason.
    void delivered(int httpStatus, const QString &detail);

private:
    struct Pending {
        qsizetype headLeft = 0;  // head bytes still to skip
        qint64 length = 0;
        QByteArray signature;
        QByteArray body;
        QTimer *timer = nullptr;
    };
    void onReadable(QTcpSocket *socket);
    void handle(QTcpSocket *socket, const Pending &pending);
    void handleRefund(QTcpSocket *socket, const RefundReport &refund);
    void answer(QTcpSocket *socket, int status, const QByteArray &body, const QString &detail);

    const Clock &m_clock;
    QByteArray m_secret;
    HoldService *m_holds = nullptr;
    RefundHandler m_refunds;
    QHash<QTcpSocket *, Pending> m_pending;
};

}  // namespace cd::payments
