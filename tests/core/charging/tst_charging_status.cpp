// Connector status with millisecond timestamps (zpd_case#20: a database that dropped the
// milliseconds sorted two statuses of one second wrongly and raised a false "2-3-2-3" alarm):
// a history row for every report, ordered by the station's milliseconds; the current status
// follows the station's clock within one boot; exact replays are not stored twice; after a
// reboot, arrival decides (the station's clock may have jumped).

#include "chargingtestsupport.h"

#include "core/charging/chargingqueries.h"
#include "core/storage/connectorrepository.h"

using namespace cd;
using namespace cd::test;

namespace {

Answer status(LoopbackLink &link, int connector, const char *value, const std::string &at, const char *error = "NoError")
{
    return callFrom(link, QStringLiteral("StatusNotification"),
                    {{"connectorId", connector}, {"errorCode", error}, {"status", value}, {"timestamp", at}});
}

QStringList historyStatuses(ChargingHarness &h, const QString &station, std::optional<int> connector = 1)
{
    charging::ChargingQueries queries(h.fixture.shared(), h.clock);
    auto history = queries.connectorHistory(station, connector);
    QStringList out;
    if (history) {
        for (const auto &e : *history)
            out << e.status;
    }
    return out;
}

storage::Connector connector(ChargingHarness &h, qint64 stationId, int id)
{
    auto c = storage::ConnectorRepository(h.db()).find(stationId, id, id);
    return c && c->has_value() ? **c : storage::Connector{};
}

}  // namespace

class TestChargingStatus : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(TestDatabase::backendName())); }
    void twoStatusesWithinOneSecondKeepTheirOrder();
    void lateOlderStatusDoesNotReplaceNewer();
    void replayIsNotStoredTwice();
    void afterRebootArrivalDecides();
    void stationWideStatusAndErrors();
};

void TestChargingStatus::twoStatusesWithinOneSecondKeepTheirOrder()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    const qint64 id = h.addStation(QStringLiteral("CP-1"));
    auto &link = h.connect(QStringLiteral("CP-1"));
    CD_ANSWER_OK(h.boot(link));
    // 2-3-2-3 within one second: every change is a row, in the station's millisecond order.
    CD_ANSWER_OK(status(link, 1, "Preparing", "2023-11-14T22:14:00.120Z"));
    CD_ANSWER_OK(status(link, 1, "Charging", "2023-11-14T22:14:00.480Z"));
    CD_ANSWER_OK(status(link, 1, "Preparing", "2023-11-14T22:14:00.730Z"));
    CD_ANSWER_OK(status(link, 1, "Charging", "2023-11-14T22:14:00.990Z"));
    QCOMPARE(historyStatuses(h, QStringLiteral("CP-1")),
             (QStringList{QStringLiteral("Preparing"), QStringLiteral("Charging"), QStringLiteral("Preparing"),
                          QStringLiteral("Charging")}));
    const storage::Connector c = connector(h, id, 1);
    QCOMPARE(c.status, QStringLiteral("Charging"));
    QCOMPARE(c.statusAtMs, charging::parseTimestampMs(u"2023-11-14T22:14:00.990Z"));
    // The milliseconds survive the round trip through the database.
    charging::ChargingQueries queries(h.fixture.shared(), h.clock);
    auto history = queries.connectorHistory(QStringLiteral("CP-1"), 1);
    QVERIFY(history.ok());
    QCOMPARE(history->at(1).stationAtMs.value_or(0) % 1000, qint64(480));
}

void TestChargingStatus::lateOlderStatusDoesNotReplaceNewer()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    const qint64 id = h.addStation(QStringLiteral("CP-1"));
    auto &link = h.connect(QStringLiteral("CP-1"));
    CD_ANSWER_OK(h.boot(link));
    CD_ANSWER_OK(status(link, 1, "Charging", "2023-11-14T22:14:00.700Z"));
    CD_ANSWER_OK(status(link, 1, "Preparing", "2023-11-14T22:14:00.200Z"));  // arrives late
    QCOMPARE(connector(h, id, 1).status, QStringLiteral("Charging"));
    // History is in station time, not arrival order.
    QCOMPARE(historyStatuses(h, QStringLiteral("CP-1")), (QStringList{QStringLiteral("Preparing"), QStringLiteral("Charging")}));
}

void TestChargingStatus::replayIsNotStoredTwice()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-1"));
    auto &link = h.connect(QStringLiteral("CP-1"));
    CD_ANSWER_OK(h.boot(link));
    CD_ANSWER_OK(status(link, 1, "Faulted", "2023-11-14T22:14:00.100Z", "GroundFailure"));
    CD_ANSWER_OK(status(link, 1, "Faulted", "2023-11-14T22:14:00.100Z", "GroundFailure"));
    // Same status, new report (a new time): a new row.
    CD_ANSWER_OK(status(link, 1, "Faulted", "2023-11-14T22:15:00.100Z", "GroundFailure"));
    QCOMPARE(h.scalar(QStringLiteral("SELECT COUNT(*) FROM connector_status_history")).toInt(), 2);
}

void TestChargingStatus::afterRebootArrivalDecides()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    const qint64 id = h.addStation(QStringLiteral("CP-1"));
    auto &link = h.connect(QStringLiteral("CP-1"));
    CD_ANSWER_OK(h.boot(link));
    CD_ANSWER_OK(status(link, 1, "Charging", "2023-11-14T22:14:00.000Z"));
    // The station reboots and its clock restarts in 2020 until it synchronises.
    h.clock.advanceMs(60000);
    CD_ANSWER_OK(h.boot(link));
    CD_ANSWER_OK(status(link, 1, "Available", "2020-01-01T00:00:05.000Z"));
    QCOMPARE(connector(h, id, 1).status, QStringLiteral("Available"));
    // Within the new boot, the station's clock orders again.
    CD_ANSWER_OK(status(link, 1, "Unavailable", "2020-01-01T00:00:04.000Z"));
    QCOMPARE(connector(h, id, 1).status, QStringLiteral("Available"));
}

void TestChargingStatus::stationWideStatusAndErrors()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    const qint64 id = h.addStation(QStringLiteral("CP-1"));
    auto &link = h.connect(QStringLiteral("CP-1"));
    CD_ANSWER_OK(h.boot(link));
    CD_ANSWER_OK(callFrom(link, QStringLiteral("StatusNotification"),
                          {{"connectorId", 0}, {"errorCode", "OtherError"}, {"status", "Faulted"}, {"info", "door open"},
                           {"vendorId", "Acme"}, {"vendorErrorCode", "E42"}}));  // no timestamp: received time counts
    const storage::Connector c = connector(h, id, 0);
    QCOMPARE(c.status, QStringLiteral("Faulted"));
    QCOMPARE(c.errorCode, QStringLiteral("OtherError"));
    QCOMPARE(c.vendorError, QStringLiteral("E42"));
    QVERIFY(!c.statusAtMs.has_value());
    QCOMPARE(c.statusReceivedMs, std::optional<qint64>(kT0));
    const QStringList statuses = historyStatuses(h, QStringLiteral("CP-1"), 0);
    QCOMPARE(statuses, QStringList{QStringLiteral("Faulted")});
    QCOMPARE(h.scalar(QStringLiteral("SELECT info FROM connector_status_history")).toString(),
             QStringLiteral("door open; vendor=Acme; vendorError=E42"));
}

QTEST_GUILESS_MAIN(TestChargingStatus)
#include "tst_charging_status.moc"
