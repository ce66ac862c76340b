// OCPP 2.0.1 end to end in one process: simulated 2.0.1 stations (core/sim v201 adapter) charge
// against the real station server (core/charging v201 adapter) over real WebSockets and a real
// SQLCipher file; sessions land as 1.6 ones do, duplicate Ended events are not counted twice, and
// a 2.0.1 operator command reaches the station and comes back answered; a session whose Ended the
// station lost is closed once the station boots again and says so (GetTransactionStatus, E14).

#include "core/charging/idtagadmin.h"
#include "core/commands/commandqueue.h"
#include "core/runtime/stationservercontrol.h"
#include "core/sim/misbehaviour.h"
#include "core/sim/simulatedstation.h"
#include "core/sim/simulator.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/stationstaterepository.h"
#include "support/testdatabase.h"

#include <QStandardPaths>
#include <QTest>

using namespace cd;
using namespace Qt::StringLiterals;

namespace {

const QString kTag = u"FLEET-201"_s;

QList<storage::Session> sessions(storage::Database &db)
{
    storage::SessionFilter filter;
    filter.limit = 10000;
    auto rows = storage::SessionRepository(db).list(filter);
    return rows ? *rows : QList<storage::Session>();
}

runtime::StationServerSettings labSettings()
{
    runtime::StationServerSettings settings;
    settings.listen = u"127.0.0.1:0"_s;
    settings.securityProfile = server::SecurityProfile::None;
    settings.acceptUnknownStations = true;
    return settings;
}

// The fleet card registered and the server listening.
bool prepare(test::TestDatabase &fixture, runtime::StationServerControl &control)
{
    storage::IdTag tag;
    tag.idTag = kTag;
    tag.kind = u"department"_s;
    tag.maxConcurrentSessions = 100;
    if (!charging::IdTagAdmin(fixture.db(), u"test"_s).add(tag, u"2.0.1 fleet"_s) || !control.start())
        return false;
    return QTest::qWaitFor([&control] { return control.server().state() == runtime::EmbeddedServer::State::Running; },
                           15000);
}

}  // namespace

class TestRuntimeOcpp201 : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void simulatedStationsChargeOverOcpp201()
    {
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        runtime::StationServerControl control(fixture.shared(), labSettings());
        QVERIFY(prepare(fixture, control));

        sim::SimulatorOptions options;
        options.serverUrl = control.server().localStationUrl();
        options.version = ocpp::ProtocolVersion::Ocpp201;
        options.stationCount = 3;
        options.idPrefix = u"V201"_s;
        options.timeScale = 600;  // ten simulated minutes a second
        options.sessionInterval = std::chrono::seconds(120);
        options.station.idTags = {kTag};
        options.station.session.meanDuration = std::chrono::seconds(900);
        options.misbehaviours.append({sim::Misbehaviour::DuplicateStop, 1.0, {u"V201-0002"_s}});
        sim::Simulator simulator(options);
        simulator.start();
        QTRY_COMPARE_WITH_TIMEOUT(simulator.bootedCount(), 3, 30000);

        auto state = storage::StationStateRepository(fixture.db()).find(u"V201-0001"_s);
        QVERIFY(state && state->has_value());
        QCOMPARE((*state)->protocol, u"ocpp2.0.1"_s);

        // Sessions start and finish, with energy from the meter values of the transaction events.
        QVERIFY(QTest::qWaitFor(
            [&] {
                int finished = 0;
                for (const storage::Session &s : sessions(fixture.db()))
                    finished += s.status == u"finished" && s.energyWh > 0 ? 1 : 0;
                return finished >= 4;
            },
            90000));

        // A 2.0.1 command: TriggerMessage(Heartbeat) to a station this process holds.
        commands::CommandQueue queue(fixture.db());
        commands::CommandRequest request;
        request.chargePointId = u"V201-0003"_s;
        request.action = u"TriggerMessage"_s;
        request.payload = {{"requestedMessage", "Heartbeat"}};
        request.requestedBy = u"test"_s;
        request.reason = u"2.0.1 command"_s;
        auto id = queue.submit(request);
        QVERIFY2(id, id ? "" : qPrintable(id.error().message));
        QTRY_VERIFY_WITH_TIMEOUT(queue.get(*id)->finished(), 30000);
        const storage::CommandRecord done = *queue.get(*id);
        QCOMPARE(done.state, storage::CommandRecord::State::Succeeded);
        QVERIFY2(done.result.contains(u"Accepted"_s), qPrintable(done.result));

        simulator.shutdown(std::chrono::milliseconds(10000));
        QTRY_VERIFY_WITH_TIMEOUT(!simulator.isRunning(), 30000);

        // Every session the stations ended is recorded once with the energy they reported, the
        // station that sends every Ended twice included.
        QSet<QString> transactions;
        for (const storage::Session &s : sessions(fixture.db())) {
            if (s.transactionId.isEmpty())
                continue;
            const QString key = s.chargePointId + u'/' + s.transactionId;
            QVERIFY2(!transactions.contains(key), qPrintable(u"counted twice: "_s + key));
            transactions.insert(key);
            if (s.status == u"finished") {
                QVERIFY(s.meterStopWh && s.meterStartWh);
                QCOMPARE(s.energyWh, *s.meterStopWh - *s.meterStartWh);
            }
        }
        QVERIFY(!transactions.isEmpty());
        qInfo("%d transactions from 3 stations", int(transactions.size()));
    }

    // Every named misbehaviour on a 2.0.1 station of its own: the server answers all of it (no
    // CALLERROR), and no transaction is counted twice.
    void misbehavingStationsOverOcpp201()
    {
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        runtime::StationServerControl control(fixture.shared(), labSettings());
        QVERIFY(prepare(fixture, control));

        sim::SimulatorOptions options;
        options.serverUrl = control.server().localStationUrl();
        options.version = ocpp::ProtocolVersion::Ocpp201;
        options.idPrefix = u"MIS"_s;
        options.timeScale = 600;
        options.sessionInterval = std::chrono::seconds(120);
        options.station.idTags = {kTag};
        options.station.session.meanDuration = std::chrono::seconds(900);
        options.station.misbehaviourOffline = std::chrono::seconds(300);
        const QList<sim::Misbehaviour> all = sim::allMisbehaviours();
        options.stationCount = int(all.size());
        for (qsizetype i = 0; i < all.size(); ++i)
            options.misbehaviours.append({all.at(i), 1.0, {sim::Simulator::stationId(u"MIS"_s, int(i) + 1)}});
        sim::Simulator simulator(options);
        simulator.start();
        QTRY_COMPARE_WITH_TIMEOUT(simulator.bootedCount(), int(all.size()), 30000);
        QTest::qWait(6000);  // an hour of simulated charging
        simulator.shutdown(std::chrono::milliseconds(10000));
        QTRY_VERIFY_WITH_TIMEOUT(!simulator.isRunning(), 30000);

        const sim::SimulatorStats stats = simulator.stats();
        QVERIFY(stats.callResults > 0);
        QCOMPARE(stats.callErrors, 0);
        QSet<QString> transactions;
        for (const storage::Session &s : sessions(fixture.db())) {
            if (s.transactionId.isEmpty())
                continue;
            const QString key = s.chargePointId + u'/' + s.transactionId;
            QVERIFY2(!transactions.contains(key), qPrintable(u"counted twice: "_s + key));
            transactions.insert(key);
        }
        qInfo("%d transactions, %lld answered calls from %d misbehaving stations", int(transactions.size()),
              stats.callResults, int(all.size()));
    }

    // E14 end to end: a station falls off the network mid-session, loses what it had queued and
    // never sends the Ended. When it is back and boots, the server asks GetTransactionStatus; the
    // simulator answers truthfully (not ongoing, nothing queued) and the session is closed with
    // the energy up to the last reading that arrived.
    void lostEndedIsReconciledAfterTheBoot()
    {
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        runtime::StationServerControl control(fixture.shared(), labSettings());
        QVERIFY(prepare(fixture, control));

        sim::StationOptions options;
        options.serverUrl = control.server().localStationUrl();
        options.chargePointId = u"LOST-201"_s;
        options.version = ocpp::ProtocolVersion::Ocpp201;
        options.connectorCount = 1;
        options.idTags = {kTag};
        options.timeScale = 600;
        options.session.meanDuration = std::chrono::seconds(1800);
        // The car stays plugged in (Occupied) past the reconnect: no Available closes the session.
        options.session.unplugDelay = std::chrono::seconds(7200);
        options.misbehaviours = sim::Misbehaviour::OfflineMidSession;
        options.misbehaviourOffline = std::chrono::seconds(3600);
        options.bootOnReconnect = true;
        sim::SimulatedStation station(options);
        station.start();
        QTRY_VERIFY_WITH_TIMEOUT(station.hasBooted(), 15000);
        QVERIFY(station.plugIn(1));
        // Half way the station falls off the network; the driver stops while it is away.
        QTRY_VERIFY_WITH_TIMEOUT(station.activeSessions() == 1 && !station.isConnected(), 15000);
        QVERIFY(station.stopSession(1, sim::StopReason::Local));

        const auto closed = [&fixture]() -> std::optional<storage::Session> {
            for (const storage::Session &s : sessions(fixture.db()))
                if (!s.stopSource.isEmpty())
                    return s;
            return std::nullopt;
        };
        QTRY_VERIFY_WITH_TIMEOUT(closed().has_value(), 45000);
        const storage::Session s = *closed();
        station.stop();
        QCOMPARE(s.stopSource, u"reconciled"_s);
        QCOMPARE(s.stopReason, u"EndedUnreported"_s);
        QVERIFY(s.meterStartWh && s.lastMeterWh);
        QCOMPARE(s.energyWh, *s.lastMeterWh - *s.meterStartWh);
        QCOMPARE(s.meterStopWh, s.lastMeterWh);
        QStringList kinds;
        if (auto events = storage::SessionRepository(fixture.db()).events(s.id))
            for (const storage::SessionEvent &e : *events)
                kinds << e.kind + u' ' + e.detail;
        QVERIFY2(kinds.filter(u"transaction_status {"_s).filter(u"\"ongoingIndicator\":false"_s).size() == 1,
                 qPrintable(kinds.join(u'\n')));
        QCOMPARE(sessions(fixture.db()).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestRuntimeOcpp201)
#include "tst_runtime_ocpp201.moc"
