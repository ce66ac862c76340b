#pragma once
// Payment holds in the life of a session, as the station reports it (DOMAIN "Sessions", seed 000):
//   - a session the station started and we authorised (Accepted) gets a hold of the configured
//     amount (PaymentSettings::holdAmountMinor; 0 = no holds, sessions run as without payments);
//   - at the station's stop (or a close by the system) the session is priced (SessionPricing) and
//     that amount captured, the rest of the hold released; 0 Wh releases the whole hold; the
//     session then goes from pending_final_payment to finished (captured) or canceled (released);
//   - but first the settlement policy is asked (billing::captureGateForSession, settlement.h):
//     under hold_until_corrected the capture waits for the session's bill (issued by
//     billing::SessionBilling, which hears of the session after this object; its billIssued is
//     connected to process() by ServerRuntime, the sweep covers a missed one), and a bill that is
//     held keeps its hold authorised — recorded once (session event "payment_held", audit
//     "session.capture_held") — until the bill's correction captures it; a corrected bill's card
//     money is the correction's. The session stays pending_final_payment meanwhile;
//   - on running sessions, at most once per guardInterval each: the running total (amount_minor)
//     follows the energy, AutoStop (balance at its threshold → RemoteStop / RequestStopTransaction;
//     only for sessions paid from a member's or department's balance, i.e. without a card hold)
//     and StopNotHonoured (accepted stop, energy still rising) run.
//
// It hears of sessions through charging::SessionObserver, on the commit thread AFTER the station
// was answered, and only posts: the work runs on this object's thread, coalesced (a burst of meter
// values of one session is processed once, and a 1.6 MeterValues costs no query at all unless the
// session's guards are due). Every money call goes through HoldService (journal
// first, then the gateway: a crash loses nothing, resumePending sends it again with its key).
//
// The gateway may come late (the console's keychain answers asynchronously): until setHoldService()
// the guards run, money waits. Sessions noticed meanwhile are processed when it comes; sweep()
// (at start and every sweepInterval) settles sessions closed with a hold still open, which also
// covers closes that no station message announced (reboot, superseded, reconciled). On SQLCipher
// (one server per file) the first sweep also holds running sessions that have none; on PostgreSQL
// holds are placed only by the process that holds the station's link.

#include "core/billing/settlement.h"
#include "core/charging/sessionobserver.h"
#include "core/common/clock.h"
#include "core/common/expected.h"
#include "core/payments/holdservice.h"
#include "core/payments/paymentruntimeoptions.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QSet>

class QTimer;

namespace cd::storage {
class Database;
struct Session;
}
namespace cd::sessions {
class SessionPricing;
}

namespace cd::payments {

class SessionPayments : public QObject, public charging::SessionObserver {
    Q_OBJECT
public:
    // `db`, `pricing` (may be null: nothing is priced, holds wait for the operator) and `clock` are
    // not owned and must outlive this object.
    SessionPayments(const storage::Database &db, SessionPaymentOptions options, const sessions::SessionPricing *pricing,
                    const Clock &clock = Clock::system(), QObject *parent = nullptr);
    ~SessionPayments() override;

    const SessionPaymentOptions &options() const { return m_options; }
    // The settlement mode for sessions without a sub-operator (default: billing::defaultSettlementMode()).
    void setDefaultSettlementMode(billing::SettlementMode mode) { m_defaultMode = mode; }
    // The hold service, once its gateway can be used (not owned; nullptr: not (yet)). Sessions that
    // waited for it are processed, then sweep() runs.
    void setHoldService(HoldService *holds);
    HoldService *holdService() const { return m_holds; }
    // Starts the periodic sweep (and runs the first one when the hold service is there).
    void start();

    // Any thread; returns at once.
    void sessionCommitted(const charging::SessionNotice &notice) override;

    // This object's thread. Does what is due for the session now (the guards only when guard and
    // their interval has passed).
    Status process(qint64 sessionId, bool guard = true);
    // Settles the sessions closed with a hold still open; on the first run on SQLCipher, holds the
    // running sessions without one. How many sessions were looked at.
    Expected<int> sweep();

Q_SIGNALS:
    // A session was processed (after its writes were committed); for tests and the console.
    void processed(qint64 sessionId);
    // Processing a session failed (database); logged too.
    void failed(qint64 sessionId, const QString &error);

private:
    void flush();
    void onHoldChanged(qint64 holdId);
    Status placeHold(const storage::Session &session);
    Status settle(const storage::Session &session, const PaymentHold &hold);
    Status finishSession(const storage::Session &session, const PaymentHold &hold);
    // The hold stays authorised because its bill is held: the event and audit row, once.
    Status recordHeld(const storage::Session &session, const PaymentHold &hold, const billing::CaptureGate &gate);
    Status runGuards(const storage::Session &session);
    // The running total / the final price: amount_minor (and tariff) of the session, with a
    // "payment_priced" event when `final`.
    Status storeAmount(const storage::Session &session, qint64 amountMinor, const QString &currency, qint64 tariffId,
                       bool final);
    Status addEventOnce(qint64 sessionId, const QString &kind, const QString &detail);

    const storage::Database &m_db;
    SessionPaymentOptions m_options;
    const sessions::SessionPricing *m_pricing;
    const Clock &m_clock;
    HoldService *m_holds = nullptr;
    billing::SettlementMode m_defaultMode;
    QTimer *m_sweepTimer = nullptr;
    bool m_sweptOnce = false;

    QMutex m_mutex;            // guards m_dirty and m_flushPosted (commit thread → this thread)
    // Sessions noticed and not processed yet → whether every notice was a MeterValues (then the
    // session is not even read unless its guards are due).
    QHash<qint64, bool> m_dirty;
    bool m_flushPosted = false;

    QSet<qint64> m_waiting;               // sessions that need the hold service, noticed before it came
    QHash<qint64, qint64> m_lastGuardMs;  // running sessions: when their guards last ran
};

}  // namespace cd::payments
