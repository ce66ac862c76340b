#include "core/billing/billinput.h"

#include <nlohmann/json.hpp>

namespace cd::billing {

using nlohmann::json;

namespace {

json optional(const std::optional<qint64> &v)
{
    return v ? json(*v) : json(nullptr);
}

std::optional<qint64> optionalFrom(const json &j, const char *key)
{
    const auto it = j.find(key);
    if (it == j.end() || !it->is_number_integer())
        return std::nullopt;
    return it->get<qint64>();
}

qint64 int64From(const json &j, const char *key, qint64 fallback = 0)
{
    return optionalFrom(j, key).value_or(fallback);
}

QString stringFrom(const json &j, const char *key)
{
    const auto it = j.find(key);
    if (it == j.end() || !it->is_string())
        return {};
    return QString::fromStdString(it->get<std::string>());
}

}  // namespace

json toJson(const Tariff &t)
{
    json periods = json::array();
    for (const TariffPeriod &p : t.periods) {
        periods.push_back({{"kind", TariffText::periodKindName(p.kind).toStdString()},
                           {"startMinute", p.startMinute},
                           {"endMinute", p.endMinute},
                           {"energyPriceMinorPerKwh", p.energyPriceMinorPerKwh}});
    }
    return {{"id", t.id},
            {"name", t.name.toStdString()},
            {"scope", TariffText::scopeName(t.scope).toStdString()},
            {"scopeId", t.scopeId},
            {"version", t.version},
            {"supersedesId", optional(t.supersedesId)},
            {"validFromMs", t.validFromMs},
            {"validToMs", optional(t.validToMs)},
            {"currency", t.currency.toStdString()},
            {"timeZone", t.timeZone.toStdString()},
            {"energyPriceMinorPerKwh", t.energyPriceMinorPerKwh},
            {"periods", periods},
            {"serviceFeeMinorPerKwh", t.serviceFeeMinorPerKwh},
            {"idleFeeMinorPerMinute", t.idleFeeMinorPerMinute},
            {"idleFreeMinutes", t.idleFreeMinutes},
            {"createdBy", t.createdBy.toStdString()},
            {"createdMs", t.createdMs}};
}

std::optional<Tariff> tariffFromJson(const json &j)
{
    if (!j.is_object())
        return std::nullopt;
    Tariff t;
    t.id = int64From(j, "id");
    t.name = stringFrom(j, "name");
    const auto scope = TariffText::scopeFromName(stringFrom(j, "scope"));
    if (!scope)
        return std::nullopt;
    t.scope = *scope;
    t.scopeId = int64From(j, "scopeId");
    t.version = int(int64From(j, "version", 1));
    t.supersedesId = optionalFrom(j, "supersedesId");
    t.validFromMs = int64From(j, "validFromMs");
    t.validToMs = optionalFrom(j, "validToMs");
    t.currency = stringFrom(j, "currency");
    t.timeZone = stringFrom(j, "timeZone");
    if (t.timeZone.isEmpty())
        t.timeZone = QStringLiteral("UTC");
    t.energyPriceMinorPerKwh = int64From(j, "energyPriceMinorPerKwh");
    if (const auto it = j.find("periods"); it != j.end() && it->is_array()) {
        for (const json &p : *it) {
            if (!p.is_object())
                return std::nullopt;
            const auto kind = TariffText::periodKindFromName(stringFrom(p, "kind"));
            if (!kind)
                return std::nullopt;
            t.periods.append({*kind, int(int64From(p, "startMinute")), int(int64From(p, "endMinute")),
                              int64From(p, "energyPriceMinorPerKwh")});
        }
    }
    t.serviceFeeMinorPerKwh = int64From(j, "serviceFeeMinorPerKwh");
    t.idleFeeMinorPerMinute = int64From(j, "idleFeeMinorPerMinute");
    t.idleFreeMinutes = int(int64From(j, "idleFreeMinutes"));
    t.createdBy = stringFrom(j, "createdBy");
    t.createdMs = int64From(j, "createdMs");
    return t;
}

json toJson(const BillInput &in)
{
    json readings = json::array();
    for (const EnergyReading &r : in.readings)
        readings.push_back(json::array({r.atMs, r.registerWh}));
    json coupon = nullptr;
    if (in.coupon) {
        coupon = {{"couponId", in.coupon->couponId},
                  {"code", in.coupon->code.toStdString()},
                  {"amountMinor", in.coupon->amountMinor},
                  {"minSpendMinor", in.coupon->minSpendMinor}};
    }
    json out{{"tariff", toJson(in.tariff)},
            {"readings", readings},
            {"meterStartWh", optional(in.meterStartWh)},
            {"meterStopWh", optional(in.meterStopWh)},
            {"energyWhOverride", optional(in.energyWhOverride)},
            {"recordedEnergyWh", optional(in.recordedEnergyWh)},
            {"chargingStartMs", in.chargingStartMs},
            {"chargingEndMs", in.chargingEndMs},
            {"serviceEndMs", in.serviceEndMs},
            {"coupon", coupon}};
    if (in.withoutTariff())
        out["noTariff"] = true;  // only then: older bills and priced ones read the same as before
    return out;
}

std::optional<BillInput> billInputFromJson(const json &j)
{
    if (!j.is_object())
        return std::nullopt;
    const auto tariff = j.find("tariff");
    if (tariff == j.end())
        return std::nullopt;
    auto t = tariffFromJson(*tariff);
    if (!t)
        return std::nullopt;
    BillInput in;
    in.tariff = *t;
    if (const auto it = j.find("readings"); it != j.end() && it->is_array()) {
        for (const json &r : *it) {
            if (!r.is_array() || r.size() != 2 || !r[0].is_number_integer() || !r[1].is_number_integer())
                return std::nullopt;
            in.readings.append({r[0].get<qint64>(), r[1].get<qint64>()});
        }
    }
    in.meterStartWh = optionalFrom(j, "meterStartWh");
    in.meterStopWh = optionalFrom(j, "meterStopWh");
    in.energyWhOverride = optionalFrom(j, "energyWhOverride");
    in.recordedEnergyWh = optionalFrom(j, "recordedEnergyWh");
    in.chargingStartMs = int64From(j, "chargingStartMs");
    in.chargingEndMs = int64From(j, "chargingEndMs");
    in.serviceEndMs = int64From(j, "serviceEndMs");
    if (const auto it = j.find("coupon"); it != j.end() && it->is_object()) {
        BillCoupon c;
        c.couponId = int64From(*it, "couponId");
        c.code = stringFrom(*it, "code");
        c.amountMinor = int64From(*it, "amountMinor");
        c.minSpendMinor = int64From(*it, "minSpendMinor");
        in.coupon = c;
    }
    if (const auto it = j.find("noTariff"); it != j.end() && it->is_boolean())
        in.noTariff = it->get<bool>();
    return in;
}

}  // namespace cd::billing
