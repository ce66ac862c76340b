#include "core/accounts/accountrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace cd::accounts {

using storage::Sql;
using storage::bindable;
using storage::fetchAll;
using storage::firstOf;
using storage::optionalInt64;
using storage::statusOf;

namespace {

const QString kMemberColumns =
    u"m.id, m.name, m.phone, m.email, m.department_id, m.balance_minor, m.refundable_minor, m.pending_refund_minor, "
    "m.auto_stop_threshold_minor, m.created_ms, (SELECT COUNT(*) FROM id_tags t WHERE t.member_id = m.id)"_s;
const QString kDepartmentColumns =
    u"d.id, d.name, d.parent_id, d.bill_to_parent, d.balance_minor, d.auto_stop_threshold_minor, d.created_ms, "
    "(SELECT COUNT(*) FROM members m WHERE m.department_id = d.id), "
    "(SELECT COUNT(*) FROM id_tags t WHERE t.department_id = d.id AND t.kind = 'department')"_s;
const QString kTopUpColumns =
    u"id, member_id, department_id, amount_minor, currency, gateway, gateway_receipt, created_by, created_ms"_s;

Member memberFromRow(const QSqlQuery &q)
{
    Member m;
    m.id = q.value(0).toLongLong();
    m.name = q.value(1).toString();
    m.phone = q.value(2).toString();
    m.email = q.value(3).toString();
    m.departmentId = optionalInt64(q, 4);
    m.balanceMinor = q.value(5).toLongLong();
    m.refundableMinor = q.value(6).toLongLong();
    m.pendingRefundMinor = q.value(7).toLongLong();
    m.autoStopThresholdMinor = q.value(8).toLongLong();
    m.createdMs = q.value(9).toLongLong();
    m.cardCount = q.value(10).toInt();
    return m;
}

Department departmentFromRow(const QSqlQuery &q)
{
    Department d;
    d.id = q.value(0).toLongLong();
    d.name = q.value(1).toString();
    d.parentId = optionalInt64(q, 2);
    d.billToParent = q.value(3).toInt() != 0;
    d.balanceMinor = q.value(4).toLongLong();
    d.autoStopThresholdMinor = q.value(5).toLongLong();
    d.createdMs = q.value(6).toLongLong();
    d.memberCount = q.value(7).toInt();
    d.cardCount = q.value(8).toInt();
    return d;
}

TopUp topUpFromRow(const QSqlQuery &q)
{
    TopUp t;
    t.id = q.value(0).toLongLong();
    t.memberId = optionalInt64(q, 1);
    t.departmentId = optionalInt64(q, 2);
    t.amountMinor = q.value(3).toLongLong();
    t.currency = q.value(4).toString();
    t.gateway = q.value(5).toString();
    t.receipt = q.value(6).toString();
    t.createdBy = q.value(7).toString();
    t.createdMs = q.value(8).toLongLong();
    return t;
}

Status oneRow(Expected<QSqlQuery> q)
{
    if (!q)
        return q.error();
    if (q->numRowsAffected() != 1)
        return Error{ExitCode::Failure, QCoreApplication::translate("cd::accounts::AccountRepository", "The account is gone.")};
    return {};
}

}  // namespace

AccountRepository::AccountRepository(const storage::Database &db) : m_db(db) {}

Expected<QList<Member>> AccountRepository::members(const MemberFilter &filter) const
{
    QString sql = u"SELECT "_s + kMemberColumns + u" FROM members m WHERE 1 = 1"_s;
    QVariantList values;
    const QString search = filter.search.trimmed().toLower();
    if (!search.isEmpty()) {
        const QString like = u'%' + search + u'%';
        sql += u" AND (LOWER(m.name) LIKE ? OR m.phone LIKE ? OR LOWER(m.email) LIKE ? "
               "OR m.id IN (SELECT t.member_id FROM id_tags t WHERE t.member_id IS NOT NULL AND LOWER(t.id_tag) LIKE ?)"_s;
        values << like << like << like << like;
        bool isNumber = false;
        const qint64 id = search.toLongLong(&isNumber);
        if (isNumber) {
            sql += u" OR m.id = ?"_s;
            values << id;
        }
        sql += u")"_s;
    }
    if (filter.departmentId) {
        sql += u" AND m.department_id = ?"_s;
        values << *filter.departmentId;
    }
    if (filter.afterId) {
        sql += u" AND m.id > ?"_s;
        values << *filter.afterId;
    }
    sql += u" ORDER BY m.id LIMIT ?"_s;
    values << qMax(1, filter.limit);
    return fetchAll(m_db.connection(), sql, values, memberFromRow);
}

Expected<std::optional<Member>> AccountRepository::member(qint64 id) const
{
    return firstOf(
        fetchAll(m_db.connection(), u"SELECT "_s + kMemberColumns + u" FROM members m WHERE m.id = ?"_s, {id}, memberFromRow));
}

Expected<qint64> AccountRepository::insertMember(const Member &m)
{
    auto q = Sql::run(m_db.connection(),
                      u"INSERT INTO members (name, phone, email, department_id, balance_minor, refundable_minor, "
                      "pending_refund_minor, auto_stop_threshold_minor, created_ms) VALUES (?,?,?,?,?,?,?,?,?)"_s
                          + m_db.dialect().returningIdClause(),
                      {m.name, m.phone, m.email, bindable(m.departmentId), m.balanceMinor, m.refundableMinor,
                       m.pendingRefundMinor, m.autoStopThresholdMinor, m.createdMs});
    if (!q)
        return q.error();
    return m_db.dialect().insertedId(*q);
}

Status AccountRepository::updateMemberDetails(const Member &m)
{
    return oneRow(Sql::run(m_db.connection(),
                           u"UPDATE members SET name = ?, phone = ?, email = ?, department_id = ?, "
                           "auto_stop_threshold_minor = ? WHERE id = ?"_s,
                           {m.name, m.phone, m.email, bindable(m.departmentId), m.autoStopThresholdMinor, m.id}));
}

Status AccountRepository::addToMember(qint64 memberId, qint64 deltaMinor, qint64 refundableDeltaMinor)
{
    return oneRow(Sql::run(m_db.connection(),
                           u"UPDATE members SET balance_minor = balance_minor + ?, refundable_minor = refundable_minor + ? "
                           "WHERE id = ?"_s,
                           {deltaMinor, refundableDeltaMinor, memberId}));
}

Status AccountRepository::setMemberRefundable(qint64 memberId, qint64 refundableMinor)
{
    return oneRow(Sql::run(m_db.connection(), u"UPDATE members SET refundable_minor = ? WHERE id = ?"_s,
                           {refundableMinor, memberId}));
}

Expected<QList<Department>> AccountRepository::departments() const
{
    return fetchAll(m_db.connection(), u"SELECT "_s + kDepartmentColumns + u" FROM departments d ORDER BY d.id"_s, {},
                    departmentFromRow);
}

Expected<std::optional<Department>> AccountRepository::department(qint64 id) const
{
    return firstOf(fetchAll(m_db.connection(), u"SELECT "_s + kDepartmentColumns + u" FROM departments d WHERE d.id = ?"_s,
                            {id}, departmentFromRow));
}

Expected<QList<qint64>> AccountRepository::departmentChain(std::optional<qint64> departmentId) const
{
    QList<qint64> chain;
    for (std::optional<qint64> current = departmentId; current && !chain.contains(*current);) {
        chain.append(*current);
        auto q = Sql::run(m_db.connection(), u"SELECT parent_id FROM departments WHERE id = ?"_s, {*current});
        if (!q)
            return q.error();
        current = q->next() ? optionalInt64(*q, 0) : std::nullopt;
    }
    return chain;
}

Expected<qint64> AccountRepository::insertDepartment(const Department &d)
{
    auto q = Sql::run(m_db.connection(),
                      u"INSERT INTO departments (name, parent_id, bill_to_parent, balance_minor, auto_stop_threshold_minor, "
                      "created_ms) VALUES (?,?,?,?,?,?)"_s
                          + m_db.dialect().returningIdClause(),
                      {d.name, bindable(d.parentId), d.billToParent ? 1 : 0, d.balanceMinor, d.autoStopThresholdMinor,
                       d.createdMs});
    if (!q)
        return q.error();
    return m_db.dialect().insertedId(*q);
}

Status AccountRepository::updateDepartmentDetails(const Department &d)
{
    return oneRow(Sql::run(m_db.connection(),
                           u"UPDATE departments SET name = ?, bill_to_parent = ?, auto_stop_threshold_minor = ? WHERE id = ?"_s,
                           {d.name, d.billToParent ? 1 : 0, d.autoStopThresholdMinor, d.id}));
}

Status AccountRepository::addToDepartment(qint64 departmentId, qint64 deltaMinor)
{
    return oneRow(Sql::run(m_db.connection(), u"UPDATE departments SET balance_minor = balance_minor + ? WHERE id = ?"_s,
                           {deltaMinor, departmentId}));
}

Expected<qint64> AccountRepository::insertTopUp(const TopUp &t)
{
    auto q = Sql::run(m_db.connection(),
                      u"INSERT INTO topups (member_id, department_id, amount_minor, currency, gateway, gateway_receipt, "
                      "created_by, created_ms) VALUES (?,?,?,?,?,?,?,?)"_s
                          + m_db.dialect().returningIdClause(),
                      {bindable(t.memberId), bindable(t.departmentId), t.amountMinor, t.currency, t.gateway, t.receipt,
                       t.createdBy, t.createdMs});
    if (!q)
        return q.error();
    return m_db.dialect().insertedId(*q);
}

Expected<std::optional<TopUp>> AccountRepository::topUp(qint64 id) const
{
    return firstOf(fetchAll(m_db.connection(), u"SELECT "_s + kTopUpColumns + u" FROM topups WHERE id = ?"_s, {id},
                            topUpFromRow));
}

Expected<QList<TopUp>> AccountRepository::topUpsOfMember(qint64 memberId, int limit) const
{
    return fetchAll(m_db.connection(),
                    u"SELECT "_s + kTopUpColumns + u" FROM topups WHERE member_id = ? ORDER BY created_ms DESC, id DESC LIMIT ?"_s,
                    {memberId, qMax(1, limit)}, topUpFromRow);
}

Expected<QList<TopUp>> AccountRepository::topUpsOfDepartment(qint64 departmentId, int limit) const
{
    return fetchAll(m_db.connection(),
                    u"SELECT "_s + kTopUpColumns
                        + u" FROM topups WHERE department_id = ? ORDER BY created_ms DESC, id DESC LIMIT ?"_s,
                    {departmentId, qMax(1, limit)}, topUpFromRow);
}

}  // namespace cd::accounts
