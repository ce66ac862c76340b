#include "core/charging/v201/ocpp201messages.h"

#include "core/charging/timestamps.h"

#include <limits>

namespace cd::charging::v201 {

using nlohmann::json;

namespace {

constexpr qint64 kMaxId = 1000000;
constexpr qint64 kAnyInteger = std::numeric_limits<qint64>::max();

const json &member(const json &object, const char *key)
{
    static const json none;
    const auto it = object.find(key);
    return it != object.end() ? *it : none;
}

// The decimal text of a JSON number: integers exactly, others as the shortest text that reads
// back as the same double (what the station most likely sent).
std::optional<QString> numberText(const json &value)
{
    if (value.is_number_integer() || value.is_number_unsigned())
        return QString::fromStdString(value.dump());
    if (value.is_number_float())
        return QString::fromStdString(value.dump());
    return std::nullopt;
}

std::optional<bool> flag(const json &object, const char *key)
{
    const json &v = member(object, key);
    return v.is_boolean() ? std::optional<bool>(v.get<bool>()) : std::nullopt;
}

Parsed<std::optional<int>> optionalId(const json &object, const char *key)
{
    auto v = payloadInteger(object, key, 0, kMaxId);
    if (!v)
        return v.error();
    return v.value() ? std::optional<int>(int(*v.value())) : std::nullopt;
}

}  // namespace

storage::StationIdentity bootIdentity(const json &request)
{
    const json &station = member(request, "chargingStation");
    const json &modem = member(station, "modem");
    storage::StationIdentity id;
    id.vendor = payloadText(station, "vendorName");
    id.model = payloadText(station, "model");
    id.serialNumber = payloadText(station, "serialNumber");
    id.firmware = payloadText(station, "firmwareVersion");
    id.iccid = payloadText(modem, "iccid");
    id.imsi = payloadText(modem, "imsi");
    return id;
}

json bootResponse(const BootResult &result)
{
    return {{"status", registrationStatusName(result.status).toStdString()},
            {"currentTime", formatTimestampMs(result.currentTimeMs).toStdString()},
            {"interval", result.intervalSeconds}};
}

Parsed<StatusReport> statusReport(const json &request)
{
    auto evse = payloadInteger(request, "evseId", 0, kMaxId);
    if (!evse)
        return evse.error();
    auto connector = payloadInteger(request, "connectorId", 0, kMaxId);
    if (!connector)
        return connector.error();
    auto at = payloadTimestamp(request, "timestamp");
    if (!at)
        return at.error();
    StatusReport r;
    r.evseId = int(evse.value().value_or(0));
    r.connectorId = int(connector.value().value_or(0));
    r.status = payloadText(request, "connectorStatus");
    r.stationTimeMs = at.value();
    return r;
}

Parsed<QList<MeterReading>> meterReadings(const json &meterValues, int *skipped)
{
    QList<MeterReading> out;
    if (!meterValues.is_array())
        return out;
    for (const json &mv : meterValues) {
        auto at = payloadTimestamp(mv, "timestamp");
        if (!at)
            return at.error();
        const json &sampled = member(mv, "sampledValue");
        if (!sampled.is_array())
            continue;
        for (const json &sv : sampled) {
            MeterReading r = sampleDescription(sv, at.value().value_or(0));
            const json &unitOfMeasure = member(sv, "unitOfMeasure");
            QString unit = payloadText(unitOfMeasure, "unit");
            if (unit.isEmpty())
                unit = defaultUnit(r.measurand);
            auto multiplier = payloadInteger(unitOfMeasure, "multiplier", -30, 30);
            const auto value = numberText(member(sv, "value"));
            const auto milli = value && multiplier
                ? parseScaledDecimal(*value, normalizeUnit(unit).pow10 + 3 + int(multiplier.value().value_or(0)))
                : std::nullopt;
            if (!milli) {
                ++*skipped;
                continue;
            }
            r.unit = normalizeUnit(unit).unit;
            r.valueMilli = *milli;
            out.append(r);
        }
    }
    return out;
}

Parsed<MeterReport> meterReport(const json &request)
{
    auto evse = payloadInteger(request, "evseId", 0, kMaxId);
    if (!evse)
        return evse.error();
    int skipped = 0;
    auto readings = meterReadings(member(request, "meterValue"), &skipped);
    if (!readings)
        return readings.error();
    MeterReport r;
    r.evseId = int(evse.value().value_or(0));
    r.connectorId = r.evseId;
    r.readings = readings.value();
    return r;
}

Parsed<TransactionEventReport> transactionEvent(const json &request)
{
    auto seqNo = payloadInteger(request, "seqNo", 0, kAnyInteger);
    if (!seqNo)
        return seqNo.error();
    auto at = payloadTimestamp(request, "timestamp");
    if (!at)
        return at.error();
    auto reservation = payloadInteger(request, "reservationId", std::numeric_limits<qint64>::min(), kAnyInteger);
    if (!reservation)
        return reservation.error();
    const json &info = member(request, "transactionInfo");
    auto remoteStart = payloadInteger(info, "remoteStartId", std::numeric_limits<qint64>::min(), kAnyInteger);
    if (!remoteStart)
        return remoteStart.error();
    const json &evse = member(request, "evse");
    auto evseId = optionalId(evse, "id");
    if (!evseId)
        return evseId.error();
    auto connectorId = optionalId(evse, "connectorId");
    if (!connectorId)
        return connectorId.error();
    int skipped = 0;
    auto readings = meterReadings(member(request, "meterValue"), &skipped);
    if (!readings)
        return readings.error();

    TransactionEventReport r;
    const QString type = payloadText(request, "eventType");
    r.type = type == u"Started" ? TransactionEventType::Started
        : type == u"Ended"      ? TransactionEventType::Ended
                                : TransactionEventType::Updated;
    r.transactionId = payloadText(info, "transactionId");
    r.seqNo = seqNo.value().value_or(0);
    r.offline = flag(request, "offline").value_or(false);
    r.triggerReason = payloadText(request, "triggerReason");
    r.stationTimeMs = at.value().value_or(0);
    r.evseId = evseId.value();
    r.connectorId = connectorId.value().value_or(0);
    r.idToken = payloadText(member(request, "idToken"), "idToken");
    r.chargingState = payloadText(info, "chargingState");
    r.stoppedReason = payloadText(info, "stoppedReason");
    r.reservationId = reservation.value();
    r.remoteStartId = remoteStart.value();
    r.readings = readings.value();
    return r;
}

Parsed<DeviceModelReport> deviceModelReport(const json &request)
{
    auto requestId = payloadInteger(request, "requestId", std::numeric_limits<qint64>::min(), kAnyInteger);
    if (!requestId)
        return requestId.error();
    auto seqNo = payloadInteger(request, "seqNo", 0, kAnyInteger);
    if (!seqNo)
        return seqNo.error();
    auto generated = payloadTimestamp(request, "generatedAt");
    if (!generated)
        return generated.error();
    DeviceModelReport report;
    report.requestId = requestId.value().value_or(0);
    report.seqNo = seqNo.value().value_or(0);
    report.toBeContinued = flag(request, "tbc").value_or(false);
    report.generatedAtMs = generated.value();
    const json &data = member(request, "reportData");
    if (!data.is_array())
        return report;
    for (const json &item : data) {
        const json &component = member(item, "component");
        const json &evse = member(component, "evse");
        auto evseId = optionalId(evse, "id");
        if (!evseId)
            return evseId.error();
        auto connectorId = optionalId(evse, "connectorId");
        if (!connectorId)
            return connectorId.error();
        const json &variable = member(item, "variable");
        const json &characteristics = member(item, "variableCharacteristics");
        storage::DeviceVariable base;
        base.component = payloadText(component, "name");
        base.componentInstance = payloadText(component, "instance");
        base.evseId = evseId.value();
        base.connectorId = connectorId.value();
        base.variable = payloadText(variable, "name");
        base.variableInstance = payloadText(variable, "instance");
        base.dataType = payloadText(characteristics, "dataType");
        base.unit = payloadText(characteristics, "unit");
        base.valuesList = payloadText(characteristics, "valuesList");
        const json &attributes = member(item, "variableAttribute");
        if (!attributes.is_array())
            continue;
        for (const json &a : attributes) {
            storage::DeviceVariable v = base;
            const QString type = payloadText(a, "type");
            v.attributeType = type.isEmpty() ? QStringLiteral("Actual") : type;
            if (a.contains("value"))
                v.value = payloadText(a, "value");
            v.mutability = payloadText(a, "mutability");
            if (v.mutability.isEmpty())
                v.mutability = QStringLiteral("ReadWrite");
            v.persistent = flag(a, "persistent");
            v.constant = flag(a, "constant");
            report.variables.append(v);
        }
    }
    return report;
}

json idTokenInfo(const IdTagInfo &info)
{
    json out = {{"status", authorizationStatusName(info.status).toStdString()}};
    if (info.expiryMs)
        out["cacheExpiryDateTime"] = formatTimestampMs(*info.expiryMs).toStdString();
    if (!info.parentIdTag.isEmpty() && info.parentIdTag.size() <= 36)
        out["groupIdToken"] = {{"idToken", info.parentIdTag.toStdString()}, {"type", "Central"}};
    return out;
}

QString triggeredAction(const QString &requestedMessage)
{
    if (requestedMessage.startsWith(QStringLiteral("Sign")))
        return QStringLiteral("SignCertificate");  // SignChargingStationCertificate, SignV2GCertificate, …
    return requestedMessage;  // BootNotification, Heartbeat, StatusNotification, TransactionEvent, …
}

}  // namespace cd::charging::v201
