#pragma once
// The places a tariff or a coupon rule can be limited to, for the pickers of the tariff editor and
// the coupon rule dialog: sites, stations, departments and sub-operators by name, so the operator
// never types an id.

#include "core/billing/tariff.h"
#include "core/common/expected.h"

#include <QList>
#include <QString>

namespace cd::storage {
class Database;
}

namespace cd::billing {

struct ScopeTarget {
    qint64 id = 0;
    QString name;  // a site's, department's or sub-operator's name, a station's charge point id
};

struct PlaceChoices {
    // At most this many of each kind, by name (a network's sites, stations and departments fit).
    static constexpr int kMaxPerKind = 20'000;

    QList<ScopeTarget> sites;
    QList<ScopeTarget> stations;
    QList<ScopeTarget> departments;
    QList<ScopeTarget> subOperators;

    // The targets of a tariff `scope`; empty for the global scope.
    const QList<ScopeTarget> &of(TariffScope scope) const;
    // The name of a target; empty when it is not among the choices.
    QString nameOf(TariffScope scope, qint64 id) const;
    static QString nameIn(const QList<ScopeTarget> &targets, qint64 id);

    static Expected<PlaceChoices> load(const storage::Database &db);
};

}  // namespace cd::billing
