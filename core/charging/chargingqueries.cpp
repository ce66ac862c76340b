#include "core/charging/chargingqueries.h"

#include "core/storage/database.h"
#include "core/storage/stationrepository.h"

#include <limits>


namespace cd::charging {

ChargingQueries::ChargingQueries(std::shared_ptr<storage::Database> db, const Clock &clock)
    : m_db(std::move(db)), m_clock(clock)
{
}

namespace {

StationOverview assemble(const storage::StationState &station, const QList<storage::Connector> &connectors,
                         const QList<storage::Session> &open)
{
    StationOverview out;
    out.station = station;
    out.openSessions = int(open.size());
    for (const storage::Connector &c : connectors) {
        ConnectorOverview view;
        view.connector = c;
        for (const storage::Session &s : open) {
            if (s.connectorId == c.connectorId) {
                view.openSessionId = s.id;
                view.openSessionNumber = s.sessionNumber;
            }
        }
        out.connectors.append(view);
    }
    return out;
}

StationPlace placeOf(const storage::Station &station)
{
    return {station.latitude, station.longitude, station.siteId, station.siteName};
}

}  // namespace

Expected<StationOverview> ChargingQueries::overview(const storage::StationState &station) const
{
    auto connectors = storage::ConnectorRepository(*m_db).forStation(station.id);
    if (!connectors)
        return connectors.error();
    auto open = storage::SessionRepository(*m_db).openWithTransaction(station.id);
    if (!open)
        return open.error();
    return assemble(station, *connectors, *open);
}

Expected<QList<StationOverview>> ChargingQueries::stations(const StationListFilter &filter) const
{
    storage::StationFilter base;
    base.includeHidden = filter.includeHidden;
    base.search = filter.search;
    base.limit = filter.limit;
    base.offset = filter.offset;
    auto list = storage::StationRepository(*m_db).list(base);
    if (!list)
        return list.error();
    // One statement per table, not three per station: the list refreshes every few seconds.
    auto states = storage::StationStateRepository(*m_db).all();
    if (!states)
        return states.error();
    auto connectors = storage::ConnectorRepository(*m_db).byStation();
    if (!connectors)
        return connectors.error();
    auto open = storage::SessionRepository(*m_db).openWithTransactionEverywhere();
    if (!open)
        return open.error();
    QHash<qint64, QList<storage::Session>> openByStation;
    for (const storage::Session &s : std::as_const(*open))
        openByStation[s.stationId].append(s);
    QList<StationOverview> out;
    for (const storage::Station &s : std::as_const(*list)) {
        const auto state = states->constFind(s.id);
        if (state == states->cend() || (filter.onlineOnly && !state->online()))
            continue;
        StationOverview view = assemble(*state, connectors->value(s.id), openByStation.value(s.id));
        view.place = placeOf(s);
        out.append(std::move(view));
    }
    return out;
}

Expected<std::optional<StationOverview>> ChargingQueries::station(const QString &chargePointId) const
{
    auto state = storage::StationStateRepository(*m_db).find(chargePointId);
    if (!state)
        return state.error();
    if (!state->has_value())
        return std::optional<StationOverview>();
    auto view = overview(**state);
    if (!view)
        return view.error();
    auto station = storage::StationRepository(*m_db).find(chargePointId);
    if (!station)
        return station.error();
    if (station->has_value())
        view->place = placeOf(**station);
    return std::optional<StationOverview>(*view);
}

Expected<QList<storage::ConnectorStatusEntry>> ChargingQueries::connectorHistory(const QString &chargePointId,
                                                                                 std::optional<int> connectorId,
                                                                                 std::optional<qint64> fromMs,
                                                                                 std::optional<qint64> toMs, int limit) const
{
    auto state = storage::StationStateRepository(*m_db).find(chargePointId);
    if (!state)
        return state.error();
    if (!state->has_value())
        return QList<storage::ConnectorStatusEntry>();
    storage::ConnectorHistoryFilter filter;
    filter.stationId = (*state)->id;
    filter.connectorId = connectorId;
    filter.fromMs = fromMs;
    filter.toMs = toMs;
    filter.limit = limit;
    return storage::ConnectorRepository(*m_db).history(filter);
}

Expected<QList<storage::StationEvent>> ChargingQueries::stationEvents(const QString &chargePointId, const QString &kind,
                                                                      int limit) const
{
    auto state = storage::StationStateRepository(*m_db).find(chargePointId);
    if (!state)
        return state.error();
    if (!state->has_value())
        return QList<storage::StationEvent>();
    storage::StationEventFilter filter;
    filter.stationId = (*state)->id;
    filter.kind = kind;
    filter.limit = limit;
    return storage::StationEventRepository(*m_db).list(filter);
}

Expected<QList<storage::MessageLogEntry>> ChargingQueries::stationMessages(const QString &chargePointId,
                                                                           std::optional<qint64> fromMs,
                                                                           std::optional<qint64> toMs, int limit) const
{
    storage::MessageLogFilter filter;
    filter.chargePointId = chargePointId;
    filter.fromMs = fromMs;
    filter.toMs = toMs;
    filter.limit = limit;
    return storage::MessageLogRepository(*m_db).list(filter);
}

Expected<std::optional<QList<storage::DeviceVariable>>> ChargingQueries::deviceModel(const QString &chargePointId) const
{
    using Model = std::optional<QList<storage::DeviceVariable>>;
    auto state = storage::StationStateRepository(*m_db).find(chargePointId);
    if (!state)
        return state.error();
    if (!state->has_value())
        return Model();
    auto rows = storage::DeviceModelRepository(*m_db).list((*state)->id);
    if (!rows)
        return rows.error();
    return Model(*rows);
}

Expected<QList<storage::Session>> ChargingQueries::lastSessions(int count) const
{
    storage::SessionFilter filter;
    filter.limit = count;
    return sessions(filter);
}

Expected<QList<storage::Session>> ChargingQueries::openSessions(int limit) const
{
    storage::SessionFilter filter;
    filter.openOnly = true;
    filter.limit = limit;
    return sessions(filter);
}

Expected<QList<storage::Session>> ChargingQueries::oldOpenSessions(qint64 olderThanMs, int limit) const
{
    storage::SessionFilter filter;
    filter.createdBeforeMs = m_clock.nowMs() - olderThanMs;
    filter.limit = limit;
    return sessions(filter);
}

Expected<QList<storage::Session>> ChargingQueries::sessions(const storage::SessionFilter &filter) const
{
    return storage::SessionRepository(*m_db).list(filter);
}

Expected<QList<SuspiciousSession>> ChargingQueries::suspiciousSessions(int limit, qint64 noEnergyMinMs, int offset) const
{
    return SuspiciousSessions(*m_db, noEnergyMinMs).list(limit, offset);
}

Expected<std::optional<storage::Session>> ChargingQueries::findSession(const QString &idOrNumber) const
{
    const storage::SessionRepository repository(*m_db);
    const QString key = idOrNumber.trimmed();
    if (key.isEmpty() || key.size() > 64)
        return std::optional<storage::Session>();
    bool numeric = false;
    const qint64 id = key.toLongLong(&numeric);
    if (numeric && id > 0) {
        auto byId = repository.find(id);
        if (!byId || byId->has_value())
            return byId;
    }
    return repository.findByNumber(key);
}

Expected<std::optional<SessionDetail>> ChargingQueries::sessionDetail(qint64 sessionId, int messageLimit) const
{
    const storage::SessionRepository repository(*m_db);
    auto session = repository.find(sessionId);
    if (!session)
        return session.error();
    if (!session->has_value())
        return std::optional<SessionDetail>();
    SessionDetail detail;
    detail.session = **session;
    auto events = repository.events(sessionId);
    if (!events)
        return events.error();
    detail.events = *events;
    storage::MeterSampleFilter samples;
    samples.sessionId = sessionId;
    auto meter = storage::MeterSampleRepository(*m_db).list(samples);
    if (!meter)
        return meter.error();
    detail.samples = *meter;
    storage::MessageLogFilter messages;
    messages.sessionId = sessionId;
    messages.fromMs = 0;  // oldest first from the beginning
    messages.limit = messageLimit;
    auto log = storage::MessageLogRepository(*m_db).list(messages);
    if (!log)
        return log.error();
    detail.messages = *log;
    return std::optional<SessionDetail>(detail);
}

Expected<std::optional<SessionSeries>> ChargingQueries::sessionSeries(qint64 sessionId, int maxPointsPerSeries) const
{
    auto session = storage::SessionRepository(*m_db).find(sessionId);
    if (!session)
        return session.error();
    if (!session->has_value())
        return std::optional<SessionSeries>();
    storage::MeterSampleFilter filter;
    filter.sessionId = sessionId;
    filter.limit = std::numeric_limits<int>::max();
    auto samples = storage::MeterSampleRepository(*m_db).list(filter);
    if (!samples)
        return samples.error();
    return std::optional<SessionSeries>(SessionSeriesBuilder::build(**session, *samples, maxPointsPerSeries));
}

}  // namespace cd::charging
