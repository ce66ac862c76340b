// The query API the UI and the CLI use: stations with connectors, live status and open
// sessions; sessions last N / open / OLD&OPEN / by number, id or id tag; session detail; the
// station timeline; the id-tag and session JSON the CLI prints.

#include "chargingtestsupport.h"

#include "core/charging/chargingjson.h"
#include "core/charging/chargingqueries.h"

#include <QJsonArray>

using namespace cd;
using namespace cd::test;

namespace {

qint64 startOn(LoopbackLink &link, int connector, const char *tag, qint64 atMs)
{
    const Answer a = callFrom(link, QStringLiteral("StartTransaction"),
                              {{"connectorId", connector}, {"idTag", tag}, {"meterStart", 0}, {"timestamp", iso(atMs)}});
    return a.ok ? a.payload["transactionId"].get<qint64>() : -1;
}

}  // namespace

class TestChargingQueries : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(TestDatabase::backendName())); }
    void stationsWithConnectors();
    void sessionLists();
};

void TestChargingQueries::stationsWithConnectors()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-A"));
    h.addStation(QStringLiteral("CP-B"));
    h.addTag(QStringLiteral("CARD"));
    auto &link = h.connect(QStringLiteral("CP-A"));
    CD_ANSWER_OK(h.boot(link, QStringLiteral("3.0")));
    for (int c = 1; c <= 2; ++c) {
        CD_ANSWER_OK(callFrom(link, QStringLiteral("StatusNotification"),
                              {{"connectorId", c}, {"errorCode", "NoError"}, {"status", "Available"}, {"timestamp", iso(kT0)}}));
    }
    const qint64 tx = startOn(link, 2, "CARD", kT0 + 1000);
    CD_ANSWER_OK(callFrom(link, QStringLiteral("StatusNotification"),
                          {{"connectorId", 2}, {"errorCode", "NoError"}, {"status", "Charging"}, {"timestamp", iso(kT0 + 2000)}}));
    h.idle();

    charging::ChargingQueries queries(h.fixture.shared(), h.clock);
    auto all = queries.stations();
    QVERIFY(all.ok());
    QCOMPARE(all->size(), 2);
    const charging::StationOverview &a = all->at(0);
    QCOMPARE(a.station.chargePointId, QStringLiteral("CP-A"));
    QVERIFY(a.station.online());
    QCOMPARE(a.station.identity.firmware, QStringLiteral("3.0"));
    QCOMPARE(a.openSessions, 1);
    QCOMPARE(a.connectors.size(), 2);
    QCOMPARE(a.connectors[0].connector.status, QStringLiteral("Available"));
    QCOMPARE(a.connectors[1].connector.status, QStringLiteral("Charging"));
    QVERIFY(a.connectors[1].openSessionId.has_value());
    QVERIFY(!a.connectors[0].openSessionId.has_value());
    QVERIFY(!all->at(1).station.online());

    auto online = queries.stations({QString(), true, true});
    QVERIFY(online.ok());
    QCOMPARE(online->size(), 1);

    const QJsonObject shown = charging::json::station(a);
    QCOMPARE(shown.value(QStringLiteral("connectors")).toArray().size(), 2);
    QCOMPARE(shown.value(QStringLiteral("online")).toBool(), true);
    QCOMPARE(shown.value(QStringLiteral("passwordSet")).toBool(), false);

    auto events = queries.stationEvents(QStringLiteral("CP-A"));
    QVERIFY(events.ok());
    QCOMPARE(events->first().kind, QStringLiteral("connected"));
    auto history = queries.connectorHistory(QStringLiteral("CP-A"));
    QVERIFY(history.ok());
    QCOMPARE(history->size(), 3);
    QVERIFY(tx > 0);
}

void TestChargingQueries::sessionLists()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-A"));
    h.addTag(QStringLiteral("ONE"));
    h.addTag(QStringLiteral("TWO"), QStringLiteral("Accepted"), std::nullopt, 5);
    auto &link = h.connect(QStringLiteral("CP-A"));
    CD_ANSWER_OK(h.boot(link));

    const qint64 old = startOn(link, 1, "ONE", kT0);  // never stopped: OLD&OPEN after a day
    h.clock.advanceMs(25LL * 3600 * 1000);
    const qint64 fresh = startOn(link, 2, "TWO", kT0 + 25LL * 3600 * 1000);
    h.clock.advanceMs(1000);
    const qint64 done = startOn(link, 3, "TWO", kT0 + 25LL * 3600 * 1000 + 1000);
    CD_ANSWER_OK(callFrom(link, QStringLiteral("StopTransaction"),
                          {{"transactionId", done}, {"meterStop", 10}, {"timestamp", iso(kT0 + 26LL * 3600 * 1000)}}));
    QVERIFY(old > 0 && fresh > 0 && done > 0);

    charging::ChargingQueries queries(h.fixture.shared(), h.clock);
    auto last = queries.lastSessions(2);
    QVERIFY(last.ok());
    QCOMPARE(last->size(), 2);
    QCOMPARE(last->at(0).transactionId, QString::number(done));  // newest first
    QCOMPARE(last->at(1).transactionId, QString::number(fresh));

    auto open = queries.openSessions();
    QVERIFY(open.ok());
    QCOMPARE(open->size(), 2);

    auto oldOpen = queries.oldOpenSessions(24LL * 3600 * 1000);
    QVERIFY(oldOpen.ok());
    QCOMPARE(oldOpen->size(), 1);
    QCOMPARE(oldOpen->first().transactionId, QString::number(old));

    storage::SessionFilter byTag;
    byTag.idTag = QStringLiteral("two");
    auto tagged = queries.sessions(byTag);
    QVERIFY(tagged.ok());
    QCOMPARE(tagged->size(), 2);

    const QString number = oldOpen->first().sessionNumber;
    QVERIFY(number.contains(u'-'));
    auto byNumber = queries.findSession(number);
    QVERIFY(byNumber.ok() && byNumber->has_value());
    QCOMPARE((*byNumber)->transactionId, QString::number(old));
    auto byId = queries.findSession(QString::number((*byNumber)->id));
    QVERIFY(byId.ok() && byId->has_value());
    QCOMPARE((*byId)->sessionNumber, number);
    auto missing = queries.findSession(QStringLiteral("no-such-session"));
    QVERIFY(missing.ok() && !missing->has_value());

    const QJsonObject shown = charging::json::session(**byNumber);
    QCOMPARE(shown.value(QStringLiteral("sessionNumber")).toString(), number);
    QCOMPARE(shown.value(QStringLiteral("chargePointId")).toString(), QStringLiteral("CP-A"));
    QCOMPARE(shown.value(QStringLiteral("status")).toString(), QStringLiteral("ongoing"));

    auto tags = storage::IdTagRepository(h.db()).list();
    QVERIFY(tags.ok());
    QCOMPARE(tags->size(), 2);
    QCOMPARE(charging::json::idTag(tags->at(1)).value(QStringLiteral("maxConcurrentSessions")).toInt(), 5);
}

QTEST_GUILESS_MAIN(TestChargingQueries)
#include "tst_charging_queries.moc"
