// Operator commands end to end over real RPC endpoints and a real database (both backends).

#include "core/commands/commandexecutor.h"
#include "core/commands/commandqueue.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/sqlhelpers.h"
#include "core/storage/stationrepository.h"
#include "core/storage/stationstaterepository.h"
#include "support/loopbacklink.h"
#include "support/testdatabase.h"

#include <QSignalSpy>
#include <QTest>

using namespace cd;
using namespace cd::commands;
using storage::CommandRecord;
using namespace Qt::StringLiterals;

namespace {

void addStation(storage::Database &db, const QString &id)
{
    storage::Station s;
    s.chargePointId = id;
    QVERIFY(storage::StationRepository(db).add(s).ok());
}

CommandRequest reset(const QString &station, bool wait = false)
{
    CommandRequest r;
    r.chargePointId = station;
    r.action = QStringLiteral("Reset");
    r.payload = {{"type", "Soft"}};
    r.requestedBy = QStringLiteral("Оператор");
    r.reason = QStringLiteral("station frozen");
    r.waitIfOffline = wait;
    return r;
}

ExecutorOptions executorOptions(const QString &node, std::chrono::milliseconds poll = std::chrono::milliseconds(60000))
{
    ExecutorOptions o;
    o.nodeName = node;
    o.pollInterval = poll;  // long: wake-ups must come from notifications, not the poll
    o.callTimeout = std::chrono::milliseconds(2000);
    return o;
}

QString status(const CommandRecord &record)
{
    const auto json = nlohmann::json::parse(record.result.toStdString(), nullptr, false);
    return json.is_object() && json.contains("status") ? QString::fromStdString(json["status"].get<std::string>()) : QString();
}

// What the server does when a station connects: the charging service records it online (the
// queue refuses commands for offline stations at once), then the executor takes the link.
void connectTo(storage::Database &db, CommandExecutor &executor, test::LoopbackLink &link)
{
    auto state = storage::StationStateRepository(db).find(link.chargePointId());
    QVERIFY(state && state->has_value());
    QVERIFY(storage::StationStateRepository(db).setConnected((*state)->id, link.connectedSinceMs(), u"ocpp1.6"_s).ok());
    executor.stationConnected(link);
}

void answerResetWith(test::LoopbackLink &link, const char *status)
{
    link.station().setHandler(QStringLiteral("Reset"), [status](const ocpp::IncomingCall &, const ocpp::Reply &reply) {
        reply.result({{"status", status}});
    });
}

}  // namespace

class TestCommands : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { qInfo("backend: %s", qPrintable(test::TestDatabase::backendName())); }

    void offlineStationFailsAtOnceButIsRecorded()
    {
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        addStation(fixture.db(), QStringLiteral("CP-1"));
        CommandQueue queue(fixture.db());
        auto id = queue.submit(reset(QStringLiteral("CP-1")));
        QVERIFY(id.ok());
        auto record = queue.get(*id);
        QCOMPARE(record->state, CommandRecord::State::Expired);
        QVERIFY(record->result.contains(QStringLiteral("StationOffline")));
        QCOMPARE(record->requestedBy, QStringLiteral("Оператор"));
        auto audit = storage::AuditLogRepository(fixture.db()).latest(1);
        QCOMPARE(audit->first().action, QStringLiteral("command.submit"));
        QCOMPARE(audit->first().reason, QStringLiteral("station frozen"));
    }

    void unknownStationAndBadInputAreRefused()
    {
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        CommandQueue queue(fixture.db());
        QVERIFY(!queue.submit(reset(QStringLiteral("NOPE"))).ok());
        QCOMPARE(queue.submit(reset(QStringLiteral("bad/id"))).error().code, ExitCode::Usage);
        CommandRequest r = reset(QStringLiteral("X"));
        r.payload = nlohmann::json::array();
        QCOMPARE(queue.submit(r).error().code, ExitCode::Usage);
    }

    void actionsMustSuitTheStationsProtocol()
    {
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        addStation(fixture.db(), QStringLiteral("CP-16"));
        CommandExecutor executor(fixture.db(), executorOptions(QStringLiteral("node-a")));
        executor.start();
        test::LoopbackLink link(QStringLiteral("CP-16"), 1000);
        connectTo(fixture.db(), executor, link);  // an ocpp1.6 station
        CommandQueue queue(fixture.db());
        for (const char *action : {"BootNotification", "Rest", "RequestStartTransaction"}) {
            CommandRequest r = reset(QStringLiteral("CP-16"));
            r.action = QString::fromLatin1(action);
            const auto refused = queue.submit(r);
            QVERIFY2(!refused, action);
            QCOMPARE(refused.error().code, ExitCode::Usage);
            QVERIFY(refused.error().message.contains(QStringLiteral("RemoteStartTransaction")));  // says what it takes
        }
        QVERIFY(CommandQueue::commandActions(ocpp::ProtocolVersion::Ocpp201).contains(QStringLiteral("RequestStartTransaction")));
        QVERIFY(!CommandQueue::commandActions(ocpp::ProtocolVersion::Ocpp16).contains(QStringLiteral("Heartbeat")));
        // Nothing was queued or audited for the refusals.
        QVERIFY(storage::CommandRepository(fixture.db()).latest(10, QStringLiteral("CP-16"))->isEmpty());
    }

    void connectedStationAnswers()
    {
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        addStation(fixture.db(), QStringLiteral("CP-1"));
        CommandExecutor executor(fixture.db(), executorOptions(QStringLiteral("node-a")));
        executor.start();
        test::LoopbackLink link(QStringLiteral("CP-1"), 1000);
        answerResetWith(link, "Accepted");
        connectTo(fixture.db(), executor, link);

        CommandQueue queue(fixture.db());
        auto id = queue.submit(reset(QStringLiteral("CP-1")));
        QVERIFY(id.ok());
        QTRY_COMPARE(queue.get(*id)->state, CommandRecord::State::Succeeded);
        const CommandRecord done = *queue.get(*id);
        QCOMPARE(status(done), QStringLiteral("Accepted"));
        QCOMPARE(done.ownerNode, QStringLiteral("node-a"));
        QVERIFY(done.sentMs && done.completedMs);
    }

    void stationRejectionIsAResultNotAFailure()
    {
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        addStation(fixture.db(), QStringLiteral("CP-1"));
        CommandExecutor executor(fixture.db(), executorOptions(QStringLiteral("node-a")));
        executor.start();
        test::LoopbackLink link(QStringLiteral("CP-1"));
        answerResetWith(link, "Rejected");
        connectTo(fixture.db(), executor, link);
        CommandQueue queue(fixture.db());
        auto id = queue.submit(reset(QStringLiteral("CP-1")));
        QTRY_COMPARE(queue.get(*id)->state, CommandRecord::State::Succeeded);
        QCOMPARE(status(*queue.get(*id)), QStringLiteral("Rejected"));
    }

    void callErrorAndInvalidPayloadFail()
    {
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        addStation(fixture.db(), QStringLiteral("CP-1"));
        CommandExecutor executor(fixture.db(), executorOptions(QStringLiteral("node-a")));
        executor.start();
        test::LoopbackLink link(QStringLiteral("CP-1"));
        link.station().setHandler(QStringLiteral("Reset"), [](const ocpp::IncomingCall &, const ocpp::Reply &reply) {
            reply.error(ocpp::RpcError::make(ocpp::ErrorKind::InternalError, QStringLiteral("boom")));
        });
        connectTo(fixture.db(), executor, link);
        CommandQueue queue(fixture.db());
        auto id = queue.submit(reset(QStringLiteral("CP-1")));
        QTRY_COMPARE(queue.get(*id)->state, CommandRecord::State::Failed);
        QVERIFY(queue.get(*id)->result.contains(QStringLiteral("InternalError")));

        CommandRequest bad = reset(QStringLiteral("CP-1"));
        bad.payload = {{"type", "Sideways"}};  // not in the schema's enum: never sent
        auto badId = queue.submit(bad);
        QTRY_COMPARE(queue.get(*badId)->state, CommandRecord::State::Failed);
        QVERIFY(queue.get(*badId)->result.contains(QStringLiteral("NotSent")));
    }

    void timeoutFails()
    {
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        addStation(fixture.db(), QStringLiteral("CP-1"));
        CommandExecutor executor(fixture.db(), executorOptions(QStringLiteral("node-a")));
        executor.start();
        test::LoopbackLink link(QStringLiteral("CP-1"));
        QList<ocpp::Reply> neverAnswered;  // kept alive: a dropped Reply would answer InternalError
        link.station().setHandler(QStringLiteral("Reset"), [&neverAnswered](const ocpp::IncomingCall &, const ocpp::Reply &r) {
            neverAnswered.append(r);
        });
        connectTo(fixture.db(), executor, link);
        CommandQueue queue(fixture.db());
        auto id = queue.submit(reset(QStringLiteral("CP-1")));
        QTRY_COMPARE_WITH_TIMEOUT(queue.get(*id)->state, CommandRecord::State::Failed, 10000);
        QVERIFY(queue.get(*id)->result.contains(QStringLiteral("Timeout")));
    }

    void waitingCommandRunsWhenStationConnects()
    {
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        addStation(fixture.db(), QStringLiteral("CP-1"));
        CommandExecutor executor(fixture.db(), executorOptions(QStringLiteral("node-a")));
        executor.start();
        CommandQueue queue(fixture.db());
        auto id = queue.submit(reset(QStringLiteral("CP-1"), true));
        QVERIFY(id.ok());
        QTest::qWait(100);
        QCOMPARE(queue.get(*id)->state, CommandRecord::State::Queued);

        test::LoopbackLink link(QStringLiteral("CP-1"));
        answerResetWith(link, "Accepted");
        connectTo(fixture.db(), executor, link);
        QTRY_COMPARE(queue.get(*id)->state, CommandRecord::State::Succeeded);
    }

    void onlyTheNodeHoldingTheStationExecutes()
    {
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        addStation(fixture.db(), QStringLiteral("CP-A"));
        addStation(fixture.db(), QStringLiteral("CP-B"));
        // Two "processes": separate database handles, separate executors.
        auto otherDb = fixture.openAnother();
        QVERIFY(otherDb);
        CommandExecutor nodeA(fixture.db(), executorOptions(QStringLiteral("node-a")));
        CommandExecutor nodeB(*otherDb, executorOptions(QStringLiteral("node-b")));
        nodeA.start();
        nodeB.start();
        test::LoopbackLink linkA(QStringLiteral("CP-A"));
        test::LoopbackLink linkB(QStringLiteral("CP-B"));
        answerResetWith(linkA, "Accepted");
        answerResetWith(linkB, "Accepted");
        connectTo(fixture.db(), nodeA, linkA);
        connectTo(*otherDb, nodeB, linkB);

        // Submitted through a third handle (the CLI or another console).
        auto consoleDb = fixture.openAnother();
        CommandQueue queue(*consoleDb);
        auto a = queue.submit(reset(QStringLiteral("CP-A")));
        auto b = queue.submit(reset(QStringLiteral("CP-B")));
        QTRY_COMPARE(queue.get(*a)->state, CommandRecord::State::Succeeded);
        QTRY_COMPARE(queue.get(*b)->state, CommandRecord::State::Succeeded);
        QCOMPARE(queue.get(*a)->ownerNode, QStringLiteral("node-a"));
        QCOMPARE(queue.get(*b)->ownerNode, QStringLiteral("node-b"));
    }

    void restartFailsCommandsLeftInFlight()
    {
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        addStation(fixture.db(), QStringLiteral("CP-1"));
        CommandQueue queue(fixture.db());
        const qint64 ours = *queue.submit(reset(QStringLiteral("CP-1"), true));
        const qint64 theirs = *queue.submit(reset(QStringLiteral("CP-1"), true));
        // A previous run of node-a sent one command and died; node-b sent the other and lives.
        storage::CommandRepository repo(fixture.db());
        QVERIFY(*repo.claim(ours, QStringLiteral("node-a")));
        QVERIFY(*repo.claim(theirs, QStringLiteral("node-b")));

        CommandExecutor restarted(fixture.db(), executorOptions(QStringLiteral("node-a")));
        restarted.start();
        QCOMPARE(queue.get(ours)->state, CommandRecord::State::Failed);
        QVERIFY(queue.get(ours)->result.contains(QStringLiteral("ServerRestarted")));
        QCOMPARE(queue.get(theirs)->state, CommandRecord::State::Sent);
    }

private:
    static CommandRecord::State queueState(test::TestDatabase &fixture)
    {
        auto id = CommandQueue(fixture.db()).submit(reset(QStringLiteral("CP-1")));
        return CommandQueue(fixture.db()).get(*id)->state;
    }
};

QTEST_GUILESS_MAIN(TestCommands)
#include "tst_commands.moc"
