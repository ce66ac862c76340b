#include "core/anomalies/abandonedsessions.h"

#include "core/charging/chargingtypes.h"
#include "core/charging/transactionledger.h"
#include "core/storage/database.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using json = nlohmann::json;

namespace cd::anomalies {

namespace {

// A payment hold still waiting for its capture or release (as the ledger's closes judge it).
bool holdOpen(const storage::Session &s)
{
    return s.holdStatus == u"created" || s.holdStatus == u"processing" || s.holdStatus == u"hold";
}

json optionalJson(const std::optional<qint64> &value)
{
    return value ? json(*value) : json(nullptr);
}

}  // namespace

Expected<QList<qint64>> AbandonedSessions::due(const storage::Database &db, qint64 nowMs, const AnomalyThresholds &t,
                                               int limit)
{
    const qint64 cutoff = nowMs - t.abandonedAfterMs;
    const QStringList open = storage::SessionRepository::openStatuses();
    QStringList marks;
    QVariantList values;
    for (const QString &status : open) {
        marks << u"?"_s;
        values << status;
    }
    values << cutoff << cutoff << cutoff << limit;
    auto q = storage::Sql::run(db.connection(),
                               u"SELECT s.id FROM sessions s WHERE s.stop_source = '' AND s.status IN ("_s + marks.join(u',')
                                   + u") AND s.ocpp_transaction_id IS NOT NULL AND s.ocpp_transaction_id <> '' "
                                     "AND s.created_ms < ? "
                                     "AND NOT EXISTS (SELECT 1 FROM meter_samples m WHERE m.session_id = s.id "
                                     "AND m.received_ms >= ?) "
                                     "AND NOT EXISTS (SELECT 1 FROM session_events e WHERE e.session_id = s.id "
                                     "AND e.at_ms >= ?) "
                                     "ORDER BY s.id LIMIT ?"_s,
                               values);
    if (!q)
        return q.error();
    QList<qint64> ids;
    while (q->next())
        ids.append(q->value(0).toLongLong());
    return ids;
}

Expected<bool> AbandonedSessions::close(const storage::Database &db, qint64 sessionId, qint64 nowMs)
{
    using charging::SessionStatus;
    storage::Transaction tx(db.connection());
    if (Status st = tx.begin(); !st)
        return st.error();
    // Claims the row first: on PostgreSQL a second server closing the same session waits here and
    // then finds it closed; on SQLCipher the transaction is already exclusive.
    auto claimed = storage::Sql::run(db.connection(),
                                     u"UPDATE sessions SET updated_ms = ? WHERE id = ? AND stop_source = ''"_s,
                                     {nowMs, sessionId});
    if (!claimed)
        return claimed.error();
    if (claimed->numRowsAffected() != 1)
        return false;
    storage::SessionRepository sessions(db);
    auto found = sessions.find(sessionId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return false;
    storage::Session s = **found;
    if (!s.stopSource.isEmpty() || !storage::SessionRepository::openStatuses().contains(s.status))
        return false;

    const qint64 endMs = s.lastMeterAtMs.value_or(s.startedMs.value_or(s.createdMs));
    const qint64 energy = charging::TransactionLedger::closeAtLastReading(s, stopSource(), stopReason(), endMs);
    const bool hold = holdOpen(s);
    const SessionStatus next = energy > 0 ? (hold ? SessionStatus::PendingFinalPayment : SessionStatus::Finished)
                                          : (hold ? SessionStatus::FailedHold : SessionStatus::Failed);
    const QString from = s.status;
    s.status = charging::sessionStatusName(next);

    storage::SessionEvent closed;
    closed.sessionId = s.id;
    closed.atMs = nowMs;
    closed.kind = closedEventKind();
    closed.detail = QString::fromStdString(json{{"reason", stopReason().toStdString()},
                                                {"energyWh", energy},
                                                {"lastMeterWh", optionalJson(s.lastMeterWh)},
                                                {"lastMeterAt", optionalJson(s.lastMeterAtMs)}}
                                               .dump());
    if (auto added = sessions.addEvent(closed); !added)
        return added.error();
    if (from != s.status) {
        storage::SessionEvent status;
        status.sessionId = s.id;
        status.atMs = nowMs;
        status.kind = u"status"_s;
        status.detail = QString::fromStdString(json{{"from", from.toStdString()},
                                                    {"to", s.status.toStdString()},
                                                    {"why", tr("abandoned: nothing heard of the session for too long")
                                                                .toStdString()}}
                                                   .dump());
        if (auto added = sessions.addEvent(status); !added)
            return added.error();
    }
    if (Status st = sessions.update(s, nowMs); !st)
        return st.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    return true;
}

Expected<QList<qint64>> AbandonedSessions::closeDue(const storage::Database &db, qint64 nowMs,
                                                    const AnomalyThresholds &thresholds, int limit)
{
    auto ids = due(db, nowMs, thresholds, limit);
    if (!ids)
        return ids;
    QList<qint64> closed;
    for (qint64 id : std::as_const(*ids)) {
        auto done = close(db, id, nowMs);
        if (!done)
            return done.error();
        if (*done)
            closed.append(id);
    }
    return closed;
}

}  // namespace cd::anomalies
