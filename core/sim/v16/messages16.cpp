// OCPP 1.6J station→server messages and the answers to them.

#include "core/common/timeformat.h"
#include "core/sim/commandkit.h"
#include "core/sim/v16/adapter16.h"
#include "core/sim/v201/adapter201.h"

#include <QDateTime>

#include <algorithm>
#include <limits>

namespace cd::sim::v16 {

namespace {

using nlohmann::json;

using kit::contextName;
using kit::isoTime;
using kit::utf8;

std::string utf8(const QString &text)
{
    return text.toStdString();
}

std::string decimal(double value)
{
    return QString::number(value, 'f', 1).toStdString();
}

const char *diagnosticsName(DiagnosticsStatus status)
{
    switch (status) {
    case DiagnosticsStatus::Idle: return "Idle";
    case DiagnosticsStatus::Uploading: return "Uploading";
    case DiagnosticsStatus::Uploaded: return "Uploaded";
    case DiagnosticsStatus::UploadFailed: return "UploadFailed";
    }
    return "Idle";
}

const char *firmwareName(FirmwareStatus status)
{
    switch (status) {
    case FirmwareStatus::Idle: return "Idle";
    case FirmwareStatus::Downloading: return "Downloading";
    case FirmwareStatus::Downloaded: return "Downloaded";
    case FirmwareStatus::DownloadFailed: return "DownloadFailed";
    case FirmwareStatus::Installing: return "Installing";
    case FirmwareStatus::Installed: return "Installed";
    case FirmwareStatus::InstallationFailed: return "InstallationFailed";
    }
    return "Idle";
}

std::optional<AuthorizationStatus> idTagStatus(const json &payload)
{
    const auto info = payload.find("idTagInfo");
    if (info == payload.end() || !info->is_object())
        return std::nullopt;
    const auto status = info->find("status");
    if (status == info->end() || !status->is_string())
        return std::nullopt;
    return authorizationStatusFromName(QString::fromStdString(status->get<std::string>()));
}

}  // namespace

json meterValueElement(const MeterSample &sample)
{
    json values = json::array();
    const std::string context = contextName(sample.context);
    if (sample.energyWh) {
        values.push_back({{"value", std::to_string(*sample.energyWh)}, {"context", context},
                          {"measurand", "Energy.Active.Import.Register"}, {"location", "Outlet"}, {"unit", "Wh"}});
    }
    if (sample.powerW) {
        values.push_back({{"value", std::to_string(*sample.powerW)}, {"context", context},
                          {"measurand", "Power.Active.Import"}, {"location", "Outlet"}, {"unit", "W"}});
    }
    static const char *const phases[] = {"L1", "L2", "L3"};
    static const char *const phaseVoltages[] = {"L1-N", "L2-N", "L3-N"};
    for (size_t i = 0; i < sample.currentA.size() && i < 3; ++i) {
        values.push_back({{"value", decimal(sample.currentA[i])}, {"context", context},
                          {"measurand", "Current.Import"}, {"phase", phases[i]}, {"location", "Outlet"}, {"unit", "A"}});
    }
    for (size_t i = 0; i < sample.voltageV.size() && i < 3; ++i) {
        values.push_back({{"value", decimal(sample.voltageV[i])}, {"context", context}, {"measurand", "Voltage"},
                          {"phase", phaseVoltages[i]}, {"location", "Outlet"}, {"unit", "V"}});
    }
    if (sample.socPercent) {
        values.push_back({{"value", std::to_string(*sample.socPercent)}, {"context", context}, {"measurand", "SoC"},
                          {"location", "EV"}, {"unit", "Percent"}});
    }
    return {{"timestamp", isoTime(sample.timestampMs)}, {"sampledValue", std::move(values)}};
}

OutgoingMessage Ocpp16Adapter::bootNotification(const StationIdentity &identity) const
{
    json payload = {{"chargePointVendor", utf8(identity.vendor, 20)}, {"chargePointModel", utf8(identity.model, 20)}};
    if (!identity.serialNumber.isEmpty()) {
        payload["chargePointSerialNumber"] = utf8(identity.serialNumber, 25);
        payload["chargeBoxSerialNumber"] = utf8(identity.serialNumber, 25);
    }
    if (!identity.firmwareVersion.isEmpty())
        payload["firmwareVersion"] = utf8(identity.firmwareVersion, 50);
    if (!identity.meterType.isEmpty())
        payload["meterType"] = utf8(identity.meterType, 25);
    if (!identity.meterSerialNumber.isEmpty())
        payload["meterSerialNumber"] = utf8(identity.meterSerialNumber, 25);
    return {QStringLiteral("BootNotification"), std::move(payload)};
}

OutgoingMessage Ocpp16Adapter::heartbeat() const
{
    return {QStringLiteral("Heartbeat"), json::object()};
}

OutgoingMessage Ocpp16Adapter::statusNotification(const StatusReport &report) const
{
    json payload = {{"connectorId", report.connectorId},
                    {"errorCode", utf8(connectorErrorName(report.error))},
                    {"status", utf8(connectorStatusName(report.status))},
                    {"timestamp", isoTime(report.timestampMs)}};
    if (!report.vendorErrorCode.isEmpty())
        payload["vendorErrorCode"] = utf8(report.vendorErrorCode, 50);
    return {QStringLiteral("StatusNotification"), std::move(payload)};
}

OutgoingMessage Ocpp16Adapter::authorize(const QString &idTag) const
{
    return {QStringLiteral("Authorize"), {{"idTag", utf8(idTag, 20)}}};
}

OutgoingMessage Ocpp16Adapter::startTransaction(const StartTransactionData &data) const
{
    json payload = {{"connectorId", data.connectorId},
                    {"idTag", utf8(data.idTag, 20)},
                    {"meterStart", data.meterStartWh},
                    {"timestamp", isoTime(data.timestampMs)}};
    if (data.reservationId)
        payload["reservationId"] = *data.reservationId;
    return {QStringLiteral("StartTransaction"), std::move(payload)};
}

OutgoingMessage Ocpp16Adapter::meterValues(int connectorId, std::optional<int> transactionId,
                                           const std::vector<MeterSample> &samples) const
{
    json values = json::array();
    for (const MeterSample &sample : samples)
        values.push_back(meterValueElement(sample));
    json payload = {{"connectorId", connectorId}, {"meterValue", std::move(values)}};
    if (transactionId)
        payload["transactionId"] = *transactionId;
    return {QStringLiteral("MeterValues"), std::move(payload)};
}

OutgoingMessage Ocpp16Adapter::stopTransaction(int transactionId, const StopTransactionData &data) const
{
    json payload = {{"transactionId", transactionId},
                    {"meterStop", data.meterStopWh},
                    {"timestamp", isoTime(data.timestampMs)},
                    {"reason", utf8(stopReasonName(data.reason))}};
    if (!data.idTag.isEmpty())
        payload["idTag"] = utf8(data.idTag, 20);
    if (!data.transactionData.empty()) {
        json values = json::array();
        for (const MeterSample &sample : data.transactionData)
            values.push_back(meterValueElement(sample));
        payload["transactionData"] = std::move(values);
    }
    return {QStringLiteral("StopTransaction"), std::move(payload)};
}

OutgoingMessage Ocpp16Adapter::diagnosticsStatus(DiagnosticsStatus status) const
{
    return {QStringLiteral("DiagnosticsStatusNotification"), {{"status", diagnosticsName(status)}}};
}

OutgoingMessage Ocpp16Adapter::firmwareStatus(FirmwareStatus status) const
{
    return {QStringLiteral("FirmwareStatusNotification"), {{"status", firmwareName(status)}}};
}

std::optional<BootResult> Ocpp16Adapter::parseBootResult(const json &payload) const
{
    const auto status = payload.find("status");
    const auto interval = payload.find("interval");
    if (status == payload.end() || !status->is_string() || interval == payload.end() || !interval->is_number_integer())
        return std::nullopt;
    BootResult result;
    const std::string s = status->get<std::string>();
    if (s == "Accepted")
        result.status = RegistrationStatus::Accepted;
    else if (s == "Pending")
        result.status = RegistrationStatus::Pending;
    else if (s == "Rejected")
        result.status = RegistrationStatus::Rejected;
    else
        return std::nullopt;
    const qint64 seconds = interval->get<qint64>();
    result.intervalS = int(std::clamp<qint64>(seconds, 0, 7 * 24 * 3600));
    return result;
}

std::optional<AuthorizationStatus> Ocpp16Adapter::parseAuthorizeResult(const json &payload) const
{
    return idTagStatus(payload);
}

std::optional<StartResult> Ocpp16Adapter::parseStartResult(const OutgoingMessage &, const json &payload) const
{
    const auto id = payload.find("transactionId");
    const std::optional<AuthorizationStatus> status = idTagStatus(payload);
    if (id == payload.end() || !id->is_number_integer() || !status)
        return std::nullopt;
    const qint64 value = id->get<qint64>();
    if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max())
        return std::nullopt;
    return StartResult{int(value), *status};
}

}  // namespace cd::sim::v16

namespace cd::sim {

std::unique_ptr<ProtocolAdapter> makeProtocolAdapter(ocpp::ProtocolVersion version)
{
    switch (version) {
    case ocpp::ProtocolVersion::Ocpp16:
        return std::make_unique<v16::Ocpp16Adapter>();
    case ocpp::ProtocolVersion::Ocpp201:
        return std::make_unique<v201::Ocpp201Adapter>();
    case ocpp::ProtocolVersion::Ocpp21:
        return nullptr;
    }
    return nullptr;
}

}  // namespace cd::sim
