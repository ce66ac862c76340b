#include "core/storage/stationstaterepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>
#include <QVariant>

namespace cd::storage {

namespace {

const QString kColumns = QStringLiteral(
    "id, charge_point_id, name, hidden, protocol, registration_status, security_profile, auth_password_hash, "
    "vendor, model, serial_number, charge_box_serial_number, firmware, iccid, imsi, meter_type, meter_serial_number, "
    "last_boot_ms, last_heartbeat_ms, connected_since_ms, disconnected_ms, created_ms");

StationState fromRow(const QSqlQuery &q)
{
    StationState s;
    s.id = q.value(0).toLongLong();
    s.chargePointId = q.value(1).toString();
    s.name = q.value(2).toString();
    s.hidden = q.value(3).toInt() != 0;
    s.protocol = q.value(4).toString();
    s.registrationStatus = q.value(5).toString();
    s.securityProfile = q.value(6).toInt();
    s.passwordHash = q.value(7).toString();
    s.identity.vendor = q.value(8).toString();
    s.identity.model = q.value(9).toString();
    s.identity.serialNumber = q.value(10).toString();
    s.identity.chargeBoxSerialNumber = q.value(11).toString();
    s.identity.firmware = q.value(12).toString();
    s.identity.iccid = q.value(13).toString();
    s.identity.imsi = q.value(14).toString();
    s.identity.meterType = q.value(15).toString();
    s.identity.meterSerialNumber = q.value(16).toString();
    s.lastBootMs = optionalInt64(q, 17);
    s.lastHeartbeatMs = optionalInt64(q, 18);
    s.connectedSinceMs = optionalInt64(q, 19);
    s.disconnectedMs = optionalInt64(q, 20);
    s.createdMs = q.value(21).toLongLong();
    return s;
}

Status expectOneRow(Expected<QSqlQuery> &query, qint64 id)
{
    if (!query)
        return query.error();
    if (query->numRowsAffected() != 1)
        return Error{ExitCode::Failure, StationStateRepository::tr("No station with the internal id %1.").arg(id)};
    return {};
}

}  // namespace

StationStateRepository::StationStateRepository(const Database &db) : m_db(db) {}

Expected<std::optional<StationState>> StationStateRepository::find(const QString &chargePointId) const
{
    auto query = Sql::run(m_db.connection(),
                          QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM stations WHERE charge_point_id = ?"),
                          {chargePointId});
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<StationState>();
    return std::optional<StationState>(fromRow(*query));
}

Expected<std::optional<StationState>> StationStateRepository::findById(qint64 id) const
{
    auto query = Sql::run(m_db.connection(), QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM stations WHERE id = ?"),
                          {id});
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<StationState>();
    return std::optional<StationState>(fromRow(*query));
}

Expected<QHash<qint64, StationState>> StationStateRepository::all() const
{
    auto query = Sql::run(m_db.connection(), QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM stations"));
    if (!query)
        return query.error();
    QHash<qint64, StationState> out;
    while (query->next()) {
        StationState state = fromRow(*query);
        out.insert(state.id, std::move(state));
    }
    return out;
}

Expected<qint64> StationStateRepository::registerUnknown(const QString &chargePointId, const QString &registrationStatus,
                                                         const QString &protocol, qint64 nowMs)
{
    auto query = Sql::run(m_db.connection(),
                          QStringLiteral("INSERT INTO stations (charge_point_id, protocol, registration_status, created_ms) "
                                         "VALUES (?,?,?,?)")
                              + m_db.dialect().returningIdClause(),
                          {chargePointId, protocol, registrationStatus, nowMs});
    if (!query)
        return query.error();
    return m_db.dialect().insertedId(*query);
}

Status StationStateRepository::recordBoot(qint64 id, const StationIdentity &identity, qint64 atMs)
{
    auto query = Sql::run(m_db.connection(),
                          QStringLiteral("UPDATE stations SET vendor = ?, model = ?, serial_number = ?, "
                                         "charge_box_serial_number = ?, firmware = ?, iccid = ?, imsi = ?, meter_type = ?, "
                                         "meter_serial_number = ?, last_boot_ms = ? WHERE id = ?"),
                          {identity.vendor, identity.model, identity.serialNumber, identity.chargeBoxSerialNumber,
                           identity.firmware, identity.iccid, identity.imsi, identity.meterType,
                           identity.meterSerialNumber, atMs, id});
    return expectOneRow(query, id);
}

Status StationStateRepository::recordHeartbeat(qint64 id, qint64 atMs)
{
    auto query = Sql::run(m_db.connection(), QStringLiteral("UPDATE stations SET last_heartbeat_ms = ? WHERE id = ?"),
                          {atMs, id});
    return expectOneRow(query, id);
}

Status StationStateRepository::setRegistrationStatus(qint64 id, const QString &status)
{
    auto query = Sql::run(m_db.connection(), QStringLiteral("UPDATE stations SET registration_status = ? WHERE id = ?"),
                          {status, id});
    return expectOneRow(query, id);
}

Status StationStateRepository::setConnected(qint64 id, qint64 sinceMs, const QString &protocol)
{
    auto query = Sql::run(m_db.connection(),
                          QStringLiteral("UPDATE stations SET connected_since_ms = ?, disconnected_ms = NULL, protocol = ? "
                                         "WHERE id = ?"),
                          {sinceMs, protocol, id});
    return expectOneRow(query, id);
}

Expected<bool> StationStateRepository::setDisconnected(qint64 id, qint64 connectionSinceMs, qint64 atMs)
{
    auto query = Sql::run(m_db.connection(),
                          QStringLiteral("UPDATE stations SET connected_since_ms = NULL, disconnected_ms = ? "
                                         "WHERE id = ? AND connected_since_ms = ?"),
                          {atMs, id, connectionSinceMs});
    if (!query)
        return query.error();
    return query->numRowsAffected() > 0;
}

Expected<int> StationStateRepository::markAllOffline(qint64 atMs)
{
    auto query = Sql::run(m_db.connection(),
                          QStringLiteral("UPDATE stations SET connected_since_ms = NULL, disconnected_ms = ? "
                                         "WHERE connected_since_ms IS NOT NULL"),
                          {atMs});
    if (!query)
        return query.error();
    return query->numRowsAffected();
}

Status StationStateRepository::setCredentials(const QString &chargePointId, int securityProfile,
                                              const QString &passwordHash)
{
    if (securityProfile < 0 || securityProfile > 3)
        return Error{ExitCode::Usage, tr("The security profile must be 0, 1, 2 or 3.")};
    auto query = Sql::run(m_db.connection(),
                          QStringLiteral("UPDATE stations SET security_profile = ?, auth_password_hash = ? "
                                         "WHERE charge_point_id = ?"),
                          {securityProfile, passwordHash.isEmpty() ? QVariant() : QVariant(passwordHash), chargePointId});
    if (!query)
        return query.error();
    if (query->numRowsAffected() != 1)
        return Error{ExitCode::Failure, tr("No station with the id %1.").arg(chargePointId)};
    return {};
}

}  // namespace cd::storage
