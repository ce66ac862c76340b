#pragma once
// What a tariff can apply to, for the tariff editor's picker: sites, stations and departments by
// name, so the operator never types an id.

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
    QString name;  // a site's or department's name, a station's charge point id
};

struct TariffScopeChoices {
    // At most this many of each kind, by name (a network's sites, stations and departments fit).
    static constexpr int kMaxPerKind = 20'000;

    QList<ScopeTarget> sites;
    QList<ScopeTarget> stations;
    QList<ScopeTarget> departments;

    // The targets of `scope`; empty for the global scope.
    const QList<ScopeTarget> &of(TariffScope scope) const;
    // The name of a target; empty when it is not among the choices.
    QString nameOf(TariffScope scope, qint64 id) const;

    static Expected<TariffScopeChoices> load(const storage::Database &db);
};

}  // namespace cd::billing
