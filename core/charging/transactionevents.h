#pragma once
// Transactions the station names and numbers (OCPP 2.0.1 TransactionEvent), on top of the
// TransactionLedger: Started / Updated / Ended become start, id-token authorization, meter
// readings and stop. Each (transaction, seqNo) is processed once: a replay gets the answer it got
// before and counts nothing; a jump in seqNo is a "seq_gap" session event, an Ended with numbers
// still missing "seq_incomplete"; a message the station queued offline is an "offline_event".
// An Updated or Ended for a transaction whose Started never came starts it (the earliest energy
// register becomes the meter start). Runs inside the caller's transaction.

#include "core/charging/chargingevents.h"
#include "core/common/clock.h"
#include "core/common/expected.h"

namespace cd::storage {
class Database;
struct Session;
}

namespace cd::charging {

class TagAuthorizer;
class TransactionLedger;

class TransactionEvents {
public:
    TransactionEvents(const storage::Database &db, const Clock &clock, const TagAuthorizer &authorizer,
                      TransactionLedger &ledger);

    Expected<TransactionEventResult> record(const StationRef &station, const TransactionEventReport &report);

private:
    Expected<TransactionEventResult> replay(const StationRef &station, const TransactionEventReport &report,
                                            std::optional<qint64> sessionId, const QString &authStatus);
    Expected<std::optional<storage::Session>> session(const StationRef &station, const QString &transactionId) const;
    Expected<IdTagInfo> authorizeToken(storage::Session &session, const QString &idToken);
    Status noteSequence(qint64 sessionId, const TransactionEventReport &report, const QList<qint64> &before);

    const storage::Database &m_db;
    const Clock &m_clock;
    const TagAuthorizer &m_authorizer;
    TransactionLedger &m_ledger;
};

}  // namespace cd::charging
