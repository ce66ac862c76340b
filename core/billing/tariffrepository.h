#pragma once
// Tariffs in the database (tables tariffs, tariff_periods; migration 0008 adds tariffs.time_zone),
// versioned, and which tariff a session uses.
//
// Resolution (resolveTariff): among the versions valid at the session's charging start, the most
// specific scope wins: a Department tariff of the session's department — the department card's, else
// the member's department — and, when that department has none, of its parent, grandparent, …
// (the nearest wins: a sub-department inherits its parent's group price); then the Station's; then
// its Site's; then the Global default. Within one scope the newest valid version wins (validFrom, id).

#include "core/access/actor.h"
#include "core/billing/tariff.h"
#include "core/common/clock.h"
#include "core/common/expected.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace cd::storage {
class Database;
}

namespace cd::billing {

// Where a session ran and who paid: what resolution matches tariffs against.
struct TariffTarget {
    QList<qint64> departmentIds;  // the session's department first, then its parents (nearest first)
    std::optional<qint64> stationId;
    std::optional<qint64> siteId;
};

// Pure: the tariff of `candidates` that applies to `target` at `atMs` (see above); nullopt: none.
std::optional<Tariff> resolveTariff(const QList<Tariff> &candidates, const TariffTarget &target, qint64 atMs);

class TariffRepository {
    Q_DECLARE_TR_FUNCTIONS(cd::billing::TariffRepository)
public:
    explicit TariffRepository(const storage::Database &db, const Clock &clock = Clock::system());

    Expected<std::optional<Tariff>> find(qint64 id) const;
    // The newest version of every tariff chain (valid now or later, or the last one that ended),
    // by scope then name; with history, every version, newest first.
    Expected<QList<Tariff>> list(bool withHistory = false) const;
    // The version chain of the tariff `id` belongs to, oldest first.
    Expected<QList<Tariff>> history(qint64 id) const;
    // Every version valid at `atMs`.
    Expected<QList<Tariff>> validAt(qint64 atMs) const;

    // Saves after validate(): `tariff.id == 0` starts a new chain (version 1; only one chain per
    // scope and scope id: an error if one is in force); otherwise a new version of the newest
    // version `tariff.id` (same scope; version + 1, supersedes it, valid from tariff.validFromMs or
    // now when 0, which must be after the previous version's start; the previous version's validTo
    // becomes that time). Audited (action "tariff.create" / "tariff.version"). Opens its own
    // transaction. The stored tariff (with id, version, times).
    // save and retire need Permission::TariffsEdit (ExitCode::Forbidden otherwise; nothing written).
    Expected<Tariff> save(const Tariff &tariff, const access::Actor &actor, const QString &reason);
    // Ends a chain: the newest version `id` stops being valid at `atMs` (no successor). Audited.
    Status retire(qint64 id, qint64 atMs, const access::Actor &actor, const QString &reason);

    // Where the session ran and who paid: its department (or its member's) with the parents, its
    // station and the station's site.
    Expected<TariffTarget> targetForSession(qint64 sessionId) const;
    // The same from the session's columns: the department (else the member's), the station.
    Expected<TariffTarget> targetFor(qint64 stationId, std::optional<qint64> departmentId,
                                     std::optional<qint64> memberId) const;
    // resolveTariff over validAt(atMs).
    Expected<std::optional<Tariff>> resolve(const TariffTarget &target, qint64 atMs) const;

private:
    Expected<QList<Tariff>> select(const QString &where, const QVariantList &values, const QString &order) const;
    Status insertPeriods(qint64 tariffId, const QList<TariffPeriod> &periods);

    const storage::Database &m_db;
    const Clock &m_clock;
};

}  // namespace cd::billing
