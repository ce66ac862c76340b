#include "core/charging/payloadfields.h"

#include "core/charging/timestamps.h"

namespace cd::charging {

using nlohmann::json;
using ocpp::ErrorKind;
using ocpp::RpcError;

QString payloadText(const json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

RpcError constraintViolation(const QString &what)
{
    return RpcError::make(ErrorKind::PropertyConstraintViolation, what);
}

Parsed<std::optional<qint64>> payloadInteger(const json &object, const char *key, qint64 min, qint64 max)
{
    const auto it = object.find(key);
    if (it == object.end())
        return std::optional<qint64>();
    if (it->is_number_unsigned()) {
        const auto v = it->get<std::uint64_t>();
        if (v > std::uint64_t(max))
            return constraintViolation(QStringLiteral("%1 is out of range").arg(QString::fromLatin1(key)));
        return std::optional<qint64>(qint64(v));
    }
    if (!it->is_number_integer())
        return RpcError::make(ErrorKind::TypeConstraintViolation, QStringLiteral("%1 must be an integer").arg(QString::fromLatin1(key)));
    const auto v = it->get<std::int64_t>();
    if (v < min || v > max)
        return constraintViolation(QStringLiteral("%1 is out of range").arg(QString::fromLatin1(key)));
    return std::optional<qint64>(v);
}

Parsed<std::optional<qint64>> payloadTimestamp(const json &object, const char *key)
{
    const QString value = payloadText(object, key);
    if (value.isEmpty())
        return std::optional<qint64>();
    const auto ms = parseTimestampMs(value);
    if (!ms)
        return constraintViolation(QStringLiteral("%1 is not a date-time we can read").arg(QString::fromLatin1(key)));
    return std::optional<qint64>(*ms);
}

MeterReading sampleDescription(const json &sampledValue, qint64 stationTimeMs)
{
    MeterReading r;
    r.stationTimeMs = stationTimeMs;
    r.measurand = payloadText(sampledValue, "measurand");
    if (r.measurand.isEmpty())
        r.measurand = QStringLiteral("Energy.Active.Import.Register");
    r.phase = payloadText(sampledValue, "phase");
    r.location = payloadText(sampledValue, "location");
    if (r.location.isEmpty())
        r.location = QStringLiteral("Outlet");
    r.context = payloadText(sampledValue, "context");
    if (r.context.isEmpty())
        r.context = QStringLiteral("Sample.Periodic");
    return r;
}

QString defaultUnit(const QString &measurand)
{
    if (!measurand.startsWith(QStringLiteral("Energy.")))
        return {};
    return measurand.contains(QStringLiteral(".Reactive.")) ? QStringLiteral("varh") : QStringLiteral("Wh");
}

}  // namespace cd::charging
