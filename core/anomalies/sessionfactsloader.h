#pragma once
// Reads the facts of one session for the anomaly detectors (sessionfacts.h): the session row and
// its station (vendor, model, firmware), its timeline (when we received the start and the stop,
// who closed it), its energy register samples, the station's connections from the start to the
// close, the other sessions on the same connector that overlap it, and the bill being tagged.
// Runs on the calling thread's connection, so it sees the caller's open transaction.

#include "core/anomalies/sessionfacts.h"
#include "core/common/clock.h"
#include "core/common/expected.h"

#include <QCoreApplication>

#include <optional>

namespace cd::storage {
class Database;
}

namespace cd::anomalies {

class SessionFactsLoader {
    Q_DECLARE_TR_FUNCTIONS(cd::anomalies::SessionFactsLoader)
public:
    // Not owned; must outlive the loader.
    explicit SessionFactsLoader(const storage::Database &db, const Clock &clock = Clock::system());

    // nullopt when there is no such session. With a bill, its charging and service times replace
    // the session's (they are what the bill charged for).
    Expected<std::optional<SessionFacts>> load(qint64 sessionId, std::optional<qint64> billId = std::nullopt) const;

    // The session event kinds that mean the session was closed (station stop, system, operator,
    // abandonment); the first one's time is SessionFacts::closedMs.
    static QStringList closingEventKinds();

private:
    const storage::Database &m_db;
    const Clock &m_clock;
};

}  // namespace cd::anomalies
