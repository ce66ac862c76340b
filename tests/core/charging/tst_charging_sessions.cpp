// Sessions end to end through a real RpcEndpoint pair: start → status → meter values → stop with
// energy and samples; idempotency (retried StartTransaction → same transactionId and one
// session; duplicate StopTransaction → one stop; replayed MeterValues → no duplicate samples);
// orphan stops (transactionId -1 or unknown); out-of-order meter values and values after the
// stop; reboot mid-session → no ghost session; a new start supersedes a ghost on the connector.

#include "chargingtestsupport.h"

#include "core/charging/chargingqueries.h"
#include "core/storage/metersamplerepository.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/stationeventrepository.h"

using namespace cd;
using namespace cd::test;

namespace {

Answer start(LoopbackLink &link, int connector, const char *tag, qint64 meter, qint64 atMs)
{
    return callFrom(link, QStringLiteral("StartTransaction"),
                    {{"connectorId", connector}, {"idTag", tag}, {"meterStart", meter}, {"timestamp", iso(atMs)}});
}

Answer stop(LoopbackLink &link, qint64 transactionId, qint64 meter, qint64 atMs, const char *reason = "EVDisconnected",
            json transactionData = json())
{
    json payload = {{"transactionId", transactionId}, {"meterStop", meter}, {"timestamp", iso(atMs)}, {"reason", reason}};
    if (!transactionData.is_null())
        payload["transactionData"] = std::move(transactionData);
    return callFrom(link, QStringLiteral("StopTransaction"), payload);
}

Answer status(LoopbackLink &link, int connector, const char *value, qint64 atMs)
{
    return callFrom(link, QStringLiteral("StatusNotification"),
                    {{"connectorId", connector}, {"errorCode", "NoError"}, {"status", value}, {"timestamp", iso(atMs)}});
}

json energySample(qint64 atMs, const char *value, const char *unit = "Wh", const char *context = "Sample.Periodic")
{
    return {{"timestamp", iso(atMs)},
            {"sampledValue", {{{"value", value}, {"unit", unit}, {"measurand", "Energy.Active.Import.Register"}, {"context", context}}}}};
}

Answer meter(LoopbackLink &link, int connector, qint64 transactionId, json meterValue)
{
    return callFrom(link, QStringLiteral("MeterValues"),
                    {{"connectorId", connector}, {"transactionId", transactionId}, {"meterValue", std::move(meterValue)}});
}

storage::Session session(ChargingHarness &h, qint64 transactionId)
{
    auto s = storage::SessionRepository(h.db()).findByTransaction(
        h.scalar(QStringLiteral("SELECT station_id FROM sessions WHERE ocpp_transaction_id = ?"),
                 {QString::number(transactionId)})
            .toLongLong(),
        QString::number(transactionId));
    return s && s->has_value() ? **s : storage::Session{};
}

QStringList eventKinds(ChargingHarness &h, qint64 sessionId)
{
    QStringList kinds;
    auto events = storage::SessionRepository(h.db()).events(sessionId);
    if (events) {
        for (const auto &e : *events)
            kinds << e.kind;
    }
    return kinds;
}

int count(ChargingHarness &h, const QString &sql, const QVariantList &values = {})
{
    return h.scalar(sql, values).toInt();
}

}  // namespace

class TestChargingSessions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(TestDatabase::backendName())); }
    void completeSession();
    void zeroEnergyIsCanceled();
    void retriedStartGetsTheSameTransaction();
    void duplicateStopIsCountedOnce();
    void replayedMeterValuesAreNotStoredTwice();
    void outOfOrderAndLateMeterValues();
    void orphanStops();
    void rebootMidSessionLeavesNoGhost();
    void rebootThenResumedSessionStaysOpen();
    void newStartSupersedesGhost();
};

void TestChargingSessions::completeSession()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-1"));
    h.addTag(QStringLiteral("CARD"));
    auto &link = h.connect(QStringLiteral("CP-1"));
    CD_ANSWER_OK(h.boot(link));
    CD_ANSWER_OK(status(link, 1, "Preparing", kT0 + 1000));

    h.clock.setNowMs(kT0 + 2000);
    const Answer started = start(link, 1, "CARD", 10000, kT0 + 1500);
    CD_ANSWER_OK(started);
    const qint64 tx = started.payload["transactionId"].get<qint64>();
    QCOMPARE(started.payload["idTagInfo"]["status"].get<std::string>(), std::string("Accepted"));
    CD_ANSWER_OK(status(link, 1, "Charging", kT0 + 3000));

    const json full = {{"timestamp", iso(kT0 + 60000)},
                       {"sampledValue",
                        {{{"value", "11.5"}, {"unit", "kWh"}},
                         {{"value", "7.36"}, {"measurand", "Power.Active.Import"}, {"unit", "kW"}},
                         {{"value", "10.1"}, {"measurand", "Current.Import"}, {"phase", "L1"}, {"unit", "A"}},
                         {{"value", "10.2"}, {"measurand", "Current.Import"}, {"phase", "L2"}, {"unit", "A"}},
                         {{"value", "10.3"}, {"measurand", "Current.Import"}, {"phase", "L3"}, {"unit", "A"}},
                         {{"value", "229.9"}, {"measurand", "Voltage"}, {"phase", "L1-N"}, {"unit", "V"}},
                         {{"value", "41"}, {"measurand", "SoC"}, {"location", "EV"}, {"unit", "Percent"}}}}};
    CD_ANSWER_OK(meter(link, 1, tx, json::array({full})));
    storage::Session during = session(h, tx);
    QCOMPARE(during.status, QStringLiteral("ongoing"));
    QCOMPARE(during.energyWh, qint64(1500));  // 11.5 kWh register − 10000 Wh start
    QVERIFY(during.chargingStartedMs.has_value());
    QCOMPARE(*during.chargingStartedMs, kT0 + 3000);

    h.clock.setNowMs(kT0 + 125000);
    const Answer stopped = stop(link, tx, 13250, kT0 + 120000, "EVDisconnected",
                                json::array({energySample(kT0 + 120000, "13250", "Wh", "Transaction.End")}));
    CD_ANSWER_OK(stopped);
    QVERIFY(!stopped.payload.contains("idTagInfo"));  // no idTag sent, none answered

    const storage::Session s = session(h, tx);
    QCOMPARE(s.status, QStringLiteral("finished"));
    QCOMPARE(s.meterStartWh, std::optional<qint64>(10000));
    QCOMPARE(s.meterStopWh, std::optional<qint64>(13250));
    QCOMPARE(s.energyWh, qint64(3250));
    QCOMPARE(s.stopReason, QStringLiteral("EVDisconnected"));
    QCOMPARE(s.stopSource, QStringLiteral("station"));
    QCOMPARE(s.startedMs, std::optional<qint64>(kT0 + 1500));
    QCOMPARE(s.endedMs, std::optional<qint64>(kT0 + 120000));
    QCOMPARE(s.createdMs, kT0 + 2000);
    QCOMPARE(s.connectorId, std::optional<int>(1));
    QVERIFY(!s.sessionNumber.isEmpty());
    QCOMPARE(s.transactionId, QString::number(tx));

    storage::MeterSampleFilter filter;
    filter.sessionId = s.id;
    auto samples = storage::MeterSampleRepository(h.db()).list(filter);
    QVERIFY(samples.ok());
    QCOMPARE(samples->size(), 8);  // 7 periodic + 1 Transaction.End
    QCOMPARE(samples->first().valueMilli, qint64(11500000));
    QCOMPARE(samples->first().unit, QStringLiteral("Wh"));
    QCOMPARE(samples->at(1).unit, QStringLiteral("W"));
    QCOMPARE(samples->at(1).valueMilli, qint64(7360000));
    QCOMPARE(samples->last().context, QStringLiteral("Transaction.End"));

    const QStringList kinds = eventKinds(h, s.id);
    QCOMPARE(kinds, (QStringList{QStringLiteral("created"), QStringLiteral("started"), QStringLiteral("charging_started"),
                                 QStringLiteral("stopped"), QStringLiteral("status")}));
}

void TestChargingSessions::zeroEnergyIsCanceled()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-1"));
    h.addTag(QStringLiteral("CARD"));
    auto &link = h.connect(QStringLiteral("CP-1"));
    CD_ANSWER_OK(h.boot(link));
    const Answer started = start(link, 1, "CARD", 500, kT0);
    CD_ANSWER_OK(started);
    CD_ANSWER_OK(stop(link, started.payload["transactionId"].get<qint64>(), 500, kT0 + 30000, "Local"));
    QCOMPARE(session(h, started.payload["transactionId"].get<qint64>()).status, QStringLiteral("canceled"));
}

void TestChargingSessions::retriedStartGetsTheSameTransaction()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-1"));
    h.addTag(QStringLiteral("CARD"));
    auto &link = h.connect(QStringLiteral("CP-1"));
    CD_ANSWER_OK(h.boot(link));
    const Answer first = start(link, 1, "CARD", 2000, kT0 + 100);
    CD_ANSWER_OK(first);
    // The station lost the answer and retries, after reconnecting.
    h.disconnect(link);
    auto &again = h.connect(QStringLiteral("CP-1"));
    const Answer retry = start(again, 1, "CARD", 2000, kT0 + 100);
    CD_ANSWER_OK(retry);
    QCOMPARE(retry.payload["transactionId"].get<qint64>(), first.payload["transactionId"].get<qint64>());
    // Same answer, not ConcurrentTx against itself.
    QCOMPARE(retry.payload["idTagInfo"]["status"].get<std::string>(), std::string("Accepted"));
    QCOMPARE(count(h, QStringLiteral("SELECT COUNT(*) FROM sessions")), 1);
    const storage::Session s = session(h, first.payload["transactionId"].get<qint64>());
    QCOMPARE(s.status, QStringLiteral("ongoing"));
    QCOMPARE(eventKinds(h, s.id).count(QStringLiteral("start_retry")), 1);
}

void TestChargingSessions::duplicateStopIsCountedOnce()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-1"));
    h.addTag(QStringLiteral("CARD"));
    auto &link = h.connect(QStringLiteral("CP-1"));
    CD_ANSWER_OK(h.boot(link));
    const Answer started = start(link, 1, "CARD", 1000, kT0);
    const qint64 tx = started.payload["transactionId"].get<qint64>();
    const json data = json::array({energySample(kT0 + 60000, "2000", "Wh", "Transaction.End")});
    CD_ANSWER_OK(stop(link, tx, 2000, kT0 + 60000, "Local", data));
    h.clock.advanceMs(5000);
    const Answer duplicate = stop(link, tx, 2000, kT0 + 60000, "Local", data);
    CD_ANSWER_OK(duplicate);
    // Even a "different" duplicate (the station's queue is confused) changes nothing.
    CD_ANSWER_OK(stop(link, tx, 99999, kT0 + 90000, "Remote"));

    const storage::Session s = session(h, tx);
    QCOMPARE(s.energyWh, qint64(1000));
    QCOMPARE(s.meterStopWh, std::optional<qint64>(2000));
    QCOMPARE(s.stopReason, QStringLiteral("Local"));
    QCOMPARE(s.status, QStringLiteral("finished"));
    const QStringList kinds = eventKinds(h, s.id);
    QCOMPARE(kinds.count(QStringLiteral("stopped")), 1);
    QCOMPARE(kinds.count(QStringLiteral("stop_duplicate")), 2);
    QCOMPARE(count(h, QStringLiteral("SELECT COUNT(*) FROM meter_samples WHERE session_id = ?"), {s.id}), 1);
}

void TestChargingSessions::replayedMeterValuesAreNotStoredTwice()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-1"));
    h.addTag(QStringLiteral("CARD"));
    auto &link = h.connect(QStringLiteral("CP-1"));
    CD_ANSWER_OK(h.boot(link));
    const qint64 tx = start(link, 1, "CARD", 0, kT0).payload["transactionId"].get<qint64>();
    const json batch = json::array({energySample(kT0 + 60000, "1000"), energySample(kT0 + 120000, "2000")});
    CD_ANSWER_OK(meter(link, 1, tx, batch));
    CD_ANSWER_OK(meter(link, 1, tx, batch));  // offline queue replayed after a reconnect
    json grown = batch;
    grown.push_back(energySample(kT0 + 180000, "3000"));
    CD_ANSWER_OK(meter(link, 1, tx, grown));
    // Same time and measurand but another phase/context is another sample.
    CD_ANSWER_OK(meter(link, 1, tx,
                       json::array({{{"timestamp", iso(kT0 + 180000)},
                                     {"sampledValue", {{{"value", "3000"}, {"unit", "Wh"}, {"context", "Sample.Clock"}}}}}})));
    const storage::Session s = session(h, tx);
    QCOMPARE(count(h, QStringLiteral("SELECT COUNT(*) FROM meter_samples WHERE session_id = ?"), {s.id}), 4);
    QCOMPARE(s.energyWh, qint64(3000));
    // Meter values without a transaction (connector 0, the station meter): deduplicated by station.
    const json clock = json::array({energySample(kT0 + 200000, "123456", "Wh", "Sample.Clock")});
    CD_ANSWER_OK(callFrom(link, QStringLiteral("MeterValues"), {{"connectorId", 0}, {"meterValue", clock}}));
    CD_ANSWER_OK(callFrom(link, QStringLiteral("MeterValues"), {{"connectorId", 0}, {"meterValue", clock}}));
    QCOMPARE(count(h, QStringLiteral("SELECT COUNT(*) FROM meter_samples WHERE session_id IS NULL")), 1);
}

void TestChargingSessions::outOfOrderAndLateMeterValues()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-1"));
    h.addTag(QStringLiteral("CARD"));
    auto &link = h.connect(QStringLiteral("CP-1"));
    CD_ANSWER_OK(h.boot(link));
    const qint64 tx = start(link, 1, "CARD", 1000, kT0).payload["transactionId"].get<qint64>();
    // The newer reading arrives first; the older one must not move the register back.
    CD_ANSWER_OK(meter(link, 1, tx, json::array({energySample(kT0 + 120000, "3000")})));
    CD_ANSWER_OK(meter(link, 1, tx, json::array({energySample(kT0 + 60000, "2000")})));
    storage::Session s = session(h, tx);
    QCOMPARE(s.energyWh, qint64(2000));
    QCOMPARE(s.lastMeterAtMs, std::optional<qint64>(kT0 + 120000));

    CD_ANSWER_OK(stop(link, tx, 3500, kT0 + 150000));
    // Delivered after the stop (offline queue): stored, but the final energy stays.
    CD_ANSWER_OK(meter(link, 1, tx, json::array({energySample(kT0 + 140000, "3400"), energySample(kT0 + 160000, "3600")})));
    s = session(h, tx);
    QCOMPARE(s.energyWh, qint64(2500));
    QCOMPARE(s.status, QStringLiteral("finished"));
    QCOMPARE(count(h, QStringLiteral("SELECT COUNT(*) FROM meter_samples WHERE session_id = ?"), {s.id}), 4);
    QCOMPARE(eventKinds(h, s.id).count(QStringLiteral("meter_after_stop")), 1);
}

void TestChargingSessions::orphanStops()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    const qint64 stationId = h.addStation(QStringLiteral("CP-1"));
    h.addTag(QStringLiteral("CARD"));
    auto &link = h.connect(QStringLiteral("CP-1"));
    CD_ANSWER_OK(h.boot(link));
    const Answer minusOne = callFrom(link, QStringLiteral("StopTransaction"),
                                     {{"transactionId", -1}, {"idTag", "CARD"}, {"meterStop", 5000}, {"timestamp", iso(kT0)},
                                      {"transactionData", json::array({energySample(kT0, "5000", "Wh", "Transaction.End")})}});
    CD_ANSWER_OK(minusOne);
    QCOMPARE(minusOne.payload["idTagInfo"]["status"].get<std::string>(), std::string("Accepted"));
    const Answer unknown = stop(link, 987654, 100, kT0 + 1000);
    CD_ANSWER_OK(unknown);
    QVERIFY(unknown.payload == json::object());

    storage::StationEventFilter filter;
    filter.stationId = stationId;
    filter.kind = QStringLiteral("orphan_stop");
    auto orphans = storage::StationEventRepository(h.db()).list(filter);
    QVERIFY(orphans.ok());
    QCOMPARE(orphans->size(), 2);
    QCOMPARE(json::parse(orphans->first().detail.toStdString())["transactionId"].get<std::string>(), std::string("-1"));
    QCOMPARE(json::parse(orphans->last().detail.toStdString())["transactionId"].get<std::string>(), std::string("987654"));
    QCOMPARE(count(h, QStringLiteral("SELECT COUNT(*) FROM sessions")), 0);
    QCOMPARE(count(h, QStringLiteral("SELECT COUNT(*) FROM meter_samples WHERE session_id IS NULL")), 1);
}

void TestChargingSessions::rebootMidSessionLeavesNoGhost()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-1"));
    h.addTag(QStringLiteral("CARD"));
    h.addTag(QStringLiteral("OTHER"));
    auto &link = h.connect(QStringLiteral("CP-1"));
    CD_ANSWER_OK(h.boot(link));
    const qint64 tx = start(link, 1, "CARD", 1000, kT0).payload["transactionId"].get<qint64>();
    CD_ANSWER_OK(meter(link, 1, tx, json::array({energySample(kT0 + 60000, "3000")})));
    // A second session on connector 2 that will be resumed after the reboot.
    const qint64 tx2 = start(link, 2, "OTHER", 0, kT0 + 1000).payload["transactionId"].get<qint64>();

    // Power cut: the connection drops, the station boots again, connector 1 is free.
    h.disconnect(link, QStringLiteral("power cut"));
    h.clock.advanceMs(600000);
    auto &back = h.connect(QStringLiteral("CP-1"));
    const Answer boot = h.boot(back);
    CD_ANSWER_OK(boot);
    QCOMPARE(eventKinds(h, session(h, tx).id).count(QStringLiteral("station_rebooted")), 1);
    QCOMPARE(session(h, tx).status, QStringLiteral("ongoing"));  // not yet: the station may resume it

    CD_ANSWER_OK(status(back, 2, "Charging", kT0 + 600500));  // connector 2 resumed its transaction
    CD_ANSWER_OK(status(back, 1, "Available", kT0 + 600500));
    storage::Session ghost = session(h, tx);
    QCOMPARE(ghost.status, QStringLiteral("finished"));  // energy was delivered before the reboot
    QCOMPARE(ghost.stopReason, QStringLiteral("StationRebooted"));
    QCOMPARE(ghost.stopSource, QStringLiteral("reboot"));
    QCOMPARE(ghost.energyWh, qint64(2000));
    QCOMPARE(ghost.meterStopWh, std::optional<qint64>(3000));
    QVERIFY(eventKinds(h, ghost.id).contains(QStringLiteral("closed_after_reboot")));
    QCOMPARE(session(h, tx2).status, QStringLiteral("ongoing"));

    charging::ChargingQueries queries(h.fixture.shared(), h.clock);
    auto open = queries.openSessions();
    QVERIFY(open.ok());
    QCOMPARE(open->size(), 1);
    QCOMPARE(open->first().transactionId, QString::number(tx2));

    // The station's queued StopTransaction arrives after all: its numbers win, once.
    CD_ANSWER_OK(stop(back, tx, 3100, kT0 + 65000, "PowerLoss"));
    ghost = session(h, tx);
    QCOMPARE(ghost.energyWh, qint64(2100));
    QCOMPARE(ghost.stopReason, QStringLiteral("PowerLoss"));
    QCOMPARE(ghost.stopSource, QStringLiteral("station"));
    QVERIFY(eventKinds(h, ghost.id).contains(QStringLiteral("stop_after_close")));
    CD_ANSWER_OK(stop(back, tx, 3100, kT0 + 65000, "PowerLoss"));
    QCOMPARE(session(h, tx).energyWh, qint64(2100));
}

void TestChargingSessions::rebootThenResumedSessionStaysOpen()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-1"));
    h.addTag(QStringLiteral("CARD"));
    auto &link = h.connect(QStringLiteral("CP-1"));
    CD_ANSWER_OK(h.boot(link));
    h.clock.advanceMs(1000);
    // Started after the boot: Available on its connector later does not close it (a status
    // flap, or Available sent before the stop message).
    const qint64 tx = start(link, 1, "CARD", 0, kT0 + 1000).payload["transactionId"].get<qint64>();
    CD_ANSWER_OK(status(link, 1, "Available", kT0 + 2000));
    QCOMPARE(session(h, tx).status, QStringLiteral("ongoing"));
    // A reboot with no energy delivered, then Available: failed, not finished.
    h.clock.advanceMs(60000);
    CD_ANSWER_OK(h.boot(link));
    CD_ANSWER_OK(status(link, 1, "Available", kT0 + 70000));
    const storage::Session s = session(h, tx);
    QCOMPARE(s.status, QStringLiteral("failed"));
    QCOMPARE(s.stopReason, QStringLiteral("StationRebooted"));
}

void TestChargingSessions::newStartSupersedesGhost()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-1"));
    h.addTag(QStringLiteral("A"));
    h.addTag(QStringLiteral("B"));
    auto &link = h.connect(QStringLiteral("CP-1"));
    CD_ANSWER_OK(h.boot(link));
    const qint64 first = start(link, 1, "A", 100, kT0).payload["transactionId"].get<qint64>();
    CD_ANSWER_OK(meter(link, 1, first, json::array({energySample(kT0 + 60000, "600")})));
    // The stop of the first session was lost; the connector starts another one.
    const Answer second = start(link, 1, "B", 700, kT0 + 3600000);
    CD_ANSWER_OK(second);
    QVERIFY(second.payload["transactionId"].get<qint64>() != first);
    const storage::Session ghost = session(h, first);
    QCOMPARE(ghost.status, QStringLiteral("finished"));
    QCOMPARE(ghost.stopReason, QStringLiteral("Superseded"));
    QCOMPARE(ghost.energyWh, qint64(500));
    QCOMPARE(count(h, QStringLiteral("SELECT COUNT(*) FROM sessions WHERE status = 'ongoing'")), 1);
    // The same card again on the connector whose stop was lost: the ghost is not "concurrent".
    const Answer third = start(link, 1, "B", 900, kT0 + 7200000);
    CD_ANSWER_OK(third);
    QCOMPARE(third.payload["idTagInfo"]["status"].get<std::string>(), std::string("Accepted"));
    QCOMPARE(session(h, second.payload["transactionId"].get<qint64>()).stopReason, QStringLiteral("Superseded"));
}

QTEST_GUILESS_MAIN(TestChargingSessions)
#include "tst_charging_sessions.moc"
