#pragma once
// The bill calculator (issue #6 item 3): pure and deterministic, integer minor units and Wh.
//
// Energy. The energy register over time is the points (chargingStart, meterStart), every reading
// strictly between charging start and end, (chargingEnd, meterStop) — whichever exist. Between two
// points the energy is taken to flow evenly (linear interpolation), so a tariff period boundary
// between two readings gets its share by time. A step down of the register counts as 0. Without
// two points (no samples, no meter start/stop) and with energyWhOverride, the energy (override, else
// meterStop − meterStart, else 0) is spread evenly between charging start and end. When the session's
// recorded energy (recordedEnergyWh) differs from what the register gives, the recorded energy is
// billed, shared in the shape of the register curve (evenly without one). The cumulative
// energy at every boundary is rounded half up to whole Wh, and each line is the difference of two
// of those, so the lines add up exactly to the energy.
//
// Lines. One energy line per contiguous stretch of time at one price (a time-of-use period, or the
// flat price outside every period; midnight does not split a line whose period crosses it).
// Energy line fee = round-half-up(Wh × price / 1000); energy fee = the sum of the lines.
// Service fee = round-half-up(energy Wh × service fee per kWh / 1000), one line.
// Idle minutes = floor((serviceEnd − (chargingEnd + free minutes)) / 60 s), at least 0 (a started
// minute is not charged: zpd_case#4, 3 h 5 min 20 s → 185 min × 0.80 = 148.00); idle fee =
// idle minutes × rate (exact).
// Coupon: deduction = min(coupon amount, amount before coupon) when the amount before coupon ≥ the
// coupon's min spend, else 0 (the coupon is then not used: couponId stays empty).
// Total = energy fee + service fee + idle fee − deduction.
// No tariff (input.withoutTariff(), a session no tariff applied to): the energy as above, no lines,
// every fee 0, no coupon used, total 0; explain() says "No tariff applied".
// Round half up: x.5 → x+1 (amounts are never negative).

#include "core/billing/billinput.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

#include <nlohmann/json_fwd.hpp>

#include <optional>

namespace cd::billing {

// Where the billed energy came from.
enum class EnergySource {
    Readings,       // the register readings (with meter start / stop)
    MeterStartStop, // only meter start and stop: spread evenly
    Override,       // energyWhOverride: spread evenly
    Recorded,       // recordedEnergyWh (the register said otherwise or nothing): in the readings' shape
    None,           // nothing known: 0 Wh
};

struct EnergyLine {
    int periodIndex = -1;              // into tariff.periods; -1: the flat price outside every period
    PeriodKind kind = PeriodKind::Flat;
    qint64 fromMs = 0;                 // the stretch of time (UTC)
    qint64 toMs = 0;
    qint64 energyWh = 0;
    qint64 priceMinorPerKwh = 0;
    qint64 feeMinor = 0;
    friend bool operator==(const EnergyLine &, const EnergyLine &) = default;
};

struct BillResult {
    BillInput input;                   // what it was computed from
    QString currency;
    EnergySource energySource = EnergySource::None;
    qint64 energyWh = 0;
    QList<EnergyLine> energyLines;
    qint64 energyFeeMinor = 0;
    qint64 serviceFeeMinor = 0;
    qint64 idleMinutes = 0;
    qint64 idleFeeMinor = 0;
    qint64 amountBeforeCouponMinor = 0;  // energy + service + idle
    std::optional<qint64> couponId;      // the coupon used (nullopt: none, or min spend not reached)
    qint64 couponDeductionMinor = 0;
    qint64 totalMinor = 0;

    // explain(*this)
    QStringList explanation() const;
    friend bool operator==(const BillResult &, const BillResult &) = default;
};

BillResult calculateBill(const BillInput &input);

// The bill line by line for a human ("why 244.40?"), in the current language: energy and where it
// came from, each period line (time, kWh × price = fee), service fee, idle time and fee (with the
// free minutes), coupon (or why it did not apply), total.
QStringList explain(const BillResult &result);

// For the tariff editor: what `energyWh` delivered evenly between chargingStartMs and chargingEndMs
// would cost; the vehicle leaves at serviceEndMs (default: when charging ends, no idle fee).
BillResult previewBill(const Tariff &tariff, qint64 energyWh, qint64 chargingStartMs, qint64 chargingEndMs,
                       std::optional<qint64> serviceEndMs = std::nullopt,
                       std::optional<BillCoupon> coupon = std::nullopt);

// round-half-up(energyWh × priceMinorPerKwh / 1000); negative energy or price count as 0.
qint64 feeForEnergy(qint64 energyWh, qint64 priceMinorPerKwh);

// JSON of the result (lines and amounts, with the input): bills.inputs keeps
// {"input": …, "result": …} so an old bill explains itself as it was computed.
nlohmann::json toJson(const BillResult &result);
std::optional<BillResult> billResultFromJson(const nlohmann::json &j);

class BillText {
    Q_DECLARE_TR_FUNCTIONS(cd::billing::BillText)
public:
    static QString energySourceName(EnergySource source);  // "readings", "meter", "override", "recorded", "none"
    static std::optional<EnergySource> energySourceFromName(const QString &name);
};

}  // namespace cd::billing
