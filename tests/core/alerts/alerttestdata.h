#pragma once
// Rows the alert rules read, written straight into a test database: stations, connectors,
// sessions, session events, meter samples, commands.

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>
#include <QVariant>

namespace cd::test::alerts {

inline qint64 insert(const storage::Database &db, const QString &sql, const QVariantList &values)
{
    auto q = storage::Sql::run(db.connection(), sql + db.dialect().returningIdClause(), values);
    return q ? db.dialect().insertedId(*q) : 0;
}

inline bool exec(const storage::Database &db, const QString &sql, const QVariantList &values = {})
{
    return storage::Sql::run(db.connection(), sql, values).ok();
}

inline QVariant scalar(const storage::Database &db, const QString &sql, const QVariantList &values = {})
{
    auto q = storage::Sql::run(db.connection(), sql, values);
    return q && q->next() ? q->value(0) : QVariant();
}

inline qint64 addStation(const storage::Database &db, const QString &cpid, std::optional<qint64> connectedMs,
                         std::optional<qint64> disconnectedMs, qint64 createdMs)
{
    return insert(db,
                  QStringLiteral("INSERT INTO stations (charge_point_id, protocol, connected_since_ms, disconnected_ms, "
                                 "last_heartbeat_ms, created_ms) VALUES (?, 'ocpp1.6', ?, ?, ?, ?)"),
                  {cpid, connectedMs ? QVariant(*connectedMs) : QVariant(),
                   disconnectedMs ? QVariant(*disconnectedMs) : QVariant(),
                   connectedMs ? QVariant(*connectedMs) : QVariant(), createdMs});
}

inline qint64 addConnector(const storage::Database &db, qint64 stationId, int connector, const QString &status,
                           qint64 atMs, const QString &errorCode = {})
{
    return insert(db,
                  QStringLiteral("INSERT INTO connectors (station_id, evse_id, connector_id, status, error_code, "
                                 "status_at_ms, status_received_ms) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                  {stationId, connector, connector, status, errorCode, atMs, atMs});
}

inline qint64 addSession(const storage::Database &db, qint64 stationId, int connector, const QString &number,
                         const QString &status, qint64 atMs)
{
    return insert(db,
                  QStringLiteral("INSERT INTO sessions (session_number, station_id, evse_id, connector_id, status, "
                                 "created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                  {number, stationId, connector, connector, status, atMs, atMs});
}

inline qint64 addSessionEvent(const storage::Database &db, qint64 sessionId, const QString &kind, const QString &detail,
                              qint64 atMs)
{
    return insert(db, QStringLiteral("INSERT INTO session_events (session_id, at_ms, kind, detail) VALUES (?, ?, ?, ?)"),
                  {sessionId, atMs, kind, detail});
}

inline qint64 addRegister(const storage::Database &db, qint64 stationId, int connector, std::optional<qint64> sessionId,
                          qint64 wh, qint64 atMs)
{
    return insert(db,
                  QStringLiteral("INSERT INTO meter_samples (session_id, station_id, evse_id, connector_id, station_at_ms, "
                                 "received_ms, measurand, unit, value_milli) "
                                 "VALUES (?, ?, ?, ?, ?, ?, 'Energy.Active.Import.Register', 'Wh', ?)"),
                  {sessionId ? QVariant(*sessionId) : QVariant(), stationId, connector, connector, atMs, atMs, wh * 1000});
}

inline qint64 addStartCommand(const storage::Database &db, qint64 stationId, const QString &cpid, int connector,
                              const QString &state, const QString &result, qint64 completedMs)
{
    return insert(db,
                  QStringLiteral("INSERT INTO commands (station_id, charge_point_id, action, payload, requested_by, "
                                 "requested_ms, state, completed_ms, result) "
                                 "VALUES (?, ?, 'RemoteStartTransaction', ?, 'Оксана', ?, ?, ?, ?)"),
                  {stationId, cpid, QStringLiteral("{\"connectorId\":%1,\"idTag\":\"CARD1\"}").arg(connector),
                   completedMs - 500, state, completedMs, result});
}

}  // namespace cd::test::alerts
