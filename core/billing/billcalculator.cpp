#include "core/billing/billcalculator.h"

#include "core/common/decimaltext.h"
#include "core/payments/moneytext.h"

#include <QDateTime>
#include <QTimeZone>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>

namespace cd::billing {

using nlohmann::json;

namespace {

constexpr qint64 kMinuteMs = 60'000;
constexpr qint64 kDayMs = 24 * 60 * kMinuteMs;

// round-half-up(a × b / c) for a, b ≥ 0, c > 0; exact in integers unless a × b overflows.
qint64 mulDivRound(qint64 a, qint64 b, qint64 c)
{
    if (a <= 0 || b <= 0 || c <= 0)
        return 0;
    if (a <= std::numeric_limits<qint64>::max() / b) {
        const qint64 p = a * b;
        return p / c + ((p % c) * 2 >= c ? 1 : 0);
    }
    const long double v = static_cast<long double>(a) * static_cast<long double>(b) / static_cast<long double>(c);
    return static_cast<qint64>(v + 0.5L);
}

struct Point {
    qint64 atMs = 0;
    qint64 cumWh = 0;  // energy delivered since the first point
};

// The energy curve: cumulative Wh over time, linear between points.
class EnergyCurve {
public:
    explicit EnergyCurve(QList<Point> points) : m_points(std::move(points)) {}

    qint64 rawTotal() const { return m_points.isEmpty() ? 0 : m_points.constLast().cumWh; }
    qint64 total() const { return m_scaledTo ? *m_scaledTo : rawTotal(); }
    // Bill `wh` in this curve's shape.
    void scaleTo(qint64 wh) { m_scaledTo = std::max<qint64>(0, wh); }

    // Cumulative energy at `t`, rounded half up to whole Wh.
    qint64 at(qint64 t) const
    {
        const qint64 raw = rawAt(t);
        if (!m_scaledTo)
            return raw;
        return mulDivRound(raw, *m_scaledTo, rawTotal());
    }

private:
    qint64 rawAt(qint64 t) const
    {
        if (m_points.isEmpty() || t < m_points.constFirst().atMs)
            return 0;
        int i = 0;
        while (i + 1 < m_points.size() && m_points.at(i + 1).atMs <= t)
            ++i;
        if (i + 1 >= m_points.size())
            return m_points.at(i).cumWh;
        const Point &a = m_points.at(i);
        const Point &b = m_points.at(i + 1);
        return a.cumWh + mulDivRound(b.cumWh - a.cumWh, t - a.atMs, b.atMs - a.atMs);
    }

    QList<Point> m_points;
    std::optional<qint64> m_scaledTo;
};

struct Curve {
    EnergySource source = EnergySource::None;
    QList<Point> points;
};

Curve energyCurve(const BillInput &in, qint64 start, qint64 end)
{
    Curve c;
    auto even = [&](qint64 wh, EnergySource source) {
        c.source = source;
        c.points = {{start, 0}, {end, std::max<qint64>(0, wh)}};
    };
    if (in.energyWhOverride) {
        even(*in.energyWhOverride, EnergySource::Override);
        return c;
    }
    QList<EnergyReading> readings = in.readings;
    std::stable_sort(readings.begin(), readings.end(),
                     [](const EnergyReading &a, const EnergyReading &b) { return a.atMs < b.atMs; });
    QList<EnergyReading> inside;
    std::optional<EnergyReading> before;  // the newest at or before start
    std::optional<EnergyReading> after;   // the oldest at or after end
    for (const EnergyReading &r : readings) {
        if (r.atMs <= start)
            before = r;
        if (r.atMs >= end && !after)
            after = r;
        if (r.atMs > start && r.atMs < end)
            inside.append(r);
    }
    if (inside.isEmpty()) {
        // Nothing between the ends: meter start and stop, else the readings at the ends.
        const std::optional<qint64> from = in.meterStartWh ? in.meterStartWh
                                           : before        ? std::optional<qint64>(before->registerWh)
                                                           : std::nullopt;
        const std::optional<qint64> to = in.meterStopWh ? in.meterStopWh
                                         : after        ? std::optional<qint64>(after->registerWh)
                                                        : std::nullopt;
        if (from && to)
            even(*to - *from, EnergySource::MeterStartStop);
        else
            even(0, EnergySource::None);
        return c;
    }
    QList<EnergyReading> series;
    if (in.meterStartWh)
        series.append({start, *in.meterStartWh});
    else if (before)
        series.append({start, before->registerWh});
    series += inside;
    if (in.meterStopWh)
        series.append({end, *in.meterStopWh});
    else if (after)
        series.append({end, after->registerWh});
    c.source = EnergySource::Readings;
    qint64 cum = 0;
    c.points.append({series.constFirst().atMs, 0});
    for (int i = 1; i < series.size(); ++i) {
        cum += std::max<qint64>(0, series.at(i).registerWh - series.at(i - 1).registerWh);
        c.points.append({series.at(i).atMs, cum});
    }
    return c;
}

struct Slice {
    qint64 fromMs = 0;
    qint64 toMs = 0;
    int periodIndex = -1;
};

// [start, end) cut where the price changes (period edges in the tariff's local time), merged.
QList<Slice> slicesOf(const Tariff &tariff, qint64 start, qint64 end)
{
    if (!tariff.isTimeOfUse() || end <= start)
        return {{start, end, tariff.isTimeOfUse() ? -1 : -1}};
    QTimeZone zone(tariff.timeZone.toUtf8());
    if (!zone.isValid())
        zone = QTimeZone::utc();
    QList<int> edges;
    for (const TariffPeriod &p : tariff.periods) {
        edges << p.startMinute << (p.endMinute % 1440);
    }
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());

    QList<Slice> out;
    qint64 t = start;
    int guard = 0;
    while (t < end && guard++ < 1'000'000) {
        const QDateTime local = QDateTime::fromMSecsSinceEpoch(t, zone);
        const qint64 tod = local.time().msecsSinceStartOfDay();
        const int minute = int(tod / kMinuteMs);
        const int index = tariff.periodIndexAt(minute);
        // The next edge after `tod`.
        QDate day = local.date();
        std::optional<int> nextEdge;
        for (int e : edges) {
            if (qint64(e) * kMinuteMs > tod) {
                nextEdge = e;
                break;
            }
        }
        if (!nextEdge) {
            day = day.addDays(1);
            nextEdge = edges.constFirst();
        }
        qint64 next = QDateTime(day, QTime::fromMSecsSinceStartOfDay(int(qint64(*nextEdge) * kMinuteMs)), zone)
                          .toMSecsSinceEpoch();
        if (next <= t)
            next = t + kMinuteMs;  // a DST change moved the edge behind us
        next = std::min(next, end);
        if (!out.isEmpty() && out.constLast().periodIndex == index && out.constLast().toMs == t)
            out.last().toMs = next;
        else
            out.append({t, next, index});
        t = next;
    }
    return out;
}

QString kwhText(qint64 wh)
{
    return decimalText(wh, 3);
}

QString localText(const Tariff &tariff, qint64 ms)
{
    QTimeZone zone(tariff.timeZone.toUtf8());
    if (!zone.isValid())
        zone = QTimeZone::utc();
    return QDateTime::fromMSecsSinceEpoch(ms, zone).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

}  // namespace

qint64 feeForEnergy(qint64 energyWh, qint64 priceMinorPerKwh)
{
    return mulDivRound(energyWh, priceMinorPerKwh, 1000);
}

BillResult calculateBill(const BillInput &in)
{
    BillResult r;
    r.input = in;
    r.currency = in.tariff.currency;
    const Tariff &tariff = in.tariff;
    const qint64 start = in.chargingStartMs;
    const qint64 end = std::max(in.chargingEndMs, start);

    Curve curve = energyCurve(in, start, end);
    EnergyCurve energy(curve.points);
    if (curve.source != EnergySource::Override && in.recordedEnergyWh && *in.recordedEnergyWh != energy.rawTotal()) {
        if (energy.rawTotal() > 0) {
            energy.scaleTo(*in.recordedEnergyWh);
        } else {
            curve.points = {{start, 0}, {end, std::max<qint64>(0, *in.recordedEnergyWh)}};
            energy = EnergyCurve(curve.points);
        }
        curve.source = EnergySource::Recorded;
    }
    r.energySource = curve.source;
    r.energyWh = energy.total();
    if (in.withoutTariff())
        return r;  // no tariff: the energy as measured, no lines, nothing to pay (and no coupon used)

    const QList<Slice> slices = slicesOf(tariff, start, end);
    qint64 previous = 0;
    for (int i = 0; i < slices.size(); ++i) {
        const Slice &s = slices.at(i);
        const qint64 cumulative = i + 1 == slices.size() ? r.energyWh : energy.at(s.toMs);
        EnergyLine line;
        line.periodIndex = s.periodIndex;
        line.kind = s.periodIndex >= 0 ? tariff.periods.at(s.periodIndex).kind : PeriodKind::Flat;
        line.fromMs = s.fromMs;
        line.toMs = s.toMs;
        line.energyWh = std::max<qint64>(0, cumulative - previous);
        line.priceMinorPerKwh = s.periodIndex >= 0 ? tariff.periods.at(s.periodIndex).energyPriceMinorPerKwh
                                                   : tariff.energyPriceMinorPerKwh;
        line.feeMinor = feeForEnergy(line.energyWh, line.priceMinorPerKwh);
        previous = std::max(previous, cumulative);
        r.energyLines.append(line);
        r.energyFeeMinor += line.feeMinor;
    }
    r.serviceFeeMinor = feeForEnergy(r.energyWh, tariff.serviceFeeMinorPerKwh);

    const qint64 idleFrom = end + qint64(std::max(0, tariff.idleFreeMinutes)) * kMinuteMs;
    r.idleMinutes = in.serviceEndMs > idleFrom ? (in.serviceEndMs - idleFrom) / kMinuteMs : 0;
    r.idleFeeMinor = tariff.idleFeeMinorPerMinute > 0 ? r.idleMinutes * tariff.idleFeeMinorPerMinute : 0;

    r.amountBeforeCouponMinor = r.energyFeeMinor + r.serviceFeeMinor + r.idleFeeMinor;
    if (in.coupon && r.amountBeforeCouponMinor >= in.coupon->minSpendMinor && in.coupon->amountMinor > 0
        && r.amountBeforeCouponMinor > 0) {
        r.couponId = in.coupon->couponId;
        r.couponDeductionMinor = std::min(in.coupon->amountMinor, r.amountBeforeCouponMinor);
    }
    r.totalMinor = r.amountBeforeCouponMinor - r.couponDeductionMinor;
    return r;
}

BillResult previewBill(const Tariff &tariff, qint64 energyWh, qint64 chargingStartMs, qint64 chargingEndMs,
                       std::optional<qint64> serviceEndMs, std::optional<BillCoupon> coupon)
{
    BillInput in;
    in.tariff = tariff;
    in.energyWhOverride = std::max<qint64>(0, energyWh);
    in.chargingStartMs = chargingStartMs;
    in.chargingEndMs = std::max(chargingStartMs, chargingEndMs);
    in.serviceEndMs = serviceEndMs.value_or(in.chargingEndMs);
    in.coupon = std::move(coupon);
    return calculateBill(in);
}

QStringList BillResult::explanation() const
{
    return explain(*this);
}

QStringList explain(const BillResult &r)
{
    using payments::moneyText;
    const Tariff &t = r.input.tariff;
    const QString cur = r.currency;
    QStringList lines;
    const bool noTariff = r.input.withoutTariff();
    if (noTariff)
        lines << BillText::tr("No tariff applied: nothing is charged for this session (times in %1). A correction can "
                              "price it with a tariff.")
                     .arg(t.timeZone);
    else
        lines << BillText::tr("Tariff \"%1\", version %2, %3 (times in %4).")
                     .arg(t.name)
                     .arg(t.version)
                     .arg(TariffText::scopeTitle(t.scope))
                     .arg(t.timeZone);
    const qint64 start = r.input.chargingStartMs;
    const qint64 end = std::max(r.input.chargingEndMs, start);
    lines << BillText::tr("Charging from %1 to %2 (%3 min); the connector was freed at %4.")
                 .arg(localText(t, start), localText(t, end))
                 .arg((end - start) / kMinuteMs)
                 .arg(localText(t, r.input.serviceEndMs));
    switch (r.energySource) {
    case EnergySource::Readings:
        lines << BillText::tr("Energy %1 kWh from %n energy register reading(s) (meter start %2 Wh, meter stop %3 Wh), "
                              "shared between the periods by time between readings.",
                              nullptr, int(r.input.readings.size()))
                     .arg(kwhText(r.energyWh))
                     .arg(r.input.meterStartWh ? QString::number(*r.input.meterStartWh) : BillText::tr("unknown"))
                     .arg(r.input.meterStopWh ? QString::number(*r.input.meterStopWh) : BillText::tr("unknown"));
        break;
    case EnergySource::MeterStartStop:
        lines << BillText::tr("Energy %1 kWh = meter stop %2 Wh − meter start %3 Wh (no readings in between: spread "
                              "evenly over the charging time).")
                     .arg(kwhText(r.energyWh))
                     .arg(r.input.meterStopWh.value_or(0))
                     .arg(r.input.meterStartWh.value_or(0));
        break;
    case EnergySource::Override:
        lines << BillText::tr("Energy %1 kWh as entered for this bill (not from the meter), spread evenly over the "
                              "charging time.")
                     .arg(kwhText(r.energyWh));
        break;
    case EnergySource::Recorded:
        lines << BillText::tr("Energy %1 kWh as the session recorded it (the energy register gave %2 kWh), shared "
                              "between the periods in the shape of the register readings, or evenly without them.")
                     .arg(kwhText(r.energyWh), kwhText(calculateBill([&] {
                                                              BillInput raw = r.input;
                                                              raw.recordedEnergyWh.reset();
                                                              raw.coupon.reset();
                                                              return raw;
                                                          }())
                                                              .energyWh));
        break;
    case EnergySource::None:
        lines << BillText::tr("No energy data for this session: 0 kWh.");
        break;
    }
    for (const EnergyLine &l : r.energyLines) {
        const QString what = l.periodIndex >= 0
            ? BillText::tr("%1 period %2").arg(TariffText::periodKindTitle(l.kind), TariffText::periodText(t.periods.at(l.periodIndex)))
            : (t.isTimeOfUse() ? BillText::tr("Outside the periods") : BillText::tr("Energy"));
        lines << BillText::tr("%1, %2 to %3: %4 kWh × %5/kWh = %6")
                     .arg(what, localText(t, l.fromMs), localText(t, l.toMs), kwhText(l.energyWh),
                          moneyText(l.priceMinorPerKwh, cur), moneyText(l.feeMinor, cur));
    }
    if (noTariff) {
        lines << BillText::tr("Total: %1 (no tariff applied)").arg(moneyText(r.totalMinor, cur));
        return lines;
    }
    lines << BillText::tr("Energy fee: %1").arg(moneyText(r.energyFeeMinor, cur));
    lines << BillText::tr("Service fee: %1 kWh × %2/kWh = %3")
                 .arg(kwhText(r.energyWh), moneyText(t.serviceFeeMinorPerKwh, cur), moneyText(r.serviceFeeMinor, cur));
    if (t.idleFeeMinorPerMinute <= 0) {
        lines << BillText::tr("Idle fee: none (the tariff charges no idle fee).");
    } else if (r.idleMinutes <= 0) {
        lines << BillText::tr("Idle fee: none (the connector was freed within %n free minute(s) after charging ended).",
                              nullptr, t.idleFreeMinutes);
    } else {
        lines << BillText::tr("Idle fee: freed at %1 − (charging end %2 + %3 free min) = %4 whole min × %5/min = %6")
                     .arg(localText(t, r.input.serviceEndMs), localText(t, end))
                     .arg(t.idleFreeMinutes)
                     .arg(r.idleMinutes)
                     .arg(moneyText(t.idleFeeMinorPerMinute, cur), moneyText(r.idleFeeMinor, cur));
    }
    if (r.input.coupon) {
        const BillCoupon &c = *r.input.coupon;
        if (r.couponId) {
            lines << BillText::tr("Coupon %1: −%2 (worth %3, min spend %4).")
                         .arg(c.code, moneyText(r.couponDeductionMinor, cur), moneyText(c.amountMinor, cur),
                              moneyText(c.minSpendMinor, cur));
        } else {
            lines << BillText::tr("Coupon %1 not used: the amount %2 is below its minimum spend %3.")
                         .arg(c.code, moneyText(r.amountBeforeCouponMinor, cur), moneyText(c.minSpendMinor, cur));
        }
    }
    lines << BillText::tr("Total: %1 energy + %2 service + %3 idle − %4 coupon = %5")
                 .arg(moneyText(r.energyFeeMinor, cur), moneyText(r.serviceFeeMinor, cur), moneyText(r.idleFeeMinor, cur),
                      moneyText(r.couponDeductionMinor, cur), moneyText(r.totalMinor, cur));
    return lines;
}

QString BillText::energySourceName(EnergySource source)
{
    switch (source) {
    case EnergySource::Readings: return QStringLiteral("readings");
    case EnergySource::MeterStartStop: return QStringLiteral("meter");
    case EnergySource::Override: return QStringLiteral("override");
    case EnergySource::Recorded: return QStringLiteral("recorded");
    case EnergySource::None: return QStringLiteral("none");
    }
    return QStringLiteral("none");
}

std::optional<EnergySource> BillText::energySourceFromName(const QString &name)
{
    for (EnergySource s : {EnergySource::Readings, EnergySource::MeterStartStop, EnergySource::Override, EnergySource::Recorded,
                           EnergySource::None}) {
        if (energySourceName(s) == name)
            return s;
    }
    return std::nullopt;
}

json toJson(const BillResult &r)
{
    json lines = json::array();
    for (const EnergyLine &l : r.energyLines) {
        lines.push_back({{"periodIndex", l.periodIndex},
                         {"kind", TariffText::periodKindName(l.kind).toStdString()},
                         {"fromMs", l.fromMs},
                         {"toMs", l.toMs},
                         {"energyWh", l.energyWh},
                         {"priceMinorPerKwh", l.priceMinorPerKwh},
                         {"feeMinor", l.feeMinor}});
    }
    return {{"input", toJson(r.input)},
            {"currency", r.currency.toStdString()},
            {"energySource", BillText::energySourceName(r.energySource).toStdString()},
            {"energyWh", r.energyWh},
            {"energyLines", lines},
            {"energyFeeMinor", r.energyFeeMinor},
            {"serviceFeeMinor", r.serviceFeeMinor},
            {"idleMinutes", r.idleMinutes},
            {"idleFeeMinor", r.idleFeeMinor},
            {"amountBeforeCouponMinor", r.amountBeforeCouponMinor},
            {"couponId", r.couponId ? json(*r.couponId) : json(nullptr)},
            {"couponDeductionMinor", r.couponDeductionMinor},
            {"totalMinor", r.totalMinor}};
}

std::optional<BillResult> billResultFromJson(const json &j)
{
    if (!j.is_object() || !j.contains("input"))
        return std::nullopt;
    auto in = billInputFromJson(j.at("input"));
    if (!in)
        return std::nullopt;
    auto num = [&](const char *key) -> qint64 {
        const auto it = j.find(key);
        return it != j.end() && it->is_number_integer() ? it->get<qint64>() : 0;
    };
    BillResult r;
    r.input = *in;
    r.currency = j.contains("currency") && j.at("currency").is_string()
        ? QString::fromStdString(j.at("currency").get<std::string>())
        : in->tariff.currency;
    const auto source = j.contains("energySource") && j.at("energySource").is_string()
        ? BillText::energySourceFromName(QString::fromStdString(j.at("energySource").get<std::string>()))
        : std::nullopt;
    r.energySource = source.value_or(EnergySource::None);
    r.energyWh = num("energyWh");
    if (const auto it = j.find("energyLines"); it != j.end() && it->is_array()) {
        for (const json &l : *it) {
            if (!l.is_object())
                return std::nullopt;
            EnergyLine line;
            line.periodIndex = l.value("periodIndex", -1);
            line.kind = TariffText::periodKindFromName(QString::fromStdString(l.value("kind", std::string("flat"))))
                            .value_or(PeriodKind::Flat);
            line.fromMs = l.value("fromMs", qint64(0));
            line.toMs = l.value("toMs", qint64(0));
            line.energyWh = l.value("energyWh", qint64(0));
            line.priceMinorPerKwh = l.value("priceMinorPerKwh", qint64(0));
            line.feeMinor = l.value("feeMinor", qint64(0));
            if (line.periodIndex >= in->tariff.periods.size())
                line.periodIndex = -1;
            r.energyLines.append(line);
        }
    }
    r.energyFeeMinor = num("energyFeeMinor");
    r.serviceFeeMinor = num("serviceFeeMinor");
    r.idleMinutes = num("idleMinutes");
    r.idleFeeMinor = num("idleFeeMinor");
    r.amountBeforeCouponMinor = num("amountBeforeCouponMinor");
    if (const auto it = j.find("couponId"); it != j.end() && it->is_number_integer())
        r.couponId = it->get<qint64>();
    r.couponDeductionMinor = num("couponDeductionMinor");
    r.totalMinor = num("totalMinor");
    return r;
}

}  // namespace cd::billing
