#include "core/charging/v16/ocpp16messages.h"

#include "core/charging/payloadfields.h"
#include "core/charging/timestamps.h"

#include <limits>

namespace cd::charging::v16 {

using nlohmann::json;

namespace {

constexpr qint64 kMaxConnector = 1000000;
constexpr qint64 kMaxWh = std::numeric_limits<qint64>::max() / 1000;  // fits mWh

}  // namespace

storage::StationIdentity bootIdentity(const json &request)
{
    storage::StationIdentity id;
    id.vendor = payloadText(request, "chargePointVendor");
    id.model = payloadText(request, "chargePointModel");
    id.serialNumber = payloadText(request, "chargePointSerialNumber");
    id.chargeBoxSerialNumber = payloadText(request, "chargeBoxSerialNumber");
    id.firmware = payloadText(request, "firmwareVersion");
    id.iccid = payloadText(request, "iccid");
    id.imsi = payloadText(request, "imsi");
    id.meterType = payloadText(request, "meterType");
    id.meterSerialNumber = payloadText(request, "meterSerialNumber");
    return id;
}

json bootConfirmation(const BootResult &result)
{
    return {{"status", registrationStatusName(result.status).toStdString()},
            {"currentTime", formatTimestampMs(result.currentTimeMs).toStdString()},
            {"interval", result.intervalSeconds}};
}

Parsed<StatusReport> statusReport(const json &request)
{
    auto connector = payloadInteger(request, "connectorId", 0, kMaxConnector);
    if (!connector)
        return connector.error();
    auto at = payloadTimestamp(request, "timestamp");
    if (!at)
        return at.error();
    StatusReport r;
    r.connectorId = int(connector.value().value_or(0));
    r.evseId = r.connectorId;
    r.status = payloadText(request, "status");
    r.errorCode = payloadText(request, "errorCode");
    r.info = payloadText(request, "info");
    r.vendorId = payloadText(request, "vendorId");
    r.vendorErrorCode = payloadText(request, "vendorErrorCode");
    r.stationTimeMs = at.value();
    return r;
}

Parsed<StartRequest> startRequest(const json &request)
{
    auto connector = payloadInteger(request, "connectorId", 1, kMaxConnector);
    if (!connector)
        return connector.error();
    auto meter = payloadInteger(request, "meterStart", std::numeric_limits<qint64>::min() / 1000, kMaxWh);
    if (!meter)
        return meter.error();
    auto reservation = payloadInteger(request, "reservationId", std::numeric_limits<qint64>::min(),
                               std::numeric_limits<qint64>::max());
    if (!reservation)
        return reservation.error();
    auto at = payloadTimestamp(request, "timestamp");
    if (!at)
        return at.error();
    StartRequest r;
    r.connectorId = int(connector.value().value_or(0));
    r.evseId = r.connectorId;
    r.idTag = payloadText(request, "idTag");
    r.meterStartWh = meter.value().value_or(0);
    r.stationTimeMs = at.value().value_or(0);
    r.reservationId = reservation.value();
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
        const auto sampled = mv.find("sampledValue");
        if (sampled == mv.end() || !sampled->is_array())
            continue;
        for (const json &sv : *sampled) {
            if (payloadText(sv, "format") == u"SignedData") {
                ++*skipped;
                continue;
            }
            MeterReading r = sampleDescription(sv, at.value().value_or(0));
            QString unit = payloadText(sv, "unit");
            if (unit.isEmpty())
                unit = defaultUnit(r.measurand);
            const auto milli = toMilliUnits(payloadText(sv, "value"), unit);
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
    auto connector = payloadInteger(request, "connectorId", 0, kMaxConnector);
    if (!connector)
        return connector.error();
    auto transaction = payloadInteger(request, "transactionId", std::numeric_limits<qint64>::min(),
                               std::numeric_limits<qint64>::max());
    if (!transaction)
        return transaction.error();
    int skipped = 0;
    auto readings = meterReadings(request.value("meterValue", json::array()), &skipped);
    if (!readings)
        return readings.error();
    MeterReport r;
    r.connectorId = int(connector.value().value_or(0));
    r.evseId = r.connectorId;
    if (transaction.value())
        r.transactionId = QString::number(*transaction.value());
    r.readings = readings.value();
    return r;
}

Parsed<StopRequest> stopRequest(const json &request)
{
    auto transaction = payloadInteger(request, "transactionId", std::numeric_limits<qint64>::min(),
                               std::numeric_limits<qint64>::max());
    if (!transaction)
        return transaction.error();
    auto meter = payloadInteger(request, "meterStop", std::numeric_limits<qint64>::min() / 1000, kMaxWh);
    if (!meter)
        return meter.error();
    auto at = payloadTimestamp(request, "timestamp");
    if (!at)
        return at.error();
    int skipped = 0;
    auto readings = meterReadings(request.value("transactionData", json::array()), &skipped);
    if (!readings)
        return readings.error();
    StopRequest r;
    r.transactionId = QString::number(transaction.value().value_or(-1));
    r.idTag = payloadText(request, "idTag");
    r.meterStopWh = meter.value().value_or(0);
    r.stationTimeMs = at.value().value_or(0);
    const QString reason = payloadText(request, "reason");
    r.reason = reason.isEmpty() ? stopreason::Local : reason;  // 1.6: absent means Local
    r.readings = readings.value();
    return r;
}

json idTagInfo(const IdTagInfo &info)
{
    json out = {{"status", authorizationStatusName(info.status).toStdString()}};
    if (info.expiryMs)
        out["expiryDate"] = formatTimestampMs(*info.expiryMs).toStdString();
    if (!info.parentIdTag.isEmpty() && info.parentIdTag.size() <= 20)
        out["parentIdTag"] = info.parentIdTag.toStdString();
    return out;
}

QString triggeredAction(const QString &requestedMessage)
{
    if (requestedMessage == u"SignChargePointCertificate")
        return QStringLiteral("SignCertificate");
    return requestedMessage;  // BootNotification, Heartbeat, StatusNotification, MeterValues, …
}

}  // namespace cd::charging::v16
