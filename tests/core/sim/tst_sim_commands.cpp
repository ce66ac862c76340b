// Server commands to a SimulatedStation over loopback. The fake central system's endpoint
// validates every answer against the official 1.6 schema, so an answer that arrives as a
// CALLRESULT here is schema-valid. Beyond the answer, each command's effect on the wire is
// checked: remote start/stop, availability, configuration, triggers, diagnostics, firmware,
// reset, reservations, smart charging and the local list used offline.
// (No raw string literals in this file: moc loses the class behind JSON inside them.)

#include "simtestsupport.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace cd::sim;
using namespace cd::simtest;
using nlohmann::json;

namespace {

std::string isoIn(qint64 simMsFromNow, const SimulatedStation &station)
{
    return QDateTime::fromMSecsSinceEpoch(station.clock().nowMs() + simMsFromNow, Qt::UTC).toString(Qt::ISODateWithMs).toStdString();
}

int indexOfCall(const QList<WireFrame> &frames, const QString &action, const std::function<bool(const json &)> &match)
{
    for (qsizetype i = 0; i < frames.size(); ++i) {
        const WireFrame &f = frames.at(i);
        if (f.fromStation && f.type == cd::ocpp::MessageType::Call && f.action == action && match(f.payload))
            return int(i);
    }
    return -1;
}

}  // namespace

class TestSimCommands : public QObject {
    Q_OBJECT

private:
    static constexpr const char *kId = "SIM-C1";

    // Sends a command and waits for the validated answer; fails the test on anything else.
    json command(const QString &action, const json &payload)
    {
        std::optional<cd::ocpp::CallOutcome> outcome;
        m_server->call(QString::fromLatin1(kId), action, payload, [&outcome](const cd::ocpp::CallOutcome &o) { outcome = o; });
        if (!QTest::qWaitFor([&outcome] { return outcome.has_value(); }, 5000)) {
            QTest::qFail("no answer", __FILE__, __LINE__);
            return {};
        }
        if (!outcome->ok()) {
            QTest::qFail(qPrintable(action + QStringLiteral(" failed: ") + outcome->error().errorCode + QStringLiteral(" ")
                                    + outcome->error().error.description),
                         __FILE__, __LINE__);
            return {};
        }
        return outcome->value();
    }

    static QString status(const json &answer) { return jsonText(answer, "status"); }

    int startedTransaction()
    {
        for (const WireFrame &f : m_server->frames()) {
            if (!f.fromStation && f.type == cd::ocpp::MessageType::CallResult && f.action == u"StartTransaction")
                return f.payload.value("transactionId", 0);
        }
        return 0;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FakeCentralSystem>();
        QVERIFY(m_server->listen());
        m_station = std::make_unique<SimulatedStation>(fastStation(m_server->url(), QString::fromLatin1(kId)));
        m_station->start();
        QTRY_VERIFY(m_station->hasBooted());
        QTRY_COMPARE(m_server->calls(QStringLiteral("StatusNotification")).size(), 3);
    }

    void cleanup()
    {
        m_station.reset();
        QVERIFY2(m_server->issues().isEmpty(), qPrintable(m_server->issues().join(QLatin1Char('\n'))));
        m_server.reset();
    }

    void answersSchemaValid_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("payload");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("expected");  // "*": present

        const auto row = [](const char *name, const char *action, const char *payload, const char *field, const char *expected) {
            QTest::newRow(name) << QString::fromLatin1(action) << QString::fromLatin1(payload) << QString::fromLatin1(field)
                                << QString::fromLatin1(expected);
        };
        row("RemoteStartTransaction", "RemoteStartTransaction", "{\"idTag\":\"R1\",\"connectorId\":1}", "status", "Accepted");
        row("RemoteStartTransaction any connector", "RemoteStartTransaction", "{\"idTag\":\"R1\"}", "status", "Accepted");
        row("RemoteStartTransaction bad connector", "RemoteStartTransaction", "{\"idTag\":\"R1\",\"connectorId\":7}", "status", "Rejected");
        row("RemoteStopTransaction unknown", "RemoteStopTransaction", "{\"transactionId\":424242}", "status", "Rejected");
        row("UnlockConnector", "UnlockConnector", "{\"connectorId\":1}", "status", "Unlocked");
        row("UnlockConnector unknown", "UnlockConnector", "{\"connectorId\":9}", "status", "NotSupported");
        row("ChangeAvailability operative", "ChangeAvailability", "{\"connectorId\":2,\"type\":\"Operative\"}", "status", "Accepted");
        row("ChangeAvailability station", "ChangeAvailability", "{\"connectorId\":0,\"type\":\"Inoperative\"}", "status", "Accepted");
        row("ChangeAvailability unknown", "ChangeAvailability", "{\"connectorId\":9,\"type\":\"Inoperative\"}", "status", "Rejected");
        row("GetConfiguration all", "GetConfiguration", "{}", "configurationKey", "*");
        row("GetConfiguration unknown", "GetConfiguration", "{\"key\":[\"Nope\"]}", "unknownKey", "*");
        row("ChangeConfiguration", "ChangeConfiguration", "{\"key\":\"MeterValueSampleInterval\",\"value\":\"120\"}", "status", "Accepted");
        row("ChangeConfiguration read-only", "ChangeConfiguration", "{\"key\":\"NumberOfConnectors\",\"value\":\"4\"}", "status", "Rejected");
        row("ChangeConfiguration bad value", "ChangeConfiguration", "{\"key\":\"HeartbeatInterval\",\"value\":\"often\"}", "status", "Rejected");
        row("ChangeConfiguration unknown", "ChangeConfiguration", "{\"key\":\"Turbo\",\"value\":\"1\"}", "status", "NotSupported");
        row("ClearCache", "ClearCache", "{}", "status", "Accepted");
        row("TriggerMessage Heartbeat", "TriggerMessage", "{\"requestedMessage\":\"Heartbeat\"}", "status", "Accepted");
        row("TriggerMessage bad connector", "TriggerMessage", "{\"requestedMessage\":\"StatusNotification\",\"connectorId\":9}", "status", "Rejected");
        row("GetDiagnostics", "GetDiagnostics", "{\"location\":\"ftp://diag.example.com/in/\"}", "fileName", "*");
        row("UpdateFirmware later", "UpdateFirmware", "{\"location\":\"https://fw.example.com/fw-9.bin\",\"retrieveDate\":\"2999-01-01T00:00:00Z\"}", "", "");
        row("ReserveNow", "ReserveNow", "{\"connectorId\":2,\"expiryDate\":\"2999-01-01T00:00:00.000Z\",\"idTag\":\"R1\",\"reservationId\":5}", "status", "Accepted");
        row("ReserveNow connector 0", "ReserveNow", "{\"connectorId\":0,\"expiryDate\":\"2999-01-01T00:00:00Z\",\"idTag\":\"R1\",\"reservationId\":6}", "status", "Rejected");
        row("CancelReservation unknown", "CancelReservation", "{\"reservationId\":77}", "status", "Rejected");
        row("SendLocalList full", "SendLocalList", "{\"listVersion\":3,\"updateType\":\"Full\",\"localAuthorizationList\":[{\"idTag\":\"A\",\"idTagInfo\":{\"status\":\"Accepted\"}}]}", "status", "Accepted");
        row("SendLocalList stale differential", "SendLocalList", "{\"listVersion\":0,\"updateType\":\"Differential\"}", "status", "VersionMismatch");
        row("GetLocalListVersion", "GetLocalListVersion", "{}", "listVersion", "*");
        row("SetChargingProfile default", "SetChargingProfile",
            "{\"connectorId\":1,\"csChargingProfiles\":{\"chargingProfileId\":1,\"stackLevel\":0,\"chargingProfilePurpose\":\"TxDefaultProfile\",\"chargingProfileKind\":\"Relative\",\"chargingSchedule\":{\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":16.0}]}}}",
            "status", "Accepted");
        row("SetChargingProfile tx without transaction", "SetChargingProfile",
            "{\"connectorId\":1,\"csChargingProfiles\":{\"chargingProfileId\":2,\"stackLevel\":0,\"chargingProfilePurpose\":\"TxProfile\",\"chargingProfileKind\":\"Relative\",\"chargingSchedule\":{\"chargingRateUnit\":\"W\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":3000}]}}}",
            "status", "Rejected");
        row("ClearChargingProfile nothing", "ClearChargingProfile", "{\"id\":5}", "status", "Unknown");
        row("GetCompositeSchedule", "GetCompositeSchedule", "{\"connectorId\":1,\"duration\":3600,\"chargingRateUnit\":\"A\"}", "chargingSchedule", "*");
        row("GetCompositeSchedule unknown", "GetCompositeSchedule", "{\"connectorId\":9,\"duration\":3600}", "status", "Rejected");
        row("DataTransfer ours", "DataTransfer", "{\"vendorId\":\"ChargeDesk\",\"messageId\":\"Echo\",\"data\":\"hi\"}", "data", "hi");
        row("DataTransfer other vendor", "DataTransfer", "{\"vendorId\":\"com.other\"}", "status", "UnknownVendorId");
        row("Reset", "Reset", "{\"type\":\"Soft\"}", "status", "Accepted");
    }

    void answersSchemaValid()
    {
        QFETCH(QString, action);
        QFETCH(QString, payload);
        QFETCH(QString, field);
        QFETCH(QString, expected);
        const json answer = command(action, json::parse(payload.toStdString()));
        if (QTest::currentTestFailed())
            return;
        if (field.isEmpty()) {
            QCOMPARE_JSON(answer, json::object());
        } else if (expected == u"*") {
            QVERIFY2(answer.contains(field.toStdString()), answer.dump().c_str());
        } else {
            QCOMPARE(jsonText(answer, field.toStdString().c_str()), expected);
        }
        QTest::qWait(50);  // let what the command causes reach the server (and its validation)
    }

    void remoteStartThenRemoteStop()
    {
        QCOMPARE(status(command(QStringLiteral("RemoteStartTransaction"), {{"idTag", "REMOTE-1"}, {"connectorId", 2}})),
                 QStringLiteral("Accepted"));
        QTRY_COMPARE(m_server->calls(QStringLiteral("StartTransaction")).size(), 1);
        const json start = m_server->calls(QStringLiteral("StartTransaction")).first().payload;
        QCOMPARE(jsonText(start, "idTag"), QStringLiteral("REMOTE-1"));
        QCOMPARE(start.value("connectorId", 0), 2);
        QCOMPARE(m_server->calls(QStringLiteral("Authorize")).size(), 0);  // AuthorizeRemoteTxRequests is false
        QTRY_COMPARE(m_station->connectorStatus(2), ConnectorStatus::Charging);
        const int txId = startedTransaction();
        QTRY_COMPARE(m_station->transactionId(2), std::optional<int>(txId));
        QCOMPARE(status(command(QStringLiteral("RemoteStopTransaction"), {{"transactionId", txId}})), QStringLiteral("Accepted"));
        QTRY_COMPARE(m_server->calls(QStringLiteral("StopTransaction")).size(), 1);
        const json stop = m_server->calls(QStringLiteral("StopTransaction")).first().payload;
        QCOMPARE(jsonText(stop, "reason"), QStringLiteral("Remote"));
        QCOMPARE(stop.value("transactionId", 0), txId);
        QTRY_COMPARE(m_station->connectorStatus(2), ConnectorStatus::Available);
    }

    void effectsFollowTheAnswer()
    {
        QCOMPARE(status(command(QStringLiteral("ChangeAvailability"), {{"connectorId", 1}, {"type", "Inoperative"}})),
                 QStringLiteral("Accepted"));
        QTRY_VERIFY(statusesOf(*m_server, 1).endsWith(QStringLiteral("Unavailable")));
        const QList<WireFrame> &frames = m_server->frames();
        int answer = -1;
        for (qsizetype i = 0; i < frames.size(); ++i) {
            if (frames.at(i).fromStation && frames.at(i).type == cd::ocpp::MessageType::CallResult
                && frames.at(i).action == u"ChangeAvailability")
                answer = int(i);
        }
        const int unavailable = indexOfCall(frames, QStringLiteral("StatusNotification"),
                                            [](const json &p) { return p.value("status", std::string()) == "Unavailable"; });
        QVERIFY(answer >= 0);
        QVERIFY2(unavailable > answer, "the StatusNotification must follow the ChangeAvailability answer");
        QVERIFY(!m_station->plugIn(1));
        QCOMPARE(status(command(QStringLiteral("ChangeAvailability"), {{"connectorId", 1}, {"type", "Operative"}})),
                 QStringLiteral("Accepted"));
        QTRY_VERIFY(statusesOf(*m_server, 1).endsWith(QStringLiteral("Available")));
    }

    void inoperativeDuringSessionIsScheduled()
    {
        QVERIFY(m_station->plugIn(1));
        QTRY_COMPARE(m_station->connectorStatus(1), ConnectorStatus::Charging);
        QCOMPARE(status(command(QStringLiteral("ChangeAvailability"), {{"connectorId", 1}, {"type", "Inoperative"}})),
                 QStringLiteral("Scheduled"));
        QVERIFY(m_station->stopSession(1));
        QTRY_COMPARE(m_station->connectorStatus(1), ConnectorStatus::Unavailable);
        QTRY_VERIFY(statusesOf(*m_server, 1).endsWith(QStringLiteral("Unavailable")));
    }

    void configurationChangesTakeEffect()
    {
        QCOMPARE(status(command(QStringLiteral("ChangeConfiguration"), {{"key", "HeartbeatInterval"}, {"value", "30"}})),
                 QStringLiteral("Accepted"));
        const json got = command(QStringLiteral("GetConfiguration"), {{"key", {"HeartbeatInterval", "Nope"}}});
        QCOMPARE_JSON(got, (json{{"configurationKey", {{{"key", "HeartbeatInterval"}, {"readonly", false}, {"value", "30"}}}},
                                 {"unknownKey", {"Nope"}}}));
        const qsizetype before = m_server->calls(QStringLiteral("Heartbeat")).size();
        QTest::qWait(400);  // 30 s simulated = 50 ms
        QVERIFY(m_server->calls(QStringLiteral("Heartbeat")).size() - before >= 4);
    }

    void triggerMessageSendsTheMessage_data()
    {
        QTest::addColumn<QString>("requested");
        QTest::addColumn<QString>("action");
        QTest::newRow("BootNotification") << QStringLiteral("BootNotification") << QStringLiteral("BootNotification");
        QTest::newRow("Heartbeat") << QStringLiteral("Heartbeat") << QStringLiteral("Heartbeat");
        QTest::newRow("StatusNotification") << QStringLiteral("StatusNotification") << QStringLiteral("StatusNotification");
        QTest::newRow("MeterValues") << QStringLiteral("MeterValues") << QStringLiteral("MeterValues");
        QTest::newRow("DiagnosticsStatusNotification") << QStringLiteral("DiagnosticsStatusNotification")
                                                       << QStringLiteral("DiagnosticsStatusNotification");
        QTest::newRow("FirmwareStatusNotification") << QStringLiteral("FirmwareStatusNotification")
                                                    << QStringLiteral("FirmwareStatusNotification");
    }

    void triggerMessageSendsTheMessage()
    {
        QFETCH(QString, requested);
        QFETCH(QString, action);
        const qsizetype before = m_server->calls(action).size();
        QCOMPARE(status(command(QStringLiteral("TriggerMessage"), {{"requestedMessage", requested.toStdString()}, {"connectorId", 1}})),
                 QStringLiteral("Accepted"));
        QTRY_COMPARE(m_server->calls(action).size(), before + 1);
        const json sent = m_server->calls(action).last().payload;
        if (action == u"StatusNotification" || action == u"MeterValues")
            QCOMPARE(sent.value("connectorId", 0), 1);
        if (action == u"MeterValues")
            QCOMPARE(jsonText(*sampledValue(sent["meterValue"][0], "Energy.Active.Import.Register"), "context"), QStringLiteral("Trigger"));
        if (action == u"DiagnosticsStatusNotification" || action == u"FirmwareStatusNotification")
            QCOMPARE(jsonText(sent, "status"), QStringLiteral("Idle"));
    }

    void diagnosticsUploadIsReported()
    {
        const json answer = command(QStringLiteral("GetDiagnostics"), {{"location", "ftp://diag.example.com/in/"}});
        QVERIFY(jsonText(answer, "fileName").startsWith(QString::fromLatin1(kId)));
        QTRY_COMPARE(m_server->calls(QStringLiteral("DiagnosticsStatusNotification")).size(), 2);
        const auto statuses = payloads(*m_server, QStringLiteral("DiagnosticsStatusNotification"));
        QCOMPARE(jsonText(statuses[0], "status"), QStringLiteral("Uploading"));
        QCOMPARE(jsonText(statuses[1], "status"), QStringLiteral("Uploaded"));
    }

    void firmwareUpdateInstallsAndReboots()
    {
        QVERIFY(m_station->plugIn(1));
        QTRY_COMPARE(m_station->connectorStatus(1), ConnectorStatus::Charging);
        command(QStringLiteral("UpdateFirmware"),
                {{"location", "https://fw.example.com/images/fw-2.0.1.bin"}, {"retrieveDate", isoIn(0, *m_station)}});
        QTRY_COMPARE_WITH_TIMEOUT(m_server->calls(QStringLiteral("BootNotification")).size(), 2, 10000);
        QStringList statuses;
        for (const json &p : payloads(*m_server, QStringLiteral("FirmwareStatusNotification")))
            statuses.append(jsonText(p, "status"));
        QCOMPARE(statuses, (QStringList{QStringLiteral("Downloading"), QStringLiteral("Downloaded"),
                                        QStringLiteral("Installing"), QStringLiteral("Installed")}));
        QCOMPARE(jsonText(m_server->calls(QStringLiteral("BootNotification")).last().payload, "firmwareVersion"),
                 QStringLiteral("fw-2.0.1"));
        QTRY_COMPARE(m_server->calls(QStringLiteral("StopTransaction")).size(), 1);
        QCOMPARE(jsonText(m_server->calls(QStringLiteral("StopTransaction")).first().payload, "reason"), QStringLiteral("Reboot"));
    }

    void resetStopsTheSessionAndReboots()
    {
        QVERIFY(m_station->plugIn(1));
        QTRY_VERIFY(m_station->transactionId(1).has_value());
        const int txId = *m_station->transactionId(1);
        QCOMPARE(status(command(QStringLiteral("Reset"), {{"type", "Hard"}})), QStringLiteral("Accepted"));
        QTRY_COMPARE(m_server->connectionCount(QString::fromLatin1(kId)), 2);
        QTRY_COMPARE(m_server->calls(QStringLiteral("BootNotification")).size(), 2);
        QTRY_COMPARE(m_server->calls(QStringLiteral("StopTransaction")).size(), 1);
        const json stop = m_server->calls(QStringLiteral("StopTransaction")).first().payload;
        QCOMPARE(stop.value("transactionId", 0), txId);
        QCOMPARE(jsonText(stop, "reason"), QStringLiteral("HardReset"));
        QTRY_COMPARE(m_station->state(), SimulatedStation::State::Accepted);
        QCOMPARE(m_station->connectorStatus(1), ConnectorStatus::Available);
    }

    void reservationLifecycle()
    {
        QCOMPARE(status(command(QStringLiteral("ReserveNow"), {{"connectorId", 1}, {"expiryDate", isoIn(3600000, *m_station)},
                                                              {"idTag", "RES-TAG"}, {"reservationId", 11}})),
                 QStringLiteral("Accepted"));
        QTRY_COMPARE(m_station->connectorStatus(1), ConnectorStatus::Reserved);
        QVERIFY(!m_station->plugIn(1, QStringLiteral("SOMEONE-ELSE")));
        QCOMPARE(status(command(QStringLiteral("ReserveNow"), {{"connectorId", 1}, {"expiryDate", isoIn(3600000, *m_station)},
                                                              {"idTag", "X"}, {"reservationId", 12}})),
                 QStringLiteral("Occupied"));
        QCOMPARE(status(command(QStringLiteral("CancelReservation"), {{"reservationId", 11}})), QStringLiteral("Accepted"));
        QTRY_COMPARE(m_station->connectorStatus(1), ConnectorStatus::Available);

        // Expiry: one simulated minute = 100 ms.
        QCOMPARE(status(command(QStringLiteral("ReserveNow"), {{"connectorId", 2}, {"expiryDate", isoIn(60000, *m_station)},
                                                              {"idTag", "RES-TAG"}, {"reservationId", 13}})),
                 QStringLiteral("Accepted"));
        QTRY_COMPARE(m_station->connectorStatus(2), ConnectorStatus::Reserved);
        QTRY_COMPARE(m_station->connectorStatus(2), ConnectorStatus::Available);

        // The reserved driver's session carries the reservation id.
        command(QStringLiteral("ReserveNow"), {{"connectorId", 1}, {"expiryDate", isoIn(3600000, *m_station)},
                                               {"idTag", "RES-TAG"}, {"reservationId", 14}});
        QTRY_COMPARE(m_station->connectorStatus(1), ConnectorStatus::Reserved);
        QVERIFY(m_station->plugIn(1, QStringLiteral("RES-TAG")));
        QTRY_COMPARE(m_server->calls(QStringLiteral("StartTransaction")).size(), 1);
        QCOMPARE(m_server->calls(QStringLiteral("StartTransaction")).first().payload.value("reservationId", 0), 14);
    }

    void chargingProfileLimitsPower()
    {
        QCOMPARE(status(command(QStringLiteral("SetChargingProfile"),
                                json::parse("{\"connectorId\":1,\"csChargingProfiles\":{\"chargingProfileId\":7,\"stackLevel\":1,\"chargingProfilePurpose\":\"TxDefaultProfile\",\"chargingProfileKind\":\"Relative\",\"chargingSchedule\":{\"chargingRateUnit\":\"W\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":2000.0}]}}}"))),
                 QStringLiteral("Accepted"));
        QVERIFY(m_station->plugIn(1));
        QTRY_VERIFY(m_server->calls(QStringLiteral("MeterValues")).size() >= 2);
        for (const json &mv : payloads(*m_server, QStringLiteral("MeterValues"))) {
            const auto power = sampledValue(mv["meterValue"][0], "Power.Active.Import");
            QVERIFY(power);
            QVERIFY2(QString::fromStdString((*power)["value"].get<std::string>()).toLongLong() <= 2000, mv.dump().c_str());
        }
        const json schedule = command(QStringLiteral("GetCompositeSchedule"), {{"connectorId", 1}, {"duration", 600}, {"chargingRateUnit", "W"}});
        QCOMPARE(schedule["chargingSchedule"]["chargingSchedulePeriod"][0]["limit"].get<double>(), 2000.0);
        QCOMPARE(status(command(QStringLiteral("ClearChargingProfile"), {{"id", 7}})), QStringLiteral("Accepted"));
        QCOMPARE(status(command(QStringLiteral("ClearChargingProfile"), {{"id", 7}})), QStringLiteral("Unknown"));
    }

    void localListAuthorizesOffline()
    {
        QCOMPARE(status(command(QStringLiteral("SendLocalList"),
                                {{"listVersion", 1}, {"updateType", "Full"},
                                 {"localAuthorizationList", {{{"idTag", "LOCAL-OK"}, {"idTagInfo", {{"status", "Accepted"}}}},
                                                             {{"idTag", "LOCAL-NO"}, {"idTagInfo", {{"status", "Blocked"}}}}}}})),
                 QStringLiteral("Accepted"));
        QCOMPARE(command(QStringLiteral("GetLocalListVersion"), json::object()).value("listVersion", -1), 1);
        QCOMPARE(status(command(QStringLiteral("ChangeConfiguration"), {{"key", "AllowOfflineTxForUnknownId"}, {"value", "false"}})),
                 QStringLiteral("Accepted"));
        m_station->goOffline(std::chrono::minutes(3));
        QVERIFY(m_station->plugIn(1, QStringLiteral("LOCAL-NO")));
        QCOMPARE(m_station->hasSession(1), false);  // blocked by the local list, decided on the spot
        QVERIFY(m_station->plugIn(1, QStringLiteral("STRANGER")));
        QCOMPARE(m_station->hasSession(1), false);  // unknown while offline
        QVERIFY(m_station->plugIn(2, QStringLiteral("LOCAL-OK")));
        QVERIFY(m_station->hasSession(2));
        QCOMPARE(m_station->queuedTransactionMessages(), 1);  // the StartTransaction, waiting
        QTRY_COMPARE(m_server->connectionCount(QString::fromLatin1(kId)), 2);
        QTRY_COMPARE(m_server->calls(QStringLiteral("StartTransaction")).size(), 1);
        QCOMPARE(jsonText(m_server->calls(QStringLiteral("StartTransaction")).first().payload, "idTag"), QStringLiteral("LOCAL-OK"));
    }

private:
    std::unique_ptr<FakeCentralSystem> m_server;
    std::unique_ptr<SimulatedStation> m_station;
};

QTEST_GUILESS_MAIN(TestSimCommands)
#include "tst_sim_commands.moc"
