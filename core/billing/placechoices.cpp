#include "core/billing/placechoices.h"

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
    return storage::fetchAll(db.connection(), select + u" LIMIT ?"_s, {PlaceChoices::kMaxPerKind}, targetFrom);
}

}  // namespace

const QList<ScopeTarget> &PlaceChoices::of(TariffScope scope) const
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

QString PlaceChoices::nameOf(TariffScope scope, qint64 id) const
{
    return nameIn(of(scope), id);
}

QString PlaceChoices::nameIn(const QList<ScopeTarget> &targets, qint64 id)
{
    for (const ScopeTarget &target : targets) {
        if (target.id == id)
            return target.name;
    }
    return {};
}

Expected<PlaceChoices> PlaceChoices::load(const storage::Database &db)
{
    PlaceChoices c;
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
    auto subOperators = targets(db, u"SELECT id, name FROM sub_operators ORDER BY name, id"_s);
    if (!subOperators)
        return subOperators.error();
    c.departments = std::move(*departments);
    c.subOperators = std::move(*subOperators);
    return c;
}

}  // namespace cd::billing
