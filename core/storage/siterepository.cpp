#include "core/storage/siterepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace cd::storage {

namespace {

constexpr qsizetype kMaxName = 200;

// `missing`: what to say when there is no name.
Status checkName(const QString &name, const QString &missing)
{
    if (name.isEmpty())
        return Error{ExitCode::Usage, missing};
    if (name.size() > kMaxName)
        return Error{ExitCode::Usage, SiteRepository::tr("A name has at most %1 characters.").arg(kMaxName)};
    return {};
}

}  // namespace

SiteRepository::SiteRepository(const Database &db, const Clock &clock) : m_db(db), m_clock(clock) {}

Expected<qint64> SiteRepository::siteId(const QString &site) const
{
    const QString name = site.trimmed();
    if (name.isEmpty())
        return Error{ExitCode::Usage, tr("Say which site.")};
    if (name.startsWith(u'#')) {
        bool ok = false;
        const qint64 id = name.mid(1).toLongLong(&ok);
        auto q = Sql::run(m_db.connection(), u"SELECT id FROM sites WHERE id = ?"_s, {id});
        if (!q)
            return q.error();
        if (ok && q->next())
            return id;
        return Error{ExitCode::Failure, tr("There is no site %1.").arg(name)};
    }
    auto q = Sql::run(m_db.connection(), u"SELECT id FROM sites WHERE name = ? ORDER BY id"_s, {name});
    if (!q)
        return q.error();
    QList<qint64> ids;
    while (q->next())
        ids << q->value(0).toLongLong();
    if (ids.isEmpty())
        return Error{ExitCode::Failure, tr("There is no site named \"%1\".").arg(name)};
    if (ids.size() > 1)
        return Error{ExitCode::Failure,
                     tr("%1 sites are named \"%2\"; name one by its id, e.g. #%3.").arg(ids.size()).arg(name).arg(ids.first())};
    return ids.first();
}

Expected<qint64> SiteRepository::subOperatorId(const QString &subOperator) const
{
    const QString value = subOperator.trimmed();
    auto byName = Sql::run(m_db.connection(), u"SELECT id FROM sub_operators WHERE name = ?"_s, {value});
    if (!byName)
        return byName.error();
    if (byName->next())
        return byName->value(0).toLongLong();
    bool number = false;
    const qint64 id = value.toLongLong(&number);
    if (number) {
        auto byId = Sql::run(m_db.connection(), u"SELECT id FROM sub_operators WHERE id = ?"_s, {id});
        if (!byId)
            return byId.error();
        if (byId->next())
            return id;
    }
    return Error{ExitCode::Failure, tr("There is no sub-operator named \"%1\".").arg(value)};
}

Expected<qint64> SiteRepository::addSubOperator(const QString &name, const QString &settlementMode)
{
    const QString n = name.trimmed();
    if (Status st = checkName(n, tr("Give the sub-operator a name.")); !st)
        return st.error();
    if (settlementMode != u"settle_first" && settlementMode != u"hold_until_corrected")
        return Error{ExitCode::Usage, tr("The settlement mode is settle_first or hold_until_corrected, not \"%1\".").arg(settlementMode)};
    auto taken = Sql::run(m_db.connection(), u"SELECT 1 FROM sub_operators WHERE name = ?"_s, {n});
    if (!taken)
        return taken.error();
    if (taken->next())
        return Error{ExitCode::Failure, tr("A sub-operator named \"%1\" exists already.").arg(n)};
    auto q = Sql::run(m_db.connection(),
                      u"INSERT INTO sub_operators (name, settlement_mode, created_ms) VALUES (?, ?, ?)"_s
                          + m_db.dialect().returningIdClause(),
                      {n, settlementMode, m_clock.nowMs()});
    if (!q)
        return q.error();
    return m_db.dialect().insertedId(*q);
}

Expected<qint64> SiteRepository::addSite(const QString &name, const QString &address, std::optional<qint64> subOperatorId)
{
    const QString n = name.trimmed();
    if (Status st = checkName(n, tr("Give the site a name.")); !st)
        return st.error();
    if (n.startsWith(u'#'))
        return Error{ExitCode::Usage, tr("A site's name cannot start with #: that is how a site is named by its id.")};
    auto taken = Sql::run(m_db.connection(), u"SELECT 1 FROM sites WHERE name = ?"_s, {n});
    if (!taken)
        return taken.error();
    if (taken->next())
        return Error{ExitCode::Failure, tr("A site named \"%1\" exists already.").arg(n)};
    auto q = Sql::run(m_db.connection(),
                      u"INSERT INTO sites (name, address, sub_operator_id, created_ms) VALUES (?, ?, ?, ?)"_s
                          + m_db.dialect().returningIdClause(),
                      {n, address.trimmed(), subOperatorId ? QVariant(*subOperatorId) : QVariant(), m_clock.nowMs()});
    if (!q)
        return q.error();
    return m_db.dialect().insertedId(*q);
}

namespace {

// Sets `column` of the one row `key` names to `value` (NULL for nullopt) and returns what it held:
// nullopt when it was NULL, the error `missing` when there is no such row.
Expected<std::optional<qint64>> replaceReference(const Database &db, const QString &table, const QString &column,
                                                 const QString &keyColumn, const QVariant &key,
                                                 std::optional<qint64> value, const QString &missing)
{
    // Table and column names come from this file, never from the user.
    auto before = Sql::run(db.connection(), u"SELECT "_s + column + u" FROM "_s + table + u" WHERE "_s + keyColumn + u" = ?"_s,
                           {key});
    if (!before)
        return before.error();
    if (!before->next())
        return Error{ExitCode::Failure, missing};
    const std::optional<qint64> was = before->isNull(0) ? std::nullopt : std::optional(before->value(0).toLongLong());
    if (Status st = statusOf(Sql::run(db.connection(),
                                      u"UPDATE "_s + table + u" SET "_s + column + u" = ? WHERE "_s + keyColumn + u" = ?"_s,
                                      {value ? QVariant(*value) : QVariant(), key}));
        !st)
        return st.error();
    return was;
}

}  // namespace

Expected<std::optional<qint64>> SiteRepository::setSiteSubOperator(qint64 siteId, std::optional<qint64> subOperatorId)
{
    return replaceReference(m_db, u"sites"_s, u"sub_operator_id"_s, u"id"_s, siteId, subOperatorId,
                            tr("There is no site %1.").arg(u'#' + QString::number(siteId)));
}

Expected<std::optional<qint64>> SiteRepository::setStationSite(const QString &chargePointId, std::optional<qint64> siteId)
{
    return replaceReference(m_db, u"stations"_s, u"site_id"_s, u"charge_point_id"_s, chargePointId, siteId,
                            tr("No station with the id %1.").arg(chargePointId));
}

Expected<QList<SubOperatorRow>> SiteRepository::subOperators() const
{
    auto q = Sql::run(m_db.connection(),
                      u"SELECT o.id, o.name, o.settlement_mode, (SELECT COUNT(*) FROM sites s WHERE s.sub_operator_id = o.id) "
                      "FROM sub_operators o ORDER BY o.name, o.id"_s);
    if (!q)
        return q.error();
    QList<SubOperatorRow> out;
    while (q->next())
        out.append({q->value(0).toLongLong(), q->value(1).toString(), q->value(2).toString(), q->value(3).toLongLong()});
    return out;
}

Expected<QList<SiteRow>> SiteRepository::sites() const
{
    auto q = Sql::run(m_db.connection(),
                      u"SELECT s.id, s.name, s.address, s.sub_operator_id, o.name, "
                      "(SELECT COUNT(*) FROM stations st WHERE st.site_id = s.id) "
                      "FROM sites s LEFT JOIN sub_operators o ON o.id = s.sub_operator_id ORDER BY s.name, s.id"_s);
    if (!q)
        return q.error();
    QList<SiteRow> out;
    while (q->next()) {
        out.append({q->value(0).toLongLong(), q->value(1).toString(), q->value(2).toString(), q->value(3).toLongLong(),
                    q->value(4).toString(), q->value(5).toLongLong()});
    }
    return out;
}

}  // namespace cd::storage
