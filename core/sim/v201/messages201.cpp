// OCPP 2.0.1 station→server messages and the answers to them.

#include "core/sim/commandkit.h"
#include "core/sim/v201/adapter201.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>
#include <limits>

namespace cd::sim::v201 {

namespace {

using nlohmann::json;
using kit::contextName;
using kit::isoTime;
using kit::utf8;

const char *triggerFor(SampleContext context)
{
    switch (context) {
    case SampleContext::TransactionBegin: return "Authorized";
    case SampleContext::Periodic: return "MeterValuePeriodic";
    case SampleContext::TransactionEnd: return "StopAuthorized";
    case SampleContext::Trigger: return "Trigger";
    }
    return "MeterValuePeriodic";
}

const char *stoppedReason(StopReason reason)
{
    switch (reason) {
    case StopReason::Local: return "Local";
    case StopReason::Remote: return "Remote";
    case StopReason::EVDisconnected: return "EVDisconnected";
    case StopReason::DeAuthorized: return "DeAuthorized";
    case StopReason::EmergencyStop: return "EmergencyStop";
    case StopReason::HardReset:
    case StopReason::SoftReset: return "ImmediateReset";
    case StopReason::PowerLoss: return "PowerLoss";
    case StopReason::Reboot: return "Reboot";
    case StopReason::UnlockCommand:
    case StopReason::Other: return "Other";
    }
    return "Other";
}

const char *stopTrigger(StopReason reason)
{
    switch (reason) {
    case StopReason::Remote: return "RemoteStop";
    case StopReason::EVDisconnected: return "EVDeparted";
    case StopReason::DeAuthorized: return "Deauthorized";
    case StopReason::HardReset:
    case StopReason::SoftReset: return "ResetCommand";
    case StopReason::UnlockCommand: return "UnlockCommand";
    case StopReason::EmergencyStop:
    case StopReason::PowerLoss:
    case StopReason::Reboot: return "AbnormalCondition";
    case StopReason::Local:
    case StopReason::Other: return "StopAuthorized";
    }
    return "StopAuthorized";
}

json idToken(const QString &idTag)
{
    return {{"idToken", utf8(idTag, 36)}, {"type", "ISO14443"}};
}

std::optional<AuthorizationStatus> tokenStatus(const json &payload)
{
    const auto info = payload.find("idTokenInfo");
    if (info == payload.end() || !info->is_object())
        return std::nullopt;
    const QString status = kit::text(*info, "status");
    if (const std::optional<AuthorizationStatus> known = authorizationStatusFromName(status))
        return known;
    // 2.0.1 adds reasons 1.6 does not have (NoCredit, NotAtThisTime, ...): all mean "not allowed".
    return status.isEmpty() ? std::nullopt : std::optional(AuthorizationStatus::Invalid);
}

json transactionEvent(const char *eventType, const char *trigger, int seqNo, int transactionId, qint64 timestampMs,
                      int connectorId)
{
    return {{"eventType", eventType},
            {"timestamp", isoTime(timestampMs)},
            {"triggerReason", trigger},
            {"seqNo", seqNo},
            {"transactionInfo", {{"transactionId", std::to_string(transactionId)}}},
            {"evse", {{"id", connectorId}, {"connectorId", 1}}}};
}

}  // namespace

json meterValueElement(const MeterSample &sample)
{
    json values = json::array();
    const std::string context = contextName(sample.context);
    const auto add = [&values, &context](double value, const char *measurand, const char *unit, const char *phase,
                                         const char *location) {
        json v = {{"value", value}, {"context", context}, {"measurand", measurand}, {"location", location},
                  {"unitOfMeasure", {{"unit", unit}}}};
        if (phase)
            v["phase"] = phase;
        values.push_back(std::move(v));
    };
    if (sample.energyWh)
        add(double(*sample.energyWh), "Energy.Active.Import.Register", "Wh", nullptr, "Outlet");
    if (sample.powerW)
        add(double(*sample.powerW), "Power.Active.Import", "W", nullptr, "Outlet");
    static const char *const phases[] = {"L1", "L2", "L3"};
    static const char *const phaseVoltages[] = {"L1-N", "L2-N", "L3-N"};
    for (size_t i = 0; i < sample.currentA.size() && i < 3; ++i)
        add(std::round(sample.currentA[i] * 10.0) / 10.0, "Current.Import", "A", phases[i], "Outlet");
    for (size_t i = 0; i < sample.voltageV.size() && i < 3; ++i)
        add(std::round(sample.voltageV[i] * 10.0) / 10.0, "Voltage", "V", phaseVoltages[i], "Outlet");
    if (sample.socPercent)
        add(double(*sample.socPercent), "SoC", "Percent", nullptr, "EV");
    return {{"timestamp", isoTime(sample.timestampMs)}, {"sampledValue", std::move(values)}};
}

const char *connectorStatus(ConnectorStatus status)
{
    switch (status) {
    case ConnectorStatus::Available: return "Available";
    case ConnectorStatus::Preparing:
    case ConnectorStatus::Charging:
    case ConnectorStatus::SuspendedEVSE:
    case ConnectorStatus::SuspendedEV:
    case ConnectorStatus::Finishing: return "Occupied";
    case ConnectorStatus::Reserved: return "Reserved";
    case ConnectorStatus::Unavailable: return "Unavailable";
    case ConnectorStatus::Faulted: return "Faulted";
    }
    return "Unavailable";
}

Ocpp201Adapter::Ocpp201Adapter()
    : m_nextTransactionId(int(QDateTime::currentSecsSinceEpoch() % std::numeric_limits<int>::max()))
{
}

int Ocpp201Adapter::nextSeqNo(int transactionId) const
{
    return m_seqNo[transactionId]++;
}

OutgoingMessage Ocpp201Adapter::bootNotification(const StationIdentity &identity) const
{
    json station = {{"model", utf8(identity.model, 20)}, {"vendorName", utf8(identity.vendor, 50)}};
    if (!identity.serialNumber.isEmpty())
        station["serialNumber"] = utf8(identity.serialNumber, 25);
    if (!identity.firmwareVersion.isEmpty())
        station["firmwareVersion"] = utf8(identity.firmwareVersion, 50);
    return {QStringLiteral("BootNotification"), {{"chargingStation", std::move(station)}, {"reason", "PowerUp"}}};
}

OutgoingMessage Ocpp201Adapter::heartbeat() const
{
    return {QStringLiteral("Heartbeat"), json::object()};
}

OutgoingMessage Ocpp201Adapter::statusNotification(const StatusReport &report) const
{
    // Connector 0 (the whole station) has no 2.0.1 StatusNotification (the station sends none for
    // it); should one be asked for, EVSE 1 speaks for it.
    const int evse = std::max(1, report.connectorId);
    return {QStringLiteral("StatusNotification"),
            {{"timestamp", isoTime(report.timestampMs)},
             {"connectorStatus", connectorStatus(report.status)},
             {"evseId", evse},
             {"connectorId", 1}}};
}

OutgoingMessage Ocpp201Adapter::authorize(const QString &idTag) const
{
    return {QStringLiteral("Authorize"), {{"idToken", idToken(idTag)}}};
}

OutgoingMessage Ocpp201Adapter::startTransaction(const StartTransactionData &data) const
{
    const int transactionId = m_nextTransactionId++;
    json payload = transactionEvent("Started", "Authorized", nextSeqNo(transactionId), transactionId,
                                    data.timestampMs, data.connectorId);
    payload["idToken"] = idToken(data.idTag);
    payload["transactionInfo"]["chargingState"] = "Charging";
    if (data.reservationId)
        payload["reservationId"] = *data.reservationId;
    MeterSample begin;
    begin.timestampMs = data.timestampMs;
    begin.context = SampleContext::TransactionBegin;
    begin.energyWh = data.meterStartWh;
    payload["meterValue"] = json::array({meterValueElement(begin)});
    return {QStringLiteral("TransactionEvent"), std::move(payload)};
}

OutgoingMessage Ocpp201Adapter::meterValues(int connectorId, std::optional<int> transactionId,
                                            const std::vector<MeterSample> &samples) const
{
    json values = json::array();
    for (const MeterSample &sample : samples)
        values.push_back(meterValueElement(sample));
    if (!transactionId) {
        return {QStringLiteral("MeterValues"), {{"evseId", std::max(0, connectorId)}, {"meterValue", std::move(values)}}};
    }
    const qint64 at = samples.empty() ? QDateTime::currentMSecsSinceEpoch() : samples.back().timestampMs;
    const char *trigger = samples.empty() ? "MeterValuePeriodic" : triggerFor(samples.back().context);
    json payload = transactionEvent("Updated", trigger, nextSeqNo(*transactionId), *transactionId, at, connectorId);
    if (!values.empty())
        payload["meterValue"] = std::move(values);
    return {QStringLiteral("TransactionEvent"), std::move(payload)};
}

OutgoingMessage Ocpp201Adapter::stopTransaction(int transactionId, const StopTransactionData &data) const
{
    // An unconfirmed start (-1 in 1.6 terms) still has the station's own id in 2.0.1; the station
    // passes -1 only when the start never got out, and then there is nothing to end.
    const int id = transactionId >= 0 ? transactionId : m_nextTransactionId++;
    // connector: the evse of the transaction is on record at the server; 2.0.1 allows omitting it.
    json payload = transactionEvent("Ended", stopTrigger(data.reason), nextSeqNo(id), id, data.timestampMs, 1);
    payload.erase("evse");
    payload["transactionInfo"]["stoppedReason"] = stoppedReason(data.reason);
    payload["transactionInfo"]["chargingState"] = "Idle";
    if (!data.idTag.isEmpty())
        payload["idToken"] = idToken(data.idTag);
    json values = json::array();
    for (const MeterSample &sample : data.transactionData)
        values.push_back(meterValueElement(sample));
    MeterSample end;
    end.timestampMs = data.timestampMs;
    end.context = SampleContext::TransactionEnd;
    end.energyWh = data.meterStopWh;
    values.push_back(meterValueElement(end));
    payload["meterValue"] = std::move(values);
    m_seqNo.erase(id);
    return {QStringLiteral("TransactionEvent"), std::move(payload)};
}

OutgoingMessage Ocpp201Adapter::diagnosticsStatus(DiagnosticsStatus status) const
{
    const char *name = "Idle";
    switch (status) {
    case DiagnosticsStatus::Idle: name = "Idle"; break;
    case DiagnosticsStatus::Uploading: name = "Uploading"; break;
    case DiagnosticsStatus::Uploaded: name = "Uploaded"; break;
    case DiagnosticsStatus::UploadFailed: name = "UploadFailure"; break;
    }
    return {QStringLiteral("LogStatusNotification"), {{"status", name}}};
}

OutgoingMessage Ocpp201Adapter::firmwareStatus(FirmwareStatus status) const
{
    const char *name = "Idle";
    switch (status) {
    case FirmwareStatus::Idle: name = "Idle"; break;
    case FirmwareStatus::Downloading: name = "Downloading"; break;
    case FirmwareStatus::Downloaded: name = "Downloaded"; break;
    case FirmwareStatus::DownloadFailed: name = "DownloadFailed"; break;
    case FirmwareStatus::Installing: name = "Installing"; break;
    case FirmwareStatus::Installed: name = "Installed"; break;
    case FirmwareStatus::InstallationFailed: name = "InstallationFailed"; break;
    }
    return {QStringLiteral("FirmwareStatusNotification"), {{"status", name}}};
}

std::optional<BootResult> Ocpp201Adapter::parseBootResult(const json &payload) const
{
    const QString status = kit::text(payload, "status");
    const std::optional<int> interval = kit::integer(payload, "interval");
    if (!interval)
        return std::nullopt;
    BootResult result;
    if (status == u"Accepted")
        result.status = RegistrationStatus::Accepted;
    else if (status == u"Pending")
        result.status = RegistrationStatus::Pending;
    else if (status == u"Rejected")
        result.status = RegistrationStatus::Rejected;
    else
        return std::nullopt;
    result.intervalS = std::clamp(*interval, 0, 7 * 24 * 3600);
    return result;
}

std::optional<AuthorizationStatus> Ocpp201Adapter::parseAuthorizeResult(const json &payload) const
{
    return tokenStatus(payload);
}

std::optional<StartResult> Ocpp201Adapter::parseStartResult(const OutgoingMessage &sent, const json &payload) const
{
    // The station chose the id; the answer may carry the token's status (absent: as authorized).
    const QString id = kit::text(sent.payload.value("transactionInfo", json::object()), "transactionId");
    bool ok = false;
    const int transactionId = id.toInt(&ok);
    if (!ok)
        return std::nullopt;
    return StartResult{transactionId, tokenStatus(payload).value_or(AuthorizationStatus::Accepted)};
}

}  // namespace cd::sim::v201
