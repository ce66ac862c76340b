#pragma once
// Everything a bill is computed from (issue #6 item 3). Kept with the bill (bills.inputs, JSON) so
// any bill can be recomputed and explained line by line later, whatever changed since.

#include "core/billing/tariff.h"

#include <QList>
#include <QString>

#include <nlohmann/json_fwd.hpp>

#include <optional>

namespace cd::billing {

// One reading of the energy register (meter_samples, measurand Energy.Active.Import.Register, total,
// unit Wh): the station's time and the register in whole Wh (value_milli / 1000, half away from 0).
struct EnergyReading {
    qint64 atMs = 0;
    qint64 registerWh = 0;
    friend bool operator==(const EnergyReading &, const EnergyReading &) = default;
};

// The coupon a bill deducts (chosen by couponrules.h; the calculator only applies min spend and cap).
struct BillCoupon {
    qint64 couponId = 0;
    QString code;
    qint64 amountMinor = 0;    // the most it deducts
    qint64 minSpendMinor = 0;  // the amount before the coupon must reach this
    friend bool operator==(const BillCoupon &, const BillCoupon &) = default;
};

struct BillInput {
    Tariff tariff;                     // the version valid at charging start
    QList<EnergyReading> readings;     // any order; the calculator sorts them by time
    std::optional<qint64> meterStartWh;
    std::optional<qint64> meterStopWh;
    // Energy to bill instead of what the register says (a correction: entered by hand, the station's
    // own bill): spread evenly between charging start and end; readings are then ignored.
    std::optional<qint64> energyWhOverride;
    // The energy the session recorded (sessions.energy_wh): when set and the register says otherwise
    // (or nothing), this is billed, shared between the periods in the shape of the readings (evenly
    // without readings).
    std::optional<qint64> recordedEnergyWh;
    qint64 chargingStartMs = 0;
    qint64 chargingEndMs = 0;
    qint64 serviceEndMs = 0;           // when the connector was freed (unplug / stop); idle fee ends here
    std::optional<BillCoupon> coupon;
    // No tariff applied to the session (SessionBillInput::load): the bill is issued at 0 so the
    // anomaly checks still run; `tariff` is a stand-in (id 0, no prices, the session's currency).
    // Putting a real tariff in (a correction "recompute with tariff": id > 0) prices it again.
    bool noTariff = false;
    bool withoutTariff() const { return noTariff && tariff.id == 0; }
    friend bool operator==(const BillInput &, const BillInput &) = default;
};

// JSON (the bills.inputs "input" object); fromJson gives nullopt for anything it cannot read.
nlohmann::json toJson(const Tariff &tariff);
std::optional<Tariff> tariffFromJson(const nlohmann::json &j);
nlohmann::json toJson(const BillInput &input);
std::optional<BillInput> billInputFromJson(const nlohmann::json &j);

}  // namespace cd::billing
