#pragma once
// The "Suspicious" list of the Operations screen: which sessions support should look at, and why.
//
// A session is suspicious when any of these holds (DOMAIN.md "Sessions" and "Monitoring"):
//  - its timeline has an anomaly event: charging started although the card was not authorised
//    (start_not_authorized), transaction messages went missing (seq_gap, seq_incomplete), the
//    first message of a transaction was not its start (started_without_started), the station's
//    Stop came after the system had closed the session (stop_after_close), the meter at stop was
//    below the meter at start (negative_energy), the stop time lies before the start time
//    (clock_skew), or meter values arrived after the stop (meter_after_stop);
//  - the system closed it, not the station's Stop: after a reboot, superseded by a new
//    transaction on the connector, reconciled after the station said it no longer runs it, or
//    abandoned (nothing heard of it for too long, core/anomalies/abandonedsessions.h);
//  - it ended with 0 Wh although it lasted at least noEnergyMinMs (default 15 min): a car that
//    occupied the connector without charging, or a meter that never reported.
// Repeated messages (start_retry, stop_duplicate, event_replay) are normal retries, not anomalies.

#include "core/common/expected.h"
#include "core/storage/sessionrepository.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace cd::storage {
class Database;
}

namespace cd::charging {

enum class Suspicion {
    StartNotAuthorized,
    MessagesMissing,
    StartedMidway,
    StopAfterClose,
    NegativeEnergy,
    ClockSkew,
    MeterAfterStop,
    ClosedBySystem,
    NoEnergy,
};

struct SuspiciousSession {
    storage::Session session;
    QList<Suspicion> reasons;  // in the order of the enum, never empty
};

class SuspiciousSessions {
    Q_DECLARE_TR_FUNCTIONS(cd::charging::SuspiciousSessions)
public:
    static constexpr qint64 kDefaultNoEnergyMs = 15 * 60 * 1000;

    explicit SuspiciousSessions(const storage::Database &db, qint64 noEnergyMinMs = kDefaultNoEnergyMs);

    // Newest first.
    Expected<QList<SuspiciousSession>> list(int limit = 100, int offset = 0) const;

    // The criteria of the rule above, for the repository.
    storage::SuspicionCriteria criteria() const;
    // Why one session is suspicious, given the event kinds in its timeline; empty: it is not.
    QList<Suspicion> reasons(const storage::Session &session, const QStringList &eventKinds) const;
    // The session event kinds that make a session suspicious.
    static QStringList anomalyEventKinds();

    // Plain words for support operators.
    static QString describe(Suspicion suspicion);

private:
    const storage::Database &m_db;
    qint64 m_noEnergyMinMs;
};

}  // namespace cd::charging
