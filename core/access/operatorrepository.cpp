#include "core/access/operatorrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace cd::access {

using storage::Sql;

namespace {

const QString kOperatorSelect = u"SELECT o.id, o.login, o.display_name, o.password_hash, o.role_id, r.name, "
                                "o.max_concurrent_logins, o.disabled, o.created_ms, o.failed_logins, o.locked_until_ms "
                                "FROM operators o "
                                "JOIN roles r ON r.id = o.role_id"_s;

OperatorRow operatorOf(const QSqlQuery &q)
{
    OperatorRow o;
    o.id = q.value(0).toLongLong();
    o.login = q.value(1).toString();
    o.displayName = q.value(2).toString();
    o.passwordHash = q.value(3).toString();
    o.roleId = q.value(4).toLongLong();
    o.role = q.value(5).toString();
    o.maxConcurrentLogins = q.value(6).toInt();
    o.disabled = q.value(7).toLongLong() != 0;
    o.createdMs = q.value(8).toLongLong();
    o.failedLogins = q.value(9).toInt();
    o.lockedUntilMs = storage::optionalInt64(q, 10);
    return o;
}

const QString kSessionSelect = u"SELECT s.id, s.operator_id, o.login, s.client, s.started_ms, s.last_seen_ms, s.ended_ms, "
                               "s.end_reason FROM operator_sessions s JOIN operators o ON o.id = s.operator_id"_s;

LoginSessionRow sessionOf(const QSqlQuery &q)
{
    LoginSessionRow s;
    s.id = q.value(0).toLongLong();
    s.operatorId = q.value(1).toLongLong();
    s.login = q.value(2).toString();
    s.client = q.value(3).toString();
    s.startedMs = q.value(4).toLongLong();
    s.lastSeenMs = q.value(5).toLongLong();
    s.endedMs = storage::optionalInt64(q, 6);
    s.endReason = q.value(7).toString();
    return s;
}

}  // namespace

OperatorRepository::OperatorRepository(const storage::Database &db) : m_db(db) {}

Expected<qint64> OperatorRepository::count() const
{
    auto q = Sql::run(m_db.connection(), u"SELECT COUNT(*) FROM operators"_s);
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toLongLong() : 0;
}

Expected<QList<OperatorRow>> OperatorRepository::operators() const
{
    return storage::fetchAll<OperatorRow>(m_db.connection(), kOperatorSelect + u" ORDER BY o.login"_s, {}, &operatorOf);
}

Expected<std::optional<OperatorRow>> OperatorRepository::byLogin(const QString &login) const
{
    return storage::firstOf(
        storage::fetchAll<OperatorRow>(m_db.connection(), kOperatorSelect + u" WHERE o.login = ?"_s, {login}, &operatorOf));
}

Expected<std::optional<OperatorRow>> OperatorRepository::byId(qint64 id) const
{
    return storage::firstOf(
        storage::fetchAll<OperatorRow>(m_db.connection(), kOperatorSelect + u" WHERE o.id = ?"_s, {id}, &operatorOf));
}

Expected<OperatorRow> OperatorRepository::find(const QString &loginOrId) const
{
    const QString key = loginOrId.trimmed();
    if (key.isEmpty())
        return Error{ExitCode::Usage, tr("Say which operator.")};
    auto row = byLogin(key);
    if (!row)
        return row.error();
    if (!*row && key.startsWith(u'#')) {
        bool ok = false;
        const qint64 id = key.mid(1).toLongLong(&ok);
        if (ok)
            row = byId(id);
        if (!row)
            return row.error();
    }
    if (!*row)
        return Error{ExitCode::Failure, tr("There is no operator \"%1\".").arg(key)};
    return **row;
}

Expected<qint64> OperatorRepository::add(const OperatorRow &row, qint64 nowMs)
{
    auto q = Sql::run(m_db.connection(),
                      u"INSERT INTO operators (login, display_name, password_hash, role_id, max_concurrent_logins, "
                      "disabled, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?)"_s
                          + m_db.dialect().returningIdClause(),
                      {row.login, row.displayName, row.passwordHash, row.roleId, row.maxConcurrentLogins,
                       row.disabled ? 1 : 0, nowMs});
    if (!q)
        return q.error();
    return m_db.dialect().insertedId(*q);
}

Status OperatorRepository::setPasswordHash(qint64 id, const QString &hash)
{
    return storage::statusOf(Sql::run(m_db.connection(), u"UPDATE operators SET password_hash = ? WHERE id = ?"_s, {hash, id}));
}

Status OperatorRepository::setRole(qint64 id, qint64 roleId)
{
    return storage::statusOf(Sql::run(m_db.connection(), u"UPDATE operators SET role_id = ? WHERE id = ?"_s, {roleId, id}));
}

Status OperatorRepository::setDisabled(qint64 id, bool disabled)
{
    return storage::statusOf(
        Sql::run(m_db.connection(), u"UPDATE operators SET disabled = ? WHERE id = ?"_s, {disabled ? 1 : 0, id}));
}

Status OperatorRepository::setMaxConcurrentLogins(qint64 id, int max)
{
    return storage::statusOf(
        Sql::run(m_db.connection(), u"UPDATE operators SET max_concurrent_logins = ? WHERE id = ?"_s, {max, id}));
}

Expected<int> OperatorRepository::addFailedLogin(qint64 id)
{
    if (auto q = Sql::run(m_db.connection(), u"UPDATE operators SET failed_logins = failed_logins + 1 WHERE id = ?"_s, {id});
        !q)
        return q.error();
    auto q = Sql::run(m_db.connection(), u"SELECT failed_logins FROM operators WHERE id = ?"_s, {id});
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toInt() : 0;
}

Status OperatorRepository::setLockout(qint64 id, int failedLogins, std::optional<qint64> lockedUntilMs)
{
    return storage::statusOf(Sql::run(m_db.connection(),
                                      u"UPDATE operators SET failed_logins = ?, locked_until_ms = ? WHERE id = ?"_s,
                                      {failedLogins, storage::bindable(lockedUntilMs), id}));
}

Status OperatorRepository::lock(qint64 id)
{
    // An UPDATE that changes nothing takes the row lock on PostgreSQL; portable, unlike FOR UPDATE.
    return storage::statusOf(Sql::run(m_db.connection(),
                                      u"UPDATE operators SET max_concurrent_logins = max_concurrent_logins WHERE id = ?"_s, {id}));
}

Expected<qint64> OperatorRepository::openSession(qint64 operatorId, const QString &tokenHash, const QString &client,
                                                 qint64 nowMs)
{
    auto q = Sql::run(m_db.connection(),
                      u"INSERT INTO operator_sessions (operator_id, token_hash, client, started_ms, last_seen_ms) "
                      "VALUES (?, ?, ?, ?, ?)"_s
                          + m_db.dialect().returningIdClause(),
                      {operatorId, tokenHash, client, nowMs, nowMs});
    if (!q)
        return q.error();
    return m_db.dialect().insertedId(*q);
}

Expected<QList<LoginSessionRow>> OperatorRepository::openSessions(qint64 operatorId) const
{
    if (operatorId == 0)
        return storage::fetchAll<LoginSessionRow>(
            m_db.connection(), kSessionSelect + u" WHERE s.ended_ms IS NULL ORDER BY s.started_ms DESC, s.id DESC"_s, {},
            &sessionOf);
    return storage::fetchAll<LoginSessionRow>(
        m_db.connection(),
        kSessionSelect + u" WHERE s.ended_ms IS NULL AND s.operator_id = ? ORDER BY s.started_ms DESC, s.id DESC"_s,
        {operatorId}, &sessionOf);
}

Expected<QList<LoginSessionRow>> OperatorRepository::sessions(int limit) const
{
    return storage::fetchAll<LoginSessionRow>(
        m_db.connection(), kSessionSelect + u" ORDER BY s.started_ms DESC, s.id DESC LIMIT ?"_s, {limit}, &sessionOf);
}

Expected<std::optional<LoginSessionRow>> OperatorRepository::session(qint64 id) const
{
    return storage::firstOf(
        storage::fetchAll<LoginSessionRow>(m_db.connection(), kSessionSelect + u" WHERE s.id = ?"_s, {id}, &sessionOf));
}

Expected<std::optional<LoginSessionRow>> OperatorRepository::sessionByTokenHash(const QString &tokenHash) const
{
    return storage::firstOf(storage::fetchAll<LoginSessionRow>(
        m_db.connection(), kSessionSelect + u" WHERE s.token_hash = ?"_s, {tokenHash}, &sessionOf));
}

Status OperatorRepository::touchSession(qint64 id, qint64 nowMs)
{
    return storage::statusOf(Sql::run(m_db.connection(),
                                      u"UPDATE operator_sessions SET last_seen_ms = ? WHERE id = ? AND ended_ms IS NULL"_s,
                                      {nowMs, id}));
}

Expected<bool> OperatorRepository::endSession(qint64 id, qint64 nowMs, const QString &reason)
{
    auto q = Sql::run(m_db.connection(),
                      u"UPDATE operator_sessions SET ended_ms = ?, end_reason = ? WHERE id = ? AND ended_ms IS NULL"_s,
                      {nowMs, reason, id});
    if (!q)
        return q.error();
    return q->numRowsAffected() > 0;
}

Expected<int> OperatorRepository::expireIdle(qint64 operatorId, qint64 cutoffMs, qint64 nowMs)
{
    QString sql = u"UPDATE operator_sessions SET ended_ms = ?, end_reason = 'expired' "
                  "WHERE ended_ms IS NULL AND last_seen_ms < ?"_s;
    QVariantList values{nowMs, cutoffMs};
    if (operatorId != 0) {
        sql += u" AND operator_id = ?"_s;
        values << operatorId;
    }
    auto q = Sql::run(m_db.connection(), sql, values);
    if (!q)
        return q.error();
    return q->numRowsAffected();
}

Expected<int> OperatorRepository::endAll(qint64 operatorId, qint64 nowMs, const QString &reason)
{
    auto q = Sql::run(m_db.connection(),
                      u"UPDATE operator_sessions SET ended_ms = ?, end_reason = ? WHERE ended_ms IS NULL AND operator_id = ?"_s,
                      {nowMs, reason, operatorId});
    if (!q)
        return q.error();
    return q->numRowsAffected();
}

}  // namespace cd::access
