#pragma once
// Connectors (one row per EVSE/connector; 1.6: evse = connector, 0 = the station itself),
// their current status, and the millisecond status history (zpd_case#20: the order of two
// statuses within one second matters).

#include "core/common/expected.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace cd::storage {

class Database;

struct Connector {
    qint64 id = 0;
    qint64 stationId = 0;
    int evseId = 0;
    int connectorId = 0;
    QString status = QStringLiteral("Unknown");
    QString errorCode;
    QString vendorError;
    std::optional<qint64> statusAtMs;        // the station's time of the current status (ms)
    std::optional<qint64> statusReceivedMs;  // when we received it
};

struct ConnectorStatusEntry {
    qint64 id = 0;
    qint64 connectorRowId = 0;
    qint64 stationId = 0;
    int evseId = 0;
    int connectorId = 0;
    QString status;
    QString errorCode;
    QString info;                        // info, vendor id and vendor error code, as sent
    std::optional<qint64> stationAtMs;   // the station's timestamp, when it sent one
    qint64 receivedMs = 0;
};

struct ConnectorHistoryFilter {
    qint64 stationId = 0;
    std::optional<int> connectorId;      // empty: every connector of the station
    std::optional<qint64> fromMs;        // by effective time: station time, else received time
    std::optional<qint64> toMs;
    int limit = 1000;
};

class ConnectorRepository {
    Q_DECLARE_TR_FUNCTIONS(cd::storage::ConnectorRepository)
public:
    explicit ConnectorRepository(const Database &db);

    // The connector row, created (status Unknown) when missing.
    Expected<Connector> ensure(qint64 stationId, int evseId, int connectorId);
    Expected<std::optional<Connector>> find(qint64 stationId, int evseId, int connectorId) const;
    // Ordered by evse, connector.
    Expected<QList<Connector>> forStation(qint64 stationId) const;
    // Every connector of every station, by station id, each station's in evse/connector order.
    Expected<QHash<qint64, QList<Connector>>> byStation() const;

    Status setCurrentStatus(qint64 connectorRowId, const QString &status, const QString &errorCode,
                            const QString &vendorError, std::optional<qint64> statusAtMs, qint64 receivedMs);

    Expected<qint64> appendHistory(const ConnectorStatusEntry &entry);
    // True when exactly this report (status, error code, station time) is already in the history:
    // a replayed StatusNotification.
    Expected<bool> historyContains(qint64 connectorRowId, const QString &status, const QString &errorCode,
                                   qint64 stationAtMs) const;
    // Oldest first, ordered by the station's time (received time when it sent none), then by
    // arrival: milliseconds decide, never the insertion order alone.
    Expected<QList<ConnectorStatusEntry>> history(const ConnectorHistoryFilter &filter) const;

private:
    const Database &m_db;
};

}  // namespace cd::storage
