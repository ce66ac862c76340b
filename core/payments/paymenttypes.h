#pragma once
// The words every payment part shares: hold statuses (seed 000: created → processing → hold →
// success, or released / canceled / failed), the gateway operations, and what a gateway answers.
// Money in integer minor units, time in UTC epoch ms.

#include <QString>

#include <optional>

namespace cd::payments {

enum class HoldStatus {
    None,        // no hold (sessions.hold_status default)
    Created,     // the hold exists at the gateway, no card yet
    Processing,  // the bank is working on it (3-D Secure, tokenisation)
    Hold,        // the amount is reserved on the customer's card
    Success,     // captured (all or part; the rest released)
    Released,    // the reserved amount went back to the customer (void of a hold)
    Canceled,    // canceled before anything was reserved
    Failed,      // declined or failed at the gateway
};

QString holdStatusName(HoldStatus status);
std::optional<HoldStatus> holdStatusFromName(const QString &name);
// Success, Released, Canceled and Failed: nothing moves the hold any more (except refunds of a
// captured hold, which keep it Success).
bool isFinal(HoldStatus status);
// The order statuses are reached in: a report may only move a hold forward.
int statusRank(HoldStatus status);

enum class Operation { Hold, Capture, Void, Refund, Status };

QString operationName(Operation operation);
std::optional<Operation> operationFromName(const QString &name);

// What a gateway call came to.
enum class Outcome {
    Done,      // the gateway answered and did it
    Refused,   // the gateway answered and refused (declined card, amount too high, bad key): final
    Unknown,   // no (usable) answer: timeout, connection lost, 5xx, 409 in flight. Retry with the same key.
};

struct GatewayResult {
    Outcome outcome = Outcome::Unknown;
    HoldStatus status = HoldStatus::None;  // of the hold after the call (when the gateway said)
    QString gatewayRef;                    // the hold's reference at the gateway (pi_…, cash_…)
    QString refundRef;                     // refunds: the gateway's refund reference (re_…)
    QString cardToken;                     // the payment method the gateway holds for it, when known
    QString currency;
    qint64 amountMinor = 0;       // the amount held (authorised)
    qint64 capturableMinor = 0;   // still capturable
    qint64 capturedMinor = 0;     // received
    qint64 refundedMinor = 0;     // refunds: the amount of this refund
    int httpStatus = 0;           // HTTP gateway: the status code (0 without an answer)
    QString errorCode;            // the gateway's code (card_declined, amount_too_large, timeout, …)
    QString error;                // a clear message for the operator, translated; empty when Done
    QString raw;                  // the answer as received (JSON text), for the hold history
    // Refunds: the gateway accepted the refund but has not finished it (Stripe "pending",
    // "requires_action"); its webhook reports the end (RefundReport).
    bool pending = false;

    bool done() const { return outcome == Outcome::Done; }
};

// What the gateway's webhook says about a refund, later than its answer to the call (Stripe
// refund.created / refund.updated / refund.failed / charge.refund.updated): it finished, failed,
// or was canceled — also after it had succeeded (the bank returned the money; seed 001's 撤销).
struct RefundReport {
    enum class State { Pending, Succeeded, Failed, Canceled };
    State state = State::Pending;
    QString refundRef;    // the gateway's refund reference (re_…)
    QString ourRefundNo;  // ours, from the refund's metadata (refund_no), when the gateway kept it
    QString gatewayRef;   // the payment it refunds (pi_…)
    qint64 amountMinor = 0;
    QString currency;
    QString failureReason;  // the gateway's words, e.g. "charge_for_pending_refund_disputed"
    QString raw;            // the event as received
};

}  // namespace cd::payments
