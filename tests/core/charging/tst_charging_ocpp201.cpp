// OCPP 2.0.1 stations through the real charging service and a real RpcEndpoint pair: boot,
// status per EVSE and connector, Authorize; a complete session via TransactionEvent
// Started/Updated/Ended with meter values per phase; replayed seqNos answered the same and
// never counted twice; a seqNo gap and the offline flag recorded as session events; a
// transaction that starts at plug-in and is authorized later; NotifyReport stored as the
// station's device model; 2.0.1 error codes for payloads the schema refuses; after a reboot,
// GetTransactionStatus for each session still open, closed only when the station ended it (E14).

#include "chargingtestsupport.h"

#include "core/storage/devicemodelrepository.h"
#include "core/storage/metersamplerepository.h"
#include "core/storage/sessionrepository.h"

using namespace cd;
using namespace cd::test;

namespace {

LoopbackLink &connect201(ChargingHarness &h, const QString &id)
{
    return h.connect(id, 0, ocpp::ProtocolVersion::Ocpp201);
}

Answer boot201(LoopbackLink &link)
{
    return callFrom(link, QStringLiteral("BootNotification"),
                    {{"reason", "PowerUp"},
                     {"chargingStation",
                      {{"vendorName", "Acme"}, {"model", "DC50"}, {"serialNumber", "SN-201"}, {"firmwareVersion", "2.0.1-a"}}}});
}

json energy(qint64 atMs, double kWh, const char *context = "Sample.Periodic")
{
    return {{"timestamp", iso(atMs)},
            {"sampledValue",
             {{{"value", kWh},
               {"context", context},
               {"measurand", "Energy.Active.Import.Register"},
               {"unitOfMeasure", {{"unit", "kWh"}}}}}}};
}

json txEvent(const char *type, qint64 seqNo, qint64 atMs, const char *trigger, json meterValue = json(),
             json extraInfo = json::object())
{
    json info = {{"transactionId", "TX-9f3c"}};
    info.update(extraInfo);
    json payload = {{"eventType", type},
                    {"timestamp", iso(atMs)},
                    {"triggerReason", trigger},
                    {"seqNo", seqNo},
                    {"transactionInfo", info},
                    {"evse", {{"id", 2}, {"connectorId", 1}}}};
    if (!meterValue.is_null())
        payload["meterValue"] = json::array({meterValue});
    return payload;
}

Answer send(LoopbackLink &link, const json &payload)
{
    return callFrom(link, QStringLiteral("TransactionEvent"), payload);
}

storage::Session sessionOf(ChargingHarness &h, qint64 stationId, const char *transactionId = "TX-9f3c")
{
    auto s = storage::SessionRepository(h.db()).findByTransaction(stationId, QString::fromLatin1(transactionId));
    return s && s->has_value() ? **s : storage::Session{};
}

QStringList eventKinds(ChargingHarness &h, qint64 sessionId)
{
    QStringList kinds;
    if (auto events = storage::SessionRepository(h.db()).events(sessionId))
        for (const auto &e : *events)
            kinds << e.kind;
    return kinds;
}

QString eventDetail(ChargingHarness &h, qint64 sessionId, const QString &kind)
{
    if (auto events = storage::SessionRepository(h.db()).events(sessionId))
        for (const auto &e : *events)
            if (e.kind == kind)
                return e.detail;
    return {};
}

}  // namespace

class TestChargingOcpp201 : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(TestDatabase::backendName())); }
    void bootStatusAuthorize();
    void completeSession();
    void replaysAreAnsweredAndNotCounted();
    void gapAndOfflineAreRecorded();
    void authorizedAfterPlugIn();
    void idTokenInfoWheneverAnIdTokenCame();
    void notifyReportIsStored();
    void schemaErrorsUse201Codes();
    void rebootAsksTransactionStatus_data();
    void rebootAsksTransactionStatus();
};

void TestChargingOcpp201::bootStatusAuthorize()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    const qint64 id = h.addStation(QStringLiteral("CP-201"));
    h.addTag(QStringLiteral("CARD"));
    auto &link = connect201(h, QStringLiteral("CP-201"));
    QCOMPARE(link.version(), ocpp::ProtocolVersion::Ocpp201);
    const Answer booted = boot201(link);
    CD_ANSWER_OK(booted);
    QCOMPARE(booted.payload["status"].get<std::string>(), std::string("Accepted"));
    QCOMPARE(h.scalar(QStringLiteral("SELECT vendor FROM stations WHERE id = ?"), {id}).toString(), QStringLiteral("Acme"));
    QCOMPARE(h.scalar(QStringLiteral("SELECT firmware FROM stations WHERE id = ?"), {id}).toString(),
             QStringLiteral("2.0.1-a"));
    CD_ANSWER_OK(callFrom(link, QStringLiteral("Heartbeat"), json::object()));

    CD_ANSWER_OK(callFrom(link, QStringLiteral("StatusNotification"),
                          {{"timestamp", iso(kT0 + 1000)}, {"connectorStatus", "Occupied"}, {"evseId", 2}, {"connectorId", 1}}));
    QCOMPARE(h.scalar(QStringLiteral("SELECT status FROM connectors WHERE station_id = ? AND evse_id = 2 AND connector_id = 1"),
                      {id})
                 .toString(),
             QStringLiteral("Occupied"));

    const Answer ok = callFrom(link, QStringLiteral("Authorize"), {{"idToken", {{"idToken", "CARD"}, {"type", "ISO14443"}}}});
    CD_ANSWER_OK(ok);
    QCOMPARE(ok.payload["idTokenInfo"]["status"].get<std::string>(), std::string("Accepted"));
    const Answer unknown = callFrom(link, QStringLiteral("Authorize"), {{"idToken", {{"idToken", "NOPE"}, {"type", "ISO14443"}}}});
    CD_ANSWER_OK(unknown);
    QCOMPARE(unknown.payload["idTokenInfo"]["status"].get<std::string>(), std::string("Invalid"));

    CD_ANSWER_OK(callFrom(link, QStringLiteral("SecurityEventNotification"),
                          {{"type", "FirmwareUpdated"}, {"timestamp", iso(kT0 + 2000)}}));
    CD_ANSWER_OK(callFrom(link, QStringLiteral("FirmwareStatusNotification"), {{"status", "Installed"}, {"requestId", 4}}));
    CD_ANSWER_OK(callFrom(link, QStringLiteral("LogStatusNotification"), {{"status", "Uploaded"}, {"requestId", 5}}));
    const Answer vendor = callFrom(link, QStringLiteral("DataTransfer"), {{"vendorId", "com.acme"}, {"data", {{"a", 1}}}});
    CD_ANSWER_OK(vendor);
    QCOMPARE(vendor.payload["status"].get<std::string>(), std::string("UnknownVendorId"));
    h.idle();
    QCOMPARE(h.scalar(QStringLiteral("SELECT COUNT(*) FROM station_events WHERE station_id = ? AND kind IN "
                                     "('security_event', 'firmware_status', 'log_status')"),
                      {id})
                 .toInt(),
             3);
    // The message log holds every frame, as for 1.6.
    QTRY_VERIFY(h.scalar(QStringLiteral("SELECT COUNT(*) FROM ocpp_messages WHERE station_id = ? AND action = 'Authorize'"),
                         {id})
                    .toInt()
                >= 2);
}

void TestChargingOcpp201::completeSession()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    const qint64 id = h.addStation(QStringLiteral("CP-201"));
    h.addTag(QStringLiteral("CARD"));
    auto &link = connect201(h, QStringLiteral("CP-201"));
    CD_ANSWER_OK(boot201(link));

    json started = txEvent("Started", 0, kT0 + 1000, "Authorized", energy(kT0 + 1000, 10.0, "Transaction.Begin"),
                           {{"chargingState", "EVConnected"}});
    started["idToken"] = {{"idToken", "CARD"}, {"type", "ISO14443"}};
    const Answer a = send(link, started);
    CD_ANSWER_OK(a);
    QCOMPARE(a.payload["idTokenInfo"]["status"].get<std::string>(), std::string("Accepted"));

    json phases = energy(kT0 + 60000, 15.5);
    for (const char *phase : {"L1", "L2", "L3"})
        phases["sampledValue"].push_back(
            {{"value", 16.25}, {"measurand", "Current.Import"}, {"phase", phase}, {"unitOfMeasure", {{"unit", "A"}}}});
    phases["sampledValue"].push_back(
        {{"value", 7360}, {"measurand", "Power.Active.Import"}, {"unitOfMeasure", {{"unit", "W"}}}});
    CD_ANSWER_OK(send(link, txEvent("Updated", 1, kT0 + 60000, "MeterValuePeriodic", phases, {{"chargingState", "Charging"}})));
    CD_ANSWER_OK(send(link, txEvent("Ended", 2, kT0 + 120000, "EVDeparted", energy(kT0 + 120000, 21.0, "Transaction.End"),
                                    {{"stoppedReason", "EVDisconnected"}})));
    h.idle();

    const storage::Session s = sessionOf(h, id);
    QVERIFY(s.id != 0);
    QCOMPARE(s.transactionId, QStringLiteral("TX-9f3c"));
    QCOMPARE(s.evseId, std::optional<int>(2));
    QCOMPARE(s.connectorId, std::optional<int>(1));
    QCOMPARE(s.idTag, QStringLiteral("CARD"));
    QCOMPARE(s.meterStartWh, std::optional<qint64>(10000));
    QCOMPARE(s.meterStopWh, std::optional<qint64>(21000));
    QCOMPARE(s.energyWh, qint64(11000));
    QCOMPARE(s.stopReason, QStringLiteral("EVDisconnected"));
    QCOMPARE(s.status, QStringLiteral("finished"));
    QCOMPARE(s.chargingStartedMs, std::optional<qint64>(kT0 + 60000));
    QCOMPARE(h.scalar(QStringLiteral("SELECT COUNT(*) FROM meter_samples WHERE session_id = ?"), {s.id}).toInt(), 7);
    QCOMPARE(h.scalar(QStringLiteral("SELECT value_milli FROM meter_samples WHERE session_id = ? AND phase = 'L2'"), {s.id})
                 .toLongLong(),
             qint64(16250));
    QCOMPARE(h.scalar(QStringLiteral("SELECT COUNT(*) FROM transaction_events WHERE session_id = ?"), {s.id}).toInt(), 3);
    const QStringList kinds = eventKinds(h, s.id);
    QVERIFY2(kinds.contains(QStringLiteral("started")) && kinds.contains(QStringLiteral("stopped"))
                 && kinds.contains(QStringLiteral("charging_state")),
             qPrintable(kinds.join(u',')));
    QVERIFY(!kinds.contains(QStringLiteral("seq_gap")));
    QVERIFY(!kinds.contains(QStringLiteral("seq_incomplete")));
}

void TestChargingOcpp201::replaysAreAnsweredAndNotCounted()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    const qint64 id = h.addStation(QStringLiteral("CP-201"));
    h.addTag(QStringLiteral("CARD"));
    auto &link = connect201(h, QStringLiteral("CP-201"));
    CD_ANSWER_OK(boot201(link));
    json started = txEvent("Started", 0, kT0 + 1000, "Authorized", energy(kT0 + 1000, 1.0));
    started["idToken"] = {{"idToken", "CARD"}, {"type", "ISO14443"}};
    const Answer first = send(link, started);
    CD_ANSWER_OK(first);
    const Answer again = send(link, started);
    CD_ANSWER_OK(again);
    QVERIFY2(again.payload == first.payload, again.payload.dump().c_str());

    const json updated = txEvent("Updated", 1, kT0 + 60000, "MeterValuePeriodic", energy(kT0 + 60000, 4.0));
    CD_ANSWER_OK(send(link, updated));
    CD_ANSWER_OK(send(link, updated));
    const json ended = txEvent("Ended", 2, kT0 + 90000, "StopAuthorized", energy(kT0 + 90000, 6.0), {{"stoppedReason", "Local"}});
    CD_ANSWER_OK(send(link, ended));
    const Answer endedAgain = send(link, ended);
    CD_ANSWER_OK(endedAgain);
    h.idle();

    const storage::Session s = sessionOf(h, id);
    QCOMPARE(s.energyWh, qint64(5000));
    QCOMPARE(h.scalar(QStringLiteral("SELECT COUNT(*) FROM sessions WHERE station_id = ?"), {id}).toInt(), 1);
    QCOMPARE(h.scalar(QStringLiteral("SELECT COUNT(*) FROM meter_samples WHERE session_id = ?"), {s.id}).toInt(), 3);
    QCOMPARE(h.scalar(QStringLiteral("SELECT COUNT(*) FROM transaction_events WHERE session_id = ?"), {s.id}).toInt(), 3);
    QCOMPARE(eventKinds(h, s.id).count(QStringLiteral("event_replay")), 3);
    QCOMPARE(eventKinds(h, s.id).count(QStringLiteral("stopped")), 1);
}

void TestChargingOcpp201::gapAndOfflineAreRecorded()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    const qint64 id = h.addStation(QStringLiteral("CP-201"));
    auto &link = connect201(h, QStringLiteral("CP-201"));
    CD_ANSWER_OK(boot201(link));
    CD_ANSWER_OK(send(link, txEvent("Started", 0, kT0 + 1000, "CablePluggedIn", energy(kT0 + 1000, 2.0))));
    json offline = txEvent("Updated", 3, kT0 + 50000, "MeterValuePeriodic", energy(kT0 + 50000, 3.0));
    offline["offline"] = true;
    CD_ANSWER_OK(send(link, offline));
    CD_ANSWER_OK(send(link, txEvent("Ended", 4, kT0 + 70000, "EVDeparted", energy(kT0 + 70000, 3.5))));
    h.idle();

    const storage::Session s = sessionOf(h, id);
    const QStringList kinds = eventKinds(h, s.id);
    QVERIFY2(kinds.contains(QStringLiteral("offline_event")), qPrintable(kinds.join(u',')));
    const QString gap = eventDetail(h, s.id, QStringLiteral("seq_gap"));
    QVERIFY2(json::parse(gap.toStdString(), nullptr, false).value("missing", json()) == json::array({1, 2}), qPrintable(gap));
    const QString incomplete = eventDetail(h, s.id, QStringLiteral("seq_incomplete"));
    QVERIFY2(json::parse(incomplete.toStdString(), nullptr, false).value("missing", json()) == json::array({1, 2}),
             qPrintable(incomplete));
    QCOMPARE(s.energyWh, qint64(1500));
    QCOMPARE(s.stopReason, QStringLiteral("Local"));  // no stoppedReason: Local
}

void TestChargingOcpp201::authorizedAfterPlugIn()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    const qint64 id = h.addStation(QStringLiteral("CP-201"));
    h.addTag(QStringLiteral("CARD"));
    auto &link = connect201(h, QStringLiteral("CP-201"));
    CD_ANSWER_OK(boot201(link));
    const Answer plugged = send(link, txEvent("Started", 0, kT0 + 1000, "CablePluggedIn", json(), {{"chargingState", "EVConnected"}}));
    CD_ANSWER_OK(plugged);
    QVERIFY(!plugged.payload.contains("idTokenInfo"));
    json authorized = txEvent("Updated", 1, kT0 + 5000, "Authorized", energy(kT0 + 5000, 40.0));
    authorized["idToken"] = {{"idToken", "CARD"}, {"type", "ISO14443"}};
    const Answer a = send(link, authorized);
    CD_ANSWER_OK(a);
    QCOMPARE(a.payload["idTokenInfo"]["status"].get<std::string>(), std::string("Accepted"));
    CD_ANSWER_OK(send(link, txEvent("Ended", 2, kT0 + 9000, "EVDeparted", energy(kT0 + 9000, 42.5))));
    h.idle();
    const storage::Session s = sessionOf(h, id);
    QCOMPARE(s.idTag, QStringLiteral("CARD"));
    QCOMPARE(s.startAuthStatus, QStringLiteral("Accepted"));
    QCOMPARE(s.meterStartWh, std::optional<qint64>(40000));  // the first register reading
    QCOMPARE(s.energyWh, qint64(2500));
}

// 2.0.1 requires idTokenInfo in the answer to every TransactionEvent that carried an idToken,
// also for a transaction the server never saw start and cannot open (no EVSE named).
void TestChargingOcpp201::idTokenInfoWheneverAnIdTokenCame()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    const qint64 id = h.addStation(QStringLiteral("CP-201"));
    h.addTag(QStringLiteral("CARD"));
    auto &link = connect201(h, QStringLiteral("CP-201"));
    CD_ANSWER_OK(boot201(link));

    json updated = txEvent("Updated", 5, kT0 + 5000, "Authorized", energy(kT0 + 5000, 7.0));
    updated.erase("evse");
    updated["transactionInfo"]["transactionId"] = "TX-NEVER-STARTED";
    updated["idToken"] = {{"idToken", "CARD"}, {"type", "ISO14443"}};
    const Answer known = send(link, updated);
    CD_ANSWER_OK(known);
    QVERIFY2(known.payload.contains("idTokenInfo"), known.payload.dump().c_str());
    QCOMPARE(known.payload["idTokenInfo"]["status"].get<std::string>(), std::string("Accepted"));

    json ended = txEvent("Ended", 6, kT0 + 9000, "StopAuthorized", energy(kT0 + 9000, 8.0));
    ended.erase("evse");
    ended["transactionInfo"]["transactionId"] = "TX-NEVER-STARTED";
    ended["idToken"] = {{"idToken", "STRANGER"}, {"type", "ISO14443"}};
    const Answer stranger = send(link, ended);
    CD_ANSWER_OK(stranger);
    QCOMPARE(stranger.payload["idTokenInfo"]["status"].get<std::string>(), std::string("Invalid"));
    h.idle();

    // Nothing was opened for it; both events are kept, and the stop is an orphan for support.
    QCOMPARE(h.scalar(QStringLiteral("SELECT COUNT(*) FROM sessions WHERE station_id = ?"), {id}).toInt(), 0);
    QCOMPARE(h.scalar(QStringLiteral("SELECT COUNT(*) FROM transaction_events WHERE station_id = ? AND transaction_id = "
                                     "'TX-NEVER-STARTED'"),
                      {id})
                 .toInt(),
             2);
    QCOMPARE(h.scalar(QStringLiteral("SELECT COUNT(*) FROM station_events WHERE station_id = ? AND kind = 'orphan_stop'"),
                      {id})
                 .toInt(),
             1);
}

void TestChargingOcpp201::notifyReportIsStored()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    const qint64 id = h.addStation(QStringLiteral("CP-201"));
    auto &link = connect201(h, QStringLiteral("CP-201"));
    CD_ANSWER_OK(boot201(link));
    const json part1 = {
        {"requestId", 7}, {"generatedAt", iso(kT0)}, {"seqNo", 0}, {"tbc", true},
        {"reportData",
         {{{"component", {{"name", "OCPPCommCtrlr"}}},
           {"variable", {{"name", "HeartbeatInterval"}}},
           {"variableAttribute", {{{"value", "300"}, {"mutability", "ReadWrite"}}}},
           {"variableCharacteristics", {{"dataType", "integer"}, {"unit", "s"}, {"supportsMonitoring", false}}}}}}};
    const json part2 = {
        {"requestId", 7}, {"generatedAt", iso(kT0)}, {"seqNo", 1},
        {"reportData",
         {{{"component", {{"name", "EVSE"}, {"evse", {{"id", 2}}}}},
           {"variable", {{"name", "Power"}}},
           {"variableAttribute", {{{"type", "Actual"}, {"value", "0"}, {"mutability", "ReadOnly"}},
                                  {{"type", "MaxSet"}, {"value", "50000"}, {"mutability", "ReadOnly"}}}},
           {"variableCharacteristics", {{"dataType", "decimal"}, {"unit", "W"}, {"supportsMonitoring", true}}}}}}};
    CD_ANSWER_OK(callFrom(link, QStringLiteral("NotifyReport"), part1));
    CD_ANSWER_OK(callFrom(link, QStringLiteral("NotifyReport"), part2));
    // A newer report of the same attribute replaces the row.
    json changed = part1;
    changed["reportData"][0]["variableAttribute"][0]["value"] = "600";
    changed["tbc"] = false;
    CD_ANSWER_OK(callFrom(link, QStringLiteral("NotifyReport"), changed));
    h.idle();
    auto model = storage::DeviceModelRepository(h.db()).list(id);
    QVERIFY(model);
    QCOMPARE(model->size(), 3);
    const storage::DeviceVariable &heartbeat = model->last();
    QCOMPARE(heartbeat.component, QStringLiteral("OCPPCommCtrlr"));
    QCOMPARE(heartbeat.value, std::optional<QString>(QStringLiteral("600")));
    QCOMPARE(heartbeat.unit, QStringLiteral("s"));
    QCOMPARE(model->first().evseId, std::optional<int>(2));
    QCOMPARE(h.scalar(QStringLiteral("SELECT COUNT(*) FROM station_events WHERE station_id = ? AND kind = 'device_report'"), {id})
                 .toInt(),
             2);
}

void TestChargingOcpp201::schemaErrorsUse201Codes()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-201"));
    auto &link = connect201(h, QStringLiteral("CP-201"));
    CD_ANSWER_OK(boot201(link));
    json noSeq = txEvent("Started", 0, kT0, "CablePluggedIn");
    noSeq.erase("seqNo");
    QCOMPARE(send(link, noSeq).errorCode, QStringLiteral("OccurrenceConstraintViolation"));
    json badType = txEvent("Started", 0, kT0, "CablePluggedIn");
    badType["eventType"] = "Begun";
    QCOMPARE(send(link, badType).errorCode, QStringLiteral("FormatViolation"));
    QCOMPARE(callFrom(link, QStringLiteral("StartTransaction"), {{"connectorId", 1}}).errorCode,
             QStringLiteral("NotImplemented"));
}

// E14: a station reboots while a session is open here. After the Accepted boot the server asks
// GetTransactionStatus for it, and only for it (not for a session that ended properly). Closed
// by the system only when the station neither runs it nor holds messages of it, with the energy
// up to the last register reading; otherwise, and when the question fails, it stays open.
void TestChargingOcpp201::rebootAsksTransactionStatus_data()
{
    QTest::addColumn<QString>("answer");  // the station's CALLRESULT; empty: a CALLERROR
    QTest::addColumn<bool>("closed");
    QTest::newRow("ended, nothing queued") << QStringLiteral(R"({"ongoingIndicator":false,"messagesInQueue":false})")
                                           << true;
    QTest::newRow("Ended still queued") << QStringLiteral(R"({"ongoingIndicator":false,"messagesInQueue":true})") << false;
    QTest::newRow("still ongoing") << QStringLiteral(R"({"ongoingIndicator":true,"messagesInQueue":false})") << false;
    QTest::newRow("CALLERROR") << QString() << false;
}

void TestChargingOcpp201::rebootAsksTransactionStatus()
{
    QFETCH(QString, answer);
    QFETCH(bool, closed);
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    const qint64 id = h.addStation(QStringLiteral("CP-201"));
    auto &link = connect201(h, QStringLiteral("CP-201"));
    CD_ANSWER_OK(boot201(link));
    const json done = {{"transactionId", "TX-done"}};
    CD_ANSWER_OK(send(link, txEvent("Started", 0, kT0 + 1000, "CablePluggedIn", energy(kT0 + 1000, 5.0), done)));
    CD_ANSWER_OK(send(link, txEvent("Ended", 1, kT0 + 2000, "EVDeparted", energy(kT0 + 2000, 6.0), done)));
    CD_ANSWER_OK(send(link, txEvent("Started", 0, kT0 + 3000, "CablePluggedIn", energy(kT0 + 3000, 10.0))));
    CD_ANSWER_OK(send(link, txEvent("Updated", 1, kT0 + 60000, "MeterValuePeriodic", energy(kT0 + 60000, 12.5))));

    // Power cut; the station comes back and boots. Its Ended of TX-9f3c (if any) is lost.
    h.disconnect(link, QStringLiteral("power cut"));
    h.clock.advanceMs(600000);
    auto &back = connect201(h, QStringLiteral("CP-201"));
    auto asked = std::make_shared<QStringList>();
    back.station().setHandler(QStringLiteral("GetTransactionStatus"),
                              [asked, answer](const ocpp::IncomingCall &call, const ocpp::Reply &reply) {
                                  asked->append(QString::fromStdString(call.payload.value("transactionId", std::string())));
                                  if (answer.isEmpty())
                                      reply.error(ocpp::RpcError::make(ocpp::ErrorKind::InternalError, QStringLiteral("busy")));
                                  else
                                      reply.result(json::parse(answer.toStdString()));
                              });
    const Answer booted = boot201(back);
    CD_ANSWER_OK(booted);
    QCOMPARE(booted.payload["status"].get<std::string>(), std::string("Accepted"));
    QTRY_COMPARE(*asked, QStringList{QStringLiteral("TX-9f3c")});

    const qint64 sessionId = sessionOf(h, id).id;
    const QString recorded = answer.isEmpty() ? QStringLiteral("transaction_status_unknown")
                                              : QStringLiteral("transaction_status");
    QTRY_VERIFY(eventKinds(h, sessionId).contains(recorded));
    h.idle();
    if (!answer.isEmpty()) {
        const json detail = json::parse(eventDetail(h, sessionId, recorded).toStdString(), nullptr, false);
        const json sent = json::parse(answer.toStdString());
        QVERIFY2(detail.value("ongoingIndicator", json()) == sent["ongoingIndicator"]
                     && detail.value("messagesInQueue", json()) == sent["messagesInQueue"],
                 detail.dump().c_str());
    }
    const storage::Session s = sessionOf(h, id);
    QCOMPARE(sessionOf(h, id, "TX-done").stopSource, QStringLiteral("station"));
    if (!closed) {
        QCOMPARE(s.status, QStringLiteral("ongoing"));
        QVERIFY(s.stopSource.isEmpty());
        QVERIFY(!eventKinds(h, sessionId).contains(QStringLiteral("closed_reconciled")));
        return;
    }
    QCOMPARE(s.stopSource, QStringLiteral("reconciled"));
    QCOMPARE(s.stopReason, QStringLiteral("EndedUnreported"));
    QCOMPARE(s.status, QStringLiteral("finished"));
    QCOMPARE(s.meterStopWh, std::optional<qint64>(12500));
    QCOMPARE(s.energyWh, qint64(2500));
    QCOMPARE(s.endedMs, std::optional<qint64>(kT0 + 600000));
    const QStringList kinds = eventKinds(h, sessionId);
    QVERIFY2(kinds.contains(QStringLiteral("closed_reconciled")) && kinds.contains(QStringLiteral("status")),
             qPrintable(kinds.join(u',')));
}

QTEST_GUILESS_MAIN(TestChargingOcpp201)
#include "tst_charging_ocpp201.moc"
