#include "core/payments/gatewayresultjson.h"

#include <nlohmann/json.hpp>

namespace cd::payments {

using nlohmann::json;

namespace {

QString text(const json &o, const char *key)
{
    const auto it = o.find(key);
    return it != o.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

qint64 number(const json &o, const char *key)
{
    const auto it = o.find(key);
    return it != o.end() && it->is_number_integer() ? it->get<qint64>() : 0;
}

QString outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Done:
        return QStringLiteral("done");
    case Outcome::Refused:
        return QStringLiteral("refused");
    case Outcome::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

}  // namespace

QString resultToJson(const GatewayResult &r)
{
    const json o = {
        {"outcome", outcomeName(r.outcome).toStdString()},
        {"status", holdStatusName(r.status).toStdString()},
        {"gatewayRef", r.gatewayRef.toStdString()},
        {"refundRef", r.refundRef.toStdString()},
        {"cardToken", r.cardToken.toStdString()},
        {"currency", r.currency.toStdString()},
        {"amountMinor", r.amountMinor},
        {"capturableMinor", r.capturableMinor},
        {"capturedMinor", r.capturedMinor},
        {"refundedMinor", r.refundedMinor},
        {"httpStatus", r.httpStatus},
        {"errorCode", r.errorCode.toStdString()},
        {"error", r.error.toStdString()},
    };
    return QString::fromStdString(o.dump());
}

std::optional<GatewayResult> resultFromJson(const QString &textValue)
{
    const json o = json::parse(textValue.toStdString(), nullptr, false);
    if (o.is_discarded() || !o.is_object())
        return std::nullopt;
    GatewayResult r;
    const QString outcome = text(o, "outcome");
    r.outcome = outcome == u"done" ? Outcome::Done : outcome == u"refused" ? Outcome::Refused : Outcome::Unknown;
    r.status = holdStatusFromName(text(o, "status")).value_or(HoldStatus::None);
    r.gatewayRef = text(o, "gatewayRef");
    r.refundRef = text(o, "refundRef");
    r.cardToken = text(o, "cardToken");
    r.currency = text(o, "currency");
    r.amountMinor = number(o, "amountMinor");
    r.capturableMinor = number(o, "capturableMinor");
    r.capturedMinor = number(o, "capturedMinor");
    r.refundedMinor = number(o, "refundedMinor");
    r.httpStatus = int(number(o, "httpStatus"));
    r.errorCode = text(o, "errorCode");
    r.error = text(o, "error");
    r.raw = textValue;
    return r;
}

}  // namespace cd::payments
