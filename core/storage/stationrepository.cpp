#include "core/storage/stationrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>
#include <QVariant>

namespace cd::storage {

namespace {

// With the site's name (a station may have none).
const QString kColumns = QStringLiteral(
    "st.id, st.charge_point_id, st.name, st.vendor, st.model, st.firmware, st.serial_number, st.address, "
    "st.latitude, st.longitude, st.hidden, st.protocol, st.registration_status, st.last_boot_ms, "
    "st.last_heartbeat_ms, st.created_ms, st.site_id, si.name");
const QString kFrom = QStringLiteral(" FROM stations st LEFT JOIN sites si ON si.id = st.site_id");

Station fromRow(const QSqlQuery &q)
{
    Station s;
    s.id = q.value(0).toLongLong();
    s.chargePointId = q.value(1).toString();
    s.name = q.value(2).toString();
    s.vendor = q.value(3).toString();
    s.model = q.value(4).toString();
    s.firmware = q.value(5).toString();
    s.serialNumber = q.value(6).toString();
    s.address = q.value(7).toString();
    if (!q.isNull(8))
        s.latitude = q.value(8).toDouble();
    if (!q.isNull(9))
        s.longitude = q.value(9).toDouble();
    s.hidden = q.value(10).toInt() != 0;
    s.protocol = q.value(11).toString();
    s.registrationStatus = q.value(12).toString();
    if (!q.isNull(13))
        s.lastBootMs = q.value(13).toLongLong();
    if (!q.isNull(14))
        s.lastHeartbeatMs = q.value(14).toLongLong();
    s.createdMs = q.value(15).toLongLong();
    if (!q.isNull(16))
        s.siteId = q.value(16).toLongLong();
    s.siteName = q.value(17).toString();
    return s;
}

}  // namespace

StationRepository::StationRepository(const Database &db, const Clock &clock) : m_db(db), m_clock(clock) {}

bool StationRepository::isValidChargePointId(const QString &id)
{
    if (id.isEmpty() || id.size() > 48)
        return false;
    for (const QChar c : id) {
        if (c.unicode() < 0x21 || c.unicode() > 0x7e || c == u'/' || c == u'?' || c == u'#' || c == u'%')
            return false;
    }
    return true;
}

Expected<qint64> StationRepository::add(const Station &station)
{
    if (!isValidChargePointId(station.chargePointId))
        return Error{ExitCode::Usage, tr("\"%1\" is not a valid charge point id: use 1 to 48 printable characters "
                                         "without spaces, '/', '?', '#' or '%'.")
                                          .arg(station.chargePointId.left(60))};
    if (Status location = checkLocation(station.latitude, station.longitude); !location)
        return location.error();

    const QSqlDatabase db = m_db.connection();
    auto existing = find(station.chargePointId);
    if (!existing)
        return existing.error();
    if (existing->has_value())
        return Error{ExitCode::Failure, tr("A station with the id %1 already exists.").arg(station.chargePointId)};

    auto query = Sql::run(db,
                          QStringLiteral("INSERT INTO stations (charge_point_id, name, vendor, model, firmware, "
                                         "serial_number, address, latitude, longitude, hidden, protocol, "
                                         "registration_status, created_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")
                              + m_db.dialect().returningIdClause(),
                          {station.chargePointId, station.name, station.vendor, station.model, station.firmware,
                           station.serialNumber, station.address, bindable(station.latitude),
                           bindable(station.longitude), station.hidden ? 1 : 0, station.protocol,
                           station.registrationStatus, m_clock.nowMs()});
    if (!query)
        return query.error();
    return m_db.dialect().insertedId(*query);
}

Expected<std::optional<Station>> StationRepository::find(const QString &chargePointId) const
{
    auto query = Sql::run(m_db.connection(),
                          QStringLiteral("SELECT ") + kColumns + kFrom + QStringLiteral(" WHERE st.charge_point_id = ?"),
                          {chargePointId});
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<Station>();
    return std::optional<Station>(fromRow(*query));
}

Expected<QList<Station>> StationRepository::list(const StationFilter &filter) const
{
    QString sql = QStringLiteral("SELECT ") + kColumns + kFrom + QStringLiteral(" WHERE 1 = 1");
    QVariantList values;
    if (!filter.includeHidden)
        sql += QStringLiteral(" AND st.hidden = 0");
    if (!filter.search.isEmpty()) {
        sql += QStringLiteral(" AND (LOWER(st.charge_point_id) LIKE ? OR LOWER(st.name) LIKE ? OR LOWER(st.vendor) LIKE ?"
                              " OR LOWER(st.model) LIKE ?)");
        const QString pattern = u'%' + filter.search.toLower() + u'%';
        values << pattern << pattern << pattern << pattern;
    }
    sql += QStringLiteral(" ORDER BY st.charge_point_id LIMIT ? OFFSET ?");
    values << filter.limit << filter.offset;
    auto query = Sql::run(m_db.connection(), sql, values);
    if (!query)
        return query.error();
    QList<Station> out;
    while (query->next())
        out.append(fromRow(*query));
    return out;
}

Status StationRepository::checkLocation(std::optional<double> latitude, std::optional<double> longitude)
{
    if (latitude && !(*latitude >= -90.0 && *latitude <= 90.0))
        return Error{ExitCode::Usage, tr("Latitude must be between -90 and 90.")};
    if (longitude && !(*longitude >= -180.0 && *longitude <= 180.0))
        return Error{ExitCode::Usage, tr("Longitude must be between -180 and 180.")};
    return {};
}

Expected<Station> StationRepository::setLocation(const QString &chargePointId, std::optional<double> latitude,
                                                 std::optional<double> longitude)
{
    if (latitude.has_value() != longitude.has_value())
        return Error{ExitCode::Usage, tr("Give both the latitude and the longitude, or neither.")};
    if (Status location = checkLocation(latitude, longitude); !location)
        return location.error();
    auto before = find(chargePointId);
    if (!before)
        return before.error();
    if (!before->has_value())
        return Error{ExitCode::Failure, tr("No station with the id %1.").arg(chargePointId)};
    auto query = Sql::run(m_db.connection(), QStringLiteral("UPDATE stations SET latitude = ?, longitude = ? WHERE id = ?"),
                          {bindable(latitude), bindable(longitude), (*before)->id});
    if (!query)
        return query.error();
    return **before;
}

Status StationRepository::setHidden(qint64 id, bool hidden)
{
    auto query = Sql::run(m_db.connection(), QStringLiteral("UPDATE stations SET hidden = ? WHERE id = ?"),
                          {hidden ? 1 : 0, id});
    if (!query)
        return query.error();
    if (query->numRowsAffected() != 1)
        return Error{ExitCode::Failure, tr("No station with the internal id %1.").arg(id)};
    return {};
}

}  // namespace cd::storage
