#pragma once
// Read-only queries for the UI item models and the CLI (no widgets, no sockets): stations with
// their connectors and live status, connector status history, the station timeline, sessions
// (last N, open, OLD&OPEN, suspicious, by number, id tag, station, member or phone), and one session with its events,
// meter samples and OCPP messages. Runs on the calling thread's database connection.

#include "core/charging/sessionseries.h"
#include "core/charging/suspicioussessions.h"
#include "core/common/clock.h"
#include "core/common/expected.h"
#include "core/storage/connectorrepository.h"
#include "core/storage/devicemodelrepository.h"
#include "core/storage/messagelogrepository.h"
#include "core/storage/metersamplerepository.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/stationeventrepository.h"
#include "core/storage/stationstaterepository.h"

#include <QCoreApplication>
#include <QList>

#include <memory>
#include <optional>

namespace cd::storage {
class Database;
}

namespace cd::charging {

struct ConnectorOverview {
    storage::Connector connector;
    std::optional<qint64> openSessionId;       // the open session with a transaction, if any
    QString openSessionNumber;
};

// Where a station stands, as the operator registered it (the map places it there).
struct StationPlace {
    std::optional<double> latitude;
    std::optional<double> longitude;
    std::optional<qint64> siteId;
    QString siteName;

    bool located() const { return latitude.has_value() && longitude.has_value(); }
};

struct StationOverview {
    storage::StationState station;              // registration, identity, online, heartbeat
    QList<ConnectorOverview> connectors;        // connector 0 (the station itself) included
    int openSessions = 0;
    StationPlace place;
};

struct StationListFilter {
    QString search;            // substring of the charge point id, name, vendor or model
    bool includeHidden = true;
    bool onlineOnly = false;
    int limit = 1000;
    int offset = 0;
};

struct SessionDetail {
    storage::Session session;
    QList<storage::SessionEvent> events;          // oldest first
    QList<storage::MeterSample> samples;          // by station time
    QList<storage::MessageLogEntry> messages;     // every frame linked to the session
};

class ChargingQueries {
    Q_DECLARE_TR_FUNCTIONS(cd::charging::ChargingQueries)
public:
    explicit ChargingQueries(std::shared_ptr<storage::Database> db, const Clock &clock = Clock::system());

    // ---- stations ----
    Expected<QList<StationOverview>> stations(const StationListFilter &filter = {}) const;
    Expected<std::optional<StationOverview>> station(const QString &chargePointId) const;
    Expected<QList<storage::ConnectorStatusEntry>> connectorHistory(const QString &chargePointId,
                                                                    std::optional<int> connectorId = std::nullopt,
                                                                    std::optional<qint64> fromMs = std::nullopt,
                                                                    std::optional<qint64> toMs = std::nullopt,
                                                                    int limit = 1000) const;
    Expected<QList<storage::StationEvent>> stationEvents(const QString &chargePointId, const QString &kind = {},
                                                         int limit = 500) const;
    Expected<QList<storage::MessageLogEntry>> stationMessages(const QString &chargePointId,
                                                              std::optional<qint64> fromMs = std::nullopt,
                                                              std::optional<qint64> toMs = std::nullopt,
                                                              int limit = 1000) const;

    // The device model an OCPP 2.0.1 station reported (NotifyReport); nullopt: no such station.
    Expected<std::optional<QList<storage::DeviceVariable>>> deviceModel(const QString &chargePointId) const;

    // ---- sessions (newest first) ----
    Expected<QList<storage::Session>> lastSessions(int count = 100) const;
    Expected<QList<storage::Session>> openSessions(int limit = 1000) const;
    // OLD&OPEN: open sessions created more than `olderThanMs` ago (the station never sent Stop).
    Expected<QList<storage::Session>> oldOpenSessions(qint64 olderThanMs, int limit = 1000) const;
    Expected<QList<storage::Session>> sessions(const storage::SessionFilter &filter) const;
    // The sessions support should look at, with the reasons (SuspiciousSessions has the rule).
    Expected<QList<SuspiciousSession>> suspiciousSessions(int limit = 100,
                                                          qint64 noEnergyMinMs = SuspiciousSessions::kDefaultNoEnergyMs,
                                                          int offset = 0) const;
    // By internal id ("42") or session number ("261123-000042").
    Expected<std::optional<storage::Session>> findSession(const QString &idOrNumber) const;
    Expected<std::optional<SessionDetail>> sessionDetail(qint64 sessionId, int messageLimit = 5000) const;
    // The session's meter values as chart series (SessionSeriesBuilder has the rules); nullopt:
    // no such session.
    Expected<std::optional<SessionSeries>> sessionSeries(qint64 sessionId,
                                                         int maxPointsPerSeries = SessionSeriesBuilder::kDefaultMaxPoints) const;

private:
    Expected<StationOverview> overview(const storage::StationState &station) const;

    std::shared_ptr<storage::Database> m_db;
    const Clock &m_clock;
};

}  // namespace cd::charging
