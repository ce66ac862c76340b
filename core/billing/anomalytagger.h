#pragma once
// The seam between issuing a bill and anomaly detection (issue #6 item 4): BillingService calls the
// tagger (core/anomalies implements it) for every bill it issues.

#include "core/common/expected.h"

#include <QList>

namespace cd::billing {

class AnomalyTagger {
public:
    virtual ~AnomalyTagger() = default;
    // Called by BillingService::issueBill on its thread, INSIDE its open write transaction on the same
    // connection (storage::Database::connection() of that thread), after the bill row is written:
    // checks the session, stores its bill_anomalies rows for `billId` and returns the codes it stored
    // (empty: a clean bill). Must not begin or commit a transaction. An error rolls the whole issue
    // back (no bill, no money moved).
    virtual Expected<QList<int>> tag(qint64 sessionId, qint64 billId) = 0;
};

}  // namespace cd::billing
