#pragma once
// Abandoned sessions (issue #6 item 4): open sessions with a transaction of which nothing has been
// heard (no meter value received, no event in their timeline) for AnomalyThresholds::
// abandonedAfterMs, e.g. a station that dropped off the network mid-session and lost what it had
// queued (sim "offline-mid-session"). They stay in OLD&OPEN until something closes them; the
// billing pipeline closes them with close()/closeDue() and bills them (codes 1, and 2 when the
// station was offline).
//
// Closing works like the system's other closes (core/charging/transactionledger.cpp, ghosts): the
// energy up to the last register reading the station delivered, nothing invented; the end is that
// reading's time (else the start), so no idle time accrues while nobody knew; stop_source
// "abandoned", stop_reason "Abandoned"; status finished (or pending_final_payment with an open
// hold) when energy flowed, else failed (failed_hold). Timeline: "closed_abandoned" and "status".

#include "core/anomalies/anomalythresholds.h"
#include "core/charging/chargingtypes.h"
#include "core/common/expected.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace cd::storage {
class Database;
}

namespace cd::anomalies {

class AbandonedSessions {
    Q_DECLARE_TR_FUNCTIONS(cd::anomalies::AbandonedSessions)
public:
    static QString stopSource() { return charging::stopsource::Abandoned; }
    static QString stopReason() { return QStringLiteral("Abandoned"); }
    static QString closedEventKind() { return QStringLiteral("closed_abandoned"); }

    // Open sessions with a transaction, created before nowMs − abandonedAfterMs, with no meter
    // sample received and no timeline event since then; oldest first.
    static Expected<QList<qint64>> due(const storage::Database &db, qint64 nowMs, const AnomalyThresholds &thresholds,
                                       int limit = 500);

    // Closes one session as abandoned in its own transaction. false: it was no longer open (the
    // station's stop or another close came first) and nothing changed.
    static Expected<bool> close(const storage::Database &db, qint64 sessionId, qint64 nowMs);

    // due() then close() for each; the ids closed.
    static Expected<QList<qint64>> closeDue(const storage::Database &db, qint64 nowMs,
                                            const AnomalyThresholds &thresholds, int limit = 500);
};

}  // namespace cd::anomalies
