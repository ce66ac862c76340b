// OCPP 1.6J server→station commands: each handler reads the (schema-checked) request, asks
// StationCommands, and answers with a schema-valid .conf payload. Messages the command causes
// are held until the answer is on the wire.

#include "core/ocpp/rpcendpoint.h"
#include "core/sim/commandkit.h"
#include "core/sim/v16/adapter16.h"

#include <QDateTime>

#include <cmath>
#include <functional>
#include <limits>

namespace cd::sim::v16 {

namespace {

using nlohmann::json;
using namespace kit;

std::optional<ProfilePurpose> purposeFrom(const QString &name)
{
    if (name == u"ChargePointMaxProfile")
        return ProfilePurpose::ChargePointMax;
    if (name == u"TxDefaultProfile")
        return ProfilePurpose::TxDefault;
    if (name == u"TxProfile")
        return ProfilePurpose::Tx;
    return std::nullopt;
}

ChargingProfile profileFrom(const json &p, int connectorId)
{
    ChargingProfile profile;
    profile.id = integer(p, "chargingProfileId").value_or(0);
    profile.connectorId = connectorId;
    profile.purpose = purposeFrom(text(p, "chargingProfilePurpose")).value_or(ProfilePurpose::TxDefault);
    profile.transactionId = integer(p, "transactionId");
    readProfileCommon(p, p.value("chargingSchedule", json::object()), profile);
    return profile;
}

json configurationEntry(const ConfigEntry &entry)
{
    return {{"key", entry.key.left(50).toStdString()}, {"readonly", entry.readOnly},
            {"value", entry.value.left(500).toStdString()}};
}

json getConfiguration(const json &request, StationCommands &commands)
{
    const ConfigurationStore &store = commands.configuration();
    json known = json::array();
    json unknown = json::array();
    const json keys = request.value("key", json::array());
    if (keys.empty()) {
        for (const ConfigEntry &entry : store.entries())
            known.push_back(configurationEntry(entry));
    } else {
        const int maxKeys = store.intValue(configkey::GetConfigurationMaxKeys, 100);
        int count = 0;
        for (const json &key : keys) {
            const QString name = QString::fromStdString(key.get<std::string>());
            if (const std::optional<ConfigEntry> entry = store.entry(name); entry && count < maxKeys) {
                known.push_back(configurationEntry(*entry));
                ++count;
            } else {
                unknown.push_back(name.left(50).toStdString());
            }
        }
    }
    json answer = json::object();
    if (!known.empty())
        answer["configurationKey"] = std::move(known);
    if (!unknown.empty())
        answer["unknownKey"] = std::move(unknown);
    return answer;
}

json changeConfiguration(const json &request, StationCommands &commands)
{
    switch (commands.changeConfiguration(text(request, "key"), text(request, "value"))) {
    case ConfigChangeResult::Accepted: return status("Accepted");
    case ConfigChangeResult::Rejected: return status("Rejected");
    case ConfigChangeResult::RebootRequired: return status("RebootRequired");
    case ConfigChangeResult::NotSupported: return status("NotSupported");
    }
    return status("Rejected");
}

json triggerMessage(const json &request, StationCommands &commands)
{
    const QString requested = text(request, "requestedMessage");
    std::optional<TriggerKind> kind;
    if (requested == u"BootNotification")
        kind = TriggerKind::BootNotification;
    else if (requested == u"DiagnosticsStatusNotification")
        kind = TriggerKind::DiagnosticsStatusNotification;
    else if (requested == u"FirmwareStatusNotification")
        kind = TriggerKind::FirmwareStatusNotification;
    else if (requested == u"Heartbeat")
        kind = TriggerKind::Heartbeat;
    else if (requested == u"MeterValues")
        kind = TriggerKind::MeterValues;
    else if (requested == u"StatusNotification")
        kind = TriggerKind::StatusNotification;
    if (!kind)
        return status("NotImplemented");
    return status(triggerStatus(commands.triggerMessage(*kind, integer(request, "connectorId"))));
}

json reserveNow(const json &request, StationCommands &commands)
{
    ReservationRequest r;
    r.reservationId = integer(request, "reservationId").value_or(0);
    r.connectorId = integer(request, "connectorId").value_or(0);
    r.expiryMs = time(request, "expiryDate").value_or(0);
    r.idTag = text(request, "idTag");
    r.parentIdTag = text(request, "parentIdTag");
    return status(reservationStatus(commands.reserveNow(r)));
}

json sendLocalList(const json &request, StationCommands &commands)
{
    std::vector<LocalAuthorization::ListEntry> entries;
    for (const json &item : request.value("localAuthorizationList", json::array())) {
        LocalAuthorization::ListEntry entry;
        entry.idTag = text(item, "idTag");
        if (const auto info = item.find("idTagInfo"); info != item.end() && info->is_object())
            entry.status = authorizationStatusFromName(text(*info, "status"));
        entries.push_back(std::move(entry));
    }
    const bool full = text(request, "updateType") == u"Full";
    switch (commands.sendLocalList(integer(request, "listVersion").value_or(0), full, entries)) {
    case LocalAuthorization::UpdateResult::Accepted: return status("Accepted");
    case LocalAuthorization::UpdateResult::Failed: return status("Failed");
    case LocalAuthorization::UpdateResult::NotSupported: return status("NotSupported");
    case LocalAuthorization::UpdateResult::VersionMismatch: return status("VersionMismatch");
    }
    return status("Failed");
}

json compositeSchedule(const json &request, StationCommands &commands)
{
    std::optional<RateUnit> unit;
    if (const QString u = text(request, "chargingRateUnit"); !u.isEmpty())
        unit = u == u"A" ? RateUnit::Amperes : RateUnit::Watts;
    const int connectorId = integer(request, "connectorId").value_or(-1);
    const std::optional<CompositeSchedule> schedule =
        commands.compositeSchedule(connectorId, integer(request, "duration").value_or(0), unit);
    if (!schedule)
        return status("Rejected");
    const std::string start = QDateTime::fromMSecsSinceEpoch(schedule->startMs, Qt::UTC).toString(Qt::ISODateWithMs).toStdString();
    return {{"status", "Accepted"},
            {"connectorId", schedule->connectorId},
            {"scheduleStart", start},
            {"chargingSchedule",
             {{"duration", schedule->durationS},
              {"startSchedule", start},
              {"chargingRateUnit", schedule->unit == RateUnit::Amperes ? "A" : "W"},
              {"chargingSchedulePeriod", schedulePeriods(schedule->periods)}}}};
}

json dataTransfer(const json &request, StationCommands &commands)
{
    std::optional<QString> data;
    if (request.contains("data") && request["data"].is_string())
        data = text(request, "data");
    return dataTransferResult(commands.dataTransfer(text(request, "vendorId"), text(request, "messageId"), data));
}

}  // namespace

void Ocpp16Adapter::installHandlers(ocpp::RpcEndpoint &endpoint, StationCommands &commands) const
{
    // Core
    on(endpoint, commands, QStringLiteral("RemoteStartTransaction"), [](const json &r, StationCommands &c) {
        std::optional<ChargingProfile> profile;
        const std::optional<int> connectorId = integer(r, "connectorId");
        if (const auto p = r.find("chargingProfile"); p != r.end() && p->is_object())
            profile = profileFrom(*p, connectorId.value_or(0));
        return status(commandStatus(c.remoteStart(connectorId, text(r, "idTag"), profile)));
    });
    on(endpoint, commands, QStringLiteral("RemoteStopTransaction"), [](const json &r, StationCommands &c) {
        return status(commandStatus(c.remoteStop(integer(r, "transactionId").value_or(0))));
    });
    on(endpoint, commands, QStringLiteral("Reset"), [](const json &r, StationCommands &c) {
        return status(commandStatus(c.reset(text(r, "type") == u"Hard" ? ResetKind::Hard : ResetKind::Soft)));
    });
    on(endpoint, commands, QStringLiteral("UnlockConnector"), [](const json &r, StationCommands &c) {
        switch (c.unlockConnector(integer(r, "connectorId").value_or(-1))) {
        case UnlockStatus::Unlocked: return status("Unlocked");
        case UnlockStatus::UnlockFailed: return status("UnlockFailed");
        case UnlockStatus::NotSupported: return status("NotSupported");
        }
        return status("NotSupported");
    });
    on(endpoint, commands, QStringLiteral("ChangeAvailability"), [](const json &r, StationCommands &c) {
        return status(availabilityStatus(
            c.changeAvailability(integer(r, "connectorId").value_or(-1), text(r, "type") == u"Operative")));
    });
    on(endpoint, commands, QStringLiteral("GetConfiguration"), getConfiguration);
    on(endpoint, commands, QStringLiteral("ChangeConfiguration"), changeConfiguration);
    on(endpoint, commands, QStringLiteral("ClearCache"), [](const json &, StationCommands &c) {
        return status(commandStatus(c.clearCache()));
    });
    on(endpoint, commands, QStringLiteral("DataTransfer"), dataTransfer);

    // Firmware Management
    on(endpoint, commands, QStringLiteral("GetDiagnostics"), [](const json &r, StationCommands &c) {
        const QString fileName = c.startDiagnosticsUpload(text(r, "location"));
        json answer = json::object();
        if (!fileName.isEmpty())
            answer["fileName"] = fileName.left(255).toStdString();
        return answer;
    });
    on(endpoint, commands, QStringLiteral("UpdateFirmware"), [](const json &r, StationCommands &c) {
        c.scheduleFirmwareUpdate(text(r, "location"), time(r, "retrieveDate").value_or(c.nowMs()));
        return json::object();
    });

    // Local Auth List Management
    on(endpoint, commands, QStringLiteral("SendLocalList"), sendLocalList);
    on(endpoint, commands, QStringLiteral("GetLocalListVersion"), [](const json &, StationCommands &c) {
        return json{{"listVersion", c.localListVersion()}};
    });

    // Reservation
    on(endpoint, commands, QStringLiteral("ReserveNow"), reserveNow);
    on(endpoint, commands, QStringLiteral("CancelReservation"), [](const json &r, StationCommands &c) {
        return status(commandStatus(c.cancelReservation(integer(r, "reservationId").value_or(0))));
    });

    // Smart Charging
    on(endpoint, commands, QStringLiteral("SetChargingProfile"), [](const json &r, StationCommands &c) {
        const ChargingProfile profile = profileFrom(r.value("csChargingProfiles", json::object()),
                                                    integer(r, "connectorId").value_or(-1));
        return status(c.setChargingProfile(profile) == ChargingProfiles::InstallResult::Accepted ? "Accepted"
                                                                                                  : "Rejected");
    });
    on(endpoint, commands, QStringLiteral("ClearChargingProfile"), [](const json &r, StationCommands &c) {
        const bool cleared = c.clearChargingProfile(integer(r, "id"), integer(r, "connectorId"),
                                                    purposeFrom(text(r, "chargingProfilePurpose")),
                                                    integer(r, "stackLevel"));
        return status(cleared ? "Accepted" : "Unknown");
    });
    on(endpoint, commands, QStringLiteral("GetCompositeSchedule"), compositeSchedule);

    // Remote Trigger
    on(endpoint, commands, QStringLiteral("TriggerMessage"), triggerMessage);
}

}  // namespace cd::sim::v16
