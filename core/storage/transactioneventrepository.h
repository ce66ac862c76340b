#pragma once
// Transaction messages as a station numbered them (transaction_events): one row per
// (station, transaction id, seqNo). A second message with the same number is a replay; the
// numbers present show the gaps. OCPP 2.0.1 TransactionEvent is the producer.

#include "core/common/expected.h"

#include <QList>
#include <QString>

#include <optional>

namespace cd::storage {

class Database;

struct TransactionEventRecord {
    qint64 id = 0;
    qint64 stationId = 0;
    QString transactionId;
    qint64 seqNo = 0;
    std::optional<qint64> sessionId;
    QString eventType;        // Started, Updated, Ended
    QString triggerReason;
    bool offline = false;
    qint64 stationAtMs = 0;
    qint64 receivedMs = 0;
    QString authStatus;       // the authorization answered ("" when none was asked)
};

class TransactionEventRepository {
public:
    explicit TransactionEventRepository(const Database &db);

    Expected<std::optional<TransactionEventRecord>> find(qint64 stationId, const QString &transactionId, qint64 seqNo) const;
    Expected<qint64> append(const TransactionEventRecord &record);
    // The seqNos received for the transaction, ascending.
    Expected<QList<qint64>> seqNos(qint64 stationId, const QString &transactionId) const;
    // Links the transaction's rows without a session to it (the session began after them).
    Status attachSession(qint64 stationId, const QString &transactionId, qint64 sessionId);

private:
    const Database &m_db;
};

}  // namespace cd::storage
