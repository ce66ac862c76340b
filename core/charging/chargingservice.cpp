#include "core/charging/chargingservice.h"

#include "core/charging/eventdetail.h"
#include "core/charging/timestamps.h"
#include "core/storage/connectorrepository.h"
#include "core/storage/database.h"
#include "core/storage/stationeventrepository.h"

using nlohmann::json;

namespace cd::charging {

namespace {

json identityJson(const storage::StationIdentity &id)
{
    json out = {{"vendor", jsonText(id.vendor)}, {"model", jsonText(id.model)}};
    const auto add = [&out](const char *key, const QString &value) {
        if (!value.isEmpty())
            out[key] = jsonText(value);
    };
    add("serialNumber", id.serialNumber);
    add("chargeBoxSerialNumber", id.chargeBoxSerialNumber);
    add("firmware", id.firmware);
    add("iccid", id.iccid);
    add("imsi", id.imsi);
    add("meterType", id.meterType);
    add("meterSerialNumber", id.meterSerialNumber);
    return out;
}

}  // namespace

ChargingService::ChargingService(std::shared_ptr<storage::Database> db, ChargingOptions options, const Clock &clock)
    : m_db(std::move(db)),
      m_options(std::move(options)),
      m_clock(clock),
      m_stations(*m_db),
      m_authorizer(*m_db, m_clock),
      m_ledger(*m_db, m_clock, m_authorizer),
      m_transactionEvents(*m_db, m_clock, m_authorizer, m_ledger)
{
}

Status ChargingService::stationEvent(qint64 stationId, const QString &kind, const QString &detail,
                                     std::optional<qint64> stationAtMs, std::optional<qint64> sessionId)
{
    storage::StationEvent event;
    event.stationId = stationId;
    event.sessionId = sessionId;
    event.atMs = m_clock.nowMs();
    event.stationAtMs = stationAtMs;
    event.kind = kind;
    event.detail = detail;
    auto id = storage::StationEventRepository(*m_db).append(event);
    if (!id)
        return id.error();
    return {};
}

Expected<storage::StationState> ChargingService::stationState(qint64 stationId) const
{
    auto state = m_stations.findById(stationId);
    if (!state)
        return state.error();
    if (!state->has_value())
        return Error{ExitCode::Failure, tr("No station with the internal id %1.").arg(stationId)};
    return **state;
}

// ---- connections -----------------------------------------------------------------------------

Expected<std::optional<qint64>> ChargingService::stationConnected(const QString &chargePointId, const QString &protocol,
                                                                  qint64 connectedSinceMs, const QString &peer)
{
    auto state = m_stations.find(chargePointId);
    if (!state)
        return state.error();
    qint64 id = 0;
    if (state->has_value()) {
        id = (*state)->id;
    } else {
        if (!m_options.acceptUnknownStations)
            return std::optional<qint64>();
        const QString registration = registrationStatusName(m_options.unknownStationRegistration);
        auto registered = m_stations.registerUnknown(chargePointId, registration, protocol, m_clock.nowMs());
        if (!registered)
            return registered.error();
        id = *registered;
        if (Status st = stationEvent(id, QStringLiteral("registered"),
                                     detailText({{"automatic", true}, {"registration", jsonText(registration)}}));
            !st)
            return st.error();
    }
    if (Status st = m_stations.setConnected(id, connectedSinceMs, protocol); !st)
        return st.error();
    if (Status st = stationEvent(id, QStringLiteral("connected"),
                                 detailText({{"protocol", jsonText(protocol)}, {"peer", jsonText(peer)}}));
        !st)
        return st.error();
    return std::optional<qint64>(id);
}

Expected<int> ChargingService::markAllOffline()
{
    return m_stations.markAllOffline(m_clock.nowMs());
}

Status ChargingService::stationDisconnected(qint64 stationId, qint64 connectedSinceMs, const QString &reason)
{
    auto changed = m_stations.setDisconnected(stationId, connectedSinceMs, m_clock.nowMs());
    if (!changed)
        return changed.error();
    return stationEvent(stationId, QStringLiteral("disconnected"),
                        detailText({{"reason", jsonText(reason.left(200))}, {"replaced", !*changed}}));
}

Expected<std::optional<RegistrationStatus>> ChargingService::registration(qint64 stationId) const
{
    auto state = m_stations.findById(stationId);
    if (!state)
        return state.error();
    if (!state->has_value())
        return std::optional<RegistrationStatus>();
    return std::optional<RegistrationStatus>(registrationStatusFromName((*state)->registrationStatus));
}

// ---- boot, heartbeat ---------------------------------------------------------------------------

Expected<BootResult> ChargingService::stationBooted(const StationRef &station, const storage::StationIdentity &identity)
{
    auto state = stationState(station.stationId);
    if (!state)
        return state.error();
    const qint64 now = m_clock.nowMs();
    const storage::StationIdentity &before = state->identity;
    if (Status st = m_stations.recordBoot(station.stationId, identity, now); !st)
        return st.error();

    BootResult result;
    result.status = registrationStatusFromName(state->registrationStatus);
    result.currentTimeMs = now;
    switch (result.status) {
    case RegistrationStatus::Accepted:
        result.intervalSeconds = m_options.heartbeatIntervalSeconds;
        break;
    case RegistrationStatus::Pending:
        result.intervalSeconds = m_options.pendingBootIntervalSeconds;
        break;
    case RegistrationStatus::Rejected:
        result.intervalSeconds = m_options.rejectedBootIntervalSeconds;
        break;
    }
    json boot = identityJson(identity);
    boot["registration"] = jsonText(registrationStatusName(result.status));
    if (Status st = stationEvent(station.stationId, QStringLiteral("boot"), detailText(boot)); !st)
        return st.error();
    // Firmware history: latency and faults are compared per model and firmware (zpd_case#20).
    if (!before.firmware.isEmpty() && before.firmware != identity.firmware) {
        result.firmwareChanged = true;
        if (Status st = stationEvent(station.stationId, QStringLiteral("firmware_changed"),
                                     detailText({{"from", jsonText(before.firmware)}, {"to", jsonText(identity.firmware)}}));
            !st)
            return st.error();
    }
    if ((!before.vendor.isEmpty() && before.vendor != identity.vendor)
        || (!before.model.isEmpty() && before.model != identity.model)) {
        if (Status st = stationEvent(station.stationId, QStringLiteral("identity_changed"),
                                     detailText({{"from", identityJson(before)}, {"to", identityJson(identity)}}));
            !st)
            return st.error();
    }
    auto open = m_ledger.noteReboot(station.stationId);
    if (!open)
        return open.error();
    result.openSessions = int(open->size());
    result.openTransactions = *open;
    return result;
}

Expected<qint64> ChargingService::heartbeat(const StationRef &station)
{
    const qint64 now = m_clock.nowMs();
    if (Status st = m_stations.recordHeartbeat(station.stationId, now); !st)
        return st.error();
    return now;
}

// ---- connector status ------------------------------------------------------------------------

Expected<StatusResult> ChargingService::connectorStatusChanged(const StationRef &station, const StatusReport &report)
{
    StatusResult result;
    storage::ConnectorRepository connectors(*m_db);
    auto connector = connectors.ensure(station.stationId, report.evseId, report.connectorId);
    if (!connector)
        return connector.error();
    if (report.stationTimeMs) {
        auto seen = connectors.historyContains(connector->id, report.status, report.errorCode, *report.stationTimeMs);
        if (!seen)
            return seen.error();
        if (*seen) {
            result.replay = true;
            return result;
        }
    }
    const qint64 now = m_clock.nowMs();
    QStringList info;
    if (!report.info.isEmpty())
        info << report.info;
    if (!report.vendorId.isEmpty())
        info << QStringLiteral("vendor=") + report.vendorId;
    if (!report.vendorErrorCode.isEmpty())
        info << QStringLiteral("vendorError=") + report.vendorErrorCode;
    storage::ConnectorStatusEntry entry;
    entry.connectorRowId = connector->id;
    entry.stationId = station.stationId;
    entry.status = report.status;
    entry.errorCode = report.errorCode;
    entry.info = info.join(QStringLiteral("; "));
    entry.stationAtMs = report.stationTimeMs;
    entry.receivedMs = now;
    auto added = connectors.appendHistory(entry);
    if (!added)
        return added.error();

    auto state = stationState(station.stationId);
    if (!state)
        return state.error();
    // Within one boot the station's clock orders statuses (a late, older report does not replace
    // a newer one); across a reboot the station's clock may have jumped, so arrival decides.
    result.current = true;
    if (report.stationTimeMs && connector->statusAtMs && *report.stationTimeMs < *connector->statusAtMs) {
        const bool sameBoot = !state->lastBootMs || connector->statusReceivedMs.value_or(0) >= *state->lastBootMs;
        result.current = !sameBoot;
    }
    if (!result.current)
        return result;
    if (Status st = connectors.setCurrentStatus(connector->id, report.status, report.errorCode, report.vendorErrorCode,
                                                report.stationTimeMs, now);
        !st)
        return st.error();
    if (report.connectorId <= 0)
        return result;
    const qint64 at = report.stationTimeMs.value_or(now);
    if (report.status == u"Charging") {
        if (Status st = m_ledger.markCharging(station.stationId, report.evseId, at); !st)
            return st.error();
    } else if (report.status == u"Available" && state->lastBootMs) {
        auto closed = m_ledger.closeAfterReboot(station.stationId, report.evseId, *state->lastBootMs, at);
        if (!closed)
            return closed.error();
        result.closedSessions = *closed;
    }
    return result;
}

// ---- authorization and transactions ------------------------------------------------------------

Expected<IdTagInfo> ChargingService::authorize(const StationRef &station, const QString &idTag)
{
    Q_UNUSED(station)
    auto auth = m_authorizer.authorize(idTag, TagAuthorizer::Concurrency::Check);
    if (!auth)
        return auth.error();
    return auth->info;
}

Expected<StartResult> ChargingService::transactionStarted(const StationRef &station, const StartRequest &request)
{
    return m_ledger.start(station, request);
}

Expected<MeterResult> ChargingService::meterValues(const StationRef &station, const MeterReport &report)
{
    return m_ledger.meter(station, report);
}

Expected<StopResult> ChargingService::transactionStopped(const StationRef &station, const StopRequest &request)
{
    return m_ledger.stop(station, request);
}

Expected<TransactionEventResult> ChargingService::transactionEvent(const StationRef &station,
                                                                  const TransactionEventReport &report)
{
    return m_transactionEvents.record(station, report);
}

Status ChargingService::deviceModelReported(const StationRef &station, const DeviceModelReport &report)
{
    QList<storage::DeviceVariable> variables = report.variables;
    const qint64 now = m_clock.nowMs();
    for (storage::DeviceVariable &v : variables) {
        v.reportRequestId = report.requestId;
        v.updatedMs = now;
    }
    if (Status st = storage::DeviceModelRepository(*m_db).store(station.stationId, variables); !st)
        return st;
    if (report.toBeContinued)
        return {};
    return stationEvent(station.stationId, QStringLiteral("device_report"),
                        detailText({{"requestId", report.requestId}, {"parts", report.seqNo + 1}}), report.generatedAtMs);
}

// ---- answers to our CALLs -----------------------------------------------------------------------

Expected<TransactionStatusOutcome> ChargingService::transactionStatusReported(qint64 sessionId,
                                                                              const TransactionStatusReport &report)
{
    return m_ledger.transactionStatusReported(sessionId, report);
}

Status ChargingService::transactionStatusUnknown(qint64 sessionId, const QString &why)
{
    return m_ledger.transactionStatusUnknown(sessionId, why);
}

// ---- everything else -------------------------------------------------------------------------

Expected<DataTransferResult> ChargingService::dataTransfer(const StationRef &station, const DataTransferRequest &request)
{
    DataTransferHandler handler;
    {
        QMutexLocker locker(&m_vendorMutex);
        handler = m_vendorHandlers.value(request.vendorId);
    }
    if (!handler)
        return DataTransferResult{DataTransferStatus::UnknownVendorId, {}};
    return handler(station, request);
}

Status ChargingService::stationNotice(const StationRef &station, const StationNotice &notice)
{
    return stationEvent(station.stationId, notice.kind, notice.detail, notice.stationTimeMs);
}

Expected<bool> ChargingService::certificateSigningRequested(const StationRef &station, const QString &csr)
{
    const bool accepted = m_options.acceptCertificateSigningRequests;
    if (Status st = stationEvent(station.stationId, QStringLiteral("sign_certificate"),
                                 detailText({{"accepted", accepted}, {"csr", jsonText(csr)}}));
        !st)
        return st.error();
    return accepted;
}

void ChargingService::setSessionObserver(SessionObserver *observer)
{
    QMutexLocker locker(&m_observerMutex);
    m_observer = observer;
}

void ChargingService::notifySessionCommitted(const SessionNotice &notice)
{
    // Called under the lock: once setSessionObserver(nullptr) returns, no call is still running.
    QMutexLocker locker(&m_observerMutex);
    if (m_observer)
        m_observer->sessionCommitted(notice);
}

void ChargingService::setDataTransferHandler(const QString &vendorId, DataTransferHandler handler)
{
    QMutexLocker locker(&m_vendorMutex);
    m_vendorHandlers.insert(vendorId, std::move(handler));
}

void ChargingService::removeDataTransferHandler(const QString &vendorId)
{
    QMutexLocker locker(&m_vendorMutex);
    m_vendorHandlers.remove(vendorId);
}

}  // namespace cd::charging
