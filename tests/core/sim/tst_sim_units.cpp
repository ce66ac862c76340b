// The simulator's building blocks without a network: misbehaviour names and --misbehave
// parsing, the simulated clock, the configuration store, the EV model, charging profiles, the
// local authorization list, latency percentiles, fleet naming and misbehaviour assignment, and
// the 1.6 and 2.0.1 messages the adapters build (checked against the official schemas).

#include "core/common/clock.h"
#include "core/ocpp/payloadvalidator.h"
#include "core/ocpp/schemaregistry.h"
#include "core/sim/chargingmodel.h"
#include "core/sim/chargingprofiles.h"
#include "core/sim/configurationstore.h"
#include "core/sim/latencyrecorder.h"
#include "core/sim/localauthorization.h"
#include "core/sim/misbehaviour.h"
#include "core/sim/protocoladapter.h"
#include "core/sim/simclock.h"
#include "core/sim/simulator.h"

#include <QTest>

using namespace cd::sim;
using namespace std::chrono_literals;
using nlohmann::json;

class TestSimUnits : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void misbehaviourNamesRoundTrip()
    {
        const QList<Misbehaviour> all = allMisbehaviours();
        QCOMPARE(all.size(), 7);
        QStringList names;
        for (Misbehaviour m : all) {
            const QString name = misbehaviourName(m);
            QCOMPARE(misbehaviourFromName(name), std::optional<Misbehaviour>(m));
            QVERIFY(!misbehaviourDescription(m).isEmpty());
            names.append(name);
        }
        QCOMPARE(names, (QStringList{QStringLiteral("meter-zero-then-jump"), QStringLiteral("offline-mid-session"),
                                     QStringLiteral("replay-after-reconnect"), QStringLiteral("ignore-remote-stop"),
                                     QStringLiteral("charge-without-authorization"), QStringLiteral("duplicate-stop"),
                                     QStringLiteral("clock-skew")}));
        QVERIFY(!misbehaviourFromName(u"nope"));
        QCOMPARE(misbehaviourNames(Misbehaviour::DuplicateStop | Misbehaviour::MeterZeroThenJump),
                 (QStringList{QStringLiteral("meter-zero-then-jump"), QStringLiteral("duplicate-stop")}));
    }

    void misbehaviourSpec_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<double>("share");
        QTest::addColumn<QStringList>("ids");
        QTest::newRow("name only") << QStringLiteral("duplicate-stop") << true << 1.0 << QStringList();
        QTest::newRow("fraction") << QStringLiteral("meter-zero-then-jump:0.25") << true << 0.25 << QStringList();
        QTest::newRow("percent") << QStringLiteral("ignore-remote-stop:10%") << true << 0.1 << QStringList();
        QTest::newRow("ids") << QStringLiteral("offline-mid-session:SIM-0001,SIM-0003") << true << 1.0
                             << QStringList{QStringLiteral("SIM-0001"), QStringLiteral("SIM-0003")};
        QTest::newRow("unknown") << QStringLiteral("explode") << false << 0.0 << QStringList();
        QTest::newRow("share too big") << QStringLiteral("duplicate-stop:1.5") << false << 0.0 << QStringList();
        QTest::newRow("negative") << QStringLiteral("duplicate-stop:-0.1") << false << 0.0 << QStringList();
        QTest::newRow("bad percent") << QStringLiteral("duplicate-stop:x%") << false << 0.0 << QStringList();
        QTest::newRow("empty list") << QStringLiteral("duplicate-stop:,") << false << 0.0 << QStringList();
    }

    void misbehaviourSpec()
    {
        QFETCH(QString, spec);
        QFETCH(bool, ok);
        QFETCH(double, share);
        QFETCH(QStringList, ids);
        QString error;
        const std::optional<MisbehaviourAssignment> a = parseMisbehaviourSpec(spec, &error);
        QCOMPARE(a.has_value(), ok);
        if (!ok) {
            QVERIFY(!error.isEmpty());
            return;
        }
        QVERIFY(qFuzzyCompare(a->share, share));
        QCOMPARE(a->stationIds, ids);
    }

    void simClockScales()
    {
        cd::ManualClock base(1'000'000);
        SimClock clock(base, 600.0, 5'000'000);
        QCOMPARE(clock.nowMs(), 5'000'000);
        base.advanceMs(100);
        QCOMPARE(clock.nowMs(), 5'060'000);  // 100 ms of wall clock = 1 simulated minute
        QCOMPARE(clock.toWall(60s), 100ms);
        QCOMPARE(clock.toWall(1ms), 1ms);  // never a zero-length timer for a positive span
        QCOMPARE(clock.toWall(0ms), 0ms);
        QCOMPARE(clock.toSim(100ms), 60000ms);
        SimClock realTime(base, 0.0);
        QCOMPARE(realTime.scale(), 1.0);
        QCOMPARE(realTime.nowMs(), base.nowMs());
    }

    void configurationStore()
    {
        ConfigurationStore store = ConfigurationStore::standard(2, 300, 60);
        QCOMPARE(store.intValue(configkey::HeartbeatInterval, 0), 300);
        QCOMPARE(store.intValue(configkey::NumberOfConnectors, 0), 2);
        QCOMPARE(store.change(configkey::HeartbeatInterval, QStringLiteral("120")), ConfigChangeResult::Accepted);
        QCOMPARE(store.intValue(configkey::HeartbeatInterval, 0), 120);
        QCOMPARE(store.change(configkey::HeartbeatInterval, QStringLiteral("soon")), ConfigChangeResult::Rejected);
        QCOMPARE(store.change(configkey::HeartbeatInterval, QStringLiteral("-5")), ConfigChangeResult::Rejected);
        QCOMPARE(store.change(configkey::NumberOfConnectors, QStringLiteral("4")), ConfigChangeResult::Rejected);
        QCOMPARE(store.change(QStringLiteral("NoSuchKey"), QStringLiteral("1")), ConfigChangeResult::NotSupported);
        QCOMPARE(store.change(configkey::AuthorizeRemoteTxRequests, QStringLiteral("TRUE")), ConfigChangeResult::Accepted);
        QCOMPARE(store.value(configkey::AuthorizeRemoteTxRequests), QStringLiteral("true"));
        QVERIFY(store.boolValue(configkey::AuthorizeRemoteTxRequests, false));
        QCOMPARE(store.change(configkey::AuthorizeRemoteTxRequests, QStringLiteral("yes")), ConfigChangeResult::Rejected);
        QVERIFY(store.listValue(configkey::MeterValuesSampledData).contains(QStringLiteral("SoC")));
        for (const ConfigEntry &e : store.entries())
            QVERIFY2(e.key.size() <= 50 && e.value.size() <= 500, qPrintable(e.key));
    }

    void chargingModelIntegratesEnergy()
    {
        EvParameters ev;
        ev.batteryWh = 50000;
        ev.startSocPercent = 50;
        ev.targetSocPercent = 90;
        ev.maxPowerW = 11000;
        ChargingModel model(ev, SupplyParameters{});
        QCOMPARE(model.powerW(), 11000);
        QCOMPARE(model.powerW(7360.0), 7360);  // a charging profile caps it
        // One hour at 11 kW = 11 kWh = 11,000,000 mWh (until 80 %, where tapering starts).
        const qint64 firstHour = model.advance(3600 * 1000);
        QCOMPARE(firstHour, 11'000'000);
        QCOMPARE(model.socPercent(), 72);
        // Charge to the target: tapering above 80 %, then nothing more.
        qint64 total = firstHour;
        for (int i = 0; i < 20 && !model.full(); ++i)
            total += model.advance(3600 * 1000);
        QVERIFY(model.full());
        QCOMPARE(model.powerW(), 0);
        QCOMPARE(total, 20'000'000);  // 50 % → 90 % of 50 kWh
        QCOMPARE(model.advance(60000), 0);
        const std::vector<double> currents = model.currentsA(11000);
        QCOMPARE(int(currents.size()), 3);
        QCOMPARE(currents[0], 15.9);
        QCOMPARE(int(model.voltagesV(7).size()), 3);
        for (double v : model.voltagesV(7))
            QVERIFY(v >= 228.0 && v <= 232.0);
    }

    void chargingProfilesLimit()
    {
        ChargingProfiles profiles;
        const SupplyParameters supply;
        const qint64 now = 1'700'000'000'000;
        ChargingProfile tx;
        tx.id = 1;
        tx.connectorId = 1;
        tx.purpose = ProfilePurpose::Tx;
        tx.kind = ProfileKind::Relative;
        tx.unit = RateUnit::Amperes;
        tx.periods = {{0, 16.0, std::nullopt}, {600, 10.0, 1}};
        QCOMPARE(profiles.install(tx, 2, std::nullopt), ChargingProfiles::InstallResult::Rejected);  // no transaction
        QCOMPARE(profiles.install(tx, 2, 77), ChargingProfiles::InstallResult::Accepted);
        QVERIFY(qFuzzyCompare(*profiles.limitW(1, 77, now, now, supply), 16.0 * 230.0 * 3));
        QVERIFY(qFuzzyCompare(*profiles.limitW(1, 77, now + 700'000, now, supply), 10.0 * 230.0));
        QVERIFY(!profiles.limitW(2, std::nullopt, now, std::nullopt, supply));

        ChargingProfile max;
        max.id = 2;
        max.connectorId = 0;
        max.purpose = ProfilePurpose::ChargePointMax;
        max.kind = ProfileKind::Absolute;
        max.startScheduleMs = now - 1000;
        max.periods = {{0, 5000.0, std::nullopt}};
        QCOMPARE(profiles.install(max, 2, std::nullopt), ChargingProfiles::InstallResult::Accepted);
        QVERIFY(qFuzzyCompare(*profiles.limitW(1, 77, now, now, supply), 5000.0));
        QVERIFY(qFuzzyCompare(*profiles.limitW(2, std::nullopt, now, std::nullopt, supply), 5000.0));

        profiles.transactionEnded(1);
        QCOMPARE(profiles.size(), 1);
        QVERIFY(profiles.clear(2, std::nullopt, std::nullopt, std::nullopt));
        QVERIFY(!profiles.clear(2, std::nullopt, std::nullopt, std::nullopt));
        QCOMPARE(profiles.size(), 0);
    }

    void localAuthorizationList()
    {
        LocalAuthorization auth;
        QCOMPARE(auth.updateList(1, true, {{QStringLiteral("A"), AuthorizationStatus::Accepted},
                                           {QStringLiteral("B"), AuthorizationStatus::Blocked}}, 10),
                 LocalAuthorization::UpdateResult::Accepted);
        QCOMPARE(auth.listVersion(), 1);
        QCOMPARE(auth.updateList(1, false, {}, 10), LocalAuthorization::UpdateResult::VersionMismatch);
        QCOMPARE(auth.updateList(2, false, {{QStringLiteral("B"), std::nullopt}}, 10), LocalAuthorization::UpdateResult::Accepted);
        QCOMPARE(auth.listSize(), 1);
        QCOMPARE(auth.updateList(3, true, {{QStringLiteral("X"), AuthorizationStatus::Accepted},
                                           {QStringLiteral("Y"), AuthorizationStatus::Accepted}}, 1),
                 LocalAuthorization::UpdateResult::Failed);
        auth.remember(QStringLiteral("A"), AuthorizationStatus::Blocked);
        auth.remember(QStringLiteral("C"), AuthorizationStatus::Accepted);
        QCOMPARE(auth.lookup(QStringLiteral("A"), true, true), std::optional(AuthorizationStatus::Accepted));  // list wins
        QCOMPARE(auth.lookup(QStringLiteral("C"), true, true), std::optional(AuthorizationStatus::Accepted));
        auth.clearCache();
        QVERIFY(!auth.lookup(QStringLiteral("C"), true, true));
    }

    void latencyPercentiles()
    {
        LatencyRecorder recorder;
        QCOMPARE(recorder.summary().count, 0);
        for (int i = 100; i >= 1; --i)
            recorder.record(i);
        const LatencySummary s = recorder.summary();
        QCOMPARE(s.count, 100);
        QCOMPARE(s.p50Us, 50);
        QCOMPARE(s.p90Us, 90);
        QCOMPARE(s.p99Us, 99);
        QCOMPARE(s.maxUs, 100);
        QCOMPARE(s.meanUs, 50);
    }

    void fleetNamingAndAssignment()
    {
        QCOMPARE(Simulator::stationId(QStringLiteral("SIM"), 1), QStringLiteral("SIM-0001"));
        QCOMPARE(Simulator::stationId(QStringLiteral("X"), 12345), QStringLiteral("X-12345"));
        QStringList ids;
        for (int i = 1; i <= 20; ++i)
            ids.append(Simulator::stationId(QStringLiteral("SIM"), i));
        const QList<MisbehaviourAssignment> assignments = {
            {Misbehaviour::DuplicateStop, 0.25, {}},
            {Misbehaviour::IgnoreRemoteStop, 1.0, {QStringLiteral("SIM-0003"), QStringLiteral("NOT-THERE")}},
            {Misbehaviour::MeterZeroThenJump, 0.01, {}},
        };
        const auto a = Simulator::assignMisbehaviours(ids, assignments, 7);
        const auto again = Simulator::assignMisbehaviours(ids, assignments, 7);
        QCOMPARE(a, again);  // repeatable
        int duplicate = 0;
        int zero = 0;
        for (const QString &id : ids) {
            duplicate += a.value(id).testFlag(Misbehaviour::DuplicateStop) ? 1 : 0;
            zero += a.value(id).testFlag(Misbehaviour::MeterZeroThenJump) ? 1 : 0;
            QCOMPARE(a.value(id).testFlag(Misbehaviour::IgnoreRemoteStop), id == u"SIM-0003");
        }
        QCOMPARE(duplicate, 5);
        QCOMPARE(zero, 1);  // a positive share always picks at least one station
        QVERIFY(!a.contains(QStringLiteral("NOT-THERE")));
    }

    void ocpp16MessagesAreSchemaValid()
    {
        const std::unique_ptr<ProtocolAdapter> adapter = makeProtocolAdapter(cd::ocpp::ProtocolVersion::Ocpp16);
        QVERIFY(adapter);
        MeterSample sample;
        sample.timestampMs = 1'700'000'000'123;
        sample.energyWh = 123456;
        sample.powerW = 11000;
        sample.currentA = {15.9, 15.9, 15.9};
        sample.voltageV = {229.4, 230.0, 231.2};
        sample.socPercent = 55;
        StationIdentity identity{QStringLiteral("A vendor with a very long name"), QStringLiteral("Model"),
                                 QStringLiteral("1.0"), QStringLiteral("SN"), QStringLiteral("M"), QStringLiteral("MS")};
        const std::vector<OutgoingMessage> messages = {
            adapter->bootNotification(identity),
            adapter->heartbeat(),
            adapter->statusNotification({1, ConnectorStatus::Faulted, ConnectorError::GroundFailure, QStringLiteral("E7"), 1}),
            adapter->authorize(QStringLiteral("TAG")),
            adapter->startTransaction({1, QStringLiteral("TAG"), 100, 1'700'000'000'000, 4}),
            adapter->meterValues(1, 17, {sample}),
            adapter->meterValues(2, std::nullopt, {sample}),
            adapter->stopTransaction(-1, {QStringLiteral("TAG"), 200, 1'700'000'100'000, StopReason::EVDisconnected, {sample}}),
            adapter->diagnosticsStatus(DiagnosticsStatus::Uploaded),
            adapter->firmwareStatus(FirmwareStatus::InstallationFailed),
        };
        cd::ocpp::PayloadValidator validator(cd::ocpp::SchemaRegistry::builtin());
        for (const OutgoingMessage &m : messages) {
            const auto invalid = validator.validate(cd::ocpp::ProtocolVersion::Ocpp16, m.action,
                                                    cd::ocpp::PayloadKind::Request, m.payload);
            QVERIFY2(!invalid, qPrintable(m.action + QStringLiteral(": ") + (invalid ? invalid->description : QString())));
        }
        QCOMPARE(QString::fromStdString(messages[0].payload["chargePointVendor"].get<std::string>()).size(), 20);
        QCOMPARE(messages[5].payload["meterValue"][0]["timestamp"].get<std::string>(), std::string("2023-11-14T22:13:20.123Z"));
        QVERIFY(!messages[6].payload.contains("transactionId"));

        const auto boot = adapter->parseBootResult({{"status", "Pending"}, {"currentTime", "2024-01-01T00:00:00Z"}, {"interval", 30}});
        QVERIFY(boot && boot->status == RegistrationStatus::Pending && boot->intervalS == 30);
        const auto start = adapter->parseStartResult({}, {{"transactionId", 9}, {"idTagInfo", {{"status", "Blocked"}}}});
        QVERIFY(start && start->transactionId == 9 && start->status == AuthorizationStatus::Blocked);
        QVERIFY(!adapter->parseStartResult({}, {{"idTagInfo", {{"status", "Accepted"}}}}));
    }

    void ocpp201MessagesAreSchemaValid()
    {
        const std::unique_ptr<ProtocolAdapter> adapter = makeProtocolAdapter(cd::ocpp::ProtocolVersion::Ocpp201);
        QVERIFY(adapter);
        QCOMPARE(adapter->version(), cd::ocpp::ProtocolVersion::Ocpp201);
        MeterSample sample;
        sample.timestampMs = 1'700'000'000'123;
        sample.energyWh = 123456;
        sample.powerW = 11000;
        sample.currentA = {15.94, 15.9, 15.9};
        sample.voltageV = {229.4, 230.0, 231.2};
        sample.socPercent = 55;
        StationIdentity identity{QStringLiteral("A vendor"), QStringLiteral("A model with a very long name"),
                                 QStringLiteral("2.0"), QStringLiteral("SN"), QString(), QString()};
        const OutgoingMessage start = adapter->startTransaction({2, QStringLiteral("TAG"), 100, 1'700'000'000'000, 4});
        const auto started = adapter->parseStartResult(start, json::object());
        QVERIFY(started);
        const int tx = started->transactionId;
        const std::vector<OutgoingMessage> messages = {
            adapter->bootNotification(identity),
            adapter->heartbeat(),
            adapter->statusNotification({0, ConnectorStatus::Faulted, ConnectorError::GroundFailure, QStringLiteral("E7"), 1}),
            adapter->statusNotification({2, ConnectorStatus::Charging, ConnectorError::NoError, QString(), 1}),
            adapter->authorize(QStringLiteral("TAG")),
            start,
            adapter->meterValues(2, tx, {sample}),
            adapter->meterValues(2, std::nullopt, {sample}),
            adapter->stopTransaction(tx, {QStringLiteral("TAG"), 200, 1'700'000'100'000, StopReason::EVDisconnected, {sample}}),
            adapter->diagnosticsStatus(DiagnosticsStatus::UploadFailed),
            adapter->firmwareStatus(FirmwareStatus::InstallationFailed),
        };
        cd::ocpp::PayloadValidator validator(cd::ocpp::SchemaRegistry::builtin());
        for (const OutgoingMessage &m : messages) {
            const auto invalid = validator.validate(cd::ocpp::ProtocolVersion::Ocpp201, m.action,
                                                    cd::ocpp::PayloadKind::Request, m.payload);
            QVERIFY2(!invalid, qPrintable(m.action + QStringLiteral(": ") + (invalid ? invalid->description : QString())
                                          + QStringLiteral(" ") + QString::fromStdString(m.payload.dump())));
        }
        QCOMPARE(messages[0].payload["chargingStation"]["model"].get<std::string>().size(), size_t(20));
        QVERIFY(messages[2].payload["evseId"] == 1);  // connector 0 has no 2.0.1 status: EVSE 1 speaks
        QVERIFY(messages[3].payload["connectorStatus"] == "Occupied");

        // One transaction: Started (seqNo 0), Updated (1), Ended (2), the station's own id throughout.
        const std::string id = std::to_string(tx);
        QCOMPARE(start.action, QStringLiteral("TransactionEvent"));
        QVERIFY(start.payload["eventType"] == "Started");
        QVERIFY(start.payload["seqNo"] == 0);
        QVERIFY(start.payload["transactionInfo"]["transactionId"] == id);
        QVERIFY(start.payload["evse"]["id"] == 2);
        QVERIFY(messages[6].payload["eventType"] == "Updated");
        QVERIFY(messages[6].payload["seqNo"] == 1);
        QVERIFY(messages[6].payload["transactionInfo"]["transactionId"] == id);
        QVERIFY(messages[6].payload["meterValue"][0]["sampledValue"][0]["value"] == 123456.0);
        QCOMPARE(messages[7].action, QStringLiteral("MeterValues"));
        QVERIFY(messages[8].payload["eventType"] == "Ended");
        QVERIFY(messages[8].payload["seqNo"] == 2);
        QVERIFY(messages[8].payload["transactionInfo"]["stoppedReason"] == "EVDisconnected");
        QVERIFY(messages[8].payload["meterValue"].back()["sampledValue"][0]["value"] == 200.0);

        // A second transaction gets a new id and starts at seqNo 0 again.
        const OutgoingMessage next = adapter->startTransaction({1, QStringLiteral("TAG"), 300, 1'700'000'200'000, {}});
        QVERIFY(next.payload["seqNo"] == 0);
        QVERIFY(next.payload["transactionInfo"]["transactionId"] != id);

        const auto boot = adapter->parseBootResult({{"status", "Accepted"}, {"currentTime", "2024-01-01T00:00:00Z"}, {"interval", 300}});
        QVERIFY(boot && boot->status == RegistrationStatus::Accepted && boot->intervalS == 300);
        QCOMPARE(adapter->parseAuthorizeResult({{"idTokenInfo", {{"status", "NoCredit"}}}}), AuthorizationStatus::Invalid);
        QCOMPARE(adapter->parseAuthorizeResult({{"idTokenInfo", {{"status", "Blocked"}}}}), AuthorizationStatus::Blocked);
        const auto refused = adapter->parseStartResult(start, {{"idTokenInfo", {{"status", "Expired"}}}});
        QVERIFY(refused && refused->transactionId == tx && refused->status == AuthorizationStatus::Expired);
    }
};

QTEST_GUILESS_MAIN(TestSimUnits)
#include "tst_sim_units.moc"
