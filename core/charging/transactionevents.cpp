#include "core/charging/transactionevents.h"

#include "core/charging/eventdetail.h"
#include "core/charging/tagauthorizer.h"
#include "core/charging/timestamps.h"
#include "core/charging/transactionledger.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/transactioneventrepository.h"

#include <algorithm>

namespace cd::charging {

using nlohmann::json;

namespace {

constexpr int kMaxListedGaps = 100;

QString eventTypeName(TransactionEventType type)
{
    switch (type) {
    case TransactionEventType::Started:
        return QStringLiteral("Started");
    case TransactionEventType::Updated:
        return QStringLiteral("Updated");
    case TransactionEventType::Ended:
        break;
    }
    return QStringLiteral("Ended");
}

// The numbers missing between `from` and `to` (both exclusive) that `present` does not hold.
json missingBetween(const QList<qint64> &present, qint64 from, qint64 to)
{
    json out = json::array();
    for (qint64 n = from + 1; n < to && int(out.size()) < kMaxListedGaps; ++n) {
        if (!std::binary_search(present.begin(), present.end(), n))
            out.push_back(n);
    }
    return out;
}

}  // namespace

TransactionEvents::TransactionEvents(const storage::Database &db, const Clock &clock, const TagAuthorizer &authorizer,
                                     TransactionLedger &ledger)
    : m_db(db), m_clock(clock), m_authorizer(authorizer), m_ledger(ledger)
{
}

Expected<std::optional<storage::Session>> TransactionEvents::session(const StationRef &station,
                                                                    const QString &transactionId) const
{
    return storage::SessionRepository(m_db).findByTransaction(station.stationId, transactionId);
}

Expected<TransactionEventResult> TransactionEvents::replay(const StationRef &station,
                                                           const TransactionEventReport &report,
                                                           std::optional<qint64> sessionId, const QString &authStatus)
{
    TransactionEventResult result;
    result.replay = true;
    result.sessionId = sessionId;
    if (!report.idToken.isEmpty()) {
        auto auth = m_authorizer.authorize(report.idToken, TagAuthorizer::Concurrency::Ignore);
        if (!auth)
            return auth.error();
        result.idTagInfo = auth->info;
        if (auto status = authorizationStatusFromName(authStatus))
            result.idTagInfo->status = *status;  // the answer it got the first time
    }
    if (sessionId) {
        if (Status st = m_ledger.addEvent(*sessionId, QStringLiteral("event_replay"),
                                          {{"seqNo", report.seqNo}, {"eventType", jsonText(eventTypeName(report.type))}});
            !st)
            return st.error();
    }
    Q_UNUSED(station)
    return result;
}

Expected<IdTagInfo> TransactionEvents::authorizeToken(storage::Session &session, const QString &idToken)
{
    const bool first = session.idTag.isEmpty();
    auto auth = m_authorizer.authorize(idToken, first ? TagAuthorizer::Concurrency::Check : TagAuthorizer::Concurrency::Ignore);
    if (!auth)
        return auth.error();
    if (!first)
        return auth->info;
    session.idTag = idToken;
    if (auth->tag) {
        session.memberId = auth->tag->memberId;
        session.departmentId = auth->tag->departmentId;
    }
    session.startAuthStatus = authorizationStatusName(auth->info.status);
    if (Status st = m_ledger.addEvent(session.id, QStringLiteral("authorized"),
                                      {{"idTag", jsonText(idToken)}, {"authorization", jsonText(session.startAuthStatus)}});
        !st)
        return st.error();
    if (auth->info.status != AuthorizationStatus::Accepted) {
        if (Status st = m_ledger.addEvent(session.id, QStringLiteral("start_not_authorized"),
                                          {{"authorization", jsonText(session.startAuthStatus)}});
            !st)
            return st.error();
    }
    if (Status st = storage::SessionRepository(m_db).update(session, m_clock.nowMs()); !st)
        return st.error();
    return auth->info;
}

Status TransactionEvents::noteSequence(qint64 sessionId, const TransactionEventReport &report,
                                       const QList<qint64> &before)
{
    if (report.offline) {
        if (Status st = m_ledger.addEvent(sessionId, QStringLiteral("offline_event"),
                                          {{"seqNo", report.seqNo},
                                           {"eventType", jsonText(eventTypeName(report.type))},
                                           {"stationTime", jsonText(formatTimestampMs(report.stationTimeMs))}});
            !st)
            return st;
    }
    if (!before.isEmpty() && report.seqNo > before.last() + 1) {
        if (Status st = m_ledger.addEvent(sessionId, QStringLiteral("seq_gap"),
                                          {{"expected", before.last() + 1},
                                           {"received", report.seqNo},
                                           {"missing", missingBetween(before, before.last(), report.seqNo)}});
            !st)
            return st;
    } else if (!before.isEmpty() && report.seqNo < before.last()) {
        if (Status st = m_ledger.addEvent(sessionId, QStringLiteral("seq_late"), {{"seqNo", report.seqNo}}); !st)
            return st;
    }
    if (report.type != TransactionEventType::Ended)
        return {};
    QList<qint64> all = before;
    all.insert(std::lower_bound(all.begin(), all.end(), report.seqNo), report.seqNo);
    const json missing = missingBetween(all, all.first(), all.last());
    if (missing.empty())
        return {};
    return m_ledger.addEvent(sessionId, QStringLiteral("seq_incomplete"),
                             {{"first", all.first()}, {"last", all.last()}, {"missing", missing}});
}

Expected<TransactionEventResult> TransactionEvents::record(const StationRef &station, const TransactionEventReport &report)
{
    storage::TransactionEventRepository sequence(m_db);
    auto seen = sequence.find(station.stationId, report.transactionId, report.seqNo);
    if (!seen)
        return seen.error();
    if (seen->has_value())
        return replay(station, report, (*seen)->sessionId, (*seen)->authStatus);
    auto before = sequence.seqNos(station.stationId, report.transactionId);
    if (!before)
        return before.error();

    TransactionEventResult result;
    auto found = session(station, report.transactionId);
    if (!found)
        return found.error();
    std::optional<storage::Session> current = *found;

    MeterReport meter;
    meter.transactionId = report.transactionId;
    meter.readings = report.readings;

    if (!current && (report.type == TransactionEventType::Started || report.evseId)) {
        StartRequest start;
        start.evseId = report.evseId.value_or(0);
        start.connectorId = report.evseId ? std::max(report.connectorId, 1) : 0;
        start.idTag = report.idToken;
        start.stationTimeMs = report.stationTimeMs;
        start.reservationId = report.reservationId;
        start.stationTransactionId = report.transactionId;
        const auto meterStart = TransactionLedger::earliestRegister(report.readings);
        start.meterStartKnown = meterStart.has_value();
        start.meterStartWh = meterStart.value_or(0);
        auto started = m_ledger.start(station, start);
        if (!started)
            return started.error();
        if (!report.idToken.isEmpty())
            result.idTagInfo = started->idTagInfo;
        if (report.type != TransactionEventType::Started) {
            if (Status st = m_ledger.addEvent(started->sessionId, QStringLiteral("started_without_started"),
                                              {{"seqNo", report.seqNo}, {"eventType", jsonText(eventTypeName(report.type))}});
                !st)
                return st.error();
        }
        auto reread = session(station, report.transactionId);
        if (!reread)
            return reread.error();
        current = *reread;
    } else if (current && !report.idToken.isEmpty() && report.type != TransactionEventType::Ended) {
        auto info = authorizeToken(*current, report.idToken);
        if (!info)
            return info.error();
        result.idTagInfo = *info;
    }
    if (current) {
        result.sessionId = current->id;
        meter.evseId = current->evseId.value_or(0);
        meter.connectorId = current->connectorId.value_or(0);
    }

    if (current && !report.chargingState.isEmpty()) {
        if (Status st = m_ledger.addEvent(current->id, QStringLiteral("charging_state"),
                                          {{"state", jsonText(report.chargingState)},
                                           {"trigger", jsonText(report.triggerReason)},
                                           {"stationTime", jsonText(formatTimestampMs(report.stationTimeMs))}});
            !st)
            return st.error();
        if (report.chargingState == u"Charging" && current->evseId) {
            if (Status st = m_ledger.markCharging(station.stationId, *current->evseId, report.stationTimeMs); !st)
                return st.error();
        }
    }

    if (report.type == TransactionEventType::Ended) {
        StopRequest stop;
        stop.transactionId = report.transactionId;
        stop.idTag = report.idToken;
        stop.stationTimeMs = report.stationTimeMs;
        stop.reason = report.stoppedReason.isEmpty() ? stopreason::Local : report.stoppedReason;
        stop.readings = report.readings;
        std::optional<qint64> stopWh = TransactionLedger::latestRegister(report.readings);
        if (!stopWh && current)
            stopWh = current->lastMeterWh ? current->lastMeterWh : current->meterStartWh;
        stop.meterStopWh = stopWh.value_or(0);
        auto stopped = m_ledger.stop(station, stop);
        if (!stopped)
            return stopped.error();
        if (stopped->idTagInfo)
            result.idTagInfo = stopped->idTagInfo;
    } else if (!report.readings.isEmpty()) {
        auto metered = m_ledger.meter(station, meter);
        if (!metered)
            return metered.error();
    }

    // The answer carries idTokenInfo whenever the event carried an idToken (2.0.1 E01-E06),
    // also when no session came of it (an Updated for a transaction never started here).
    if (!report.idToken.isEmpty() && !result.idTagInfo) {
        auto auth = m_authorizer.authorize(report.idToken, TagAuthorizer::Concurrency::Ignore);
        if (!auth)
            return auth.error();
        result.idTagInfo = auth->info;
    }

    storage::TransactionEventRecord row;
    row.stationId = station.stationId;
    row.transactionId = report.transactionId;
    row.seqNo = report.seqNo;
    row.sessionId = result.sessionId;
    row.eventType = eventTypeName(report.type);
    row.triggerReason = report.triggerReason;
    row.offline = report.offline;
    row.stationAtMs = report.stationTimeMs;
    row.receivedMs = m_clock.nowMs();
    row.authStatus = result.idTagInfo ? authorizationStatusName(result.idTagInfo->status) : QString();
    if (auto id = sequence.append(row); !id)
        return id.error();
    if (result.sessionId) {
        if (Status st = sequence.attachSession(station.stationId, report.transactionId, *result.sessionId); !st)
            return st.error();
        if (Status st = noteSequence(*result.sessionId, report, *before); !st)
            return st.error();
    }
    return result;
}

}  // namespace cd::charging
