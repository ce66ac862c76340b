#pragma once
// The detail sentences of a session's anomalies in the current language. A detector writes its
// sentence into bill_anomalies.detail when it fires, in the language of the process that billed
// the session: the headless server, or another operator's console. So that every operator reads
// them in their own language, the detectors run again on the session's facts when a bill is
// shown; a code they no longer find (the session was corrected since) keeps its stored sentence.

#include "core/anomalies/anomalycode.h"
#include "core/anomalies/anomalythresholds.h"
#include "core/common/clock.h"
#include "core/common/expected.h"

#include <QMap>
#include <QString>

namespace cd::storage {
class Database;
}

namespace cd::anomalies {

class AnomalyDetailTexts {
public:
    // Each code (its number) the detectors find now for the session as billed by `billId`, with
    // its sentence.
    // Empty when the session no longer exists.
    static Expected<QMap<int, QString>> current(const storage::Database &db, qint64 sessionId, qint64 billId,
                                                        const AnomalyThresholds &thresholds,
                                                        const Clock &clock = Clock::system());
};

}  // namespace cd::anomalies
