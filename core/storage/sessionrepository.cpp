#include "core/storage/sessionrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QDateTime>
#include <QSet>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace cd::storage {

namespace {

const QString kSelect = QStringLiteral(
    "SELECT s.id, s.session_number, s.station_id, st.charge_point_id, s.connector_row_id, s.evse_id, s.connector_id, "
    "s.ocpp_transaction_id, s.id_tag, s.member_id, s.department_id, s.status, s.hold_status, s.payment_status, "
    "s.currency, s.amount_minor, s.meter_start_wh, s.meter_stop_wh, s.energy_wh, s.stop_reason, s.stop_source, "
    "s.stop_id_tag, s.start_key, s.start_auth_status, s.last_meter_wh, s.last_meter_at_ms, s.created_ms, s.started_ms, "
    "s.charging_started_ms, s.charging_ended_ms, s.ended_ms, s.updated_ms, m.name, m.phone "
    "FROM sessions s JOIN stations st ON st.id = s.station_id LEFT JOIN members m ON m.id = s.member_id ");

QVariant opt(const std::optional<qint64> &value)
{
    return value ? QVariant::fromValue(*value) : QVariant();
}

QVariant opt(const std::optional<int> &value)
{
    return value ? QVariant::fromValue(*value) : QVariant();
}

QVariant textOrNull(const QString &value)
{
    return value.isEmpty() ? QVariant() : QVariant(value);
}

template <typename T>
std::optional<T> optValue(const QSqlQuery &q, int column)
{
    if (q.isNull(column))
        return std::nullopt;
    if constexpr (std::is_same_v<T, int>)
        return q.value(column).toInt();
    else
        return q.value(column).toLongLong();
}

Session fromRow(const QSqlQuery &q)
{
    Session s;
    s.id = q.value(0).toLongLong();
    s.sessionNumber = q.value(1).toString();
    s.stationId = q.value(2).toLongLong();
    s.chargePointId = q.value(3).toString();
    s.connectorRowId = optValue<qint64>(q, 4);
    s.evseId = optValue<int>(q, 5);
    s.connectorId = optValue<int>(q, 6);
    s.transactionId = q.value(7).toString();
    s.idTag = q.value(8).toString();
    s.memberId = optValue<qint64>(q, 9);
    s.departmentId = optValue<qint64>(q, 10);
    s.status = q.value(11).toString();
    s.holdStatus = q.value(12).toString();
    s.paymentStatus = q.value(13).toString();
    s.currency = q.value(14).toString();
    s.amountMinor = q.value(15).toLongLong();
    s.meterStartWh = optValue<qint64>(q, 16);
    s.meterStopWh = optValue<qint64>(q, 17);
    s.energyWh = q.value(18).toLongLong();
    s.stopReason = q.value(19).toString();
    s.stopSource = q.value(20).toString();
    s.stopIdTag = q.value(21).toString();
    s.startKey = q.value(22).toString();
    s.startAuthStatus = q.value(23).toString();
    s.lastMeterWh = optValue<qint64>(q, 24);
    s.lastMeterAtMs = optValue<qint64>(q, 25);
    s.createdMs = q.value(26).toLongLong();
    s.startedMs = optValue<qint64>(q, 27);
    s.chargingStartedMs = optValue<qint64>(q, 28);
    s.chargingEndedMs = optValue<qint64>(q, 29);
    s.endedMs = optValue<qint64>(q, 30);
    s.updatedMs = q.value(31).toLongLong();
    s.memberName = q.value(32).toString();
    s.memberPhone = q.value(33).toString();
    return s;
}

QString inList(const QStringList &values)
{
    // Only our own constant status names are ever inlined; everything from outside is bound.
    QStringList quoted;
    for (const QString &v : values)
        quoted << (u'\'' + v + u'\'');
    return u'(' + quoted.join(u',') + u')';
}

// A LIKE pattern that matches `text` anywhere, with `!` as the escape character.
// Above this many matching sessions a search walks the sessions newest first instead.
constexpr int kSearchCandidates = 5000;

QString containsPattern(const QString &text)
{
    QString escaped;
    for (const QChar c : text) {
        if (c == u'!' || c == u'%' || c == u'_')
            escaped += u'!';
        escaped += c;
    }
    return u'%' + escaped + u'%';
}

// Every session row the statement (kSelect + conditions) reads.
Expected<QList<Session>> sessions(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    auto query = Sql::run(db, sql, values);
    if (!query)
        return query.error();
    QList<Session> out;
    while (query->next())
        out.append(fromRow(*query));
    return out;
}

}  // namespace

SessionRepository::SessionRepository(const Database &db) : m_db(db) {}

QString SessionRepository::numberFor(qint64 id, qint64 createdMs)
{
    const QString day = QDateTime::fromMSecsSinceEpoch(createdMs, Qt::UTC).toString(QStringLiteral("yyMMdd"));
    return QStringLiteral("%1-%2").arg(day).arg(id, 6, 10, QLatin1Char('0'));
}

QStringList SessionRepository::openStatuses()
{
    return {QStringLiteral("created"), QStringLiteral("pending"), QStringLiteral("starting"), QStringLiteral("ongoing")};
}

QStringList SessionRepository::runningStatuses()
{
    return {QStringLiteral("starting"), QStringLiteral("ongoing")};
}

Expected<Session> SessionRepository::create(const Session &session, qint64 nowMs)
{
    const QSqlDatabase db = m_db.connection();
    // The number needs the row id: insert under a unique placeholder, then name the row.
    const QString placeholder = QStringLiteral("new-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto insert = Sql::run(
        db,
        QStringLiteral("INSERT INTO sessions (session_number, station_id, connector_row_id, evse_id, connector_id, "
                       "ocpp_transaction_id, id_tag, member_id, department_id, status, meter_start_wh, meter_stop_wh, "
                       "energy_wh, stop_reason, stop_source, stop_id_tag, start_key, start_auth_status, last_meter_wh, "
                       "last_meter_at_ms, created_ms, started_ms, charging_started_ms, charging_ended_ms, ended_ms, "
                       "updated_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
            + m_db.dialect().returningIdClause(),
        {placeholder, session.stationId, opt(session.connectorRowId), opt(session.evseId), opt(session.connectorId),
         textOrNull(session.transactionId), textOrNull(session.idTag), opt(session.memberId), opt(session.departmentId),
         session.status, opt(session.meterStartWh), opt(session.meterStopWh), session.energyWh, session.stopReason,
         session.stopSource, textOrNull(session.stopIdTag), textOrNull(session.startKey), session.startAuthStatus,
         opt(session.lastMeterWh), opt(session.lastMeterAtMs), nowMs, opt(session.startedMs),
         opt(session.chargingStartedMs), opt(session.chargingEndedMs), opt(session.endedMs), nowMs});
    if (!insert)
        return insert.error();
    const qint64 id = m_db.dialect().insertedId(*insert);
    auto name = Sql::run(db, QStringLiteral("UPDATE sessions SET session_number = ? WHERE id = ?"),
                         {numberFor(id, nowMs), id});
    if (!name)
        return name.error();
    auto created = find(id);
    if (!created)
        return created.error();
    if (!created->has_value())
        return Error{ExitCode::Failure, tr("The new session %1 cannot be read back.").arg(id)};
    return **created;
}

Status SessionRepository::update(const Session &session, qint64 nowMs)
{
    auto query = Sql::run(
        m_db.connection(),
        QStringLiteral("UPDATE sessions SET connector_row_id = ?, evse_id = ?, connector_id = ?, ocpp_transaction_id = ?, "
                       "id_tag = ?, member_id = ?, department_id = ?, status = ?, meter_start_wh = ?, meter_stop_wh = ?, "
                       "energy_wh = ?, stop_reason = ?, stop_source = ?, stop_id_tag = ?, start_key = ?, "
                       "start_auth_status = ?, last_meter_wh = ?, last_meter_at_ms = ?, started_ms = ?, "
                       "charging_started_ms = ?, charging_ended_ms = ?, ended_ms = ?, updated_ms = ? WHERE id = ?"),
        {opt(session.connectorRowId), opt(session.evseId), opt(session.connectorId), textOrNull(session.transactionId),
         textOrNull(session.idTag), opt(session.memberId), opt(session.departmentId), session.status,
         opt(session.meterStartWh), opt(session.meterStopWh), session.energyWh, session.stopReason, session.stopSource,
         textOrNull(session.stopIdTag), textOrNull(session.startKey), session.startAuthStatus, opt(session.lastMeterWh),
         opt(session.lastMeterAtMs), opt(session.startedMs), opt(session.chargingStartedMs), opt(session.chargingEndedMs),
         opt(session.endedMs), nowMs, session.id});
    if (!query)
        return query.error();
    if (query->numRowsAffected() != 1)
        return Error{ExitCode::Failure, tr("No session with the id %1.").arg(session.id)};
    return {};
}

Expected<std::optional<Session>> SessionRepository::findOne(const QString &where, const QVariantList &values) const
{
    auto query = Sql::run(m_db.connection(), kSelect + QStringLiteral("WHERE ") + where, values);
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<Session>();
    return std::optional<Session>(fromRow(*query));
}

Expected<std::optional<Session>> SessionRepository::find(qint64 id) const
{
    return findOne(QStringLiteral("s.id = ?"), {id});
}

Expected<std::optional<Session>> SessionRepository::findByNumber(const QString &sessionNumber) const
{
    return findOne(QStringLiteral("s.session_number = ?"), {sessionNumber});
}

Expected<std::optional<Session>> SessionRepository::findByTransaction(qint64 stationId, const QString &transactionId) const
{
    return findOne(QStringLiteral("s.station_id = ? AND s.ocpp_transaction_id = ? ORDER BY s.id DESC LIMIT 1"),
                   {stationId, transactionId});
}

Expected<std::optional<Session>> SessionRepository::findByStartKey(qint64 stationId, const QString &startKey) const
{
    return findOne(QStringLiteral("s.station_id = ? AND s.start_key = ?"), {stationId, startKey});
}

Expected<std::optional<Session>> SessionRepository::findAwaitingStart(qint64 stationId, int connectorId,
                                                                     const QString &idTag) const
{
    return findOne(QStringLiteral("s.station_id = ? AND s.status IN ") + inList({QStringLiteral("created"),
                                                                              QStringLiteral("pending"),
                                                                              QStringLiteral("starting")})
                       + QStringLiteral(" AND s.ocpp_transaction_id IS NULL AND LOWER(s.id_tag) = LOWER(?) "
                                        "AND (s.connector_id = ? OR s.connector_id IS NULL) ORDER BY s.id DESC LIMIT 1"),
                   {stationId, idTag, connectorId});
}

Expected<QList<Session>> SessionRepository::openWithTransaction(qint64 stationId, std::optional<int> connectorId,
                                                                std::optional<int> evseId) const
{
    QString sql = kSelect + QStringLiteral("WHERE s.station_id = ? AND s.status IN ") + inList(openStatuses())
        + QStringLiteral(" AND s.ocpp_transaction_id IS NOT NULL");
    QVariantList values{stationId};
    if (connectorId) {
        sql += QStringLiteral(" AND s.connector_id = ?");
        values << *connectorId;
    }
    if (evseId) {
        sql += QStringLiteral(" AND COALESCE(s.evse_id, s.connector_id) = ?");
        values << *evseId;
    }
    sql += QStringLiteral(" ORDER BY s.id");
    return sessions(m_db.connection(), sql, values);
}

Expected<QList<Session>> SessionRepository::openWithTransactionEverywhere() const
{
    return sessions(m_db.connection(),
                    kSelect + QStringLiteral("WHERE s.status IN ") + inList(openStatuses())
                        + QStringLiteral(" AND s.ocpp_transaction_id IS NOT NULL ORDER BY s.id"),
                    {});
}

Expected<int> SessionRepository::countRunningForTag(const QString &idTag) const
{
    auto query = Sql::run(m_db.connection(),
                          QStringLiteral("SELECT COUNT(*) FROM sessions WHERE LOWER(id_tag) = LOWER(?) AND status IN ")
                              + inList(runningStatuses()),
                          {idTag});
    if (!query)
        return query.error();
    return query->next() ? query->value(0).toInt() : 0;
}

Expected<int> SessionRepository::countRunningForMember(qint64 memberId) const
{
    auto query = Sql::run(m_db.connection(),
                          QStringLiteral("SELECT COUNT(*) FROM sessions WHERE member_id = ? AND status IN ")
                              + inList(runningStatuses()),
                          {memberId});
    if (!query)
        return query.error();
    return query->next() ? query->value(0).toInt() : 0;
}

Expected<QList<Session>> SessionRepository::list(const SessionFilter &filter) const
{
    QString sql = kSelect + QStringLiteral("WHERE 1 = 1");
    QVariantList values;
    if (filter.stationId) {
        sql += QStringLiteral(" AND s.station_id = ?");
        values << *filter.stationId;
    }
    if (!filter.chargePointId.isEmpty()) {
        sql += QStringLiteral(" AND st.charge_point_id = ?");
        values << filter.chargePointId;
    }
    if (!filter.idTag.isEmpty()) {
        sql += QStringLiteral(" AND LOWER(s.id_tag) = LOWER(?)");
        values << filter.idTag;
    }
    if (!filter.sessionNumber.isEmpty()) {
        sql += QStringLiteral(" AND s.session_number = ?");
        values << filter.sessionNumber;
    }
    if (!filter.transactionId.isEmpty()) {
        sql += QStringLiteral(" AND s.ocpp_transaction_id = ?");
        values << filter.transactionId;
    }
    if (!filter.statuses.isEmpty()) {
        QStringList marks;
        for (const QString &status : filter.statuses) {
            marks << QStringLiteral("?");
            values << status;
        }
        sql += QStringLiteral(" AND s.status IN (") + marks.join(u',') + u')';
    }
    if (filter.openOnly || filter.createdBeforeMs)
        sql += QStringLiteral(" AND s.status IN ") + inList(openStatuses());
    if (filter.createdBeforeMs) {
        sql += QStringLiteral(" AND s.created_ms < ?");
        values << *filter.createdBeforeMs;
    }
    if (filter.createdFromMs) {
        sql += QStringLiteral(" AND s.created_ms >= ?");
        values << *filter.createdFromMs;
    }
    const QString search = filter.search.trimmed().left(100);
    if (!search.isEmpty()) {
        // Every term can use an index, so the OR is a union of index lookups, not a scan of every
        // session: exact number, transaction id, card or internal id; sessions of the stations,
        // members (name, phone) and registered cards that contain the text (small tables).
        const QString like = containsPattern(search.toLower());
        const QString typed = containsPattern(search);
        // Each term, "%1" before a column where the walk below must keep the planner off its index.
        QList<std::pair<QString, QVariantList>> terms = {
            {u"%1s.session_number = ?"_s, {search}},
            {u"%1s.ocpp_transaction_id = ?"_s, {search}},
            {u"%1s.id_tag = ?"_s, {search}},
            {u"%1s.station_id IN (SELECT id FROM stations WHERE LOWER(charge_point_id) LIKE ? ESCAPE '!')"_s, {like}},
            {u"%1s.id_tag IN (SELECT id_tag FROM id_tags WHERE LOWER(id_tag) LIKE ? ESCAPE '!')"_s, {like}},
            // The name also as typed: SQLite's LOWER() folds ASCII only, so "Коваленко" typed
            // with its capital still finds "Коваленко".
            {u"%1s.member_id IN (SELECT id FROM members WHERE LOWER(name) LIKE ? ESCAPE '!' OR name LIKE ? ESCAPE '!' "
             "OR phone LIKE ? ESCAPE '!')"_s,
             {like, typed, typed}},
        };
        bool numeric = false;
        const qint64 id = search.toLongLong(&numeric);
        if (numeric && id > 0)
            terms.append({u"%1s.id = ?"_s, {id}});
        // How many sessions match? Few (a number, a card, one station's or member's sessions):
        // read them term by term through the indexes (a UNION ALL: PostgreSQL does not combine
        // indexes for an OR of IN subqueries), then sort. Many (a digit that is in thousands of
        // phones): walk the sessions newest first and stop at the page; no sort of a million rows.
        QStringList branches;
        QVariantList candidateValues;
        for (const auto &[term, termValues] : std::as_const(terms)) {
            branches << u"SELECT s.id FROM sessions s WHERE "_s + term.arg(QString());
            candidateValues += termValues;
        }
        // UNION ALL streams, so the LIMIT stops a broad search early; a session two terms found
        // comes twice and is counted once here.
        auto candidates = Sql::run(m_db.connection(),
                                   branches.join(u" UNION ALL "_s) + u" LIMIT %1"_s.arg(2 * kSearchCandidates + 1),
                                   candidateValues);
        if (!candidates)
            return candidates.error();
        QSet<qint64> seen;
        QStringList ids;
        while (candidates->next() && ids.size() <= kSearchCandidates) {
            const qint64 candidate = candidates->value(0).toLongLong();
            if (!seen.contains(candidate)) {
                seen.insert(candidate);
                ids << QString::number(candidate);
            }
        }
        if (ids.size() <= kSearchCandidates) {
            // Our own integers, inlined: nothing from outside.
            sql += ids.isEmpty() ? u" AND 1 = 0"_s : u" AND s.id IN ("_s + ids.join(u',') + u')';
        } else {
            // SQLite: unary + keeps the planner on the created_ms index (ORDER BY) instead of the
            // term indexes; PostgreSQL plans this from its statistics.
            const QString noIndex = m_db.dialect().isPostgres() ? QString() : u"+"_s;
            QStringList ored;
            for (const auto &[term, termValues] : std::as_const(terms)) {
                ored << term.arg(noIndex);
                values += termValues;
            }
            sql += u" AND ("_s + ored.join(u" OR "_s) + u')';
        }
    }
    sql += QStringLiteral(" ORDER BY s.created_ms DESC, s.id DESC LIMIT ? OFFSET ?");
    values << std::max(1, filter.limit) << std::max(0, filter.offset);
    return sessions(m_db.connection(), sql, values);
}

Expected<QList<Session>> SessionRepository::suspicious(const SuspicionCriteria &criteria, int limit, int offset) const
{
    QStringList conditions;
    QVariantList values;
    if (!criteria.eventKinds.isEmpty()) {
        conditions << QStringLiteral("EXISTS (SELECT 1 FROM session_events e WHERE e.session_id = s.id AND e.kind IN (")
                + Sql::placeholders(criteria.eventKinds.size()) + QStringLiteral("))");
        for (const QString &kind : criteria.eventKinds)
            values << kind;
    }
    if (!criteria.stopSources.isEmpty()) {
        conditions << QStringLiteral("s.stop_source IN (") + Sql::placeholders(criteria.stopSources.size()) + u')';
        for (const QString &source : criteria.stopSources)
            values << source;
    }
    if (criteria.zeroEnergyMinMs) {
        conditions << QStringLiteral("(s.stop_source <> '' AND s.energy_wh = 0 AND s.ended_ms IS NOT NULL "
                                     "AND s.ended_ms - COALESCE(s.started_ms, s.created_ms) >= ?)");
        values << *criteria.zeroEnergyMinMs;
    }
    if (conditions.isEmpty())
        return QList<Session>();
    const QString sql = kSelect + QStringLiteral("WHERE ") + conditions.join(QStringLiteral(" OR "))
        + QStringLiteral(" ORDER BY s.created_ms DESC, s.id DESC LIMIT ? OFFSET ?");
    values << std::max(1, limit) << std::max(0, offset);
    return sessions(m_db.connection(), sql, values);
}

Expected<QHash<qint64, QStringList>> SessionRepository::eventKinds(const QList<qint64> &sessionIds,
                                                                  const QStringList &kinds) const
{
    QHash<qint64, QStringList> out;
    constexpr qsizetype kChunk = 200;  // bound the number of parameters per statement
    for (qsizetype from = 0; from < sessionIds.size() && !kinds.isEmpty(); from += kChunk) {
        const QList<qint64> chunk = sessionIds.mid(from, kChunk);
        QVariantList values;
        for (const qint64 id : chunk)
            values << id;
        for (const QString &kind : kinds)
            values << kind;
        auto query = Sql::run(m_db.connection(),
                              QStringLiteral("SELECT session_id, kind FROM session_events WHERE session_id IN (")
                                  + Sql::placeholders(chunk.size()) + QStringLiteral(") AND kind IN (")
                                  + Sql::placeholders(kinds.size()) + QStringLiteral(") ORDER BY at_ms, id"),
                              values);
        if (!query)
            return query.error();
        while (query->next()) {
            QStringList &list = out[query->value(0).toLongLong()];
            const QString kind = query->value(1).toString();
            if (!list.contains(kind))
                list << kind;
        }
    }
    return out;
}

Expected<qint64> SessionRepository::addEvent(const SessionEvent &event)
{
    auto query = Sql::run(m_db.connection(),
                          QStringLiteral("INSERT INTO session_events (session_id, at_ms, kind, detail, operator_name) "
                                         "VALUES (?,?,?,?,?)")
                              + m_db.dialect().returningIdClause(),
                          {event.sessionId, event.atMs, event.kind, event.detail, textOrNull(event.operatorName)});
    if (!query)
        return query.error();
    return m_db.dialect().insertedId(*query);
}

Expected<QList<SessionEvent>> SessionRepository::events(qint64 sessionId) const
{
    auto query = Sql::run(m_db.connection(),
                          QStringLiteral("SELECT id, session_id, at_ms, kind, detail, operator_name FROM session_events "
                                         "WHERE session_id = ? ORDER BY at_ms, id"),
                          {sessionId});
    if (!query)
        return query.error();
    QList<SessionEvent> out;
    while (query->next()) {
        SessionEvent e;
        e.id = query->value(0).toLongLong();
        e.sessionId = query->value(1).toLongLong();
        e.atMs = query->value(2).toLongLong();
        e.kind = query->value(3).toString();
        e.detail = query->value(4).toString();
        e.operatorName = query->value(5).toString();
        out.append(e);
    }
    return out;
}

}  // namespace cd::storage
