#include "core/charging/stationplacement.h"

#include "core/access/auditedchange.h"
#include "core/storage/database.h"
#include "core/storage/stationrepository.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace cd::charging {

namespace {

QJsonValue valueOf(std::optional<qint64> v)
{
    return v ? QJsonValue(*v) : QJsonValue();
}

QJsonValue valueOf(std::optional<double> v)
{
    return v ? QJsonValue(*v) : QJsonValue();
}

}  // namespace

StationPlacement::StationPlacement(const storage::Database &db) : m_db(db) {}

Expected<QList<storage::SiteRow>> StationPlacement::sites() const
{
    return storage::SiteRepository(m_db).sites();
}

Expected<storage::AuditEntry> StationPlacement::setSite(const access::Actor &actor, const QString &chargePointId,
                                                        std::optional<qint64> siteId, const QString &reason)
{
    return access::auditedChange(m_db, actor, access::Permission::StationsEdit, reason,
                                 [&]() -> Expected<storage::AuditEntry> {
                                     auto was = storage::SiteRepository(m_db).setStationSite(chargePointId, siteId);
                                     if (!was)
                                         return was.error();
                                     return access::changeEntry(
                                         u"station.set_site"_s, u"station"_s, chargePointId, {{u"siteId"_s, valueOf(*was)}},
                                         {{u"chargePointId"_s, chargePointId}, {u"siteId"_s, valueOf(siteId)}});
                                 });
}

Expected<storage::AuditEntry> StationPlacement::setLocation(const access::Actor &actor, const QString &chargePointId,
                                                            std::optional<double> latitude,
                                                            std::optional<double> longitude, const QString &reason)
{
    return access::auditedChange(
        m_db, actor, access::Permission::StationsEdit, reason, [&]() -> Expected<storage::AuditEntry> {
            auto was = storage::StationRepository(m_db).setLocation(chargePointId, latitude, longitude);
            if (!was)
                return was.error();
            return access::changeEntry(u"station.set_location"_s, u"station"_s, chargePointId,
                                       {{u"latitude"_s, valueOf(was->latitude)}, {u"longitude"_s, valueOf(was->longitude)}},
                                       {{u"chargePointId"_s, chargePointId},
                                        {u"latitude"_s, valueOf(latitude)},
                                        {u"longitude"_s, valueOf(longitude)}});
        });
}

}  // namespace cd::charging
