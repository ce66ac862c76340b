// The message log: every frame in and out of a station connection (what the endpoint's spy
// reports, including refused frames and our own CALLs) becomes one ocpp_messages row, with the
// station, the parsed type/id/action/error code, and the session for Start/Stop/MeterValues
// and their answers. Readable per station and per session.

#include "chargingtestsupport.h"

#include "core/charging/chargingjson.h"
#include "core/charging/chargingqueries.h"

#include <QJsonArray>

using namespace cd;
using namespace cd::test;

class TestChargingMessageLog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(TestDatabase::backendName())); }
    void everyFrameInAndOutIsStored();
    void framesAreLinkedToTheirSession();
};

void TestChargingMessageLog::everyFrameInAndOutIsStored()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    const qint64 stationId = h.addStation(QStringLiteral("CP-LOG"));
    h.addTag(QStringLiteral("CARD"));
    auto &link = h.connect(QStringLiteral("CP-LOG"));
    std::vector<ocpp::FrameRecord> seen;
    QObject::connect(&link.endpoint(), &ocpp::RpcEndpoint::frameObserved, &link.endpoint(),
                     [&seen](const ocpp::FrameRecord &r) { seen.push_back(r); });

    CD_ANSWER_OK(h.boot(link));
    CD_ANSWER_OK(callFrom(link, QStringLiteral("Heartbeat"), json::object()));
    CD_ANSWER_OK(callFrom(link, QStringLiteral("Authorize"), {{"idTag", "CARD"}}));
    // Refused by schema validation (the endpoint answers; no handler runs).
    link.endpoint().receiveText(QStringLiteral("[2,\"bad-1\",\"Heartbeat\",{\"unexpected\":1}]"));
    // Not JSON at all.
    link.endpoint().receiveText(QStringLiteral("this is not a frame"));
    // An action the station may not send.
    link.endpoint().receiveText(QStringLiteral("[2,\"bad-2\",\"Reset\",{\"type\":\"Hard\"}]"));
    // Our own CALL and the station's answer.
    link.station().setHandler(QStringLiteral("TriggerMessage"), [](const ocpp::IncomingCall &, const ocpp::Reply &reply) {
        reply.result({{"status", "Rejected"}});
    });
    bool done = false;
    link.endpoint().call(QStringLiteral("TriggerMessage"), {{"requestedMessage", "DiagnosticsStatusNotification"}},
                         [&done](const ocpp::CallOutcome &) { done = true; });
    QTRY_VERIFY(done);
    // Refused by the registration gate is logged too.
    QVERIFY(storage::Sql::run(h.db().connection(), QStringLiteral("UPDATE stations SET registration_status = 'Pending'")).ok());
    QCOMPARE(callFrom(link, QStringLiteral("Heartbeat"), json::object()).errorCode, QStringLiteral("SecurityError"));

    h.idle();
    charging::ChargingQueries queries(h.fixture.shared(), h.clock);
    auto rows = queries.stationMessages(QStringLiteral("CP-LOG"), 0);
    QVERIFY(rows.ok());
    QCOMPARE(rows->size(), qsizetype(seen.size()));
    QCOMPARE(h.scalar(QStringLiteral("SELECT COUNT(*) FROM ocpp_messages WHERE station_id = ?"), {stationId}).toInt(),
             int(seen.size()));
    int in = 0, out = 0;
    for (const auto &r : seen)
        (r.direction == ocpp::FrameDirection::Incoming ? in : out)++;
    QCOMPARE(h.scalar(QStringLiteral("SELECT COUNT(*) FROM ocpp_messages WHERE direction = 'in'")).toInt(), in);
    QCOMPARE(h.scalar(QStringLiteral("SELECT COUNT(*) FROM ocpp_messages WHERE direction = 'out'")).toInt(), out);
    // Every raw frame is there, exactly once.
    QStringList stored;
    for (const auto &row : *rows)
        stored << row.raw;
    for (const auto &r : seen)
        QVERIFY2(stored.count(r.text) >= 1, qPrintable(r.text));

    // Parsed fields.
    QVERIFY(!h.scalar(QStringLiteral("SELECT error_code FROM ocpp_messages WHERE message_id = 'bad-1' AND direction = 'out'"))
                 .toString()
                 .isEmpty());
    QCOMPARE(h.scalar(QStringLiteral("SELECT error_code FROM ocpp_messages WHERE message_id = 'bad-2' AND direction = 'out'"))
                 .toString(),
             QStringLiteral("NotSupported"));
    QVERIFY(!h.scalar(QStringLiteral("SELECT problem FROM ocpp_messages WHERE raw = 'this is not a frame'")).toString().isEmpty());
    QCOMPARE(h.scalar(QStringLiteral("SELECT COUNT(*) FROM ocpp_messages WHERE action = 'TriggerMessage'")).toInt(), 2);
    QCOMPARE(h.scalar(QStringLiteral("SELECT COUNT(*) FROM ocpp_messages WHERE error_code = 'SecurityError'")).toInt(), 1);
    QCOMPARE(h.scalar(QStringLiteral("SELECT message_type FROM ocpp_messages WHERE action = 'BootNotification' "
                                     "AND direction = 'out'"))
                 .toInt(),
             3);

    // After the close, nothing is left behind.
    h.disconnect(link);
    h.idle();
    QCOMPARE(h.scalar(QStringLiteral("SELECT COUNT(*) FROM ocpp_messages")).toInt(), int(seen.size()));
}

void TestChargingMessageLog::framesAreLinkedToTheirSession()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-LOG"));
    h.addTag(QStringLiteral("CARD"));
    auto &link = h.connect(QStringLiteral("CP-LOG"));
    CD_ANSWER_OK(h.boot(link));
    const Answer started = callFrom(link, QStringLiteral("StartTransaction"),
                                    {{"connectorId", 1}, {"idTag", "CARD"}, {"meterStart", 0}, {"timestamp", iso(kT0)}});
    CD_ANSWER_OK(started);
    const qint64 tx = started.payload["transactionId"].get<qint64>();
    CD_ANSWER_OK(callFrom(link, QStringLiteral("MeterValues"),
                          {{"connectorId", 1},
                           {"transactionId", tx},
                           {"meterValue", {{{"timestamp", iso(kT0 + 1000)}, {"sampledValue", {{{"value", "10"}}}}}}}}));
    CD_ANSWER_OK(callFrom(link, QStringLiteral("Heartbeat"), json::object()));
    CD_ANSWER_OK(callFrom(link, QStringLiteral("StopTransaction"),
                          {{"transactionId", tx}, {"meterStop", 20}, {"timestamp", iso(kT0 + 2000)}}));
    h.idle();

    charging::ChargingQueries queries(h.fixture.shared(), h.clock);
    auto found = queries.findSession(QString::number(tx));
    QVERIFY(found.ok() && found->has_value());
    auto detail = queries.sessionDetail((*found)->id);
    QVERIFY(detail.ok() && detail->has_value());
    const charging::SessionDetail &d = **detail;
    // Start, MeterValues, Stop: each request and its answer; not the heartbeat.
    QCOMPARE(d.messages.size(), 6);
    QStringList actions;
    for (const auto &m : d.messages)
        actions << m.direction + u':' + m.action;
    QCOMPARE(actions, (QStringList{QStringLiteral("in:StartTransaction"), QStringLiteral("out:StartTransaction"),
                                   QStringLiteral("in:MeterValues"), QStringLiteral("out:MeterValues"),
                                   QStringLiteral("in:StopTransaction"), QStringLiteral("out:StopTransaction")}));
    QVERIFY(d.messages.at(1).raw.contains(QStringLiteral("\"transactionId\":%1").arg(tx)));

    // What `tx show <id> --json` prints.
    const QJsonObject shown = charging::json::sessionDetail(d);
    QCOMPARE(shown.value(QStringLiteral("messages")).toArray().size(), 6);
    QCOMPARE(shown.value(QStringLiteral("meterSamples")).toArray().size(), 1);
    QCOMPARE(shown.value(QStringLiteral("energyWh")).toInteger(), qint64(20));
    QVERIFY(shown.value(QStringLiteral("events")).toArray().size() >= 3);
    QCOMPARE(shown.value(QStringLiteral("status")).toString(), QStringLiteral("finished"));
}

QTEST_GUILESS_MAIN(TestChargingMessageLog)
#include "tst_charging_messagelog.moc"
