#pragma once
// Compares what a station was told (its StationLedger) with what the database holds:
//  - every acknowledged StartTransaction has its session, with that transactionId, meterStart and
//    start time; no transactionId is in two sessions;
//  - every acknowledged MeterValues sample and every acknowledged stop's Transaction.End sample is
//    stored exactly once, under its session;
//  - every acknowledged StopTransaction has its session stopped by the station with its meterStop,
//    stop time and energy, and exactly one "stopped" event;
//  - an open session's register is the last one acknowledged;
//  - every acknowledged CALL is in the message log;
//  - nothing else: no session, stop or sample the station was not acknowledged, except (right after
//    a crash) the effect of the one CALL that was on the wire, which the server may have committed
//    without getting to answer.

#include "stationledger.h"

#include <QStringList>

namespace cd::storage {
class Database;
}

namespace cd::test {

class LedgerCheck {
public:
    enum class Mode {
        AfterCrash,  // the CALL on the wire may or may not be stored
        Settled,     // everything sent was answered: the database holds exactly the ledger
    };

    struct Totals {
        int sessions = 0;
        int stopped = 0;
        int samples = 0;
    };

    // The problems found, each naming the station; empty when the database matches.
    static QStringList run(const storage::Database &db, const StationLedger &ledger, Mode mode, Totals *totals);
};

}  // namespace cd::test
