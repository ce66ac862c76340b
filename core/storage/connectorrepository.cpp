#include "core/storage/connectorrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace cd::storage {

namespace {

const QString kConnectorColumns = QStringLiteral(
    "id, station_id, evse_id, connector_id, status, error_code, vendor_error, status_at_ms, status_received_ms");

Connector connectorFromRow(const QSqlQuery &q)
{
    Connector c;
    c.id = q.value(0).toLongLong();
    c.stationId = q.value(1).toLongLong();
    c.evseId = q.value(2).toInt();
    c.connectorId = q.value(3).toInt();
    c.status = q.value(4).toString();
    c.errorCode = q.value(5).toString();
    c.vendorError = q.value(6).toString();
    if (!q.isNull(7))
        c.statusAtMs = q.value(7).toLongLong();
    if (!q.isNull(8))
        c.statusReceivedMs = q.value(8).toLongLong();
    return c;
}

}  // namespace

ConnectorRepository::ConnectorRepository(const Database &db) : m_db(db) {}

Expected<Connector> ConnectorRepository::ensure(qint64 stationId, int evseId, int connectorId)
{
    auto existing = find(stationId, evseId, connectorId);
    if (!existing)
        return existing.error();
    if (existing->has_value())
        return **existing;
    auto query = Sql::run(m_db.connection(),
                          QStringLiteral("INSERT INTO connectors (station_id, evse_id, connector_id, status) VALUES (?,?,?,?)")
                              + m_db.dialect().returningIdClause(),
                          {stationId, evseId, connectorId, QStringLiteral("Unknown")});
    if (!query)
        return query.error();
    Connector c;
    c.id = m_db.dialect().insertedId(*query);
    c.stationId = stationId;
    c.evseId = evseId;
    c.connectorId = connectorId;
    return c;
}

Expected<std::optional<Connector>> ConnectorRepository::find(qint64 stationId, int evseId, int connectorId) const
{
    auto query = Sql::run(m_db.connection(),
                          QStringLiteral("SELECT ") + kConnectorColumns
                              + QStringLiteral(" FROM connectors WHERE station_id = ? AND evse_id = ? AND connector_id = ?"),
                          {stationId, evseId, connectorId});
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<Connector>();
    return std::optional<Connector>(connectorFromRow(*query));
}

Expected<QHash<qint64, QList<Connector>>> ConnectorRepository::byStation() const
{
    auto query = Sql::run(m_db.connection(), QStringLiteral("SELECT ") + kConnectorColumns
                                                 + QStringLiteral(" FROM connectors ORDER BY station_id, evse_id, connector_id"));
    if (!query)
        return query.error();
    QHash<qint64, QList<Connector>> out;
    while (query->next()) {
        Connector c = connectorFromRow(*query);
        out[c.stationId].append(std::move(c));
    }
    return out;
}

Expected<QList<Connector>> ConnectorRepository::forStation(qint64 stationId) const
{
    auto query = Sql::run(m_db.connection(),
                          QStringLiteral("SELECT ") + kConnectorColumns
                              + QStringLiteral(" FROM connectors WHERE station_id = ? ORDER BY evse_id, connector_id"),
                          {stationId});
    if (!query)
        return query.error();
    QList<Connector> out;
    while (query->next())
        out.append(connectorFromRow(*query));
    return out;
}

Status ConnectorRepository::setCurrentStatus(qint64 connectorRowId, const QString &status, const QString &errorCode,
                                             const QString &vendorError, std::optional<qint64> statusAtMs, qint64 receivedMs)
{
    auto query = Sql::run(m_db.connection(),
                          QStringLiteral("UPDATE connectors SET status = ?, error_code = ?, vendor_error = ?, "
                                         "status_at_ms = ?, status_received_ms = ? WHERE id = ?"),
                          {status, errorCode, vendorError, bindable(statusAtMs), receivedMs, connectorRowId});
    if (!query)
        return query.error();
    if (query->numRowsAffected() != 1)
        return Error{ExitCode::Failure, tr("No connector with the internal id %1.").arg(connectorRowId)};
    return {};
}

Expected<qint64> ConnectorRepository::appendHistory(const ConnectorStatusEntry &entry)
{
    auto query = Sql::run(m_db.connection(),
                          QStringLiteral("INSERT INTO connector_status_history (connector_row_id, station_id, status, "
                                         "error_code, info, station_at_ms, received_ms) VALUES (?,?,?,?,?,?,?)")
                              + m_db.dialect().returningIdClause(),
                          {entry.connectorRowId, entry.stationId, entry.status, entry.errorCode, entry.info,
                           bindable(entry.stationAtMs), entry.receivedMs});
    if (!query)
        return query.error();
    return m_db.dialect().insertedId(*query);
}

Expected<bool> ConnectorRepository::historyContains(qint64 connectorRowId, const QString &status,
                                                    const QString &errorCode, qint64 stationAtMs) const
{
    auto query = Sql::run(m_db.connection(),
                          QStringLiteral("SELECT 1 FROM connector_status_history WHERE connector_row_id = ? "
                                         "AND station_at_ms = ? AND status = ? AND error_code = ?"),
                          {connectorRowId, stationAtMs, status, errorCode});
    if (!query)
        return query.error();
    return query->next();
}

Expected<QList<ConnectorStatusEntry>> ConnectorRepository::history(const ConnectorHistoryFilter &filter) const
{
    const QString effective = QStringLiteral("COALESCE(h.station_at_ms, h.received_ms)");
    QString sql = QStringLiteral("SELECT h.id, h.connector_row_id, h.station_id, c.evse_id, c.connector_id, h.status, "
                                 "h.error_code, h.info, h.station_at_ms, h.received_ms "
                                 "FROM connector_status_history h JOIN connectors c ON c.id = h.connector_row_id "
                                 "WHERE h.station_id = ?");
    QVariantList values{filter.stationId};
    if (filter.connectorId) {
        sql += QStringLiteral(" AND c.connector_id = ?");
        values << *filter.connectorId;
    }
    if (filter.fromMs) {
        sql += QStringLiteral(" AND ") + effective + QStringLiteral(" >= ?");
        values << *filter.fromMs;
    }
    if (filter.toMs) {
        sql += QStringLiteral(" AND ") + effective + QStringLiteral(" < ?");
        values << *filter.toMs;
    }
    // Without a start, the newest `limit` entries; shown oldest first either way.
    const bool newest = !filter.fromMs.has_value();
    sql += newest ? QStringLiteral(" ORDER BY ") + effective + QStringLiteral(" DESC, h.received_ms DESC, h.id DESC LIMIT ?")
                  : QStringLiteral(" ORDER BY ") + effective + QStringLiteral(", h.received_ms, h.id LIMIT ?");
    values << std::max(1, filter.limit);
    auto query = Sql::run(m_db.connection(), sql, values);
    if (!query)
        return query.error();
    QList<ConnectorStatusEntry> out;
    while (query->next()) {
        ConnectorStatusEntry e;
        e.id = query->value(0).toLongLong();
        e.connectorRowId = query->value(1).toLongLong();
        e.stationId = query->value(2).toLongLong();
        e.evseId = query->value(3).toInt();
        e.connectorId = query->value(4).toInt();
        e.status = query->value(5).toString();
        e.errorCode = query->value(6).toString();
        e.info = query->value(7).toString();
        if (!query->isNull(8))
            e.stationAtMs = query->value(8).toLongLong();
        e.receivedMs = query->value(9).toLongLong();
        out.append(e);
    }
    if (newest)
        std::reverse(out.begin(), out.end());
    return out;
}

}  // namespace cd::storage
