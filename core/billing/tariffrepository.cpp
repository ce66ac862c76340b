#include "core/billing/tariffrepository.h"

#include "core/access/accessguard.h"

#include "core/billing/billinput.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <nlohmann/json.hpp>

#include <QDateTime>
#include <QTimeZone>

#include <algorithm>

namespace cd::billing {

using storage::Sql;

namespace {

const QString kColumns = QStringLiteral(
    "t.id, t.name, t.scope_type, t.scope_id, t.version, t.supersedes_id, t.valid_from_ms, t.valid_to_ms, t.currency, "
    "t.time_zone, t.energy_price_minor_per_kwh, t.service_fee_minor_per_kwh, t.idle_fee_minor_per_min, "
    "t.idle_free_minutes, t.created_by, t.created_ms");

// The newest version of a chain: nothing supersedes it.
const QString kNewest = QStringLiteral("NOT EXISTS (SELECT 1 FROM tariffs n WHERE n.supersedes_id = t.id)");

Tariff tariffFromRow(const QSqlQuery &q)
{
    Tariff t;
    t.id = q.value(0).toLongLong();
    t.name = q.value(1).toString();
    t.scope = TariffText::scopeFromName(q.value(2).toString()).value_or(TariffScope::Global);
    t.scopeId = q.isNull(3) ? 0 : q.value(3).toLongLong();
    t.version = q.value(4).toInt();
    t.supersedesId = storage::optionalInt64(q, 5);
    t.validFromMs = q.value(6).toLongLong();
    t.validToMs = storage::optionalInt64(q, 7);
    t.currency = q.value(8).toString();
    t.timeZone = q.value(9).toString();
    t.energyPriceMinorPerKwh = q.value(10).toLongLong();
    t.serviceFeeMinorPerKwh = q.value(11).toLongLong();
    t.idleFeeMinorPerMinute = q.value(12).toLongLong();
    t.idleFreeMinutes = q.value(13).toInt();
    t.createdBy = q.value(14).toString();
    t.createdMs = q.value(15).toLongLong();
    return t;
}

int scopeRank(TariffScope scope)
{
    switch (scope) {
    case TariffScope::Department: return 0;
    case TariffScope::Station: return 1;
    case TariffScope::Site: return 2;
    case TariffScope::Global: return 3;
    }
    return 3;
}

QString dump(const Tariff &t)
{
    return QString::fromStdString(toJson(t).dump());
}

}  // namespace

std::optional<Tariff> resolveTariff(const QList<Tariff> &candidates, const TariffTarget &target, qint64 atMs)
{
    // (scope rank, department distance) → lower is more specific.
    std::optional<Tariff> best;
    std::pair<int, int> bestKey{1000, 1000};
    for (const Tariff &t : candidates) {
        if (!t.validAt(atMs))
            continue;
        std::pair<int, int> key{scopeRank(t.scope), 0};
        switch (t.scope) {
        case TariffScope::Department: {
            const qsizetype distance = target.departmentIds.indexOf(t.scopeId);
            if (distance < 0)
                continue;
            key.second = int(distance);
            break;
        }
        case TariffScope::Station:
            if (!target.stationId || *target.stationId != t.scopeId)
                continue;
            break;
        case TariffScope::Site:
            if (!target.siteId || *target.siteId != t.scopeId)
                continue;
            break;
        case TariffScope::Global:
            break;
        }
        const bool newer = best && key == bestKey
            && (t.validFromMs > best->validFromMs || (t.validFromMs == best->validFromMs && t.id > best->id));
        if (!best || key < bestKey || newer) {
            best = t;
            bestKey = key;
        }
    }
    return best;
}

TariffRepository::TariffRepository(const storage::Database &db, const Clock &clock) : m_db(db), m_clock(clock) {}

Expected<QList<Tariff>> TariffRepository::select(const QString &where, const QVariantList &values, const QString &order) const
{
    auto rows = storage::fetchAll<Tariff>(m_db.connection(),
                                          QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM tariffs t")
                                              + (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where)
                                              + (order.isEmpty() ? QString() : QStringLiteral(" ORDER BY ") + order),
                                          values, &tariffFromRow);
    if (!rows)
        return rows.error();
    for (Tariff &t : *rows) {
        auto q = Sql::run(m_db.connection(),
                          QStringLiteral("SELECT kind, start_minute, end_minute, energy_price_minor_per_kwh FROM tariff_periods "
                                         "WHERE tariff_id = ? ORDER BY id"),
                          {t.id});
        if (!q)
            return q.error();
        while (q->next()) {
            t.periods.append({TariffText::periodKindFromName(q->value(0).toString()).value_or(PeriodKind::Flat),
                              q->value(1).toInt(), q->value(2).toInt(), q->value(3).toLongLong()});
        }
    }
    return rows;
}

Expected<std::optional<Tariff>> TariffRepository::find(qint64 id) const
{
    return storage::firstOf(select(QStringLiteral("t.id = ?"), {id}, {}));
}

Expected<QList<Tariff>> TariffRepository::list(bool withHistory) const
{
    if (withHistory)
        return select({}, {}, QStringLiteral("t.valid_from_ms DESC, t.id DESC"));
    auto rows = select(kNewest, {}, QStringLiteral("t.name, t.id"));
    if (!rows)
        return rows;
    std::stable_sort(rows->begin(), rows->end(),
                     [](const Tariff &a, const Tariff &b) { return int(a.scope) < int(b.scope); });
    return rows;
}

Expected<QList<Tariff>> TariffRepository::history(qint64 id) const
{
    auto start = find(id);
    if (!start)
        return start.error();
    if (!start->has_value())
        return QList<Tariff>();
    QList<Tariff> chain{**start};
    // Back to version 1, then forward along the successors.
    while (chain.constFirst().supersedesId) {
        auto prev = find(*chain.constFirst().supersedesId);
        if (!prev)
            return prev.error();
        if (!prev->has_value())
            break;
        chain.prepend(**prev);
    }
    for (int guard = 0; guard < 100000; ++guard) {
        auto next = storage::firstOf(select(QStringLiteral("t.supersedes_id = ?"), {chain.constLast().id}, QStringLiteral("t.id")));
        if (!next)
            return next.error();
        if (!next->has_value())
            break;
        chain.append(**next);
    }
    return chain;
}

Expected<QList<Tariff>> TariffRepository::validAt(qint64 atMs) const
{
    return select(QStringLiteral("t.valid_from_ms <= ? AND (t.valid_to_ms IS NULL OR t.valid_to_ms > ?)"), {atMs, atMs},
                  QStringLiteral("t.id"));
}

Status TariffRepository::insertPeriods(qint64 tariffId, const QList<TariffPeriod> &periods)
{
    for (const TariffPeriod &p : periods) {
        auto q = Sql::run(m_db.connection(),
                          QStringLiteral("INSERT INTO tariff_periods (tariff_id, kind, start_minute, end_minute, "
                                         "energy_price_minor_per_kwh) VALUES (?,?,?,?,?)"),
                          {tariffId, TariffText::periodKindName(p.kind), p.startMinute, p.endMinute, p.energyPriceMinorPerKwh});
        if (!q)
            return q.error();
    }
    return {};
}

Expected<Tariff> TariffRepository::save(const Tariff &input, const access::Actor &who, const QString &reason)
{
    const QString actor = who.name();
    if (Status allowed = access::AccessGuard(m_db).require(who, access::Permission::TariffsEdit); !allowed)
        return allowed.error();
    if (const QStringList problems = validate(input); !problems.isEmpty())
        return Error{ExitCode::Usage, problems.join(u'\n')};
    const qint64 now = m_clock.nowMs();
    Tariff t = input;
    t.createdBy = actor;
    t.createdMs = now;
    if (t.validFromMs <= 0)
        t.validFromMs = now;
    storage::Transaction tx(m_db.connection());
    if (Status st = tx.begin(); !st)
        return st.error();
    std::optional<Tariff> previous;
    if (input.id == 0) {
        auto existing = select(QStringLiteral("t.scope_type = ? AND COALESCE(t.scope_id, 0) = ? AND "
                                              "(t.valid_to_ms IS NULL OR t.valid_to_ms > ?) AND ")
                                   + kNewest,
                               {TariffText::scopeName(t.scope), t.scopeId, now}, QStringLiteral("t.id"));
        if (!existing)
            return existing.error();
        if (!existing->isEmpty()) {
            return Error{ExitCode::Usage, tr("Tariff %1 (\"%2\") already applies to this scope: save a new version of it "
                                             "instead.")
                                              .arg(existing->constFirst().id)
                                              .arg(existing->constFirst().name)};
        }
        t.version = 1;
        t.supersedesId.reset();
    } else {
        auto found = find(input.id);
        if (!found)
            return found.error();
        if (!found->has_value())
            return Error{ExitCode::Usage, tr("There is no tariff %1.").arg(input.id)};
        previous = **found;
        auto successor = Sql::run(m_db.connection(), QStringLiteral("SELECT id FROM tariffs WHERE supersedes_id = ?"), {input.id});
        if (!successor)
            return successor.error();
        if (successor->next()) {
            return Error{ExitCode::Usage, tr("Version %1 of this tariff has been replaced by tariff %2 already: edit the "
                                             "newest version.")
                                              .arg(previous->version)
                                              .arg(successor->value(0).toLongLong())};
        }
        if (previous->scope != t.scope || previous->scopeId != t.scopeId)
            return Error{ExitCode::Usage, tr("A new version keeps the scope of the tariff: create a new tariff for another scope.")};
        if (t.validFromMs <= previous->validFromMs)
            return Error{ExitCode::Usage, tr("The new version must start after the version it replaces (%1).")
                                              .arg(QDateTime::fromMSecsSinceEpoch(previous->validFromMs, QTimeZone::utc())
                                                       .toString(Qt::ISODate))};
        t.version = previous->version + 1;
        t.supersedesId = previous->id;
        auto closed = Sql::run(m_db.connection(), QStringLiteral("UPDATE tariffs SET valid_to_ms = ? WHERE id = ?"),
                               {t.validFromMs, previous->id});
        if (!closed)
            return closed.error();
    }
    auto q = Sql::run(m_db.connection(),
                      QStringLiteral("INSERT INTO tariffs (name, scope_type, scope_id, version, supersedes_id, valid_from_ms, "
                                     "valid_to_ms, currency, time_zone, energy_price_minor_per_kwh, service_fee_minor_per_kwh, "
                                     "idle_fee_minor_per_min, idle_free_minutes, created_by, created_ms) "
                                     "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                          + m_db.dialect().returningIdClause(),
                      {t.name, TariffText::scopeName(t.scope), t.scope == TariffScope::Global ? QVariant() : QVariant(t.scopeId),
                       t.version, storage::bindable(t.supersedesId), t.validFromMs, storage::bindable(t.validToMs), t.currency,
                       t.timeZone, t.energyPriceMinorPerKwh, t.serviceFeeMinorPerKwh, t.idleFeeMinorPerMinute,
                       t.idleFreeMinutes, t.createdBy, t.createdMs});
    if (!q)
        return q.error();
    t.id = m_db.dialect().insertedId(*q);
    if (Status st = insertPeriods(t.id, t.periods); !st)
        return st.error();
    storage::AuditEntry audit;
    audit.operatorName = actor;
    audit.action = previous ? QStringLiteral("tariff.version") : QStringLiteral("tariff.create");
    audit.entityType = QStringLiteral("tariff");
    audit.entityId = QString::number(t.id);
    audit.reason = reason;
    if (previous) {
        Tariff before = *previous;
        audit.beforeState = dump(before);
    }
    audit.afterState = dump(t);
    if (auto a = storage::AuditLogRepository(m_db, m_clock).append(audit); !a)
        return a.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    if (previous)
        previous->validToMs = t.validFromMs;
    return t;
}

Status TariffRepository::retire(qint64 id, qint64 atMs, const access::Actor &who, const QString &reason)
{
    const QString actor = who.name();
    if (Status allowed = access::AccessGuard(m_db).require(who, access::Permission::TariffsEdit); !allowed)
        return allowed;
    storage::Transaction tx(m_db.connection());
    if (Status st = tx.begin(); !st)
        return st;
    auto found = find(id);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ExitCode::Usage, tr("There is no tariff %1.").arg(id)};
    const Tariff &t = **found;
    auto successor = Sql::run(m_db.connection(), QStringLiteral("SELECT id FROM tariffs WHERE supersedes_id = ?"), {id});
    if (!successor)
        return successor.error();
    if (successor->next())
        return Error{ExitCode::Usage, tr("Tariff %1 has a newer version: end that one.").arg(id)};
    if (atMs <= t.validFromMs)
        return Error{ExitCode::Usage, tr("A tariff can only end after it starts.")};
    auto q = Sql::run(m_db.connection(), QStringLiteral("UPDATE tariffs SET valid_to_ms = ? WHERE id = ?"), {atMs, id});
    if (!q)
        return q.error();
    storage::AuditEntry audit;
    audit.operatorName = actor;
    audit.action = QStringLiteral("tariff.retire");
    audit.entityType = QStringLiteral("tariff");
    audit.entityId = QString::number(id);
    audit.reason = reason;
    audit.beforeState = dump(t);
    Tariff after = t;
    after.validToMs = atMs;
    audit.afterState = dump(after);
    if (auto a = storage::AuditLogRepository(m_db, m_clock).append(audit); !a)
        return a.error();
    return tx.commit();
}

Expected<TariffTarget> TariffRepository::targetForSession(qint64 sessionId) const
{
    auto q = Sql::run(m_db.connection(), QStringLiteral("SELECT station_id, department_id, member_id FROM sessions WHERE id = ?"),
                      {sessionId});
    if (!q)
        return q.error();
    if (!q->next())
        return Error{ExitCode::Failure, tr("There is no session %1.").arg(sessionId)};
    const qint64 stationId = q->value(0).toLongLong();
    const std::optional<qint64> departmentId = storage::optionalInt64(*q, 1);
    const std::optional<qint64> memberId = storage::optionalInt64(*q, 2);
    q->finish();
    return targetFor(stationId, departmentId, memberId);
}

Expected<TariffTarget> TariffRepository::targetFor(qint64 stationId, std::optional<qint64> departmentId,
                                                   std::optional<qint64> memberId) const
{
    TariffTarget target;
    if (stationId > 0) {
        target.stationId = stationId;
        auto q = Sql::run(m_db.connection(), QStringLiteral("SELECT site_id FROM stations WHERE id = ?"), {stationId});
        if (!q)
            return q.error();
        if (q->next())
            target.siteId = storage::optionalInt64(*q, 0);
    }
    std::optional<qint64> department = departmentId;
    if (!department && memberId) {
        auto q = Sql::run(m_db.connection(), QStringLiteral("SELECT department_id FROM members WHERE id = ?"), {*memberId});
        if (!q)
            return q.error();
        if (q->next())
            department = storage::optionalInt64(*q, 0);
    }
    while (department && !target.departmentIds.contains(*department) && target.departmentIds.size() < 64) {
        target.departmentIds.append(*department);
        auto parent = Sql::run(m_db.connection(), QStringLiteral("SELECT parent_id FROM departments WHERE id = ?"), {*department});
        if (!parent)
            return parent.error();
        department = parent->next() ? storage::optionalInt64(*parent, 0) : std::nullopt;
    }
    return target;
}

Expected<std::optional<Tariff>> TariffRepository::resolve(const TariffTarget &target, qint64 atMs) const
{
    auto candidates = validAt(atMs);
    if (!candidates)
        return candidates.error();
    return resolveTariff(*candidates, target, atMs);
}

}  // namespace cd::billing
