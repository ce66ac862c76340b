// OCPP 2.0.1 server→station commands: each handler reads the (schema-checked) request, asks
// StationCommands in version-neutral terms, and answers with a schema-valid response. The
// station's one connector per EVSE makes evseId and 1.6's connectorId the same number.

#include "core/ocpp/rpcendpoint.h"
#include "core/sim/commandkit.h"
#include "core/sim/v201/adapter201.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>

namespace cd::sim::v201 {

namespace {

using nlohmann::json;
using namespace kit;

std::optional<ProfilePurpose> purposeFrom(const QString &name)
{
    if (name == u"ChargingStationMaxProfile")
        return ProfilePurpose::ChargePointMax;
    if (name == u"TxDefaultProfile")
        return ProfilePurpose::TxDefault;
    if (name == u"TxProfile")
        return ProfilePurpose::Tx;
    return std::nullopt;  // ChargingStationExternalConstraints: not ours to set
}

// A 2.0.1 profile has a list of schedules (one per rate unit at most): the first one counts.
ChargingProfile profileFrom(const json &p, int evseId)
{
    ChargingProfile profile;
    profile.id = integer(p, "id").value_or(0);
    profile.connectorId = evseId;
    profile.purpose = purposeFrom(text(p, "chargingProfilePurpose")).value_or(ProfilePurpose::TxDefault);
    if (const QString tx = text(p, "transactionId"); !tx.isEmpty())
        profile.transactionId = tx.toInt();
    const json schedules = p.value("chargingSchedule", json::array());
    readProfileCommon(p, schedules.is_array() && !schedules.empty() ? schedules.front() : json::object(), profile);
    return profile;
}

json componentVariable(const json &item)
{
    return {{"component", item.value("component", json::object())}, {"variable", item.value("variable", json::object())}};
}

// Device model, simplified: every variable lives in the station's configuration under its name,
// whatever the component.
json getVariables(const json &request, StationCommands &commands)
{
    const ConfigurationStore &store = commands.configuration();
    json results = json::array();
    for (const json &item : request.value("getVariableData", json::array())) {
        json result = componentVariable(item);
        const QString attribute = text(item, "attributeType");
        const QString name = text(item.value("variable", json::object()), "name");
        if (!attribute.isEmpty() && attribute != u"Actual") {
            result["attributeStatus"] = "NotSupportedAttributeType";
        } else if (const std::optional<ConfigEntry> entry = store.entry(name)) {
            result["attributeStatus"] = "Accepted";
            result["attributeValue"] = entry->value.left(2500).toStdString();
        } else {
            result["attributeStatus"] = "UnknownVariable";
        }
        results.push_back(std::move(result));
    }
    return {{"getVariableResult", std::move(results)}};
}

json setVariables(const json &request, StationCommands &commands)
{
    json results = json::array();
    for (const json &item : request.value("setVariableData", json::array())) {
        json result = componentVariable(item);
        const QString name = text(item.value("variable", json::object()), "name");
        switch (commands.changeConfiguration(name, text(item, "attributeValue"))) {
        case ConfigChangeResult::Accepted: result["attributeStatus"] = "Accepted"; break;
        case ConfigChangeResult::Rejected: result["attributeStatus"] = "Rejected"; break;
        case ConfigChangeResult::RebootRequired: result["attributeStatus"] = "RebootRequired"; break;
        case ConfigChangeResult::NotSupported: result["attributeStatus"] = "UnknownVariable"; break;
        }
        results.push_back(std::move(result));
    }
    return {{"setVariableResult", std::move(results)}};
}

json triggerMessage(const json &request, StationCommands &commands)
{
    const QString requested = text(request, "requestedMessage");
    std::optional<TriggerKind> kind;
    if (requested == u"BootNotification")
        kind = TriggerKind::BootNotification;
    else if (requested == u"LogStatusNotification")
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
    const std::optional<int> evse = integer(request.value("evse", json::object()), "id");
    return status(triggerStatus(commands.triggerMessage(*kind, evse)));
}

// B07 Get base report: the station's configuration as its device model, in NotifyReport
// messages of at most kReportChunk entries each (seqNo from 0, tbc on all but the last), sent
// after the answer. Every variable sits under the component ChargingStation, as GetVariables
// reads it.
constexpr int kReportChunk = 40;

json reportItem(const ConfigEntry &entry)
{
    const char *dataType = entry.type == ConfigEntry::Type::Integer ? "integer"
        : entry.type == ConfigEntry::Type::Boolean                  ? "boolean"
        : entry.type == ConfigEntry::Type::List                     ? "MemberList"
                                                                    : "string";
    return {{"component", {{"name", "ChargingStation"}}},
            {"variable", {{"name", utf8(entry.key, 50)}}},
            {"variableAttribute",
             json::array({{{"type", "Actual"},
                           {"value", utf8(entry.value, 2500)},
                           {"mutability", entry.readOnly ? "ReadOnly" : "ReadWrite"},
                           {"persistent", true},
                           {"constant", entry.readOnly}}})},
            {"variableCharacteristics", {{"dataType", dataType}, {"supportsMonitoring", false}}}};
}

json getBaseReport(const json &request, StationCommands &commands)
{
    const QList<ConfigEntry> &entries = commands.configuration().entries();
    if (entries.isEmpty())
        return status("EmptyResultSet");
    const int requestId = integer(request, "requestId").value_or(0);
    const std::string generatedAt = isoTime(commands.nowMs());
    const qsizetype parts = (entries.size() + kReportChunk - 1) / kReportChunk;
    for (qsizetype part = 0; part < parts; ++part) {
        json items = json::array();
        for (qsizetype i = part * kReportChunk; i < std::min(entries.size(), (part + 1) * kReportChunk); ++i)
            items.push_back(reportItem(entries.at(i)));
        OutgoingMessage report{QStringLiteral("NotifyReport"),
                               {{"requestId", requestId},
                                {"generatedAt", generatedAt},
                                {"seqNo", part},
                                {"tbc", part + 1 < parts},
                                {"reportData", std::move(items)}}};
        if (!commands.sendFollowUp(std::move(report)))
            return status("Rejected");
    }
    return status("Accepted");
}

json reserveNow(const json &request, StationCommands &commands)
{
    ReservationRequest r;
    r.reservationId = integer(request, "id").value_or(0);
    r.connectorId = integer(request, "evseId").value_or(0);
    r.expiryMs = time(request, "expiryDateTime").value_or(0);
    r.idTag = text(request.value("idToken", json::object()), "idToken");
    r.parentIdTag = text(request.value("groupIdToken", json::object()), "idToken");
    return status(reservationStatus(commands.reserveNow(r)));
}

json sendLocalList(const json &request, StationCommands &commands)
{
    std::vector<LocalAuthorization::ListEntry> entries;
    for (const json &item : request.value("localAuthorizationList", json::array())) {
        LocalAuthorization::ListEntry entry;
        entry.idTag = text(item.value("idToken", json::object()), "idToken");
        if (const auto info = item.find("idTokenInfo"); info != item.end() && info->is_object())
            entry.status = authorizationStatusFromName(text(*info, "status"));
        entries.push_back(std::move(entry));
    }
    const bool full = text(request, "updateType") == u"Full";
    switch (commands.sendLocalList(integer(request, "versionNumber").value_or(0), full, entries)) {
    case LocalAuthorization::UpdateResult::Accepted: return status("Accepted");
    case LocalAuthorization::UpdateResult::VersionMismatch: return status("VersionMismatch");
    case LocalAuthorization::UpdateResult::Failed:
    case LocalAuthorization::UpdateResult::NotSupported: return status("Failed");
    }
    return status("Failed");
}

json compositeSchedule(const json &request, StationCommands &commands)
{
    std::optional<RateUnit> unit;
    if (const QString u = text(request, "chargingRateUnit"); !u.isEmpty())
        unit = u == u"A" ? RateUnit::Amperes : RateUnit::Watts;
    const std::optional<CompositeSchedule> schedule =
        commands.compositeSchedule(integer(request, "evseId").value_or(-1), integer(request, "duration").value_or(0), unit);
    if (!schedule)
        return status("Rejected");
    return {{"status", "Accepted"},
            {"schedule",
             {{"evseId", schedule->connectorId},
              {"duration", schedule->durationS},
              {"scheduleStart", isoTime(schedule->startMs)},
              {"chargingRateUnit", schedule->unit == RateUnit::Amperes ? "A" : "W"},
              {"chargingSchedulePeriod", schedulePeriods(schedule->periods)}}}};
}

// E14: ongoingIndicator only when asked about one transaction; an id this station never gave
// out is neither ongoing nor queued.
json transactionStatus(const json &request, StationCommands &commands)
{
    if (!request.contains("transactionId"))
        return {{"messagesInQueue", commands.transactionStatus(std::nullopt).messagesInQueue}};
    bool ok = false;
    const int transactionId = text(request, "transactionId").toInt(&ok);
    if (!ok || transactionId < 0)
        return {{"ongoingIndicator", false}, {"messagesInQueue", false}};
    const TransactionStatusAnswer answer = commands.transactionStatus(transactionId);
    return {{"ongoingIndicator", answer.ongoing}, {"messagesInQueue", answer.messagesInQueue}};
}

json dataTransfer(const json &request, StationCommands &commands)
{
    std::optional<QString> data;
    if (request.contains("data"))
        data = request["data"].is_string() ? text(request, "data") : QString::fromStdString(request["data"].dump());
    return dataTransferResult(commands.dataTransfer(text(request, "vendorId"), text(request, "messageId"), data));
}

}  // namespace

void Ocpp201Adapter::installHandlers(ocpp::RpcEndpoint &endpoint, StationCommands &commands) const
{
    // B Provisioning
    on(endpoint, commands, QStringLiteral("Reset"), [](const json &r, StationCommands &c) {
        return status(commandStatus(c.reset(text(r, "type") == u"Immediate" ? ResetKind::Hard : ResetKind::Soft)));
    });
    on(endpoint, commands, QStringLiteral("GetVariables"), getVariables);
    on(endpoint, commands, QStringLiteral("GetBaseReport"), getBaseReport);
    on(endpoint, commands, QStringLiteral("SetVariables"), setVariables);

    // C Authorization
    on(endpoint, commands, QStringLiteral("ClearCache"), [](const json &, StationCommands &c) {
        return status(commandStatus(c.clearCache()));
    });
    on(endpoint, commands, QStringLiteral("SendLocalList"), sendLocalList);
    on(endpoint, commands, QStringLiteral("GetLocalListVersion"), [](const json &, StationCommands &c) {
        return json{{"versionNumber", std::max(0, c.localListVersion())}};
    });

    // E Transactions
    on(endpoint, commands, QStringLiteral("GetTransactionStatus"), transactionStatus);

    // F Remote control
    on(endpoint, commands, QStringLiteral("RequestStartTransaction"), [](const json &r, StationCommands &c) {
        std::optional<ChargingProfile> profile;
        const std::optional<int> evseId = integer(r, "evseId");
        if (const auto p = r.find("chargingProfile"); p != r.end() && p->is_object())
            profile = profileFrom(*p, evseId.value_or(0));
        const QString token = text(r.value("idToken", json::object()), "idToken");
        return status(commandStatus(c.remoteStart(evseId, token, profile)));
    });
    on(endpoint, commands, QStringLiteral("RequestStopTransaction"), [](const json &r, StationCommands &c) {
        bool ok = false;
        const int transactionId = text(r, "transactionId").toInt(&ok);
        return status(ok ? commandStatus(c.remoteStop(transactionId)) : "Rejected");
    });
    on(endpoint, commands, QStringLiteral("UnlockConnector"), [](const json &r, StationCommands &c) {
        switch (c.unlockConnector(integer(r, "evseId").value_or(-1))) {
        case UnlockStatus::Unlocked: return status("Unlocked");
        case UnlockStatus::UnlockFailed:
        case UnlockStatus::NotSupported: return status("UnlockFailed");
        }
        return status("UnlockFailed");
    });
    on(endpoint, commands, QStringLiteral("TriggerMessage"), triggerMessage);

    // G Availability
    on(endpoint, commands, QStringLiteral("ChangeAvailability"), [](const json &r, StationCommands &c) {
        const int evse = integer(r.value("evse", json::object()), "id").value_or(0);
        return status(availabilityStatus(c.changeAvailability(evse, text(r, "operationalStatus") == u"Operative")));
    });

    // H Reservation
    on(endpoint, commands, QStringLiteral("ReserveNow"), reserveNow);
    on(endpoint, commands, QStringLiteral("CancelReservation"), [](const json &r, StationCommands &c) {
        return status(commandStatus(c.cancelReservation(integer(r, "reservationId").value_or(0))));
    });

    // K Smart charging
    on(endpoint, commands, QStringLiteral("SetChargingProfile"), [](const json &r, StationCommands &c) {
        const ChargingProfile profile = profileFrom(r.value("chargingProfile", json::object()),
                                                    integer(r, "evseId").value_or(-1));
        return status(c.setChargingProfile(profile) == ChargingProfiles::InstallResult::Accepted ? "Accepted"
                                                                                                  : "Rejected");
    });
    on(endpoint, commands, QStringLiteral("ClearChargingProfile"), [](const json &r, StationCommands &c) {
        const json criteria = r.value("chargingProfileCriteria", json::object());
        const bool cleared = c.clearChargingProfile(integer(r, "chargingProfileId"), integer(criteria, "evseId"),
                                                    purposeFrom(text(criteria, "chargingProfilePurpose")),
                                                    integer(criteria, "stackLevel"));
        return status(cleared ? "Accepted" : "Unknown");
    });
    on(endpoint, commands, QStringLiteral("GetCompositeSchedule"), compositeSchedule);

    // L Firmware, N Diagnostics
    on(endpoint, commands, QStringLiteral("UpdateFirmware"), [](const json &r, StationCommands &c) {
        const json firmware = r.value("firmware", json::object());
        c.scheduleFirmwareUpdate(text(firmware, "location"), time(firmware, "retrieveDateTime").value_or(c.nowMs()));
        return status("Accepted");
    });
    on(endpoint, commands, QStringLiteral("GetLog"), [](const json &r, StationCommands &c) {
        const QString fileName = c.startDiagnosticsUpload(text(r.value("log", json::object()), "remoteLocation"));
        if (fileName.isEmpty())
            return status("Rejected");
        json answer = status("Accepted");
        answer["filename"] = fileName.left(255).toStdString();
        return answer;
    });

    // P DataTransfer
    on(endpoint, commands, QStringLiteral("DataTransfer"), dataTransfer);
}

}  // namespace cd::sim::v201
