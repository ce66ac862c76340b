#include "core/charging/stationdirectory.h"

#include "core/storage/database.h"
#include "core/storage/stationrepository.h"
#include "core/storage/stationstaterepository.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QThread>

#include <algorithm>

namespace cd::charging {

namespace {

Q_LOGGING_CATEGORY(lcDirectory, "cd.charging.directory")

}  // namespace

ChargingStationDirectory::ChargingStationDirectory(std::shared_ptr<storage::Database> db, ChargingOptions options,
                                                   const Clock &clock)
    : m_db(std::move(db)), m_options(std::move(options)), m_verifier(clock)
{
    // Each Argon2 check takes 64 MiB and a core for ~0.1 s: as many as there are cores, so the
    // checks of a storm finish as fast as the machine allows, and no more.
    m_pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
    m_pool.setObjectName(QStringLiteral("chargedesk-admission"));
}

ChargingStationDirectory::~ChargingStationDirectory()
{
    m_pool.clear();
    m_pool.waitForDone();
}

std::variant<server::Admission, ChargingStationDirectory::PasswordCheck>
ChargingStationDirectory::precheck(const server::ConnectionRequest &request)
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
    // A client certificate the server verified (profile 3) whose CN is the station id identifies
    // the station as well as a password would: no Basic auth asked on top.
    if (request.tls && !request.clientCertificateCn.isEmpty() && request.clientCertificateCn == station.chargePointId)
        return Admission::Accept;
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
    return PasswordCheck{station.chargePointId, station.passwordHash, *request.basicPassword};
}

server::Admission ChargingStationDirectory::admit(const server::ConnectionRequest &request)
{
    auto step = precheck(request);
    if (const auto *decided = std::get_if<server::Admission>(&step))
        return *decided;
    const PasswordCheck &check = std::get<PasswordCheck>(step);
    return m_verifier.verify(check.principal, check.storedHash, check.password) ? server::Admission::Accept
                                                                                : server::Admission::Unauthorized;
}

void ChargingStationDirectory::admitAsync(const server::ConnectionRequest &request, QObject *context, Decision decide)
{
    using server::Admission;
    auto step = precheck(request);
    if (const auto *decided = std::get_if<Admission>(&step)) {
        decide(*decided);
        return;
    }
    PasswordCheck check = std::get<PasswordCheck>(std::move(step));
    if (const std::optional<bool> known = m_verifier.cachedAnswer(check.principal, check.storedHash, check.password)) {
        decide(*known ? Admission::Accept : Admission::Unauthorized);
        return;
    }
    // `context` is only looked at on its own thread (m_home's), where it is also deleted.
    m_pool.start([this, check = std::move(check), context = QPointer<QObject>(context), decide = std::move(decide)] {
        const bool ok = m_verifier.verify(check.principal, check.storedHash, check.password);
        QMetaObject::invokeMethod(&m_home, [context, decide, ok] {
            if (context)
                decide(ok ? Admission::Accept : Admission::Unauthorized);
        });
    });
}

}  // namespace cd::charging
