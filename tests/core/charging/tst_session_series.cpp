// Chart series of a session (SessionSeriesBuilder, ChargingQueries::sessionSeries): a real
// session through the charging service with energy, power, current and voltage per phase and
// SoC; energy counted from the meter start; one point per timestamp; location choice; units we
// do not chart; thinning of very long sessions.

#include "chargingtestsupport.h"

#include "core/charging/chargingqueries.h"
#include "core/charging/sessionseries.h"

using namespace cd;
using namespace cd::test;
using charging::ChartQuantity;
using charging::SeriesPoint;
using charging::SessionSeriesBuilder;

namespace {

constexpr qint64 kMinute = 60 * 1000;

qint64 startOn(LoopbackLink &link, int connector, const char *tag, qint64 meterStart, qint64 atMs)
{
    const Answer a = callFrom(link, QStringLiteral("StartTransaction"),
                              {{"connectorId", connector}, {"idTag", tag}, {"meterStart", meterStart}, {"timestamp", iso(atMs)}});
    return a.ok ? a.payload["transactionId"].get<qint64>() : -1;
}

json value(const std::string &v, const char *measurand, const char *unit, const char *phase = nullptr,
           const char *location = nullptr, const char *context = nullptr)
{
    json out = {{"value", v}, {"measurand", measurand}, {"unit", unit}};
    if (phase)
        out["phase"] = phase;
    if (location)
        out["location"] = location;
    if (context)
        out["context"] = context;
    return out;
}

// A full sample: register, power, three currents, three voltages, SoC.
json fullSample(qint64 atMs, qint64 registerWh, double powerKw, double amps, int soc)
{
    json sampled = json::array();
    sampled.push_back(value(std::to_string(registerWh), "Energy.Active.Import.Register", "Wh", nullptr, "Outlet"));
    sampled.push_back(value(QString::number(powerKw, 'f', 2).toStdString(), "Power.Active.Import", "kW", nullptr, "Outlet"));
    const char *phases[] = {"L1", "L2", "L3"};
    const char *voltages[] = {"L1-N", "L2-N", "L3-N"};
    for (int i = 0; i < 3; ++i)
        sampled.push_back(value(QString::number(amps + i, 'f', 1).toStdString(), "Current.Import", "A", phases[i], "Outlet"));
    for (int i = 0; i < 3; ++i)
        sampled.push_back(value(QString::number(230 + i).toStdString(), "Voltage", "V", voltages[i], "Outlet"));
    sampled.push_back(value(std::to_string(soc), "SoC", "Percent", nullptr, "EV"));
    return {{"timestamp", iso(atMs)}, {"sampledValue", sampled}};
}

json meterValues(qint64 tx, const json &meterValue)
{
    return {{"connectorId", 1}, {"transactionId", tx}, {"meterValue", json::array({meterValue})}};
}

storage::MeterSample sample(qint64 atMs, const QString &measurand, const QString &unit, qint64 milli,
                            const QString &phase = {}, const QString &location = {})
{
    storage::MeterSample s;
    s.sessionId = 7;
    s.stationAtMs = atMs;
    s.measurand = measurand;
    s.unit = unit;
    s.valueMilli = milli;
    s.phase = phase;
    s.location = location;
    return s;
}

}  // namespace

class TestSessionSeries : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(TestDatabase::backendName())); }
    void seriesOfARealSession();
    void sessionWithoutValues();
    void choices();
    void thinning();
};

void TestSessionSeries::seriesOfARealSession()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-S"));
    h.addTag(QStringLiteral("CARD"));
    auto &link = h.connect(QStringLiteral("CP-S"));
    CD_ANSWER_OK(h.boot(link));
    const qint64 tx = startOn(link, 1, "CARD", 10000, kT0);
    QVERIFY(tx > 0);

    charging::ChargingQueries queries(h.fixture.shared(), h.clock);
    auto session = queries.findSession(QString::number(tx));
    QVERIFY(session.ok() && session->has_value());
    const qint64 id = (*session)->id;
    {
        auto none = queries.sessionSeries(id);
        QVERIFY(none.ok() && none->has_value());
        QVERIFY((*none)->isEmpty());
        QVERIFY((*none)->open);
    }

    for (int i = 0; i < 4; ++i) {
        h.clock.advanceMs(kMinute);
        CD_ANSWER_OK(callFrom(link, QStringLiteral("MeterValues"),
                              meterValues(tx, fullSample(kT0 + (i + 1) * kMinute, 10000 + 500 * i, 7.2 + i, 16.0, 40 + i))));
    }
    // A replay of the last callback (offline queue) and, at the same moment, the station's
    // Transaction.End reading of the register: still one point per timestamp.
    CD_ANSWER_OK(callFrom(link, QStringLiteral("MeterValues"),
                          meterValues(tx, fullSample(kT0 + 4 * kMinute, 11500, 10.2, 16.0, 43))));
    h.clock.advanceMs(kMinute);
    CD_ANSWER_OK(callFrom(link, QStringLiteral("StopTransaction"),
                          {{"transactionId", tx},
                           {"meterStop", 11600},
                           {"timestamp", iso(kT0 + 5 * kMinute)},
                           {"transactionData",
                            json::array({{{"timestamp", iso(kT0 + 4 * kMinute)},
                                          {"sampledValue", json::array({value("11500", "Energy.Active.Import.Register", "Wh",
                                                                             nullptr, "Outlet", "Transaction.End")})}}})}}));
    h.idle();

    auto result = queries.sessionSeries(id);
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QVERIFY(result->has_value());
    const charging::SessionSeries &data = **result;
    QCOMPARE(data.sessionId, id);
    QVERIFY(!data.open);
    QCOMPARE(data.energyBaseMilli, std::optional<qint64>(10000 * 1000));
    QCOMPARE(data.startedMs, std::optional<qint64>(kT0));
    QCOMPARE(data.endedMs, std::optional<qint64>(kT0 + 5 * kMinute));

    QStringList keys;
    for (const charging::MeterSeries &s : data.series)
        keys << s.key();
    QCOMPARE(keys, (QStringList{QStringLiteral("Power.Active.Import"), QStringLiteral("Energy.Active.Import.Register"),
                                QStringLiteral("Current.Import/L1"), QStringLiteral("Current.Import/L2"),
                                QStringLiteral("Current.Import/L3"), QStringLiteral("Voltage/L1-N"),
                                QStringLiteral("Voltage/L2-N"), QStringLiteral("Voltage/L3-N"), QStringLiteral("SoC")}));
    QCOMPARE(data.pointCount(), 9 * 4);
    QCOMPARE(data.firstMs(), std::optional<qint64>(kT0 + kMinute));
    QCOMPARE(data.lastMs(), std::optional<qint64>(kT0 + 4 * kMinute));

    const charging::MeterSeries *energy = data.find(QStringLiteral("Energy.Active.Import.Register"));
    QVERIFY(energy);
    QCOMPARE(energy->quantity, ChartQuantity::Energy);
    QCOMPARE(energy->unit, QStringLiteral("Wh"));
    QCOMPARE(energy->location, QStringLiteral("Outlet"));
    // Counted from meterStart (10 000 Wh), in mWh.
    QCOMPARE(energy->points, (QList<SeriesPoint>{{kT0 + kMinute, 0}, {kT0 + 2 * kMinute, 500000},
                                                 {kT0 + 3 * kMinute, 1000000}, {kT0 + 4 * kMinute, 1500000}}));
    QVERIFY(!energy->thinned());

    const charging::MeterSeries *power = data.find(QStringLiteral("Power.Active.Import"));
    QVERIFY(power);
    QCOMPARE(power->unit, QStringLiteral("W"));  // sent in kW, stored and charted in W
    QCOMPARE(power->points.constFirst(), (SeriesPoint{kT0 + kMinute, 7200 * 1000}));
    QCOMPARE(power->points.constLast(), (SeriesPoint{kT0 + 4 * kMinute, 10200 * 1000}));

    const charging::MeterSeries *l2 = data.find(QStringLiteral("Current.Import/L2"));
    QVERIFY(l2);
    QCOMPARE(l2->phase, QStringLiteral("L2"));
    QCOMPARE(l2->points.constFirst().valueMilli, 17000);
    const charging::MeterSeries *v3 = data.find(QStringLiteral("Voltage/L3-N"));
    QVERIFY(v3);
    QCOMPARE(v3->points.constFirst().valueMilli, 232000);
    const charging::MeterSeries *soc = data.find(QStringLiteral("SoC"));
    QVERIFY(soc);
    QCOMPARE(soc->location, QStringLiteral("EV"));
    QCOMPARE(soc->points.constLast().valueMilli, 43000);

    // The same through the builder with a tighter bound.
    storage::MeterSampleFilter filter;
    filter.sessionId = id;
    auto samples = storage::MeterSampleRepository(h.db()).list(filter);
    QVERIFY(samples.ok());
    const charging::SessionSeries small = SessionSeriesBuilder::build(**session, *samples, 4);
    QCOMPARE(small.find(QStringLiteral("Power.Active.Import"))->points.size(), 4);
}

void TestSessionSeries::sessionWithoutValues()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    charging::ChargingQueries queries(h.fixture.shared(), h.clock);
    auto missing = queries.sessionSeries(424242);
    QVERIFY(missing.ok());
    QVERIFY(!missing->has_value());
}

void TestSessionSeries::choices()
{
    storage::Session session;
    session.id = 7;
    session.status = QStringLiteral("ongoing");  // open; no meter start: energy counts from the first reading
    const QString energy = QStringLiteral("Energy.Active.Import.Register");
    const QString current = QStringLiteral("Current.Import");
    const QList<storage::MeterSample> samples = {
        sample(1000, energy, QStringLiteral("Wh"), 5000000, {}, QStringLiteral("Outlet")),
        sample(1000, energy, QStringLiteral("Wh"), 1000, QStringLiteral("L1")),          // per-phase energy: not charted
        sample(1000, QStringLiteral("Power.Reactive.Import"), QStringLiteral("var"), 5),   // not charted
        sample(1000, QStringLiteral("Temperature"), QStringLiteral("Celsius"), 30000),     // not charted
        sample(1000, QStringLiteral("SoC"), QStringLiteral("Wh"), 50000),                  // SoC in Wh: a guess, not charted
        sample(1000, current, QStringLiteral("A"), 10000, {}, QStringLiteral("Inlet")),
        sample(1000, current, QStringLiteral("A"), 11000, {}, QStringLiteral("Outlet")),
        sample(2000, current, QStringLiteral("A"), 12000, {}, QStringLiteral("Outlet")),
        sample(2000, current, QStringLiteral("A"), 20000, {}, QStringLiteral("Inlet")),
        sample(3000, current, QStringLiteral("A"), 21000, {}, QStringLiteral("Inlet")),  // Inlet reported most
        sample(2000, energy, QStringLiteral("Wh"), 5400000, {}, QStringLiteral("Outlet")),
        sample(2000, energy, QStringLiteral("Wh"), 5500000, {}, QStringLiteral("Outlet")),  // same moment: the last wins
        [] {
            auto other = sample(2500, QStringLiteral("Power.Active.Import"), QStringLiteral("W"), 1);
            other.sessionId = 8;  // another session's sample
            return other;
        }(),
    };
    const charging::SessionSeries data = SessionSeriesBuilder::build(session, samples);
    QVERIFY(data.open);
    QStringList keys;
    for (const charging::MeterSeries &s : data.series)
        keys << s.key();
    QCOMPARE(keys, (QStringList{energy, current}));
    QCOMPARE(data.energyBaseMilli, std::optional<qint64>(5000000));
    QCOMPARE(data.find(energy)->points, (QList<SeriesPoint>{{1000, 0}, {2000, 500000}}));
    const charging::MeterSeries *amps = data.find(current);
    QCOMPARE(amps->location, QStringLiteral("Inlet"));
    QCOMPARE(amps->points, (QList<SeriesPoint>{{1000, 10000}, {2000, 20000}, {3000, 21000}}));

    // On a tie the outlet wins.
    const charging::SessionSeries tie = SessionSeriesBuilder::build(session, samples.mid(5, 3));
    QCOMPARE(tie.find(current)->location, QStringLiteral("Outlet"));
    QCOMPARE(SessionSeriesBuilder::quantityOf(QStringLiteral("Voltage")), std::optional<ChartQuantity>(ChartQuantity::Voltage));
    QVERIFY(!SessionSeriesBuilder::quantityOf(QStringLiteral("Frequency")));

    // A finished session that never reported values.
    session.status = QStringLiteral("finished");
    const charging::SessionSeries none = SessionSeriesBuilder::build(session, {});
    QVERIFY(none.isEmpty());
    QVERIFY(!none.open);
    QVERIFY(!none.firstMs());
}

void TestSessionSeries::thinning()
{
    // Twelve hours of one sample a second: a slow ramp with one spike and one dip.
    QList<SeriesPoint> points;
    const int n = 12 * 3600;
    for (int i = 0; i < n; ++i)
        points.append(SeriesPoint{kT0 + qint64(i) * 1000, 7000000 + (i % 600) * 100});
    points[20000].valueMilli = 22000000;
    points[30001].valueMilli = 0;

    const QList<SeriesPoint> thin = SessionSeriesBuilder::thin(points, 1500);
    QVERIFY(thin.size() <= 1500);
    QVERIFY(thin.size() >= 1400);
    QCOMPARE(thin.constFirst(), points.constFirst());
    QCOMPARE(thin.constLast(), points.constLast());
    for (qsizetype i = 1; i < thin.size(); ++i)
        QVERIFY(thin.at(i - 1).atMs < thin.at(i).atMs);
    QVERIFY(thin.contains(points.at(20000)));
    QVERIFY(thin.contains(points.at(30001)));

    QCOMPARE(SessionSeriesBuilder::thin(points.mid(0, 10), 1500), points.mid(0, 10));
    QVERIFY(SessionSeriesBuilder::thin(points, 1).size() <= 4);  // never fewer than first, last, a low and a high

    // Through build(): every series is bounded, and says it was thinned.
    storage::Session session;
    session.id = 7;
    session.meterStartWh = 0;
    QList<storage::MeterSample> samples;
    for (int i = 0; i < 5000; ++i)
        samples.append(sample(kT0 + i * 1000, QStringLiteral("Power.Active.Import"), QStringLiteral("W"), 1000 * (i % 50)));
    const charging::SessionSeries data = SessionSeriesBuilder::build(session, samples, 300);
    QCOMPARE(data.series.size(), 1);
    QVERIFY(data.series.constFirst().points.size() <= 300);
    QCOMPARE(data.series.constFirst().sampleCount, 5000);
    QVERIFY(data.series.constFirst().thinned());
}

QTEST_GUILESS_MAIN(TestSessionSeries)
#include "tst_session_series.moc"
