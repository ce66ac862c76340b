#pragma once
// Negative-balance protection (DOMAIN: members and departments have an auto-stop threshold; the
// stop decision rests on meter reports, so an offline station can still drive a balance below
// zero, zpd_case#12):
// - decideAutoStop: stop when what the account has left after the running amounts of ALL its
//   running sessions (the pool: a department card starts several vehicles at once, each spending
//   the same balance) is at or below its threshold — N vehicles stop when the pool runs out, not
//   when each alone would have;
// - AutoStop: applies it to a running session and queues RemoteStopTransaction (1.6) or
//   RequestStopTransaction (2.0.1) through the command queue, once, with a session event;
// - StopNotHonoured: a station that accepted the stop and keeps delivering energy (igo_case#83)
//   gets a "stop_not_honoured" session event, once.

#include "core/common/clock.h"
#include "core/common/expected.h"

#include <QCoreApplication>

#include <optional>

namespace cd::storage {
class Database;
}

namespace cd::payments {

struct BalanceSnapshot {
    qint64 balanceMinor = 0;        // the member's or department's balance before the session
    qint64 thresholdMinor = 0;      // auto_stop_threshold_minor
    qint64 sessionAmountMinor = 0;  // what the running session costs so far
    qint64 otherSessionsMinor = 0;  // what the account's other running sessions cost so far (the pool)
};

enum class BalanceDecision { Continue, Stop };

// Stop when balance − session amount − other sessions' amounts ≤ threshold.
BalanceDecision decideAutoStop(const BalanceSnapshot &snapshot);
qint64 remainingMinor(const BalanceSnapshot &snapshot);

class AutoStop {
    Q_DECLARE_TR_FUNCTIONS(cd::payments::AutoStop)
public:
    explicit AutoStop(const storage::Database &db, const Clock &clock = Clock::system());

    // Checks a running session against its department's balance (a department card; the parent's
    // while the department bills to its parent) or else its member's, less the running amounts of
    // every session paid from that same balance. Queues the stop when it is due and was not queued
    // before: the command's id; nullopt when nothing was sent.
    Expected<std::optional<qint64>> check(qint64 sessionId);

    // What the running balance-paid sessions (no card hold) spending the same balance cost so far,
    // without `exceptSessionId`: for a department, the sessions of every department whose sessions
    // it pays (itself, and down the tree through children that bill to their parent); for a member
    // (`department` false), the member's sessions without a department card.
    Expected<qint64> poolAmountMinor(bool department, qint64 accountId, qint64 exceptSessionId) const;

private:
    const storage::Database &m_db;
    const Clock &m_clock;
};

class StopNotHonoured {
    Q_DECLARE_TR_FUNCTIONS(cd::payments::StopNotHonoured)
public:
    explicit StopNotHonoured(const storage::Database &db, const Clock &clock = Clock::system());

    // True when the station accepted a stop of this session and, more than graceMs later, its energy
    // register still rose by more than toleranceWh. Records the session event the first time.
    Expected<bool> check(qint64 sessionId, qint64 graceMs = 60'000, qint64 toleranceWh = 10);

private:
    const storage::Database &m_db;
    const Clock &m_clock;
};

}  // namespace cd::payments
