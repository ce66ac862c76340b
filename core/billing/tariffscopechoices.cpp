#include "core/billing/tariffscopechoices.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace cd::billing {

namespace {

ScopeTarget targetFrom(const QSqlQuery &q)
{
    return ScopeTarget{q.value(0).toLongLong(), q.value(1).toString()};
}

Expected<QList<ScopeTarget>> targets(const storage::Database &db, const QString &select)
{
    return storage::fetchAll(db.connection(), select + u" LIMIT ?"_s, {TariffScopeChoices::kMaxPerKind}, targetFrom);
}

}  // namespace

const QList<ScopeTarget> &TariffScopeChoices::of(TariffScope scope) const
{
    static const QList<ScopeTarget> none;
    switch (scope) {
    case TariffScope::Site: return sites;
    case TariffScope::Station: return stations;
    case TariffScope::Department: return departments;
    case TariffScope::Global: break;
    }
    return none;
}

QString TariffScopeChoices::nameOf(TariffScope scope, qint64 id) const
{
    for (const ScopeTarget &target : of(scope)) {
        if (target.id == id)
            return target.name;
    }
    return {};
}

Expected<TariffScopeChoices> TariffScopeChoices::load(const storage::Database &db)
{
    TariffScopeChoices c;
    auto sites = targets(db, u"SELECT id, name FROM sites ORDER BY name, id"_s);
    if (!sites)
        return sites.error();
    auto stations = targets(db, u"SELECT id, charge_point_id FROM stations ORDER BY charge_point_id, id"_s);
    if (!stations)
        return stations.error();
    auto departments = targets(db, u"SELECT id, name FROM departments ORDER BY name, id"_s);
    if (!departments)
        return departments.error();
    c.sites = std::move(*sites);
    c.stations = std::move(*stations);
    c.departments = std::move(*departments);
    return c;
}

}  // namespace cd::billing
