#include "core/storage/commandrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>
#include <QVariant>

namespace cd::storage {

namespace {

const QString kColumns = QStringLiteral(
    "id, charge_point_id, action, payload, requested_by, reason, requested_ms, wait_if_offline, state, owner_node, "
    "sent_ms, completed_ms, result");

const std::pair<CommandRecord::State, const char16_t *> kStateNames[] = {
    {CommandRecord::State::Queued, u"queued"},
    {CommandRecord::State::Sent, u"sent"},
    {CommandRecord::State::Succeeded, u"succeeded"},
    {CommandRecord::State::Failed, u"failed"},
    {CommandRecord::State::Expired, u"expired"},
};

CommandRecord fromRow(const QSqlQuery &q)
{
    CommandRecord c;
    c.id = q.value(0).toLongLong();
    c.chargePointId = q.value(1).toString();
    c.action = q.value(2).toString();
    c.payload = q.value(3).toString();
    c.requestedBy = q.value(4).toString();
    c.reason = q.value(5).toString();
    c.requestedMs = q.value(6).toLongLong();
    c.waitIfOffline = q.value(7).toInt() != 0;
    c.state = CommandRecord::stateFromName(q.value(8).toString()).value_or(CommandRecord::State::Failed);
    c.ownerNode = q.value(9).toString();
    if (!q.isNull(10))
        c.sentMs = q.value(10).toLongLong();
    if (!q.isNull(11))
        c.completedMs = q.value(11).toLongLong();
    c.result = q.value(12).toString();
    return c;
}

Expected<QList<CommandRecord>> fetch(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    auto q = Sql::run(db, sql, values);
    if (!q)
        return q.error();
    QList<CommandRecord> out;
    while (q->next())
        out.append(fromRow(*q));
    return out;
}

}  // namespace

QString CommandRecord::stateName(State state)
{
    for (const auto &[s, name] : kStateNames) {
        if (s == state)
            return QString::fromUtf16(name);
    }
    return {};
}

std::optional<CommandRecord::State> CommandRecord::stateFromName(const QString &name)
{
    for (const auto &[s, text] : kStateNames) {
        if (name == QStringView(text))
            return s;
    }
    return std::nullopt;
}

CommandRepository::CommandRepository(const Database &db, const Clock &clock) : m_db(db), m_clock(clock) {}

Expected<qint64> CommandRepository::enqueue(const CommandRecord &c)
{
    auto q = Sql::run(m_db.connection(),
                      QStringLiteral("INSERT INTO commands (station_id, charge_point_id, action, payload, requested_by, "
                                     "reason, requested_ms, wait_if_offline, state) "
                                     "SELECT (SELECT id FROM stations WHERE charge_point_id = ?), ?, ?, ?, ?, ?, ?, ?, ?")
                          + m_db.dialect().returningIdClause(),
                      {c.chargePointId, c.chargePointId, c.action, c.payload, c.requestedBy, c.reason, m_clock.nowMs(),
                       c.waitIfOffline ? 1 : 0, CommandRecord::stateName(CommandRecord::State::Queued)});
    if (!q)
        return q.error();
    return m_db.dialect().insertedId(*q);
}

Expected<std::optional<CommandRecord>> CommandRepository::find(qint64 id) const
{
    auto rows = fetch(m_db.connection(), QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM commands WHERE id = ?"),
                      {id});
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<CommandRecord>();
    return std::optional<CommandRecord>(rows->first());
}

Expected<QList<CommandRecord>> CommandRepository::queued(const QString &chargePointId) const
{
    QString sql = QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM commands WHERE state = 'queued'");
    QVariantList values;
    if (!chargePointId.isEmpty()) {
        sql += QStringLiteral(" AND charge_point_id = ?");
        values << chargePointId;
    }
    sql += QStringLiteral(" ORDER BY id");
    return fetch(m_db.connection(), sql, values);
}

Expected<QList<CommandRecord>> CommandRepository::latest(int limit, const QString &chargePointId) const
{
    QString sql = QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM commands");
    QVariantList values;
    if (!chargePointId.isEmpty()) {
        sql += QStringLiteral(" WHERE charge_point_id = ?");
        values << chargePointId;
    }
    sql += QStringLiteral(" ORDER BY id DESC LIMIT ?");
    values << limit;
    return fetch(m_db.connection(), sql, values);
}

Expected<bool> CommandRepository::claim(qint64 id, const QString &ownerNode)
{
    auto q = Sql::run(m_db.connection(),
                      QStringLiteral("UPDATE commands SET state = 'sent', owner_node = ?, sent_ms = ? "
                                     "WHERE id = ? AND state = 'queued'"),
                      {ownerNode, m_clock.nowMs(), id});
    if (!q)
        return q.error();
    return q->numRowsAffected() == 1;
}

Status CommandRepository::complete(qint64 id, CommandRecord::State state, const QString &result)
{
    auto q = Sql::run(m_db.connection(),
                      QStringLiteral("UPDATE commands SET state = ?, completed_ms = ?, result = ? "
                                     "WHERE id = ? AND state IN ('queued', 'sent')"),
                      {CommandRecord::stateName(state), m_clock.nowMs(), result, id});
    if (!q)
        return q.error();
    return {};
}

Status CommandRepository::failOrphaned(const QString &ownerNode, const QString &result)
{
    auto q = Sql::run(m_db.connection(),
                      QStringLiteral("UPDATE commands SET state = 'failed', completed_ms = ?, result = ? "
                                     "WHERE state = 'sent' AND owner_node = ?"),
                      {m_clock.nowMs(), result, ownerNode});
    if (!q)
        return q.error();
    return {};
}

}  // namespace cd::storage
