// Start latency (start of the session → first Charging state, station time) per station and per
// vendor / model / firmware: the summary rules (median, 90th percentile by nearest rank,
// implausible samples left out, slowest first) as a table, and the figures of real sessions made
// by the charging service on stations with different firmware, on both backends.

#include "chargingtestsupport.h"

#include "core/charging/startlatency.h"

using namespace cd;
using namespace cd::test;
using charging::StartLatency;
using storage::StartLatencySample;

Q_DECLARE_METATYPE(QList<qint64>)

namespace {

constexpr qint64 kSecond = 1000;

StartLatencySample sample(const char *station, const char *firmware, qint64 ms)
{
    StartLatencySample s;
    s.stationId = qHash(QByteArray(station));
    s.chargePointId = QString::fromLatin1(station);
    s.vendor = QStringLiteral("Acme");
    s.model = QStringLiteral("AC22");
    s.firmware = QString::fromLatin1(firmware);
    s.latencyMs = ms;
    return s;
}

}  // namespace

class TestStartLatency : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(TestDatabase::backendName())); }
    void summaryOfOneGroup_data();
    void summaryOfOneGroup();
    void groupsAndOrder();
    void realSessions();
};

void TestStartLatency::summaryOfOneGroup_data()
{
    QTest::addColumn<QList<qint64>>("latencies");
    QTest::addColumn<int>("sessions");
    QTest::addColumn<int>("implausible");
    QTest::addColumn<qint64>("median");
    QTest::addColumn<qint64>("p90");
    QTest::addColumn<qint64>("max");

    QTest::newRow("one") << QList<qint64>{4000} << 1 << 0 << qint64(4000) << qint64(4000) << qint64(4000);
    QTest::newRow("odd count") << QList<qint64>{30000, 1000, 20000} << 3 << 0 << qint64(20000) << qint64(30000) << qint64(30000);
    QTest::newRow("even count: mean of the middle two") << QList<qint64>{1000, 2000, 4000, 9000} << 4 << 0 << qint64(3000)
                                                        << qint64(9000) << qint64(9000);
    // Ten samples: the 90th percentile by nearest rank is the 9th smallest.
    QTest::newRow("p90 nearest rank") << QList<qint64>{1, 2, 3, 4, 5, 6, 7, 8, 9, 100} << 10 << 0 << qint64(5)
                                      << qint64(9) << qint64(100);
    QTest::newRow("clock jumps left out") << QList<qint64>{-5000, 20000, 3600 * 1000 + 1, 40000} << 2 << 2 << qint64(30000)
                                          << qint64(40000) << qint64(40000);
    QTest::newRow("zero is a real latency") << QList<qint64>{0, 0, 3600 * 1000} << 3 << 0 << qint64(0)
                                            << qint64(3600 * 1000) << qint64(3600 * 1000);
}

void TestStartLatency::summaryOfOneGroup()
{
    QFETCH(QList<qint64>, latencies);
    QList<StartLatencySample> samples;
    for (const qint64 ms : latencies)
        samples << sample("CP-1", "1.0", ms);
    const charging::StartLatencyReport report = StartLatency::summarize(samples);
    QCOMPARE(report.stations.size(), 1);
    QCOMPARE(report.models.size(), 1);
    for (const charging::StartLatencyGroup &g : {report.stations.at(0), report.models.at(0)}) {
        QTEST(g.sessions, "sessions");
        QTEST(g.implausible, "implausible");
        QTEST(g.medianMs, "median");
        QTEST(g.p90Ms, "p90");
        QTEST(g.maxMs, "max");
        QCOMPARE(g.stations, 1);
    }
    QCOMPARE(report.stations.at(0).chargePointId, QStringLiteral("CP-1"));
    QVERIFY(report.models.at(0).chargePointId.isEmpty());
}

void TestStartLatency::groupsAndOrder()
{
    // Firmware 1.0 on two stations is slow; 2.0 is quick: the slow model comes first.
    const QList<StartLatencySample> samples = {sample("CP-A", "1.0", 40000), sample("CP-A", "1.0", 50000),
                                               sample("CP-B", "1.0", 20000), sample("CP-C", "2.0", 1000),
                                               sample("CP-C", "2.0", 3000)};
    const charging::StartLatencyReport report = StartLatency::summarize(samples);
    QCOMPARE(report.models.size(), 2);
    QCOMPARE(report.models.at(0).firmware, QStringLiteral("1.0"));
    QCOMPARE(report.models.at(0).stations, 2);
    QCOMPARE(report.models.at(0).sessions, 3);
    QCOMPARE(report.models.at(0).medianMs, 40000);
    QCOMPARE(report.models.at(1).firmware, QStringLiteral("2.0"));
    QCOMPARE(report.models.at(1).medianMs, 2000);
    QCOMPARE(report.stations.size(), 3);
    QCOMPARE(report.stations.at(0).chargePointId, QStringLiteral("CP-A"));
    QCOMPARE(report.stations.at(0).medianMs, 45000);
    QCOMPARE(report.stations.at(1).chargePointId, QStringLiteral("CP-B"));
    QCOMPARE(report.stations.at(2).chargePointId, QStringLiteral("CP-C"));
    QVERIFY(StartLatency::summarize({}).models.isEmpty());
}

void TestStartLatency::realSessions()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addTag(QStringLiteral("CARD-L"), QStringLiteral("Accepted"), std::nullopt, 10);
    struct Plan {
        const char *station;
        const char *firmware;
        QList<qint64> latencies;
    };
    const QList<Plan> plans = {{"LAT-SLOW", "3.1.7", {25 * kSecond, 55 * kSecond, 40 * kSecond}},
                               {"LAT-FAST", "4.0.2", {2 * kSecond, 1 * kSecond}}};
    const qint64 from = h.clock.nowMs();
    for (const Plan &plan : plans) {
        h.addStation(QString::fromLatin1(plan.station));
        auto &link = h.connect(QString::fromLatin1(plan.station));
        CD_ANSWER_OK(h.boot(link, QString::fromLatin1(plan.firmware)));
        for (const qint64 latency : plan.latencies) {
            const qint64 at = h.clock.nowMs();
            const Answer start = callFrom(link, QStringLiteral("StartTransaction"),
                                          {{"connectorId", 1}, {"idTag", "CARD-L"}, {"meterStart", 0}, {"timestamp", iso(at)}});
            QVERIFY(start.ok);
            CD_ANSWER_OK(callFrom(link, QStringLiteral("StatusNotification"),
                                  {{"connectorId", 1}, {"status", "Charging"}, {"errorCode", "NoError"}, {"timestamp", iso(at + latency)}}));
            h.clock.advanceMs(latency + 60 * kSecond);
            CD_ANSWER_OK(callFrom(link, QStringLiteral("StopTransaction"),
                                  {{"transactionId", start.payload["transactionId"]}, {"meterStop", 100}, {"timestamp", iso(h.clock.nowMs())}}));
            CD_ANSWER_OK(callFrom(link, QStringLiteral("StatusNotification"),
                                  {{"connectorId", 1}, {"status", "Available"}, {"errorCode", "NoError"}, {"timestamp", iso(h.clock.nowMs())}}));
            h.clock.advanceMs(kSecond);
        }
    }
    // A session that never reached Charging has no latency.
    auto &slow = h.links.front();
    QVERIFY(callFrom(*slow, QStringLiteral("StartTransaction"),
                     {{"connectorId", 2}, {"idTag", "CARD-L"}, {"meterStart", 0}, {"timestamp", iso(h.clock.nowMs())}})
                .ok);
    h.idle();

    auto report = StartLatency::report(h.fixture.shared(), from, h.clock.nowMs() + 1);
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QCOMPARE(report->models.size(), 2);
    const charging::StartLatencyGroup &slowModel = report->models.at(0);
    QCOMPARE(slowModel.vendor, QStringLiteral("Acme"));
    QCOMPARE(slowModel.model, QStringLiteral("AC22"));
    QCOMPARE(slowModel.firmware, QStringLiteral("3.1.7"));
    QCOMPARE(slowModel.sessions, 3);
    QCOMPARE(slowModel.medianMs, 40 * kSecond);
    QCOMPARE(slowModel.p90Ms, 55 * kSecond);
    QCOMPARE(report->models.at(1).firmware, QStringLiteral("4.0.2"));
    QCOMPARE(report->models.at(1).medianMs, 1500);
    QCOMPARE(report->stations.size(), 2);
    QCOMPARE(report->stations.at(0).chargePointId, QStringLiteral("LAT-SLOW"));
    QCOMPARE(report->stations.at(1).chargePointId, QStringLiteral("LAT-FAST"));
    QCOMPARE(report->stations.at(1).maxMs, 2 * kSecond);

    // The period counts: nothing before the first session.
    auto none = StartLatency::report(h.fixture.shared(), from - 10 * kSecond, from);
    QVERIFY(none);
    QVERIFY(none->stations.isEmpty());
}

QTEST_GUILESS_MAIN(TestStartLatency)
#include "tst_start_latency.moc"
