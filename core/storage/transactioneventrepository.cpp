#include "core/storage/transactioneventrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>
#include <QVariant>

namespace cd::storage {

TransactionEventRepository::TransactionEventRepository(const Database &db) : m_db(db) {}

Expected<std::optional<TransactionEventRecord>> TransactionEventRepository::find(qint64 stationId,
                                                                                const QString &transactionId,
                                                                                qint64 seqNo) const
{
    auto q = Sql::run(m_db.connection(),
                      QStringLiteral("SELECT id, session_id, event_type, trigger_reason, offline, station_at_ms, received_ms, "
                                     "auth_status FROM transaction_events WHERE station_id = ? AND transaction_id = ? "
                                     "AND seq_no = ?"),
                      {stationId, transactionId, seqNo});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<TransactionEventRecord>();
    TransactionEventRecord r;
    r.id = q->value(0).toLongLong();
    r.stationId = stationId;
    r.transactionId = transactionId;
    r.seqNo = seqNo;
    if (!q->isNull(1))
        r.sessionId = q->value(1).toLongLong();
    r.eventType = q->value(2).toString();
    r.triggerReason = q->value(3).toString();
    r.offline = q->value(4).toInt() != 0;
    r.stationAtMs = q->value(5).toLongLong();
    r.receivedMs = q->value(6).toLongLong();
    r.authStatus = q->value(7).toString();
    return std::optional<TransactionEventRecord>(r);
}

Expected<qint64> TransactionEventRepository::append(const TransactionEventRecord &r)
{
    auto q = Sql::run(m_db.connection(),
                      QStringLiteral("INSERT INTO transaction_events (station_id, transaction_id, seq_no, session_id, "
                                     "event_type, trigger_reason, offline, station_at_ms, received_ms, auth_status) "
                                     "VALUES (?,?,?,?,?,?,?,?,?,?)")
                          + m_db.dialect().returningIdClause(),
                      {r.stationId, r.transactionId, r.seqNo, r.sessionId ? QVariant(*r.sessionId) : QVariant(),
                       r.eventType, r.triggerReason, r.offline ? 1 : 0, r.stationAtMs, r.receivedMs, r.authStatus});
    if (!q)
        return q.error();
    return m_db.dialect().insertedId(*q);
}

Expected<QList<qint64>> TransactionEventRepository::seqNos(qint64 stationId, const QString &transactionId) const
{
    auto q = Sql::run(m_db.connection(),
                      QStringLiteral("SELECT seq_no FROM transaction_events WHERE station_id = ? AND transaction_id = ? "
                                     "ORDER BY seq_no"),
                      {stationId, transactionId});
    if (!q)
        return q.error();
    QList<qint64> out;
    while (q->next())
        out.append(q->value(0).toLongLong());
    return out;
}

Status TransactionEventRepository::attachSession(qint64 stationId, const QString &transactionId, qint64 sessionId)
{
    auto q = Sql::run(m_db.connection(),
                      QStringLiteral("UPDATE transaction_events SET session_id = ? WHERE station_id = ? AND "
                                     "transaction_id = ? AND session_id IS NULL"),
                      {sessionId, stationId, transactionId});
    if (!q)
        return q.error();
    return {};
}

}  // namespace cd::storage
