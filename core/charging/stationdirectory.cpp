#include "core/charging/stationdirectory.h"

#include "core/storage/database.h"
#include "core/storage/stationrepository.h"
#include "core/storage/stationstaterepository.h"

#include <QLoggingCategory>

namespace cd::charging {

namespace {

Q_LOGGING_CATEGORY(lcDirectory, "cd.charging.directory")

}  // namespace

ChargingStationDirectory::ChargingStationDirectory(std::shared_ptr<storage::Database> db, ChargingOptions options,
                                                   const Clock &clock)
    : m_db(std::move(db)), m_options(std::move(options)), m_verifier(clock)
{
}

server::Admission ChargingStationDirectory::admit(const server::ConnectionRequest &request)
{
    using server::Admission;
    if (!storage::StationRepository::isValidChargePointId(request.chargePointId))
        return Admission::UnknownStation;
    auto found = storage::StationStateRepository(*m_db).find(request.chargePointId);
    if (!found) {
        // The registry cannot be read: refuse rather than let anyone in.
        qCWarning(lcDirectory, "cannot check %s: %s", qUtf8Printable(request.chargePointId),
                  qUtf8Printable(found.error().message));
        return Admission::Unauthorized;
    }
    if (!found->has_value())
        return m_options.acceptUnknownStations ? Admission::Accept : Admission::UnknownStation;

    const storage::StationState &station = **found;
    if (station.securityProfile >= 2 && !request.tls)
        return Admission::Unauthorized;
    if (station.securityProfile == 3)
        return request.clientCertificateCn == station.chargePointId ? Admission::Accept : Admission::Unauthorized;
    const bool passwordRequired =
        m_options.requireStationPassword || station.securityProfile >= 1 || !station.passwordHash.isEmpty();
    if (!passwordRequired)
        return Admission::Accept;
    if (station.passwordHash.isEmpty() || !request.basicUser || !request.basicPassword
        || *request.basicUser != station.chargePointId)
        return Admission::Unauthorized;
    return m_verifier.verify(station.chargePointId, station.passwordHash, *request.basicPassword) ? Admission::Accept
                                                                                                 : Admission::Unauthorized;
}

}  // namespace cd::charging
