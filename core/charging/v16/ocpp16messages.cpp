#include "core/charging/v16/ocpp16messages.h"

#include "core/charging/timestamps.h"

#include <limits>

namespace cd::charging::v16 {

using nlohmann::json;
using ocpp::ErrorKind;
using ocpp::RpcError;

namespace {

QString text(const json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

RpcError constraint(const QString &what)
{
    return RpcError::make(ErrorKind::PropertyConstraintViolation, what);
}

// An integer field within [min, max]; nullopt when absent, an error when out of range.
Parsed<std::optional<qint64>> integer(const json &object, const char *key, qint64 min, qint64 max)
{
    const auto it = object.find(key);
    if (it == object.end())
        return std::optional<qint64>();
    if (it->is_number_unsigned()) {
        const auto v = it->get<std::uint64_t>();
        if (v > std::uint64_t(max))
            return constraint(QStringLiteral("%1 is out of range").arg(QString::fromLatin1(key)));
        return std::optional<qint64>(qint64(v));
    }
    if (!it->is_number_integer())
        return RpcError::make(ErrorKind::TypeConstraintViolation, QStringLiteral("%1 must be an integer").arg(QString::fromLatin1(key)));
    const auto v = it->get<std::int64_t>();
    if (v < min || v > max)
        return constraint(QStringLiteral("%1 is out of range").arg(QString::fromLatin1(key)));
    return std::optional<qint64>(v);
}

Parsed<std::optional<qint64>> timestamp(const json &object, const char *key)
{
    const QString value = text(object, key);
    if (value.isEmpty())
        return std::optional<qint64>();
    const auto ms = parseTimestampMs(value);
    if (!ms)
        return constraint(QStringLiteral("%1 is not a date-time we can read").arg(QString::fromLatin1(key)));
    return std::optional<qint64>(*ms);
}

constexpr qint64 kMaxConnector = 1000000;
constexpr qint64 kMaxWh = std::numeric_limits<qint64>::max() / 1000;  // fits mWh

}  // namespace

storage::StationIdentity bootIdentity(const json &request)
{
    storage::StationIdentity id;
    id.vendor = text(request, "chargePointVendor");
    id.model = text(request, "chargePointModel");
    id.serialNumber = text(request, "chargePointSerialNumber");
    id.chargeBoxSerialNumber = text(request, "chargeBoxSerialNumber");
    id.firmware = text(request, "firmwareVersion");
    id.iccid = text(request, "iccid");
    id.imsi = text(request, "imsi");
    id.meterType = text(request, "meterType");
    id.meterSerialNumber = text(request, "meterSerialNumber");
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
    auto connector = integer(request, "connectorId", 0, kMaxConnector);
    if (!connector)
        return connector.error();
    auto at = timestamp(request, "timestamp");
    if (!at)
        return at.error();
    StatusReport r;
    r.connectorId = int(connector.value().value_or(0));
    r.evseId = r.connectorId;
    r.status = text(request, "status");
    r.errorCode = text(request, "errorCode");
    r.info = text(request, "info");
    r.vendorId = text(request, "vendorId");
    r.vendorErrorCode = text(request, "vendorErrorCode");
    r.stationTimeMs = at.value();
    return r;
}

Parsed<StartRequest> startRequest(const json &request)
{
    auto connector = integer(request, "connectorId", 1, kMaxConnector);
    if (!connector)
        return connector.error();
    auto meter = integer(request, "meterStart", std::numeric_limits<qint64>::min() / 1000, kMaxWh);
    if (!meter)
        return meter.error();
    auto reservation = integer(request, "reservationId", std::numeric_limits<qint64>::min(),
                               std::numeric_limits<qint64>::max());
    if (!reservation)
        return reservation.error();
    auto at = timestamp(request, "timestamp");
    if (!at)
        return at.error();
    StartRequest r;
    r.connectorId = int(connector.value().value_or(0));
    r.evseId = r.connectorId;
    r.idTag = text(request, "idTag");
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
        auto at = timestamp(mv, "timestamp");
        if (!at)
            return at.error();
        const auto sampled = mv.find("sampledValue");
        if (sampled == mv.end() || !sampled->is_array())
            continue;
        for (const json &sv : *sampled) {
            if (text(sv, "format") == u"SignedData") {
                ++*skipped;
                continue;
            }
            MeterReading r;
            r.stationTimeMs = at.value().value_or(0);
            r.measurand = text(sv, "measurand");
            if (r.measurand.isEmpty())
                r.measurand = QStringLiteral("Energy.Active.Import.Register");
            r.phase = text(sv, "phase");
            r.location = text(sv, "location");
            if (r.location.isEmpty())
                r.location = QStringLiteral("Outlet");
            r.context = text(sv, "context");
            if (r.context.isEmpty())
                r.context = QStringLiteral("Sample.Periodic");
            QString unit = text(sv, "unit");
            if (unit.isEmpty() && r.measurand.startsWith(QStringLiteral("Energy.")))
                unit = r.measurand.contains(QStringLiteral(".Reactive.")) ? QStringLiteral("varh") : QStringLiteral("Wh");
            const auto milli = toMilliUnits(text(sv, "value"), unit);
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
    auto connector = integer(request, "connectorId", 0, kMaxConnector);
    if (!connector)
        return connector.error();
    auto transaction = integer(request, "transactionId", std::numeric_limits<qint64>::min(),
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
    auto transaction = integer(request, "transactionId", std::numeric_limits<qint64>::min(),
                               std::numeric_limits<qint64>::max());
    if (!transaction)
        return transaction.error();
    auto meter = integer(request, "meterStop", std::numeric_limits<qint64>::min() / 1000, kMaxWh);
    if (!meter)
        return meter.error();
    auto at = timestamp(request, "timestamp");
    if (!at)
        return at.error();
    int skipped = 0;
    auto readings = meterReadings(request.value("transactionData", json::array()), &skipped);
    if (!readings)
        return readings.error();
    StopRequest r;
    r.transactionId = QString::number(transaction.value().value_or(-1));
    r.idTag = text(request, "idTag");
    r.meterStopWh = meter.value().value_or(0);
    r.stationTimeMs = at.value().value_or(0);
    const QString reason = text(request, "reason");
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

QString dataTransferStatusName(DataTransferStatus status)
{
    switch (status) {
    case DataTransferStatus::Accepted:
        return QStringLiteral("Accepted");
    case DataTransferStatus::Rejected:
        return QStringLiteral("Rejected");
    case DataTransferStatus::UnknownMessageId:
        return QStringLiteral("UnknownMessageId");
    case DataTransferStatus::UnknownVendorId:
        break;
    }
    return QStringLiteral("UnknownVendorId");
}

QString triggeredAction(const QString &requestedMessage)
{
    if (requestedMessage == u"SignChargePointCertificate")
        return QStringLiteral("SignCertificate");
    return requestedMessage;  // BootNotification, Heartbeat, StatusNotification, MeterValues, …
}

}  // namespace cd::charging::v16
