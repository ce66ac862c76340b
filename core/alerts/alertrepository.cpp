#include "core/alerts/alertrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace cd::alerts {

using storage::Sql;
using storage::fetchAll;
using storage::firstOf;
using storage::bindable;
using storage::optionalInt64;
using storage::statusOf;

namespace {

const QString kAlertColumns =
    u"id, kind, dedupe_key, active, state, station_id, charge_point_id, connector_id, session_id, opened_ms, "
    "last_seen_ms, occurrences, cleared_ms, acknowledged_ms, acknowledged_by, assignee, resolved_ms, resolved_by, "
    "details, updated_ms"_s;
const QString kHistoryColumns = u"id, alert_id, at_ms, actor, action, from_state, to_state, note"_s;
const QString kDeliveryColumns = u"id, alert_id, channel, target, status, attempts, next_attempt_ms, claimed_ms, "
                                 "sent_ms, last_error, created_ms"_s;

Alert alertFromRow(const QSqlQuery &q)
{
    Alert a;
    a.id = q.value(0).toLongLong();
    a.kind = AlertText::kindFromName(q.value(1).toString()).value_or(AlertKind::StationOffline);
    a.dedupeKey = q.value(2).toString();
    a.active = q.value(3).toInt() != 0;
    a.state = AlertText::stateFromName(q.value(4).toString()).value_or(AlertState::Open);
    a.stationId = optionalInt64(q, 5);
    a.chargePointId = q.value(6).toString();
    if (!q.isNull(7))
        a.connectorId = q.value(7).toInt();
    a.sessionId = optionalInt64(q, 8);
    a.openedMs = q.value(9).toLongLong();
    a.lastSeenMs = q.value(10).toLongLong();
    a.occurrences = q.value(11).toInt();
    a.clearedMs = optionalInt64(q, 12);
    a.acknowledgedMs = optionalInt64(q, 13);
    a.acknowledgedBy = q.value(14).toString();
    a.assignee = q.value(15).toString();
    a.resolvedMs = optionalInt64(q, 16);
    a.resolvedBy = q.value(17).toString();
    a.details = q.value(18).toString();
    a.updatedMs = q.value(19).toLongLong();
    return a;
}

AlertHistoryEntry historyFromRow(const QSqlQuery &q)
{
    AlertHistoryEntry h;
    h.id = q.value(0).toLongLong();
    h.alertId = q.value(1).toLongLong();
    h.atMs = q.value(2).toLongLong();
    h.actor = q.value(3).toString();
    h.action = q.value(4).toString();
    h.fromState = q.value(5).toString();
    h.toState = q.value(6).toString();
    h.note = q.value(7).toString();
    return h;
}

AlertDelivery deliveryFromRow(const QSqlQuery &q)
{
    AlertDelivery d;
    d.id = q.value(0).toLongLong();
    d.alertId = q.value(1).toLongLong();
    d.channel = q.value(2).toString();
    d.target = q.value(3).toString();
    d.status = AlertDelivery::statusFromName(q.value(4).toString());
    d.attempts = q.value(5).toInt();
    d.nextAttemptMs = q.value(6).toLongLong();
    d.claimedMs = optionalInt64(q, 7);
    d.sentMs = optionalInt64(q, 8);
    d.lastError = q.value(9).toString();
    d.createdMs = q.value(10).toLongLong();
    return d;
}

}  // namespace

AlertRepository::AlertRepository(const storage::Database &db) : m_db(db) {}

Expected<std::optional<Alert>> AlertRepository::findActive(const QString &key) const
{
    return firstOf(fetchAll(m_db.connection(),
                       u"SELECT "_s + kAlertColumns + u" FROM alerts WHERE dedupe_key = ? AND active = 1"_s, {key},
                       alertFromRow));
}

Expected<std::optional<Alert>> AlertRepository::find(qint64 id) const
{
    return firstOf(fetchAll(m_db.connection(), u"SELECT "_s + kAlertColumns + u" FROM alerts WHERE id = ?"_s, {id},
                       alertFromRow));
}

Expected<QList<Alert>> AlertRepository::activeOfKind(AlertKind kind) const
{
    return fetchAll(m_db.connection(),
                 u"SELECT "_s + kAlertColumns + u" FROM alerts WHERE kind = ? AND active = 1 ORDER BY id"_s,
                 {AlertText::kindName(kind)}, alertFromRow);
}

Expected<QList<Alert>> AlertRepository::list(const AlertFilter &filter) const
{
    QString sql = u"SELECT "_s + kAlertColumns + u" FROM alerts WHERE 1 = 1"_s;
    QVariantList values;
    switch (filter.show) {
    case AlertFilter::Show::Active:
        sql += u" AND state IN ('open', 'acknowledged')"_s;
        break;
    case AlertFilter::Show::Open:
        sql += u" AND state = 'open'"_s;
        break;
    case AlertFilter::Show::Acknowledged:
        sql += u" AND state = 'acknowledged'"_s;
        break;
    case AlertFilter::Show::Resolved:
        sql += u" AND state = 'resolved'"_s;
        break;
    case AlertFilter::Show::All:
        break;
    }
    if (filter.beforeId) {
        sql += u" AND id < ?"_s;
        values << *filter.beforeId;
    }
    sql += u" ORDER BY id DESC LIMIT ?"_s;
    values << qMax(1, filter.limit);
    return fetchAll(m_db.connection(), sql, values, alertFromRow);
}

Expected<int> AlertRepository::countUnresolved() const
{
    auto q = Sql::run(m_db.connection(), u"SELECT COUNT(*) FROM alerts WHERE state IN ('open', 'acknowledged')"_s);
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toInt() : 0;
}

Expected<qint64> AlertRepository::insert(const Alert &a)
{
    auto q = Sql::run(m_db.connection(),
                      u"INSERT INTO alerts (kind, dedupe_key, active, state, station_id, charge_point_id, connector_id, "
                      "session_id, opened_ms, last_seen_ms, occurrences, cleared_ms, acknowledged_ms, acknowledged_by, "
                      "assignee, resolved_ms, resolved_by, details, updated_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"_s
                          + m_db.dialect().returningIdClause(),
                      {AlertText::kindName(a.kind), a.dedupeKey, a.active ? 1 : 0, AlertText::stateName(a.state),
                       bindable(a.stationId), a.chargePointId, bindable(a.connectorId), bindable(a.sessionId),
                       a.openedMs, a.lastSeenMs, a.occurrences, bindable(a.clearedMs), bindable(a.acknowledgedMs),
                       a.acknowledgedBy, a.assignee, bindable(a.resolvedMs), a.resolvedBy, a.details, a.updatedMs});
    if (!q)
        return q.error();
    return m_db.dialect().insertedId(*q);
}

Status AlertRepository::update(const Alert &a)
{
    return statusOf(Sql::run(m_db.connection(),
                         u"UPDATE alerts SET active = ?, state = ?, last_seen_ms = ?, occurrences = ?, cleared_ms = ?, "
                         "acknowledged_ms = ?, acknowledged_by = ?, assignee = ?, resolved_ms = ?, resolved_by = ?, "
                         "details = ?, updated_ms = ? WHERE id = ?"_s,
                         {a.active ? 1 : 0, AlertText::stateName(a.state), a.lastSeenMs, a.occurrences,
                          bindable(a.clearedMs), bindable(a.acknowledgedMs), a.acknowledgedBy, a.assignee,
                          bindable(a.resolvedMs), a.resolvedBy, a.details, a.updatedMs, a.id}));
}

Expected<qint64> AlertRepository::appendHistory(const AlertHistoryEntry &h)
{
    auto q = Sql::run(m_db.connection(),
                      u"INSERT INTO alert_history (alert_id, at_ms, actor, action, from_state, to_state, note) "
                      "VALUES (?,?,?,?,?,?,?)"_s
                          + m_db.dialect().returningIdClause(),
                      {h.alertId, h.atMs, h.actor, h.action, h.fromState, h.toState, h.note});
    if (!q)
        return q.error();
    return m_db.dialect().insertedId(*q);
}

Expected<QList<AlertHistoryEntry>> AlertRepository::history(qint64 alertId) const
{
    return fetchAll(m_db.connection(),
                 u"SELECT "_s + kHistoryColumns + u" FROM alert_history WHERE alert_id = ? ORDER BY at_ms, id"_s,
                 {alertId}, historyFromRow);
}

Expected<qint64> AlertRepository::insertDelivery(const AlertDelivery &d)
{
    auto existing = Sql::run(m_db.connection(),
                             u"SELECT COUNT(*) FROM alert_deliveries WHERE alert_id = ? AND channel = ?"_s,
                             {d.alertId, d.channel});
    if (!existing)
        return existing.error();
    if (existing->next() && existing->value(0).toInt() > 0)
        return qint64(0);
    auto q = Sql::run(m_db.connection(),
                      u"INSERT INTO alert_deliveries (alert_id, channel, target, status, attempts, next_attempt_ms, "
                      "claimed_ms, sent_ms, last_error, created_ms) VALUES (?,?,?,?,?,?,?,?,?,?)"_s
                          + m_db.dialect().returningIdClause(),
                      {d.alertId, d.channel, d.target, AlertDelivery::statusName(d.status), d.attempts, d.nextAttemptMs,
                       bindable(d.claimedMs), bindable(d.sentMs), d.lastError, d.createdMs});
    if (!q)
        return q.error();
    return m_db.dialect().insertedId(*q);
}

Expected<QList<AlertDelivery>> AlertRepository::dueDeliveries(qint64 nowMs, qint64 staleClaimMs, int limit) const
{
    return fetchAll(m_db.connection(),
                 u"SELECT "_s + kDeliveryColumns
                     + u" FROM alert_deliveries WHERE (status = 'pending' AND next_attempt_ms <= ?) "
                       "OR (status = 'sending' AND claimed_ms < ?) ORDER BY next_attempt_ms, id LIMIT ?"_s,
                 {nowMs, staleClaimMs, limit}, deliveryFromRow);
}

Expected<bool> AlertRepository::claimDelivery(qint64 id, qint64 nowMs, qint64 staleClaimMs)
{
    auto q = Sql::run(m_db.connection(),
                      u"UPDATE alert_deliveries SET status = 'sending', claimed_ms = ?, attempts = attempts + 1 "
                      "WHERE id = ? AND ((status = 'pending' AND next_attempt_ms <= ?) "
                      "OR (status = 'sending' AND claimed_ms < ?))"_s,
                      {nowMs, id, nowMs, staleClaimMs});
    if (!q)
        return q.error();
    return q->numRowsAffected() == 1;
}

Status AlertRepository::updateDelivery(const AlertDelivery &d)
{
    return statusOf(Sql::run(m_db.connection(),
                         u"UPDATE alert_deliveries SET status = ?, attempts = ?, next_attempt_ms = ?, claimed_ms = ?, "
                         "sent_ms = ?, last_error = ? WHERE id = ?"_s,
                         {AlertDelivery::statusName(d.status), d.attempts, d.nextAttemptMs, bindable(d.claimedMs),
                          bindable(d.sentMs), d.lastError, d.id}));
}

Expected<std::optional<AlertDelivery>> AlertRepository::findDelivery(qint64 id) const
{
    return firstOf(fetchAll(m_db.connection(), u"SELECT "_s + kDeliveryColumns + u" FROM alert_deliveries WHERE id = ?"_s, {id},
                       deliveryFromRow));
}

Expected<QList<AlertDelivery>> AlertRepository::deliveriesOf(qint64 alertId) const
{
    return fetchAll(m_db.connection(),
                 u"SELECT "_s + kDeliveryColumns + u" FROM alert_deliveries WHERE alert_id = ? ORDER BY id"_s,
                 {alertId}, deliveryFromRow);
}

Expected<std::optional<qint64>> AlertRepository::watermark(const QString &source) const
{
    auto q = Sql::run(m_db.connection(), u"SELECT position FROM alert_watermarks WHERE source = ?"_s, {source});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<qint64>();
    return std::optional<qint64>(q->value(0).toLongLong());
}

Status AlertRepository::setWatermark(const QString &source, qint64 position, qint64 nowMs)
{
    auto updated = Sql::run(m_db.connection(),
                            u"UPDATE alert_watermarks SET position = ?, updated_ms = ? WHERE source = ?"_s,
                            {position, nowMs, source});
    if (!updated)
        return updated.error();
    if (updated->numRowsAffected() > 0)
        return {};
    return statusOf(Sql::run(m_db.connection(),
                         u"INSERT INTO alert_watermarks (source, position, updated_ms) VALUES (?, ?, ?)"_s,
                         {source, position, nowMs}));
}

}  // namespace cd::alerts
