#pragma once
// Stations as the operator registers them and as they describe themselves at boot.

#include "core/common/clock.h"
#include "core/common/expected.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace cd::storage {

class Database;

struct Station {
    qint64 id = 0;
    QString chargePointId;
    QString name;
    QString vendor;
    QString model;
    QString firmware;
    QString serialNumber;
    QString address;
    std::optional<double> latitude;
    std::optional<double> longitude;
    bool hidden = false;  // off the map; still in history and reports
    std::optional<qint64> siteId;
    QString siteName;     // read only (set through SiteRepository::setStationSite)
    QString protocol;
    QString registrationStatus = QStringLiteral("Pending");
    std::optional<qint64> lastBootMs;
    std::optional<qint64> lastHeartbeatMs;
    qint64 createdMs = 0;
};

struct StationFilter {
    bool includeHidden = true;  // hidden stations stay in history and reports
    QString search;             // substring of charge point id, name, vendor or model
    int limit = 1000;
    int offset = 0;
};

class StationRepository {
    Q_DECLARE_TR_FUNCTIONS(cd::storage::StationRepository)
public:
    explicit StationRepository(const Database &db, const Clock &clock = Clock::system());

    // Charge point ids come from stations and operators alike: 1..48 printable ASCII
    // characters, no '/', as the OCPP-J URL path segment allows.
    static bool isValidChargePointId(const QString &id);

    Expected<qint64> add(const Station &station);
    Expected<std::optional<Station>> find(const QString &chargePointId) const;
    Expected<QList<Station>> list(const StationFilter &filter = {}) const;
    Status setHidden(qint64 id, bool hidden);
    // Where the station stands (both or neither: nullopt clears it); returns where it stood.
    Expected<Station> setLocation(const QString &chargePointId, std::optional<double> latitude,
                                  std::optional<double> longitude);
    // An error for a latitude or longitude off the globe.
    static Status checkLocation(std::optional<double> latitude, std::optional<double> longitude);

private:
    const Database &m_db;
    const Clock &m_clock;
};

}  // namespace cd::storage
