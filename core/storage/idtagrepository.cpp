#include "core/storage/idtagrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace cd::storage {

namespace {

const QString kColumns = QStringLiteral(
    "id, id_tag, kind, member_id, department_id, parent_id_tag, status, expiry_ms, max_concurrent_sessions, created_ms");

IdTag fromRow(const QSqlQuery &q)
{
    IdTag t;
    t.id = q.value(0).toLongLong();
    t.idTag = q.value(1).toString();
    t.kind = q.value(2).toString();
    if (!q.isNull(3))
        t.memberId = q.value(3).toLongLong();
    if (!q.isNull(4))
        t.departmentId = q.value(4).toLongLong();
    t.parentIdTag = q.value(5).toString();
    t.status = q.value(6).toString();
    if (!q.isNull(7))
        t.expiryMs = q.value(7).toLongLong();
    t.maxConcurrentSessions = q.value(8).toInt();
    t.createdMs = q.value(9).toLongLong();
    return t;
}

}  // namespace

IdTagRepository::IdTagRepository(const Database &db) : m_db(db) {}

bool IdTagRepository::isValidIdTag(const QString &idTag)
{
    if (idTag.isEmpty() || idTag.size() > 36)
        return false;
    return std::all_of(idTag.cbegin(), idTag.cend(), [](QChar c) { return c.unicode() >= 0x21 && c.unicode() <= 0x7e; });
}

bool IdTagRepository::isValidKind(const QString &kind)
{
    return kind == u"card" || kind == u"app" || kind == u"department";
}

bool IdTagRepository::isValidStatus(const QString &status)
{
    return status == u"Accepted" || status == u"Blocked" || status == u"Expired" || status == u"Invalid";
}

Expected<qint64> IdTagRepository::add(const IdTag &tag, qint64 nowMs)
{
    if (!isValidIdTag(tag.idTag))
        return Error{ExitCode::Usage, tr("\"%1\" is not a valid id tag: use 1 to 36 printable characters without spaces.")
                                          .arg(tag.idTag.left(60))};
    if (!tag.parentIdTag.isEmpty() && !isValidIdTag(tag.parentIdTag))
        return Error{ExitCode::Usage, tr("\"%1\" is not a valid parent id tag.").arg(tag.parentIdTag.left(60))};
    if (!isValidKind(tag.kind))
        return Error{ExitCode::Usage, tr("The kind of an id tag is card, app or department.")};
    if (!isValidStatus(tag.status))
        return Error{ExitCode::Usage, tr("The status of an id tag is Accepted, Blocked, Expired or Invalid.")};
    if (tag.maxConcurrentSessions < 1 || tag.maxConcurrentSessions > 10000)
        return Error{ExitCode::Usage, tr("The number of concurrent sessions must be between 1 and 10000.")};
    auto existing = find(tag.idTag);
    if (!existing)
        return existing.error();
    if (existing->has_value())
        return Error{ExitCode::Failure, tr("The id tag %1 already exists.").arg(tag.idTag)};
    auto query = Sql::run(m_db.connection(),
                          QStringLiteral("INSERT INTO id_tags (id_tag, kind, member_id, department_id, parent_id_tag, status, "
                                         "expiry_ms, max_concurrent_sessions, created_ms) VALUES (?,?,?,?,?,?,?,?,?)")
                              + m_db.dialect().returningIdClause(),
                          {tag.idTag, tag.kind, bindable(tag.memberId), bindable(tag.departmentId),
                           tag.parentIdTag.isEmpty() ? QVariant() : QVariant(tag.parentIdTag), tag.status,
                           bindable(tag.expiryMs), tag.maxConcurrentSessions, nowMs});
    if (!query)
        return query.error();
    return m_db.dialect().insertedId(*query);
}

Expected<std::optional<IdTag>> IdTagRepository::find(const QString &idTag) const
{
    // Exact match first (the unique index), then case-insensitively (the LOWER index).
    for (const QString &where : {QStringLiteral("id_tag = ?"), QStringLiteral("LOWER(id_tag) = LOWER(?)")}) {
        auto query = Sql::run(m_db.connection(),
                              QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM id_tags WHERE ") + where
                                  + QStringLiteral(" ORDER BY id LIMIT 1"),
                              {idTag});
        if (!query)
            return query.error();
        if (query->next())
            return std::optional<IdTag>(fromRow(*query));
    }
    return std::optional<IdTag>();
}

Expected<QList<IdTag>> IdTagRepository::list(const IdTagFilter &filter) const
{
    QString sql = QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM id_tags WHERE 1 = 1");
    QVariantList values;
    if (!filter.search.isEmpty()) {
        sql += QStringLiteral(" AND LOWER(id_tag) LIKE ?");
        values << QString(u'%' + filter.search.toLower() + u'%');
    }
    if (filter.memberId) {
        sql += QStringLiteral(" AND member_id = ?");
        values << *filter.memberId;
    }
    if (filter.departmentId) {
        sql += QStringLiteral(" AND department_id = ?");
        values << *filter.departmentId;
    }
    sql += QStringLiteral(" ORDER BY id_tag LIMIT ? OFFSET ?");
    values << std::max(1, filter.limit) << std::max(0, filter.offset);
    auto query = Sql::run(m_db.connection(), sql, values);
    if (!query)
        return query.error();
    QList<IdTag> out;
    while (query->next())
        out.append(fromRow(*query));
    return out;
}

Status IdTagRepository::setStatus(const QString &idTag, const QString &status)
{
    if (!isValidStatus(status))
        return Error{ExitCode::Usage, tr("The status of an id tag is Accepted, Blocked, Expired or Invalid.")};
    auto query = Sql::run(m_db.connection(), QStringLiteral("UPDATE id_tags SET status = ? WHERE id_tag = ?"), {status, idTag});
    if (!query)
        return query.error();
    if (query->numRowsAffected() != 1)
        return Error{ExitCode::Failure, tr("No id tag %1.").arg(idTag)};
    return {};
}

Status IdTagRepository::setExpiry(const QString &idTag, std::optional<qint64> expiryMs)
{
    auto query = Sql::run(m_db.connection(), QStringLiteral("UPDATE id_tags SET expiry_ms = ? WHERE id_tag = ?"),
                          {bindable(expiryMs), idTag});
    if (!query)
        return query.error();
    if (query->numRowsAffected() != 1)
        return Error{ExitCode::Failure, tr("No id tag %1.").arg(idTag)};
    return {};
}

}  // namespace cd::storage
