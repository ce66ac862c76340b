#pragma once
// Where a station stands: its site (whose meter and partner reports it counts in) and its place
// on the map. What the console's Place station dialog and `chargedesk-cli station set-site |
// set-location` call: Permission::StationsEdit checked in core, each change audited
// ("station.set_site", "station.set_location") in its own transaction with its before and after.

#include "core/access/actor.h"
#include "core/common/expected.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/siterepository.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace cd::storage {
class Database;
}

namespace cd::charging {

class StationPlacement {
    Q_DECLARE_TR_FUNCTIONS(cd::charging::StationPlacement)
public:
    explicit StationPlacement(const storage::Database &db);

    // The sites a station can be put on, by name.
    Expected<QList<storage::SiteRow>> sites() const;

    // nullopt takes the station off its site. Returns the audit entry (its after-state for --json).
    Expected<storage::AuditEntry> setSite(const access::Actor &actor, const QString &chargePointId,
                                          std::optional<qint64> siteId, const QString &reason);
    // Both or neither (neither takes it off the map); on the globe.
    Expected<storage::AuditEntry> setLocation(const access::Actor &actor, const QString &chargePointId,
                                              std::optional<double> latitude, std::optional<double> longitude,
                                              const QString &reason);

private:
    const storage::Database &m_db;
};

}  // namespace cd::charging
