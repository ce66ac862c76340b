#include "core/charging/transactionledger.h"

#include "core/charging/eventdetail.h"
#include "core/charging/tagauthorizer.h"
#include "core/charging/timestamps.h"
#include "core/storage/connectorrepository.h"
#include "core/storage/database.h"
#include "core/storage/metersamplerepository.h"
#include "core/storage/stationeventrepository.h"

#include <algorithm>
#include <limits>

namespace cd::charging {

using nlohmann::json;

namespace {

const QString kEnergyRegister = QStringLiteral("Energy.Active.Import.Register");

QString startKeyFor(const StartRequest &r)
{
    // A transaction the station named (2.0.1) is its own key.
    if (!r.stationTransactionId.isEmpty())
        return QStringLiteral("tx|") + r.stationTransactionId;
    // Everything a retried StartTransaction repeats exactly; id tags compare case-insensitively.
    return QStringLiteral("%1|%2|%3|%4|%5")
        .arg(r.evseId)
        .arg(r.connectorId)
        .arg(r.idTag.toLower())
        .arg(r.meterStartWh)
        .arg(r.stationTimeMs);
}

json optionalMs(const std::optional<qint64> &ms)
{
    return ms ? json(formatTimestampMs(*ms).toStdString()) : json(nullptr);
}

// The session event a system close is recorded as.
QString closeEventKind(const QString &source)
{
    if (source == stopsource::Reboot)
        return QStringLiteral("closed_after_reboot");
    if (source == stopsource::Reconciled)
        return QStringLiteral("closed_reconciled");
    return QStringLiteral("superseded");
}

json optionalBool(const std::optional<bool> &value)
{
    return value ? json(*value) : json(nullptr);
}

}  // namespace

TransactionLedger::TransactionLedger(const storage::Database &db, const Clock &clock, const TagAuthorizer &authorizer)
    : m_db(db), m_clock(clock), m_authorizer(authorizer), m_sessions(db)
{
}

Status TransactionLedger::addEvent(qint64 sessionId, const QString &kind, const json &detail)
{
    storage::SessionEvent event;
    event.sessionId = sessionId;
    event.atMs = m_clock.nowMs();
    event.kind = kind;
    event.detail = detailText(detail);
    auto id = m_sessions.addEvent(event);
    if (!id)
        return id.error();
    return {};
}

Status TransactionLedger::changeStatus(storage::Session &session, SessionStatus status, const QString &why)
{
    const QString to = sessionStatusName(status);
    if (session.status == to)
        return {};
    const QString from = session.status;
    session.status = to;
    return addEvent(session.id, QStringLiteral("status"), {{"from", jsonText(from)}, {"to", jsonText(to)}, {"why", jsonText(why)}});
}

bool TransactionLedger::holdActive(const storage::Session &session)
{
    return session.holdStatus == u"created" || session.holdStatus == u"processing" || session.holdStatus == u"hold";
}

std::optional<qint64> TransactionLedger::earliestRegister(const QList<MeterReading> &readings)
{
    std::optional<qint64> wh;
    std::optional<qint64> at;
    for (const MeterReading &r : readings) {
        if (r.measurand != kEnergyRegister || !r.phase.isEmpty() || r.unit != u"Wh")
            continue;
        if (!at || r.stationTimeMs < *at) {
            at = r.stationTimeMs;
            wh = milliToWholeUnits(r.valueMilli);
        }
    }
    return wh;
}

std::optional<qint64> TransactionLedger::latestRegister(const QList<MeterReading> &readings)
{
    storage::Session probe;
    if (!applyRegister(probe, readings))
        return std::nullopt;
    return probe.lastMeterWh;
}

bool TransactionLedger::applyRegister(storage::Session &session, const QList<MeterReading> &readings)
{
    bool changed = false;
    for (const MeterReading &r : readings) {
        if (r.measurand != kEnergyRegister || !r.phase.isEmpty() || r.unit != u"Wh")
            continue;
        const qint64 wh = milliToWholeUnits(r.valueMilli);
        // Newest by the station's clock wins; replays and late deliveries of older readings do not
        // move the register back. Equal times: the larger reading (registers only grow).
        const bool newer = !session.lastMeterAtMs || r.stationTimeMs > *session.lastMeterAtMs
            || (r.stationTimeMs == *session.lastMeterAtMs && session.lastMeterWh && wh > *session.lastMeterWh);
        if (!newer)
            continue;
        session.lastMeterWh = wh;
        session.lastMeterAtMs = r.stationTimeMs;
        changed = true;
    }
    return changed;
}

Expected<int> TransactionLedger::storeSamples(const StationRef &station, std::optional<qint64> sessionId,
                                              std::optional<int> connectorId, const QList<MeterReading> &readings)
{
    QList<storage::MeterSample> samples;
    samples.reserve(readings.size());
    const qint64 now = m_clock.nowMs();
    for (const MeterReading &r : readings) {
        storage::MeterSample s;
        s.sessionId = sessionId;
        s.stationId = station.stationId;
        s.evseId = connectorId;
        s.connectorId = connectorId;
        s.stationAtMs = r.stationTimeMs;
        s.receivedMs = now;
        s.measurand = r.measurand;
        s.phase = r.phase;
        s.location = r.location;
        s.context = r.context;
        s.unit = r.unit;
        s.valueMilli = r.valueMilli;
        samples.append(s);
    }
    return storage::MeterSampleRepository(m_db).insertNew(samples);
}

// ---- start -----------------------------------------------------------------------------------

Expected<StartResult> TransactionLedger::start(const StationRef &station, const StartRequest &request)
{
    const QString startKey = startKeyFor(request);
    auto previous = m_sessions.findByStartKey(station.stationId, startKey);
    if (!previous)
        return previous.error();
    if (previous->has_value()) {
        // A retry (offline queue replay, lost answer): the same transaction, the same answer.
        const storage::Session &s = **previous;
        auto auth = m_authorizer.authorize(request.idTag, TagAuthorizer::Concurrency::Ignore);
        if (!auth)
            return auth.error();
        StartResult result;
        result.sessionId = s.id;
        result.sessionNumber = s.sessionNumber;
        result.transactionId = s.transactionId;
        result.idTagInfo = auth->info;
        result.idTagInfo.status = authorizationStatusFromName(s.startAuthStatus).value_or(auth->info.status);
        result.retry = true;
        if (Status st = addEvent(s.id, QStringLiteral("start_retry"),
                                 {{"transactionId", jsonText(s.transactionId)}, {"connectorId", request.connectorId}});
            !st)
            return st.error();
        return result;
    }

    storage::ConnectorRepository connectors(m_db);
    auto connector = connectors.ensure(station.stationId, request.evseId, request.connectorId);
    if (!connector)
        return connector.error();

    // One transaction per EVSE (1.6: per connector): whatever is still open there is a ghost (its
    // stop was lost). Closed before the authorization, so a ghost of the same card is not "concurrent".
    auto ghosts = m_sessions.openWithTransaction(station.stationId, std::nullopt, request.evseId);
    if (!ghosts)
        return ghosts.error();
    for (storage::Session ghost : *ghosts) {
        if (Status st = closeBySystem(ghost, stopsource::Superseded, stopreason::Superseded, request.stationTimeMs); !st)
            return st.error();
    }
    // A 2.0.1 transaction may begin at plug-in, before any id token: authorized when one comes.
    const bool tokenLater = request.idTag.isEmpty() && !request.stationTransactionId.isEmpty();
    auto auth = tokenLater ? Expected<Authorization>(Authorization{IdTagInfo{AuthorizationStatus::Accepted, {}, {}}, {}})
                           : m_authorizer.authorize(request.idTag, TagAuthorizer::Concurrency::Check);
    if (!auth)
        return auth.error();

    auto awaiting = m_sessions.findAwaitingStart(station.stationId, request.connectorId, request.idTag);
    if (!awaiting)
        return awaiting.error();
    storage::Session session;
    const qint64 now = m_clock.nowMs();
    if (awaiting->has_value()) {
        session = **awaiting;
        if (Status st = addEvent(session.id, QStringLiteral("attached"), {{"connectorId", request.connectorId}}); !st)
            return st.error();
    } else {
        storage::Session fresh;
        fresh.stationId = station.stationId;
        fresh.status = sessionStatusName(SessionStatus::Ongoing);
        fresh.idTag = request.idTag;
        auto created = m_sessions.create(fresh, now);
        if (!created)
            return created.error();
        session = *created;
        if (Status st = addEvent(session.id, QStringLiteral("created"),
                                 {{"source", "station"}, {"status", jsonText(session.status)}});
            !st)
            return st.error();
    }

    session.connectorRowId = connector->id;
    session.evseId = request.evseId;
    session.connectorId = request.connectorId;
    session.idTag = request.idTag;
    if (auth->tag) {
        session.memberId = auth->tag->memberId;
        session.departmentId = auth->tag->departmentId;
    }
    if (request.meterStartKnown) {
        session.meterStartWh = request.meterStartWh;
        session.lastMeterWh = request.meterStartWh;
        session.lastMeterAtMs = request.stationTimeMs;
    }
    session.startedMs = request.stationTimeMs;
    // Some stations report Charging before the start message: charging began with the start.
    if (connector->status == u"Charging" && !session.chargingStartedMs)
        session.chargingStartedMs = request.stationTimeMs;
    session.startKey = startKey;
    session.startAuthStatus = tokenLater ? QString() : authorizationStatusName(auth->info.status);
    if (!request.stationTransactionId.isEmpty()) {
        session.transactionId = request.stationTransactionId;
    } else {
        // 1.6: we issue the transaction id; the session's own id is unique and fits an int.
        if (session.id > std::numeric_limits<qint32>::max())
            return Error{ExitCode::Failure, tr("Transaction ids beyond 2147483647 cannot be issued to OCPP 1.6 stations.")};
        session.transactionId = QString::number(session.id);
    }
    if (Status st = changeStatus(session, SessionStatus::Ongoing, QStringLiteral("transaction started")); !st)
        return st.error();
    if (Status st = m_sessions.update(session, now); !st)
        return st.error();

    json started = {{"transactionId", jsonText(session.transactionId)},
                    {"connectorId", request.connectorId},
                    {"idTag", jsonText(request.idTag)},
                    {"meterStartWh", request.meterStartKnown ? json(request.meterStartWh) : json(nullptr)},
                    {"stationTime", jsonText(formatTimestampMs(request.stationTimeMs))},
                    {"authorization", jsonText(session.startAuthStatus)}};
    if (request.reservationId)
        started["reservationId"] = *request.reservationId;
    if (Status st = addEvent(session.id, QStringLiteral("started"), started); !st)
        return st.error();
    if (!tokenLater && auth->info.status != AuthorizationStatus::Accepted) {
        if (Status st = addEvent(session.id, QStringLiteral("start_not_authorized"),
                                 {{"authorization", jsonText(session.startAuthStatus)}});
            !st)
            return st.error();
    }

    StartResult result;
    result.sessionId = session.id;
    result.sessionNumber = session.sessionNumber;
    result.transactionId = session.transactionId;
    result.idTagInfo = auth->info;
    return result;
}

// ---- meter values ----------------------------------------------------------------------------

Expected<MeterResult> TransactionLedger::meter(const StationRef &station, const MeterReport &report)
{
    MeterResult result;
    std::optional<storage::Session> session;
    if (!report.transactionId.isEmpty()) {
        auto found = m_sessions.findByTransaction(station.stationId, report.transactionId);
        if (!found)
            return found.error();
        session = *found;
    }
    if (session)
        result.sessionId = session->id;
    auto stored = storeSamples(station, result.sessionId, report.connectorId, report.readings);
    if (!stored)
        return stored.error();
    result.stored = *stored;
    result.duplicates = int(report.readings.size()) - *stored;
    if (!session || result.stored == 0)
        return result;

    const bool ended = !session->stopSource.isEmpty();
    if (ended) {
        // Late delivery (offline queue, clock skew): kept as samples, the final energy stays.
        result.afterStop = true;
        if (Status st = addEvent(session->id, QStringLiteral("meter_after_stop"),
                                 {{"samples", result.stored}, {"stopSource", jsonText(session->stopSource)}});
            !st)
            return st.error();
        return result;
    }
    if (!session->meterStartWh) {
        // The start message carried no register reading: the earliest one is the start.
        if (auto first = earliestRegister(report.readings)) {
            session->meterStartWh = first;
            if (Status st = addEvent(session->id, QStringLiteral("meter_start_from_sample"), {{"meterStartWh", *first}}); !st)
                return st.error();
        }
    }
    if (applyRegister(*session, report.readings)) {
        if (session->meterStartWh && session->lastMeterWh)
            session->energyWh = std::max<qint64>(0, *session->lastMeterWh - *session->meterStartWh);
        if (Status st = m_sessions.update(*session, m_clock.nowMs()); !st)
            return st.error();
    }
    return result;
}

// ---- stop ------------------------------------------------------------------------------------

Expected<StopResult> TransactionLedger::stop(const StationRef &station, const StopRequest &request)
{
    StopResult result;
    if (!request.idTag.isEmpty()) {
        auto auth = m_authorizer.authorize(request.idTag, TagAuthorizer::Concurrency::Ignore);
        if (!auth)
            return auth.error();
        result.idTagInfo = auth->info;
    }

    std::optional<storage::Session> found;
    if (!request.transactionId.isEmpty() && request.transactionId != u"-1") {
        auto byId = m_sessions.findByTransaction(station.stationId, request.transactionId);
        if (!byId)
            return byId.error();
        found = *byId;
    }
    if (!found) {
        // Answered normally (the station must be able to empty its queue), kept for support.
        result.outcome = StopOutcome::Orphan;
        auto stored = storeSamples(station, std::nullopt, std::nullopt, request.readings);
        if (!stored)
            return stored.error();
        storage::StationEvent event;
        event.stationId = station.stationId;
        event.atMs = m_clock.nowMs();
        event.stationAtMs = request.stationTimeMs;
        event.kind = QStringLiteral("orphan_stop");
        event.detail = detailText({{"transactionId", jsonText(request.transactionId)},
                                   {"idTag", jsonText(request.idTag)},
                                   {"meterStopWh", request.meterStopWh},
                                   {"stationTime", jsonText(formatTimestampMs(request.stationTimeMs))},
                                   {"reason", jsonText(request.reason)},
                                   {"samples", *stored}});
        auto id = storage::StationEventRepository(m_db).append(event);
        if (!id)
            return id.error();
        return result;
    }

    storage::Session session = *found;
    result.sessionId = session.id;
    auto stored = storeSamples(station, session.id, session.connectorId, request.readings);
    if (!stored)
        return stored.error();

    const json stopDetail = {{"transactionId", jsonText(request.transactionId)},
                             {"meterStopWh", request.meterStopWh},
                             {"stationTime", jsonText(formatTimestampMs(request.stationTimeMs))},
                             {"reason", jsonText(request.reason)},
                             {"idTag", jsonText(request.idTag)}};
    if (session.stopSource == stopsource::Station) {
        // The station stopped this before (lost answer, queue replay): same answer, nothing counted.
        result.outcome = StopOutcome::Duplicate;
        result.energyWh = session.energyWh;
        json detail = stopDetail;
        detail["newSamples"] = *stored;
        if (Status st = addEvent(session.id, QStringLiteral("stop_duplicate"), detail); !st)
            return st.error();
        return result;
    }

    const QString closedBefore = session.stopSource;  // reboot / superseded / operator, or empty
    applyRegister(session, request.readings);
    if (!session.lastMeterAtMs || request.stationTimeMs >= *session.lastMeterAtMs) {
        session.lastMeterWh = request.meterStopWh;
        session.lastMeterAtMs = request.stationTimeMs;
    }
    session.meterStopWh = request.meterStopWh;
    session.endedMs = request.stationTimeMs;
    if (!session.chargingEndedMs)
        session.chargingEndedMs = request.stationTimeMs;
    session.stopReason = request.reason;
    session.stopSource = stopsource::Station;
    session.stopIdTag = request.idTag;
    qint64 energy = session.meterStartWh ? request.meterStopWh - *session.meterStartWh : 0;
    if (energy < 0) {
        if (Status st = addEvent(session.id, QStringLiteral("negative_energy"),
                                 {{"meterStartWh", *session.meterStartWh}, {"meterStopWh", request.meterStopWh}});
            !st)
            return st.error();
        energy = 0;
    }
    session.energyWh = energy;
    if (session.startedMs && request.stationTimeMs < *session.startedMs) {
        if (Status st = addEvent(session.id, QStringLiteral("clock_skew"),
                                 {{"started", optionalMs(session.startedMs)},
                                  {"stopped", jsonText(formatTimestampMs(request.stationTimeMs))}});
            !st)
            return st.error();
    }

    json stopped = stopDetail;
    stopped["energyWh"] = energy;
    if (Status st = addEvent(session.id, QStringLiteral("stopped"), stopped); !st)
        return st.error();
    if (!closedBefore.isEmpty()) {
        if (Status st = addEvent(session.id, QStringLiteral("stop_after_close"), {{"closedBy", jsonText(closedBefore)}});
            !st)
            return st.error();
    }
    const SessionStatus next = holdActive(session) ? SessionStatus::PendingFinalPayment
        : energy > 0                               ? SessionStatus::Finished
                                                   : SessionStatus::Canceled;
    if (Status st = changeStatus(session, next, QStringLiteral("station stopped the transaction")); !st)
        return st.error();
    if (Status st = m_sessions.update(session, m_clock.nowMs()); !st)
        return st.error();
    result.outcome = StopOutcome::Stopped;
    result.energyWh = energy;
    return result;
}

// ---- ghosts ----------------------------------------------------------------------------------

qint64 TransactionLedger::closeAtLastReading(storage::Session &session, const QString &source, const QString &reason,
                                             qint64 atMs)
{
    // Energy up to the last register reading the station delivered; nothing invented.
    qint64 energy = session.energyWh;
    if (session.meterStartWh && session.lastMeterWh)
        energy = std::max<qint64>(0, *session.lastMeterWh - *session.meterStartWh);
    session.energyWh = energy;
    session.meterStopWh = session.lastMeterWh;
    session.endedMs = atMs;
    if (!session.chargingEndedMs)
        session.chargingEndedMs = session.lastMeterAtMs ? session.lastMeterAtMs : std::optional<qint64>(atMs);
    session.stopReason = reason;
    session.stopSource = source;
    return energy;
}

Status TransactionLedger::closeBySystem(storage::Session &session, const QString &source, const QString &reason,
                                        qint64 atMs)
{
    const qint64 energy = closeAtLastReading(session, source, reason, atMs);
    const SessionStatus next = energy > 0 ? (holdActive(session) ? SessionStatus::PendingFinalPayment : SessionStatus::Finished)
                                          : (holdActive(session) ? SessionStatus::FailedHold : SessionStatus::Failed);
    const QString kind = closeEventKind(source);
    if (Status st = addEvent(session.id, kind,
                             {{"reason", jsonText(reason)},
                              {"energyWh", energy},
                              {"lastMeterWh", session.lastMeterWh ? json(*session.lastMeterWh) : json(nullptr)},
                              {"lastMeterAt", optionalMs(session.lastMeterAtMs)}});
        !st)
        return st;
    if (Status st = changeStatus(session, next, ChargingText::describeStopReason(reason)); !st)
        return st;
    return m_sessions.update(session, m_clock.nowMs());
}

Expected<QList<OpenTransaction>> TransactionLedger::noteReboot(qint64 stationId)
{
    auto open = m_sessions.openWithTransaction(stationId);
    if (!open)
        return open.error();
    QList<OpenTransaction> out;
    for (const storage::Session &s : *open) {
        if (Status st = addEvent(s.id, QStringLiteral("station_rebooted"),
                                 {{"connectorId", s.connectorId ? json(*s.connectorId) : json(nullptr)}});
            !st)
            return st.error();
        out.append(OpenTransaction{s.id, s.transactionId});
    }
    return out;
}

Expected<TransactionStatusOutcome> TransactionLedger::transactionStatusReported(qint64 sessionId,
                                                                                const TransactionStatusReport &report)
{
    auto found = m_sessions.find(sessionId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return TransactionStatusOutcome::NotOpen;
    storage::Session session = **found;
    if (Status st = addEvent(session.id, QStringLiteral("transaction_status"),
                             {{"transactionId", jsonText(session.transactionId)},
                              {"ongoingIndicator", optionalBool(report.ongoing)},
                              {"messagesInQueue", report.messagesInQueue}});
        !st)
        return st.error();
    const std::optional<SessionStatus> status = sessionStatusFromName(session.status);
    if (!session.stopSource.isEmpty() || !status || !isOpenSessionStatus(*status))
        return TransactionStatusOutcome::NotOpen;
    // Ongoing, or its messages (the Ended among them) still to come, or the station did not say.
    if (report.ongoing != std::optional<bool>(false) || report.messagesInQueue)
        return TransactionStatusOutcome::Recorded;
    if (Status st = closeBySystem(session, stopsource::Reconciled, stopreason::EndedUnreported, m_clock.nowMs()); !st)
        return st.error();
    return TransactionStatusOutcome::Closed;
}

Status TransactionLedger::transactionStatusUnknown(qint64 sessionId, const QString &why)
{
    return addEvent(sessionId, QStringLiteral("transaction_status_unknown"), {{"why", jsonText(why.left(300))}});
}

Expected<QList<qint64>> TransactionLedger::closeAfterReboot(qint64 stationId, int evseId, qint64 lastBootMs, qint64 atMs)
{
    auto open = m_sessions.openWithTransaction(stationId, std::nullopt, evseId);
    if (!open)
        return open.error();
    QList<qint64> closed;
    for (storage::Session s : *open) {
        if (s.createdMs >= lastBootMs)
            continue;  // started after the boot: alive
        if (Status st = closeBySystem(s, stopsource::Reboot, stopreason::StationRebooted, atMs); !st)
            return st.error();
        closed.append(s.id);
    }
    return closed;
}

Status TransactionLedger::markCharging(qint64 stationId, int evseId, qint64 atMs)
{
    auto open = m_sessions.openWithTransaction(stationId, std::nullopt, evseId);
    if (!open)
        return open.error();
    for (storage::Session s : *open) {
        if (s.chargingStartedMs)
            continue;
        s.chargingStartedMs = atMs;
        if (Status st = addEvent(s.id, QStringLiteral("charging_started"),
                                 {{"at", jsonText(formatTimestampMs(atMs))}});
            !st)
            return st;
        if (Status st = m_sessions.update(s, m_clock.nowMs()); !st)
            return st;
    }
    return {};
}

}  // namespace cd::charging
