// Simulator: a small fleet against the in-test central system. Station naming, staggered
// start, allStationsBooted, sessions at a rate, misbehaviours by list, counters and latency
// for the benchmark, a graceful shutdown that leaves no transaction open, and a fleet that
// cannot connect.

#include "core/sim/simulator.h"
#include "simtestsupport.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace cd::sim;
using namespace cd::simtest;
using nlohmann::json;

class TestSimSimulator : public QObject {
    Q_OBJECT

private:
    SimulatorOptions fleet(int count)
    {
        SimulatorOptions o;
        o.serverUrl = m_server->url();
        o.stationCount = count;
        o.idPrefix = QStringLiteral("FLEET");
        o.timeScale = kTestScale;
        o.stagger = std::chrono::milliseconds(10);
        o.sessionInterval = std::chrono::seconds(120);
        o.station = fastStation(o.serverUrl, QString());
        o.station.session.meanDuration = std::chrono::minutes(6);
        o.seed = 5;
        return o;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FakeCentralSystem>();
        QVERIFY(m_server->listen());
    }

    void cleanup()
    {
        QVERIFY2(m_server->issues().isEmpty(), qPrintable(m_server->issues().join(QLatin1Char('\n'))));
        m_server.reset();
    }

    void fleetBootsRunsSessionsAndReports()
    {
        SimulatorOptions o = fleet(5);
        o.misbehaviours = {{Misbehaviour::DuplicateStop, 1.0, {QStringLiteral("FLEET-0002")}}};
        Simulator simulator(o);
        QCOMPARE(simulator.stations().size(), 5);
        QCOMPARE(simulator.stations().first()->chargePointId(), QStringLiteral("FLEET-0001"));
        QVERIFY(simulator.station(QStringLiteral("FLEET-0005")));
        QCOMPARE(simulator.station(QStringLiteral("FLEET-0002"))->options().misbehaviours,
                 Misbehaviours(Misbehaviour::DuplicateStop));
        QCOMPARE(simulator.station(QStringLiteral("FLEET-0003"))->options().misbehaviours, Misbehaviours());

        QSignalSpy allBooted(&simulator, &Simulator::allStationsBooted);
        QSignalSpy oneBooted(&simulator, &Simulator::stationBooted);
        simulator.start();
        QTRY_COMPARE(allBooted.size(), 1);
        QCOMPARE(oneBooted.size(), 5);
        QStringList seen = m_server->stations();
        seen.sort();
        QCOMPARE(seen, (QStringList{QStringLiteral("FLEET-0001"), QStringLiteral("FLEET-0002"), QStringLiteral("FLEET-0003"),
                                    QStringLiteral("FLEET-0004"), QStringLiteral("FLEET-0005")}));
        // Staggered: the first BootNotifications arrive in station order.
        const QList<WireFrame> boots = m_server->calls(QStringLiteral("BootNotification"));
        QCOMPARE(boots.first().stationId, QStringLiteral("FLEET-0001"));

        // Sessions arrive by themselves (mean gap 2 simulated minutes = 200 ms).
        QTRY_VERIFY_WITH_TIMEOUT(simulator.stats().sessionsFinished >= 4, 15000);
        const SimulatorStats s = simulator.stats();
        QCOMPARE(s.stations, 5);
        QCOMPARE(s.connected, 5);
        QCOMPARE(s.booted, 5);
        QCOMPARE(s.neverConnected, 0);
        QVERIFY(s.messagesSent > 20 && s.messagesReceived > 20);
        QVERIFY(s.callsSent >= s.callResults + s.callErrors + s.callTimeouts);
        QVERIFY(s.callResults > 0);
        QCOMPARE(s.callErrors, 0);
        QVERIFY(s.latency.count > 0);
        QVERIFY(s.latency.p50Us > 0 && s.latency.p50Us <= s.latency.p99Us && s.latency.p99Us <= s.latency.maxUs);
        QVERIFY(s.latencyByAction.contains(QStringLiteral("BootNotification")));
        QVERIFY(s.latencyByAction.contains(QStringLiteral("MeterValues")));
        QVERIFY(s.energyWh > 0);
        QVERIFY(s.simulatedMs > s.elapsedMs * 100);

        const QJsonObject j = s.toJson();
        QCOMPARE(j.value(QStringLiteral("stations")).toInt(), 5);
        QVERIFY(j.value(QStringLiteral("latency")).toObject().contains(QStringLiteral("p99Us")));
        QVERIFY(j.value(QStringLiteral("messagesPerSecond")).toDouble() > 0.0);

        // Graceful end: every session that started on the wire is stopped on the wire.
        QSignalSpy finished(&simulator, &Simulator::finished);
        simulator.shutdown(std::chrono::milliseconds(5000));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 8000);
        QVERIFY(!simulator.isRunning());
        QCOMPARE(simulator.connectedCount(), 0);
        QSet<int> started;
        for (const WireFrame &f : m_server->frames()) {
            if (!f.fromStation && f.type == cd::ocpp::MessageType::CallResult && f.action == u"StartTransaction")
                started.insert(f.payload.value("transactionId", 0));
        }
        QSet<int> stopped;
        QMap<QString, int> stopsByStation;
        for (const WireFrame &f : m_server->calls(QStringLiteral("StopTransaction"))) {
            stopped.insert(f.payload.value("transactionId", 0));
            ++stopsByStation[f.stationId];
        }
        QCOMPARE(stopped, started);
        // Only FLEET-0002 stops twice.
        int transactions0002 = 0;
        for (const WireFrame &f : m_server->calls(QStringLiteral("StartTransaction"), QStringLiteral("FLEET-0002")))
            transactions0002 += f.connection > 0 ? 1 : 0;
        QCOMPARE(stopsByStation.value(QStringLiteral("FLEET-0002")), 2 * transactions0002);
        for (const QString &id : {QStringLiteral("FLEET-0001"), QStringLiteral("FLEET-0003")})
            QCOMPARE(stopsByStation.value(id), m_server->calls(QStringLiteral("StartTransaction"), id).size());
    }

    void shareOfStationsMisbehaves()
    {
        SimulatorOptions o = fleet(10);
        o.misbehaviours = {{Misbehaviour::MeterZeroThenJump, 0.3, {}}, {Misbehaviour::IgnoreRemoteStop, 0.5, {}}};
        Simulator simulator(o);
        int zero = 0;
        int ignore = 0;
        for (const SimulatedStation *s : simulator.stations()) {
            zero += s->options().misbehaviours.testFlag(Misbehaviour::MeterZeroThenJump) ? 1 : 0;
            ignore += s->options().misbehaviours.testFlag(Misbehaviour::IgnoreRemoteStop) ? 1 : 0;
        }
        QCOMPARE(zero, 3);
        QCOMPARE(ignore, 5);
    }

    void fleetThatCannotConnect()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 closedPort = probe.serverPort();
        probe.close();
        SimulatorOptions o = fleet(3);
        QUrl url = o.serverUrl;
        url.setPort(closedPort);
        o.serverUrl = url;
        Simulator simulator(o);
        simulator.start();
        QTRY_VERIFY(simulator.stats().connectFailures >= 6);  // each station retries with backoff
        const SimulatorStats s = simulator.stats();
        QCOMPARE(s.everConnected, 0);
        QCOMPARE(s.neverConnected, 3);
        QCOMPARE(s.booted, 0);
        QSignalSpy finished(&simulator, &Simulator::finished);
        simulator.shutdown(std::chrono::milliseconds(2000));
        QTRY_COMPARE(finished.size(), 1);  // nothing to wait for
    }

private:
    std::unique_ptr<FakeCentralSystem> m_server;
};

QTEST_GUILESS_MAIN(TestSimSimulator)
#include "tst_sim_simulator.moc"
