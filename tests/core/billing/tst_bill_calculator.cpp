// The bill calculator (core/billing/billcalculator): flat and time-of-use prices (across midnight,
// in the tariff's time zone), energy shared between periods by interpolating the register readings,
// service fee, idle fee (floor of whole minutes after the free ones; rate or free minutes 0), coupon
// min spend and cap, rounding half up per line; the seed cases zpd_case#4 (148 idle fee; after moving
// service end to charging end 3.40 = 2.35 + 1.05) and gdss case#5_20191031 ("why 244.40?").

#include "core/billing/billcalculator.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

#include <nlohmann/json.hpp>

using namespace cd;
using namespace cd::billing;

Q_DECLARE_METATYPE(cd::billing::BillInput)
Q_DECLARE_METATYPE(cd::billing::Tariff)

namespace {

qint64 utc(int y, int mo, int d, int h, int mi, int s = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), QTimeZone::utc()).toMSecsSinceEpoch();
}

qint64 at(int h, int mi, int s = 0)
{
    return utc(2026, 12, 1, h, mi, s);
}

constexpr qint64 kMin = 60'000;

Tariff flat(qint64 energy, qint64 service, qint64 idleRate = 0, int freeMinutes = 0, const QString &currency = QStringLiteral("CNY"))
{
    Tariff t;
    t.id = 7;
    t.name = QStringLiteral("Default");
    t.currency = currency;
    t.energyPriceMinorPerKwh = energy;
    t.serviceFeeMinorPerKwh = service;
    t.idleFeeMinorPerMinute = idleRate;
    t.idleFreeMinutes = freeMinutes;
    return t;
}

// Peak 18:00–22:00 at 1.20, valley 22:00–07:00 at 0.30, flat 0.80 elsewhere.
Tariff timeOfUse(const QString &zone = QStringLiteral("UTC"))
{
    Tariff t = flat(80, 0);
    t.timeZone = zone;
    t.periods = {{PeriodKind::Peak, 18 * 60, 22 * 60, 120}, {PeriodKind::Valley, 22 * 60, 7 * 60, 30}};
    return t;
}

BillInput input(const Tariff &t, qint64 start, qint64 end, std::optional<qint64> meterStart, std::optional<qint64> meterStop,
                QList<EnergyReading> readings = {}, std::optional<qint64> serviceEnd = std::nullopt)
{
    BillInput in;
    in.tariff = t;
    in.chargingStartMs = start;
    in.chargingEndMs = end;
    in.serviceEndMs = serviceEnd.value_or(end);
    in.meterStartWh = meterStart;
    in.meterStopWh = meterStop;
    in.readings = std::move(readings);
    return in;
}

BillInput recorded(BillInput in, qint64 wh)
{
    in.recordedEnergyWh = wh;
    return in;
}

BillInput withCoupon(BillInput in, qint64 amount, qint64 minSpend)
{
    in.coupon = BillCoupon{42, QStringLiteral("WELCOME"), amount, minSpend};
    return in;
}

}  // namespace

class TestBillCalculator : public QObject {
    Q_OBJECT

private slots:
    void calculate_data()
    {
        QTest::addColumn<BillInput>("in");
        QTest::addColumn<qint64>("energyWh");
        QTest::addColumn<int>("lines");
        QTest::addColumn<qint64>("energyFee");
        QTest::addColumn<qint64>("serviceFee");
        QTest::addColumn<qint64>("idleMinutes");
        QTest::addColumn<qint64>("idleFee");
        QTest::addColumn<qint64>("deduction");
        QTest::addColumn<qint64>("total");

        // 40 kWh, 18:30–21:10, 1.00 + 0.50 per kWh.
        QTest::newRow("flat") << input(flat(100, 50), at(18, 30), at(21, 10), 1000, 41000) << qint64(40000) << 1
                              << qint64(4000) << qint64(2000) << qint64(0) << qint64(0) << qint64(0) << qint64(6000);
        // Round half up per line: 3.5 kWh × 0.67 = 2.345 → 2.35.
        QTest::newRow("round half up") << input(flat(67, 30), at(8, 0), at(8, 20), 0, 3500) << qint64(3500) << 1
                                       << qint64(235) << qint64(105) << qint64(0) << qint64(0) << qint64(0) << qint64(340);
        QTest::newRow("round down below half") << input(flat(67, 0), at(8, 0), at(8, 20), 0, 3499) << qint64(3499) << 1
                                               << qint64(234) << qint64(0) << qint64(0) << qint64(0) << qint64(0) << qint64(234);
        // 21:00–23:00, 20 kWh evenly: 10 kWh peak (12.00) + 10 kWh valley (3.00).
        QTest::newRow("tou peak to valley") << input(timeOfUse(), at(21, 0), at(23, 0), 0, 20000) << qint64(20000) << 2
                                            << qint64(1500) << qint64(0) << qint64(0) << qint64(0) << qint64(0) << qint64(1500);
        // 23:00–08:00 next day: the valley crosses midnight as one line (8 kWh), then 1 kWh flat.
        QTest::newRow("tou across midnight") << input(timeOfUse(), at(23, 0), utc(2026, 12, 2, 8, 0), 0, 9000) << qint64(9000)
                                             << 2 << qint64(8 * 30 + 80) << qint64(0) << qint64(0) << qint64(0) << qint64(0)
                                             << qint64(320);
        // Readings 21:30 = 8 kWh, 22:10 = 12 kWh: at 22:00 the register is 8 + 4 × 30/40 = 11 kWh.
        QTest::newRow("boundary interpolation")
            << input(timeOfUse(), at(21, 0), at(23, 0), 0, 20000, {{at(21, 30), 8000}, {at(22, 10), 12000}}) << qint64(20000)
            << 2 << qint64(11 * 120 + 9 * 30) << qint64(0) << qint64(0) << qint64(0) << qint64(0) << qint64(1590);
        // No meter start / stop: the readings at the ends stand in.
        QTest::newRow("readings only") << input(timeOfUse(), at(21, 0), at(23, 0), std::nullopt, std::nullopt,
                                                {{at(21, 0), 5000}, {at(22, 0), 6000}, {at(23, 0), 9000}})
                                       << qint64(4000) << 2 << qint64(120 + 90) << qint64(0) << qint64(0) << qint64(0)
                                       << qint64(0) << qint64(210);
        // The tariff's local time: 15:00–17:00 UTC is 23:00–01:00 in Shanghai, all valley.
        QTest::newRow("time zone") << input(timeOfUse(QStringLiteral("Asia/Shanghai")), at(15, 0), at(17, 0), 0, 10000)
                                   << qint64(10000) << 1 << qint64(300) << qint64(0) << qint64(0) << qint64(0) << qint64(0)
                                   << qint64(300);
        // Idle fee 0 is valid (igo_case#90): minutes are counted, nothing is charged.
        QTest::newRow("idle rate 0") << input(flat(100, 0, 0, 15), at(8, 0), at(9, 0), 0, 1000, {}, at(12, 0)) << qint64(1000)
                                     << 1 << qint64(100) << qint64(0) << qint64(165) << qint64(0) << qint64(0) << qint64(100);
        // 0 free minutes; 10 min 59 s → 10 whole minutes.
        QTest::newRow("idle 0 free minutes") << input(flat(100, 0, 80, 0), at(8, 0), at(9, 0), 0, 1000, {}, at(9, 10, 59))
                                             << qint64(1000) << 1 << qint64(100) << qint64(0) << qint64(10) << qint64(800)
                                             << qint64(0) << qint64(900);
        QTest::newRow("idle within free minutes") << input(flat(100, 0, 80, 15), at(8, 0), at(9, 0), 0, 1000, {}, at(9, 15))
                                                  << qint64(1000) << 1 << qint64(100) << qint64(0) << qint64(0) << qint64(0)
                                                  << qint64(0) << qint64(100);
        // zpd_case#4 as billed: charging 08:00:57–08:13:57, unplugged 11:34:17, 0.80/min after 15 free
        // minutes: 3 h 5 min 20 s → 185 min → 148.00.
        QTest::newRow("zpd_case#4 billed")
            << input(flat(67, 30, 80, 15), utc(2019, 9, 13, 8, 0, 57), utc(2019, 9, 13, 8, 13, 57), 0, 3500, {},
                     utc(2019, 9, 13, 11, 34, 17))
            << qint64(3500) << 1 << qint64(235) << qint64(105) << qint64(185) << qint64(14800) << qint64(0) << qint64(15140);
        // zpd_case#4 corrected: service end moved to charging end 08:19:33 → idle 0, 3.40 = 2.35 + 1.05.
        QTest::newRow("zpd_case#4 corrected")
            << input(flat(67, 30, 80, 15), utc(2019, 10, 13, 8, 6, 33), utc(2019, 10, 13, 8, 19, 33), 0, 3500, {},
                     utc(2019, 10, 13, 8, 19, 33))
            << qint64(3500) << 1 << qint64(235) << qint64(105) << qint64(0) << qint64(0) << qint64(0) << qint64(340);
        // gdss case#5_20191031: "34 minutes, why 244.40?" The register read 0 before the start and
        // 128.63 kWh at the end (the jump is code 8's business): 128.63 kWh × (1.00 + 0.90).
        QTest::newRow("gdss case#5 244.40")
            << input(flat(100, 90), utc(2019, 10, 24, 14, 43, 31), utc(2019, 10, 24, 15, 17, 30), 0, 128630) << qint64(128630)
            << 1 << qint64(12863) << qint64(11577) << qint64(0) << qint64(0) << qint64(0) << qint64(24440);
        QTest::newRow("no energy data") << input(flat(100, 50), at(8, 0), at(9, 0), std::nullopt, std::nullopt) << qint64(0)
                                        << 1 << qint64(0) << qint64(0) << qint64(0) << qint64(0) << qint64(0) << qint64(0);
        QTest::newRow("register backwards counts 0")
            << input(flat(100, 0), at(8, 0), at(10, 0), 5000, 9000, {{at(9, 0), 4000}}) << qint64(5000) << 1 << qint64(500)
            << qint64(0) << qint64(0) << qint64(0) << qint64(0) << qint64(500);
        // The session's recorded energy wins over the register: evenly without readings, else in their shape.
        QTest::newRow("recorded, no meter") << recorded(input(flat(100, 0), at(8, 0), at(9, 0), std::nullopt, std::nullopt), 8000)
                                            << qint64(8000) << 1 << qint64(800) << qint64(0) << qint64(0) << qint64(0)
                                            << qint64(0) << qint64(800);
        QTest::newRow("recorded scales the readings")
            << recorded(input(timeOfUse(), at(21, 0), at(23, 0), 0, 20000, {{at(21, 30), 8000}, {at(22, 10), 12000}}), 10000)
            << qint64(10000) << 2 << qint64(660 + 135) << qint64(0) << qint64(0) << qint64(0) << qint64(0) << qint64(795);
        QTest::newRow("recorded equal to the register") << recorded(input(flat(100, 50), at(18, 30), at(21, 10), 1000, 41000), 40000)
                                                        << qint64(40000) << 1 << qint64(4000) << qint64(2000) << qint64(0)
                                                        << qint64(0) << qint64(0) << qint64(6000);
        QTest::newRow("coupon") << withCoupon(input(flat(100, 50), at(18, 30), at(21, 10), 1000, 41000), 1000, 5000)
                                << qint64(40000) << 1 << qint64(4000) << qint64(2000) << qint64(0) << qint64(0) << qint64(1000)
                                << qint64(5000);
        QTest::newRow("coupon at min spend") << withCoupon(input(flat(100, 50), at(18, 30), at(21, 10), 1000, 41000), 1000, 6000)
                                             << qint64(40000) << 1 << qint64(4000) << qint64(2000) << qint64(0) << qint64(0)
                                             << qint64(1000) << qint64(5000);
        QTest::newRow("coupon below min spend")
            << withCoupon(input(flat(100, 50), at(18, 30), at(21, 10), 1000, 41000), 1000, 6001) << qint64(40000) << 1
            << qint64(4000) << qint64(2000) << qint64(0) << qint64(0) << qint64(0) << qint64(6000);
        QTest::newRow("coupon capped at the amount")
            << withCoupon(input(flat(100, 50), at(18, 30), at(21, 10), 1000, 41000), 10000, 0) << qint64(40000) << 1
            << qint64(4000) << qint64(2000) << qint64(0) << qint64(0) << qint64(6000) << qint64(0);
    }

    void calculate()
    {
        QFETCH(BillInput, in);
        QFETCH(qint64, energyWh);
        QFETCH(int, lines);
        QFETCH(qint64, energyFee);
        QFETCH(qint64, serviceFee);
        QFETCH(qint64, idleMinutes);
        QFETCH(qint64, idleFee);
        QFETCH(qint64, deduction);
        QFETCH(qint64, total);
        const BillResult r = calculateBill(in);
        QCOMPARE(r.energyWh, energyWh);
        QCOMPARE(r.energyLines.size(), lines);
        QCOMPARE(r.energyFeeMinor, energyFee);
        QCOMPARE(r.serviceFeeMinor, serviceFee);
        QCOMPARE(r.idleMinutes, idleMinutes);
        QCOMPARE(r.idleFeeMinor, idleFee);
        QCOMPARE(r.couponDeductionMinor, deduction);
        QCOMPARE(r.couponId.has_value(), deduction > 0);
        QCOMPARE(r.totalMinor, total);
        QCOMPARE(r.totalMinor, r.energyFeeMinor + r.serviceFeeMinor + r.idleFeeMinor - r.couponDeductionMinor);
        // The lines add up exactly.
        qint64 wh = 0;
        qint64 fee = 0;
        for (const EnergyLine &l : r.energyLines) {
            wh += l.energyWh;
            fee += l.feeMinor;
        }
        QCOMPARE(wh, r.energyWh);
        QCOMPARE(fee, r.energyFeeMinor);
        // Deterministic, and the JSON kept with the bill gives the same result back.
        QCOMPARE(calculateBill(in), r);
        const auto back = billResultFromJson(nlohmann::json::parse(toJson(r).dump()));
        QVERIFY(back.has_value());
        QCOMPARE(*back, r);
        QVERIFY(!explain(r).isEmpty());
    }

    void linesOfTimeOfUse()
    {
        const BillResult r = calculateBill(input(timeOfUse(), at(21, 0), at(23, 0), 0, 20000, {{at(21, 30), 8000}, {at(22, 10), 12000}}));
        QCOMPARE(r.energyLines.size(), 2);
        QCOMPARE(r.energyLines.at(0).kind, PeriodKind::Peak);
        QCOMPARE(r.energyLines.at(0).fromMs, at(21, 0));
        QCOMPARE(r.energyLines.at(0).toMs, at(22, 0));
        QCOMPARE(r.energyLines.at(0).energyWh, qint64(11000));
        QCOMPARE(r.energyLines.at(1).kind, PeriodKind::Valley);
        QCOMPARE(r.energyLines.at(1).energyWh, qint64(9000));
        QCOMPARE(r.energyLines.at(1).priceMinorPerKwh, qint64(30));
        QCOMPARE(r.energySource, EnergySource::Readings);
    }

    void explainWhy244()
    {
        const BillResult r = calculateBill(input(flat(100, 90), utc(2019, 10, 24, 14, 43, 31), utc(2019, 10, 24, 15, 17, 30), 0, 128630));
        const QStringList lines = r.explanation();
        QVERIFY2(lines.constLast().contains(u"244.40"), qPrintable(lines.join(u'\n')));
        QVERIFY2(lines.join(u'\n').contains(u"128.630 kWh"), qPrintable(lines.join(u'\n')));
        QVERIFY2(lines.join(u'\n').contains(u"meter start 0 Wh"), qPrintable(lines.join(u'\n')));
    }

    void explainIdleFee()
    {
        const BillResult r = calculateBill(input(flat(67, 30, 80, 15), utc(2019, 9, 13, 8, 0, 57), utc(2019, 9, 13, 8, 13, 57), 0,
                                                 3500, {}, utc(2019, 9, 13, 11, 34, 17)));
        const QString text = explain(r).join(u'\n');
        QVERIFY2(text.contains(u"185 whole min"), qPrintable(text));
        QVERIFY2(text.contains(u"148.00"), qPrintable(text));
    }

    void preview()
    {
        // "A 40 kWh session from 18:30 to 21:10 would cost …": peak from 18:30 (2.5 h of 2 h 40 min).
        const Tariff t = timeOfUse();
        const BillResult r = previewBill(t, 40000, tariffLocalMs(t, QDate(2026, 12, 1), QTime(18, 30)),
                                         tariffLocalMs(t, QDate(2026, 12, 1), QTime(21, 10)));
        QCOMPARE(r.energyWh, qint64(40000));
        QCOMPARE(r.energyLines.size(), 1);
        QCOMPARE(r.totalMinor, qint64(4800));
        QCOMPARE(r.energySource, EnergySource::Override);
        QCOMPARE(r.idleFeeMinor, qint64(0));
        // In Kyiv time the same local times are other UTC instants, same price.
        const Tariff kyiv = timeOfUse(QStringLiteral("Europe/Kyiv"));
        const qint64 from = tariffLocalMs(kyiv, QDate(2026, 12, 1), QTime(18, 30));
        QCOMPARE(from, at(16, 30));
        QCOMPARE(previewBill(kyiv, 40000, from, tariffLocalMs(kyiv, QDate(2026, 12, 1), QTime(21, 10))).totalMinor, qint64(4800));
        // Over the peak's end: 21:10–22:50 evenly: 50 min peak, 50 min valley.
        QCOMPARE(previewBill(t, 10000, at(21, 10), at(22, 50)).totalMinor, qint64(600 + 150));
    }

    void validate_data()
    {
        QTest::addColumn<Tariff>("tariff");
        QTest::addColumn<QString>("problem");  // a piece of the one expected problem; empty: valid

        const Tariff ok = timeOfUse();
        QTest::newRow("valid tou") << ok << QString();
        QTest::newRow("valid flat") << flat(100, 0) << QString();
        QTest::newRow("idle fee 0 and 0 free minutes") << flat(100, 0, 0, 0) << QString();
        Tariff t = ok;
        t.periods.append({PeriodKind::Flat, 6 * 60, 8 * 60, 80});
        QTest::newRow("overlap across midnight") << t << QStringLiteral("overlap");
        t = ok;
        t.periods.append({PeriodKind::Flat, 21 * 60, 21 * 60 + 30, 80});
        QTest::newRow("overlap inside") << t << QStringLiteral("overlap");
        t = ok;
        t.periods.append({PeriodKind::Flat, 7 * 60, 18 * 60, 80});
        QTest::newRow("adjacent periods") << t << QString();
        t = ok;
        t.periods = {{PeriodKind::Flat, 0, 1440, 80}};
        QTest::newRow("whole day to 24:00") << t << QString();
        t = ok;
        t.periods = {{PeriodKind::Flat, 1440, 60, 80}};
        QTest::newRow("start 24:00") << t << QStringLiteral("between 00:00 and 24:00");
        t.periods = {{PeriodKind::Flat, 60, 1441, 80}};
        QTest::newRow("end after 24:00") << t << QStringLiteral("between 00:00 and 24:00");
        t.periods = {{PeriodKind::Flat, -1, 60, 80}};
        QTest::newRow("negative minute") << t << QStringLiteral("between 00:00 and 24:00");
        t.periods = {{PeriodKind::Flat, 60, 60, 80}};
        QTest::newRow("empty period") << t << QStringLiteral("empty");
        t.periods = {{PeriodKind::Peak, 60, 120, -1}};
        QTest::newRow("negative period price") << t << QStringLiteral("must not be negative");
        QTest::newRow("negative energy price") << flat(-1, 0) << QStringLiteral("energy price");
        QTest::newRow("negative service fee") << flat(1, -1) << QStringLiteral("service fee");
        QTest::newRow("negative idle fee") << flat(1, 0, -1) << QStringLiteral("idle fee");
        QTest::newRow("negative free minutes") << flat(1, 0, 1, -1) << QStringLiteral("free minutes");
        QTest::newRow("empty currency") << flat(1, 0, 0, 0, QString()) << QStringLiteral("currency");
        QTest::newRow("bad currency") << flat(1, 0, 0, 0, QStringLiteral("yuan")) << QStringLiteral("currency code");
        t = ok;
        t.timeZone = QStringLiteral("Mars/Olympus");
        QTest::newRow("unknown zone") << t << QStringLiteral("time zone");
        t = ok;
        t.name = QStringLiteral("  ");
        QTest::newRow("no name") << t << QStringLiteral("name");
        t = ok;
        t.scope = TariffScope::Station;
        QTest::newRow("station without id") << t << QStringLiteral("station");
        t.scopeId = 3;
        QTest::newRow("station") << t << QString();
        t = ok;
        t.scopeId = 3;
        QTest::newRow("global with id") << t << QStringLiteral("everywhere");
        t = ok;
        t.validFromMs = 1000;
        t.validToMs = 1000;
        QTest::newRow("ends before it starts") << t << QStringLiteral("end after");
    }

    void validate()
    {
        QFETCH(Tariff, tariff);
        QFETCH(QString, problem);
        const QStringList problems = cd::billing::validate(tariff);
        if (problem.isEmpty()) {
            QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        } else {
            QCOMPARE(problems.size(), 1);
            QVERIFY2(problems.constFirst().contains(problem, Qt::CaseInsensitive), qPrintable(problems.constFirst()));
        }
    }

    void tariffJson()
    {
        Tariff t = timeOfUse(QStringLiteral("Europe/Kyiv"));
        t.scope = TariffScope::Department;
        t.scopeId = 5;
        t.supersedesId = 3;
        t.version = 2;
        t.validToMs = 99;
        const auto back = tariffFromJson(nlohmann::json::parse(toJson(t).dump()));
        QVERIFY(back.has_value());
        QCOMPARE(*back, t);
    }

    // A session no tariff applies to (issue #6): the energy as measured, no lines, nothing to pay,
    // no coupon used; kept through JSON; a real tariff put in prices it.
    void withoutTariff()
    {
        BillInput in = input(Tariff{}, at(10, 0), at(10, 30), 1000, 21000, {}, at(11, 30));
        in.noTariff = true;
        in.tariff.currency = QStringLiteral("UAH");
        in.coupon = BillCoupon{4, QStringLiteral("ZERO"), 300, 0};
        QVERIFY(in.withoutTariff());
        const BillResult r = calculateBill(in);
        QCOMPARE(r.energyWh, qint64(20000));
        QVERIFY(r.energyLines.isEmpty());
        QCOMPARE(r.energyFeeMinor + r.serviceFeeMinor + r.idleFeeMinor, qint64(0));
        QCOMPARE(r.couponId, std::optional<qint64>());
        QCOMPARE(r.totalMinor, qint64(0));
        QCOMPARE(r.currency, QStringLiteral("UAH"));
        const QStringList why = explain(r);
        QVERIFY2(why.constFirst().startsWith(QStringLiteral("No tariff applied")), qPrintable(why.join(u'\n')));
        QCOMPARE(why.constLast(), QStringLiteral("Total: 0.00 UAH (no tariff applied)"));
        const auto back = billResultFromJson(nlohmann::json::parse(toJson(r).dump()));
        QVERIFY(back.has_value());
        QVERIFY(back->input.withoutTariff());
        QCOMPARE(*back, r);

        BillInput priced = in;
        priced.tariff = flat(100, 50, 80, 15);  // id 7: "recompute with tariff"
        QVERIFY(!priced.withoutTariff());
        const BillResult p = calculateBill(priced);
        QCOMPARE(p.totalMinor, qint64(3000 + 45 * 80 - 300));
        QVERIFY(!toJson(priced).contains("noTariff"));
    }
};

QTEST_GUILESS_MAIN(TestBillCalculator)
#include "tst_bill_calculator.moc"
