// SimulatedStation: what the station does for each server command (StationCommands). The
// adapter answers with the returned result; whatever the command makes the station send
// (StatusNotification, the triggered message, firmware/diagnostics progress) is held until the
// answer is on the wire.

#include "core/sim/simulatedstation.h"

#include <QDateTime>
#include <QFileInfo>

#include <algorithm>
#include <cmath>

namespace cd::sim {

namespace {

using namespace std::chrono_literals;

constexpr std::chrono::seconds kUploadTime{10};
constexpr std::chrono::seconds kDownloadTime{15};
constexpr std::chrono::seconds kVerifyTime{5};
constexpr std::chrono::seconds kInstallTime{15};

bool transferableScheme(const QString &location)
{
    static const QStringList schemes = {QStringLiteral("ftp"), QStringLiteral("ftps"), QStringLiteral("sftp"),
                                        QStringLiteral("http"), QStringLiteral("https")};
    return schemes.contains(QUrl(location).scheme().toLower());
}

}  // namespace

CommandStatus SimulatedStation::remoteStart(std::optional<int> connectorId, const QString &idTag,
                                            std::optional<ChargingProfile> txProfile)
{
    if (txProfile && txProfile->purpose != ProfilePurpose::Tx)
        return CommandStatus::Rejected;
    Connector *c = nullptr;
    if (connectorId) {
        c = connector(*connectorId);
    } else {
        for (auto &candidate : m_connectors) {
            if (isFree(*candidate, idTag)) {
                c = candidate.get();
                break;
            }
        }
    }
    if (!c || c->id == 0 || !beginSession(*c, idTag, true, Session::Kind::Authorized))
        return CommandStatus::Rejected;
    c->session->txProfile = std::move(txProfile);
    return CommandStatus::Accepted;
}

CommandStatus SimulatedStation::remoteStop(int transactionId)
{
    for (auto &c : m_connectors) {
        if (!c->session || c->session->ended || resolvedTransactionId(*c->session) != transactionId)
            continue;
        if (c->session->ignoreRemoteStop) {
            // igo_case#83: says yes, keeps charging.
            c->session->remoteStopIgnored = true;
            return CommandStatus::Accepted;
        }
        endSession(*c, StopReason::Remote);
        return CommandStatus::Accepted;
    }
    return CommandStatus::Rejected;
}

CommandStatus SimulatedStation::reset(ResetKind kind)
{
    // After the answer: stop the transactions, then reboot.
    QTimer::singleShot(0, this, [this, kind] { reboot(kind == ResetKind::Hard ? StopReason::HardReset : StopReason::SoftReset); });
    return CommandStatus::Accepted;
}

void SimulatedStation::reboot(StopReason reason)
{
    if (!m_running || m_rebootPending)
        return;
    // Like a real station: stop the transactions, let their StopTransaction go out, then reboot.
    for (auto &c : m_connectors) {
        if (c->session && !c->session->ended && c->session->transactionBegun)
            endSession(*c, reason);
    }
    m_rebootPending = true;
    m_rebootReason = reason;
    m_rebootTimer.start(m_options.callTimeout);  // do not wait for ever on a silent server
    maybeRebootNow();
}

void SimulatedStation::maybeRebootNow()
{
    if (m_rebootPending && (!online() || (m_txQueue.empty() && !m_txInFlight)))
        QTimer::singleShot(0, this, &SimulatedStation::performReboot);
}

void SimulatedStation::performReboot()
{
    if (!m_rebootPending)
        return;
    m_rebootPending = false;
    m_rebootTimer.stop();
    for (auto &c : m_connectors) {
        cancelPhase(*c);
        c->sampleTimer.stop();
        c->session.reset();
        c->reservation.reset();
        c->faulted = false;
        c->powerW = 0;
        if (c->inoperativeScheduled) {
            c->inoperativeScheduled = false;
            c->operative = false;
        }
        c->status = c->operative ? ConnectorStatus::Available : ConnectorStatus::Unavailable;
        c->error = ConnectorError::NoError;
        c->vendorErrorCode.clear();
    }
    if (!m_pendingFirmwareVersion.isEmpty()) {
        m_identity.firmwareVersion = m_pendingFirmwareVersion;
        m_pendingFirmwareVersion.clear();
    }
    m_booted = false;
    m_autoSessionsStarted = false;
    if (!m_running)
        return;
    m_awayOnPurpose = true;
    // What is still queued survives the reboot (stations keep it in non-volatile memory).
    if (m_socket)
        connectionLost(tr("rebooting (%1)").arg(stopReasonName(m_rebootReason)), true);
    m_reconnectTimer.start(wall(m_options.rebootDuration));
}

UnlockStatus SimulatedStation::unlockConnector(int connectorId)
{
    Connector *c = connector(connectorId);
    if (!c || c->id == 0)
        return UnlockStatus::NotSupported;
    if (c->session && !c->session->ended) {
        if (c->session->transactionBegun || c->session->kind == Session::Kind::Unauthorized)
            endSession(*c, StopReason::UnlockCommand);
        else
            abandonSession(*c);
    }
    return UnlockStatus::Unlocked;
}

AvailabilityStatus SimulatedStation::changeAvailability(int connectorId, bool operative)
{
    if (connectorId < 0 || connectorId > connectorCount())
        return AvailabilityStatus::Rejected;
    bool scheduled = false;
    for (auto &c : m_connectors) {
        if (c->id == 0 || (connectorId != 0 && c->id != connectorId))
            continue;
        if (operative) {
            c->inoperativeScheduled = false;
            c->operative = true;
            applyAvailability(*c);
            scheduleArrival(*c);
        } else if (c->session) {
            c->inoperativeScheduled = true;  // after the session (OCPP 1.6 §5.2)
            scheduled = true;
        } else {
            c->operative = false;
            if (!c->faulted)
                cancelPhase(*c);
            applyAvailability(*c);
        }
    }
    if (connectorId == 0) {
        Connector &station = *m_connectors.front();
        station.operative = operative;
        setStatus(station, operative ? ConnectorStatus::Available : ConnectorStatus::Unavailable);
    }
    return scheduled ? AvailabilityStatus::Scheduled : AvailabilityStatus::Accepted;
}

ConfigChangeResult SimulatedStation::changeConfiguration(const QString &key, const QString &value)
{
    const ConfigChangeResult result = m_config.change(key, value);
    if (result == ConfigChangeResult::Accepted) {
        if (key == configkey::HeartbeatInterval)
            restartHeartbeat();
        else if (key == configkey::MeterValueSampleInterval)
            restartSampleTimers();
    }
    return result;
}

CommandStatus SimulatedStation::clearCache()
{
    m_auth.clearCache();
    return CommandStatus::Accepted;
}

bool SimulatedStation::sendFollowUp(OutgoingMessage message)
{
    if (m_state != State::Accepted)
        return false;
    sendCall(std::move(message));
    return true;
}

TriggerStatus SimulatedStation::triggerMessage(TriggerKind kind, std::optional<int> connectorId)
{
    if (connectorId && (*connectorId < 0 || *connectorId > connectorCount()))
        return TriggerStatus::Rejected;
    if (kind != TriggerKind::BootNotification && m_state != State::Accepted)
        return TriggerStatus::Rejected;
    switch (kind) {
    case TriggerKind::BootNotification:
        sendBoot();
        break;
    case TriggerKind::Heartbeat:
        sendCall(m_adapter->heartbeat());
        break;
    case TriggerKind::StatusNotification:
        if (connectorId)
            sendStatus(*connector(*connectorId));
        else
            sendAllStatuses();
        break;
    case TriggerKind::MeterValues:
        for (auto &c : m_connectors) {
            if (c->id == 0 || (connectorId && *connectorId != 0 && c->id != *connectorId))
                continue;
            advancePhysics(*c);
            const MeterSample sample = takeSample(*c, SampleContext::Trigger);
            const std::optional<int> tx = c->session ? resolvedTransactionId(*c->session) : std::nullopt;
            sendCall(m_adapter->meterValues(c->id, tx, {sample}));
        }
        break;
    case TriggerKind::DiagnosticsStatusNotification:
        sendCall(m_adapter->diagnosticsStatus(m_diagnostics));
        break;
    case TriggerKind::FirmwareStatusNotification:
        sendCall(m_adapter->firmwareStatus(m_firmware));
        break;
    }
    return TriggerStatus::Accepted;
}

void SimulatedStation::setDiagnosticsStatus(DiagnosticsStatus status)
{
    m_diagnostics = status;
    if (online() || m_holdDepth > 0)
        sendCall(m_adapter->diagnosticsStatus(status));
}

void SimulatedStation::setFirmwareStatus(FirmwareStatus status)
{
    m_firmware = status;
    if (online() || m_holdDepth > 0)
        sendCall(m_adapter->firmwareStatus(status));
}

QString SimulatedStation::startDiagnosticsUpload(const QString &location)
{
    const QString stamp = QDateTime::fromMSecsSinceEpoch(nowMs(), Qt::UTC).toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    const QString fileName = QStringLiteral("%1-diagnostics-%2.log").arg(chargePointId(), stamp);
    setDiagnosticsStatus(DiagnosticsStatus::Uploading);
    const bool ok = transferableScheme(location);
    QTimer::singleShot(wall(kUploadTime), this, [this, ok] {
        setDiagnosticsStatus(ok ? DiagnosticsStatus::Uploaded : DiagnosticsStatus::UploadFailed);
        m_diagnostics = DiagnosticsStatus::Idle;
    });
    return fileName;
}

void SimulatedStation::scheduleFirmwareUpdate(const QString &location, qint64 retrieveAtMs)
{
    const qint64 wait = std::max<qint64>(0, retrieveAtMs - nowMs());
    QTimer::singleShot(wall(std::chrono::milliseconds(wait)), this, [this, location] {
        if (!m_running)
            return;
        setFirmwareStatus(FirmwareStatus::Downloading);
        QTimer::singleShot(wall(kDownloadTime), this, [this, location] {
            if (!m_running)
                return;
            if (!transferableScheme(location)) {
                setFirmwareStatus(FirmwareStatus::DownloadFailed);
                m_firmware = FirmwareStatus::Idle;
                return;
            }
            setFirmwareStatus(FirmwareStatus::Downloaded);
            QTimer::singleShot(wall(kVerifyTime), this, [this, location] {
                if (!m_running)
                    return;
                setFirmwareStatus(FirmwareStatus::Installing);
                QTimer::singleShot(wall(kInstallTime), this, [this, location] {
                    if (!m_running)
                        return;
                    const QString base = QFileInfo(QUrl(location).path()).completeBaseName();
                    m_pendingFirmwareVersion = (base.isEmpty() ? m_identity.firmwareVersion + QStringLiteral("-upd") : base).left(50);
                    m_firmware = FirmwareStatus::Installed;
                    if (!online()) {
                        m_firmware = FirmwareStatus::Idle;
                        reboot(StopReason::Reboot);
                        return;
                    }
                    // Report Installed, then reboot into the new firmware.
                    sendCall(m_adapter->firmwareStatus(FirmwareStatus::Installed), [this](const ocpp::CallOutcome &) {
                        m_firmware = FirmwareStatus::Idle;
                        QTimer::singleShot(0, this, [this] { reboot(StopReason::Reboot); });
                    });
                });
            });
        });
    });
}

ReservationStatus SimulatedStation::reserveNow(const ReservationRequest &request)
{
    Connector *c = connector(request.connectorId);
    if (!c || c->id == 0)
        return ReservationStatus::Rejected;  // ReserveConnectorZeroSupported is false
    if (c->faulted)
        return ReservationStatus::Faulted;
    if (!c->operative)
        return ReservationStatus::Unavailable;
    const bool replacing = c->reservation && c->reservation->id == request.reservationId;
    if (!replacing && (c->session || c->reservation || c->status != ConnectorStatus::Available))
        return ReservationStatus::Occupied;
    // A reservation id names one reservation: the new one replaces it wherever it was.
    for (auto &other : m_connectors) {
        if (other.get() != c && other->reservation && other->reservation->id == request.reservationId) {
            other->reservation.reset();
            applyAvailability(*other);
        }
    }
    c->reservation = detail::Reservation{request.reservationId, request.idTag, request.parentIdTag, request.expiryMs};
    setStatus(*c, ConnectorStatus::Reserved);
    const int connectorId = c->id;
    const int reservationId = request.reservationId;
    const qint64 left = std::max<qint64>(0, request.expiryMs - nowMs());
    QTimer::singleShot(wall(std::chrono::milliseconds(left)), this,
                       [this, connectorId, reservationId] { expireReservation(connectorId, reservationId); });
    return ReservationStatus::Accepted;
}

void SimulatedStation::expireReservation(int connectorId, int reservationId)
{
    Connector *c = connector(connectorId);
    if (!c || !c->reservation || c->reservation->id != reservationId || c->reservation->expiryMs > nowMs())
        return;
    c->reservation.reset();
    applyAvailability(*c);
}

CommandStatus SimulatedStation::cancelReservation(int reservationId)
{
    for (auto &c : m_connectors) {
        if (c->reservation && c->reservation->id == reservationId) {
            c->reservation.reset();
            applyAvailability(*c);
            return CommandStatus::Accepted;
        }
    }
    return CommandStatus::Rejected;
}

LocalAuthorization::UpdateResult SimulatedStation::sendLocalList(int version, bool full,
                                                                 const std::vector<LocalAuthorization::ListEntry> &entries)
{
    if (!m_config.boolValue(configkey::LocalAuthListEnabled, true))
        return LocalAuthorization::UpdateResult::NotSupported;
    if (qsizetype(entries.size()) > m_config.intValue(configkey::SendLocalListMaxLength, 100))
        return LocalAuthorization::UpdateResult::Failed;
    return m_auth.updateList(version, full, entries, m_config.intValue(configkey::LocalAuthListMaxLength, 1000));
}

int SimulatedStation::localListVersion() const
{
    return m_config.boolValue(configkey::LocalAuthListEnabled, true) ? m_auth.listVersion() : -1;
}

ChargingProfiles::InstallResult SimulatedStation::setChargingProfile(ChargingProfile profile)
{
    std::optional<int> activeTx;
    if (const Connector *c = connector(profile.connectorId); c && c->id != 0 && c->session && !c->session->ended)
        activeTx = resolvedTransactionId(*c->session);
    return m_profiles.install(std::move(profile), connectorCount(), activeTx);
}

bool SimulatedStation::clearChargingProfile(std::optional<int> id, std::optional<int> connectorId,
                                            std::optional<ProfilePurpose> purpose, std::optional<int> stackLevel)
{
    return m_profiles.clear(id, connectorId, purpose, stackLevel);
}

std::optional<CompositeSchedule> SimulatedStation::compositeSchedule(int connectorId, int durationS,
                                                                     std::optional<RateUnit> unit)
{
    const Connector *c = connector(connectorId);
    if (!c)
        return std::nullopt;
    const SupplyParameters &supply = m_options.session.supply;
    const double connectorMaxW = double(supply.phases) * supply.voltageV * double(supply.maxCurrentA);
    const double maxW = c->id == 0 ? connectorMaxW * double(connectorCount()) : connectorMaxW;
    const double limitW = std::clamp(limitFor(*c).value_or(maxW), 0.0, maxW);
    CompositeSchedule schedule;
    schedule.connectorId = connectorId;
    schedule.startMs = nowMs();
    schedule.durationS = std::max(0, durationS);
    schedule.unit = unit.value_or(RateUnit::Watts);
    const double value = schedule.unit == RateUnit::Amperes ? limitW / (supply.voltageV * double(supply.phases)) : limitW;
    schedule.periods.push_back(SchedulePeriod{0, std::floor(value * 10.0) / 10.0, std::nullopt});
    return schedule;
}

DataTransferAnswer SimulatedStation::dataTransfer(const QString &vendorId, const QString &messageId,
                                                  const std::optional<QString> &data)
{
    if (vendorId != m_identity.vendor)
        return {DataTransferAnswer::Status::UnknownVendorId, std::nullopt};
    if (!messageId.isEmpty() && messageId != u"Echo")
        return {DataTransferAnswer::Status::UnknownMessageId, std::nullopt};
    return {DataTransferAnswer::Status::Accepted, data};
}

}  // namespace cd::sim
