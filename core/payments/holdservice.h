#pragma once
// Payment holds as the rest of ChargeDesk uses them: place a hold for a session, capture part of
// it (the rest is released), release it, refund captured money, refresh it from the gateway, and
// take the gateway's status reports.
//
// Every call that moves money is first written to the journal (payment_calls) with a fresh
// idempotency key, in the same transaction as its audit record; only then is the gateway called.
// The answer is recorded when it comes (payment_calls, payment_holds, sessions, the hold history,
// the audit log, one transaction). A call whose answer never came (crash, timeout, 5xx) stays
// pending and is sent again with the SAME key (retry, resumePending), so the gateway does it once.
//
// Status reports (webhook-like: "hold 1444 is now 'hold'") for a hold whose row or card token does
// not exist yet are kept (payment_hold_events.applied = 0) and applied, in the order they came,
// when the token arrives (seed 000: "HOLD STATUS UPDATE: 'hold' - IGNORED, NO TOKEN YET").
//
// The service is asynchronous and never waits: its database writes are short and local, gateway
// answers arrive through the event loop. It lives on the thread that runs the core services.

#include "core/common/clock.h"
#include "core/common/expected.h"
#include "core/payments/holdrepository.h"
#include "core/payments/paymentgateway.h"

#include <QObject>
#include <QSet>

namespace cd::storage {
class Database;
}

namespace cd::payments {

// Who asks and why (audit log, journal).
struct Actor {
    QString name;
    QString reason;
};

struct PlaceHold {
    std::optional<qint64> sessionId;
    HoldRequest request;
};

// A call written to the journal: the hold it is about and its row in payment_calls.
struct HoldTicket {
    qint64 holdId = 0;
    qint64 callId = 0;
};

struct HoldReport {
    QString gatewayRef;
    HoldStatus status = HoldStatus::None;
    QString cardToken;                 // when the report brings the card token
    std::optional<qint64> amountMinor; // the amount the report speaks of (held, or captured for success)
    QString raw;                       // the report as received
};

enum class ReportResult {
    Applied,  // the hold moved
    Waiting,  // kept for later: no hold with this reference yet, no card token yet, or an earlier report waits
    Stale,    // kept, not applied: the hold was already at or past that status
};

class HoldService : public QObject {
    Q_OBJECT
public:
    // Not owned; all must outlive the service.
    HoldService(const storage::Database &db, PaymentGateway &gateway, const Clock &clock = Clock::system(),
                QObject *parent = nullptr);

    PaymentGateway &gateway() const { return m_gateway; }

    // Money calls. Each returns once the call is in the journal (and on its way); the outcome comes
    // with callFinished. A refusal here (amount above the hold, a call already running, …) writes
    // nothing and calls no one.
    Expected<HoldTicket> placeHold(const PlaceHold &hold, const Actor &actor);
    Expected<HoldTicket> capture(qint64 holdId, qint64 amountMinor, const Actor &actor);
    Expected<HoldTicket> release(qint64 holdId, const Actor &actor);
    Expected<HoldTicket> refund(qint64 holdId, qint64 amountMinor, const Actor &actor);

    // Sends a pending call again with its key.
    Status retry(qint64 callId);
    // Sends every pending call of this gateway again (each with its own key), except those already
    // on their way from this service. How many were sent.
    Expected<int> resumePending();

    // Asks the gateway for the hold's status and applies the answer like a report.
    Status refresh(qint64 holdId);
    // A status report from the gateway (webhook-like).
    Expected<ReportResult> report(const HoldReport &report);
    // The card token is known now: the reports waiting for it are applied, in order. How many.
    Expected<int> attachCardToken(qint64 holdId, const QString &cardToken);

    Expected<PaymentHold> hold(qint64 holdId) const;
    Expected<PaymentCall> call(qint64 callId) const;

    // Calls this service sent and still waits for.
    bool isInFlight(qint64 callId) const { return m_inFlight.contains(callId); }

Q_SIGNALS:
    // A journal entry got an answer: done, refused (final) or unknown (still pending).
    void callFinished(qint64 callId, qint64 holdId, const cd::payments::GatewayResult &result);
    // A refresh got no usable answer.
    void refreshFailed(qint64 holdId, const QString &error);
    // Anything about the hold changed (status, amounts, token, error).
    void holdChanged(qint64 holdId);

private:
    Expected<PaymentHold> loadHold(qint64 holdId) const;
    Status checkGateway(const PaymentHold &hold) const;
    Status checkNoCallRunning(qint64 holdId) const;
    Expected<HoldTicket> journal(PaymentCall call, const std::optional<PaymentHold> &newHold, const Actor &actor);
    void send(const PaymentCall &call);
    void answered(qint64 callId, const GatewayResult &result);
    Status applyAnswer(const PaymentCall &call, const GatewayResult &result, PaymentHold &hold);
    // Applies the waiting reports of the hold's reference in order; stops at one that needs the
    // card token while there is none. Reports the outcome of event `watchEventId` (0: none).
    Expected<std::optional<ReportResult>> applyWaiting(PaymentHold &hold, qint64 watchEventId, int *applied = nullptr);
    // Writes the hold, mirrors it into its session (hold columns, timeline) and audits the change.
    Status saveHold(const PaymentHold &before, PaymentHold after, const QString &action, const Actor &actor);
    QString newKey(Operation operation) const;

    const storage::Database &m_db;
    PaymentGateway &m_gateway;
    const Clock &m_clock;
    QSet<qint64> m_inFlight;
};

// The session's payment_status for a hold: authorised, paid, partially_refunded, refunded, released,
// canceled, failed, or none.
QString paymentStatusOf(const PaymentHold &hold);

}  // namespace cd::payments
