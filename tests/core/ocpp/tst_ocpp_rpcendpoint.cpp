// RpcEndpoint: incoming calls (dispatch, validation, async answers, every error path), outgoing
// calls (one outstanding, FIFO queue, timeout, response matching and validation), the spy, both
// roles, and the rule that a CALLERROR is made in exactly one place.

#include "core/common/clock.h"
#include "core/ocpp/rpcendpoint.h"

#include <QDirIterator>
#include <QFile>
#include <QTest>

#include <QThread>
#include "ocpptestsupport.h"

#include <memory>

using namespace cd::ocpp;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// One endpoint plus everything it emitted.
struct Harness {
    explicit Harness(const EndpointOptions &options, QObject *context)
        : endpoint(std::make_unique<RpcEndpoint>(options))
    {
        QObject::connect(endpoint.get(), &RpcEndpoint::textToSend, context,
                         [this](const QString &text) { sent.append(text); });
        QObject::connect(endpoint.get(), &RpcEndpoint::frameObserved, context,
                         [this](const FrameRecord &record) { records.push_back(record); });
        QObject::connect(endpoint.get(), &RpcEndpoint::protocolIssue, context,
                         [this](const QString &issue) { issues.append(issue); });
    }

    json lastFrame() const { return sent.isEmpty() ? json() : json::parse(sent.last().toStdString()); }
    void feed(const QString &text) { endpoint->receiveText(text); }
    void feed(const json &frame) { endpoint->receiveText(QString::fromStdString(frame.dump())); }

    std::unique_ptr<RpcEndpoint> endpoint;
    QStringList sent;
    std::vector<FrameRecord> records;
    QStringList issues;
};

EndpointOptions options16(Role role = Role::CentralSystem)
{
    EndpointOptions o;
    o.role = role;
    o.version = ProtocolVersion::Ocpp16;
    return o;
}

EndpointOptions options201(Role role = Role::CentralSystem)
{
    EndpointOptions o = options16(role);
    o.version = ProtocolVersion::Ocpp201;
    return o;
}

// Collects completions.
struct Outcomes {
    CallCompletion make(const QString &tag)
    {
        return [this, tag](const CallOutcome &outcome) { results.append({tag, outcome}); };
    }
    struct Entry {
        QString tag;
        CallOutcome outcome;
    };
    QList<Entry> results;
};

json heartbeatConf()
{
    return {{"currentTime", "2024-05-01T12:00:00Z"}};
}

}  // namespace

class TestRpcEndpoint : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // incoming
    void answersIncomingCall();
    void asyncHandlerAnswersLater();
    void replyFromAnotherThread();
    void onlyTheFirstAnswerCounts();
    void droppedReplyIsInternalError();
    void throwingHandlerIsInternalError();
    void invalidOutgoingResponseIsBlocked();
    void incomingErrors_data();
    void incomingErrors();
    void malformedResultIsNotAnswered();
    void defaultHandler();
    // outgoing
    void callAndResult();
    void secondCallWaitsForTheFirst();
    void completionCallingCallKeepsFifo();
    void callTimesOut();
    void unknownIdResponseIsIgnored();
    void invalidResultCompletesWithValidationError();
    void malformedResultCompletesTheCall();
    void callErrorCompletesTheCall();
    void refusedCalls_data();
    void refusedCalls();
    void messageIdGenerator();
    void abortCompletesEverything();
    void destructionCompletesEverything();
    // spy, roles, the one CALLERROR place
    void spySeesEveryFrame();
    void stationAndCentralSystemTalk();
    void callErrorIsMadeInOnePlace();
};

// ---- incoming --------------------------------------------------------------------------------

void TestRpcEndpoint::answersIncomingCall()
{
    Harness h(options16(), this);
    IncomingCall seen;
    h.endpoint->setHandler(QStringLiteral("BootNotification"), [&](const IncomingCall &call, const Reply &reply) {
        seen = call;
        reply.result({{"status", "Accepted"}, {"currentTime", "2024-05-01T12:00:00Z"}, {"interval", 300}});
    });
    h.feed(QStringLiteral(R"([2,"b-1","BootNotification",{"chargePointVendor":"Acme","chargePointModel":"Fast-22"}])"));
    QCOMPARE(seen.messageId, QStringLiteral("b-1"));
    QCOMPARE(seen.action, QStringLiteral("BootNotification"));
    QCOMPARE_JSON(seen.payload.at("chargePointVendor"), json("Acme"));
    QCOMPARE(h.sent.size(), 1);
    QCOMPARE_JSON(
        h.lastFrame(),
        json::parse(R"([3,"b-1",{"currentTime":"2024-05-01T12:00:00Z","interval":300,"status":"Accepted"}])"));
    QCOMPARE(h.endpoint->pendingIncomingCount(), 0);
}

void TestRpcEndpoint::asyncHandlerAnswersLater()
{
    Harness h(options16(), this);
    std::optional<Reply> kept;
    h.endpoint->setHandler(QStringLiteral("Heartbeat"),
                           [&](const IncomingCall &, const Reply &reply) { kept = reply; });
    h.feed(QStringLiteral(R"([2,"h-1","Heartbeat",{}])"));
    QVERIFY(h.sent.isEmpty());  // nothing until the handler answers (e.g. after a DB commit)
    QCOMPARE(h.endpoint->pendingIncomingCount(), 1);
    QVERIFY(kept && !kept->answered());
    QCOMPARE(kept->messageId(), QStringLiteral("h-1"));
    QCOMPARE(kept->action(), QStringLiteral("Heartbeat"));

    QTimer::singleShot(5ms, this, [&] { kept->result(heartbeatConf()); });
    QTRY_COMPARE(h.sent.size(), 1);
    QCOMPARE_JSON(h.lastFrame()[0], json(3));
    QCOMPARE_JSON(h.lastFrame()[1], json("h-1"));
    QCOMPARE(h.endpoint->pendingIncomingCount(), 0);
    kept.reset();  // dropping an answered reply sends nothing more
    QCOMPARE(h.sent.size(), 1);
}

void TestRpcEndpoint::replyFromAnotherThread()
{
    Harness h(options16(), this);
    std::unique_ptr<QThread> worker;
    h.endpoint->setHandler(QStringLiteral("Heartbeat"), [&](const IncomingCall &, const Reply &reply) {
        worker.reset(QThread::create([reply] {
            QThread::msleep(5);
            reply.result(heartbeatConf());
        }));
        worker->start();
    });
    h.feed(QStringLiteral(R"([2,"t-1","Heartbeat",{}])"));
    QTRY_COMPARE(h.sent.size(), 1);  // delivered on the endpoint's thread
    QCOMPARE_JSON(h.lastFrame()[1], json("t-1"));
    worker->wait();
}

void TestRpcEndpoint::onlyTheFirstAnswerCounts()
{
    Harness h(options16(), this);
    h.endpoint->setHandler(QStringLiteral("Heartbeat"), [&](const IncomingCall &, const Reply &reply) {
        reply.result(heartbeatConf());
        reply.error(RpcError::make(ErrorKind::GenericError, QStringLiteral("late")));
        reply.result(heartbeatConf());
        QVERIFY(reply.answered());
    });
    h.feed(QStringLiteral(R"([2,"o-1","Heartbeat",{}])"));
    QCOMPARE(h.sent.size(), 1);
    QCOMPARE_JSON(h.lastFrame()[0], json(3));
}

void TestRpcEndpoint::droppedReplyIsInternalError()
{
    Harness h(options16(), this);
    h.endpoint->setHandler(QStringLiteral("Heartbeat"), [](const IncomingCall &, const Reply &) {});
    h.feed(QStringLiteral(R"([2,"d-1","Heartbeat",{}])"));
    QCOMPARE(h.sent.size(), 1);
    QCOMPARE_JSON(h.lastFrame()[2], json("InternalError"));
    QCOMPARE(h.endpoint->pendingIncomingCount(), 0);
}

void TestRpcEndpoint::throwingHandlerIsInternalError()
{
    Harness h(options16(), this);
    h.endpoint->setHandler(QStringLiteral("Authorize"), [](const IncomingCall &call, const Reply &reply) {
        reply.result({{"idTagInfo", {{"status", call.payload.at("missing").get<std::string>()}}}});  // throws
    });
    h.feed(QStringLiteral(R"([2,"x-1","Authorize",{"idTag":"T"}])"));
    QCOMPARE(h.sent.size(), 1);
    QCOMPARE_JSON(h.lastFrame(), json::parse(R"([4,"x-1","InternalError","Internal error",{}])"));
}

void TestRpcEndpoint::invalidOutgoingResponseIsBlocked()
{
    Harness h(options16(), this);
    h.endpoint->setHandler(QStringLiteral("Authorize"), [](const IncomingCall &, const Reply &reply) {
        reply.result({{"idTagInfo", {{"status", "Welcome"}}}});  // not in the enum
    });
    h.feed(QStringLiteral(R"([2,"a-1","Authorize",{"idTag":"T"}])"));
    QCOMPARE(h.sent.size(), 1);
    const json frame = h.lastFrame();
    QCOMPARE_JSON(frame[0], json(4));  // never the invalid CALLRESULT
    QCOMPARE_JSON(frame[1], json("a-1"));
    QCOMPARE_JSON(frame[2], json("InternalError"));  // as strict ocpp-rpc does
    QVERIFY(h.issues.join(u'\n').contains(u"/idTagInfo/status"));
}

void TestRpcEndpoint::incomingErrors_data()
{
    QTest::addColumn<int>("version");
    QTest::addColumn<QString>("frame");
    QTest::addColumn<QString>("replyId");
    QTest::addColumn<QString>("code");

    const int v16 = int(ProtocolVersion::Ocpp16);
    const int v201 = int(ProtocolVersion::Ocpp201);
    QTest::newRow("1.6 not JSON") << v16 << QStringLiteral("[2,") << QStringLiteral("-1")
                                  << QStringLiteral("FormationViolation");
    QTest::newRow("1.6 id too long") << v16
                                     << QStringLiteral(R"([2,"0123456789012345678901234567890123456","Heartbeat",{}])")
                                     << QStringLiteral("-1") << QStringLiteral("FormationViolation");
    QTest::newRow("1.6 payload missing") << v16 << QStringLiteral(R"([2,"e","Heartbeat"])") << QStringLiteral("e")
                                         << QStringLiteral("ProtocolError");
    QTest::newRow("1.6 unknown action") << v16 << QStringLiteral(R"([2,"e","TransactionEvent",{}])")
                                        << QStringLiteral("e") << QStringLiteral("NotImplemented");
    QTest::newRow("1.6 action the peer may not send") << v16 << QStringLiteral(R"([2,"e","Reset",{"type":"Soft"}])")
                                                      << QStringLiteral("e") << QStringLiteral("NotSupported");
    QTest::newRow("1.6 no handler") << v16 << QStringLiteral(R"([2,"e","DataTransfer",{"vendorId":"v"}])")
                                    << QStringLiteral("e") << QStringLiteral("NotSupported");
    QTest::newRow("1.6 missing field") << v16 << QStringLiteral(R"([2,"e","Authorize",{}])") << QStringLiteral("e")
                                       << QStringLiteral("OccurenceConstraintViolation");
    QTest::newRow("1.6 wrong type") << v16 << QStringLiteral(R"([2,"e","Authorize",{"idTag":1}])")
                                    << QStringLiteral("e") << QStringLiteral("TypeConstraintViolation");
    QTest::newRow("1.6 too long") << v16 << QStringLiteral(R"([2,"e","Authorize",{"idTag":"123456789012345678901"}])")
                                  << QStringLiteral("e") << QStringLiteral("FormationViolation");
    QTest::newRow("1.6 extra field") << v16 << QStringLiteral(R"([2,"e","Authorize",{"idTag":"1","pin":"0000"}])")
                                     << QStringLiteral("e") << QStringLiteral("PropertyConstraintViolation");
    QTest::newRow("2.0.1 not JSON") << v201 << QStringLiteral("{") << QStringLiteral("-1")
                                    << QStringLiteral("RpcFrameworkError");
    QTest::newRow("2.0.1 unknown message type") << v201 << QStringLiteral(R"([6,"e","NotifyPeriodicEventStream",{}])")
                                                << QStringLiteral("-1") << QStringLiteral("MessageTypeNotSupported");
    QTest::newRow("2.0.1 payload not object") << v201 << QStringLiteral(R"([2,"e","Heartbeat",[]])")
                                              << QStringLiteral("e") << QStringLiteral("FormatViolation");
    QTest::newRow("2.0.1 missing field") << v201 << QStringLiteral(R"([2,"e","Authorize",{}])") << QStringLiteral("e")
                                         << QStringLiteral("OccurrenceConstraintViolation");
    QTest::newRow("2.0.1 unknown action") << v201 << QStringLiteral(R"([2,"e","StartTransaction",{}])")
                                          << QStringLiteral("e") << QStringLiteral("NotImplemented");
}

void TestRpcEndpoint::incomingErrors()
{
    QFETCH(int, version);
    QFETCH(QString, frame);
    QFETCH(QString, replyId);
    QFETCH(QString, code);

    EndpointOptions o = options16();
    o.version = ProtocolVersion(version);
    Harness h(o, this);
    bool handled = false;
    h.endpoint->setHandler(QStringLiteral("Authorize"), [&](const IncomingCall &, const Reply &) { handled = true; });
    h.endpoint->setHandler(QStringLiteral("Heartbeat"), [&](const IncomingCall &, const Reply &) { handled = true; });
    h.endpoint->setHandler(QStringLiteral("Reset"), [&](const IncomingCall &, const Reply &) { handled = true; });
    h.feed(frame);
    QVERIFY(!handled);
    QCOMPARE(h.sent.size(), 1);
    const json out = h.lastFrame();
    QCOMPARE(out.size(), std::size_t(5));
    QCOMPARE_JSON(out[0], json(4));
    QCOMPARE(QString::fromStdString(out[1].get<std::string>()), replyId);
    QCOMPARE(QString::fromStdString(out[2].get<std::string>()), code);
    QVERIFY(out[3].is_string() && !out[3].get<std::string>().empty());
    QVERIFY(out[4].is_object());
    QCOMPARE(h.endpoint->pendingIncomingCount(), 0);
}

void TestRpcEndpoint::malformedResultIsNotAnswered()
{
    Harness h(options16(), this);
    h.feed(QStringLiteral(R"([3,"r",[]])"));
    h.feed(QStringLiteral(R"([4,"r","GenericError"])"));
    h.feed(QString());  // empty frames are ignored silently
    QVERIFY(h.sent.isEmpty());
    QCOMPARE(h.issues.size(), 2);
}

void TestRpcEndpoint::defaultHandler()
{
    Harness h(options16(), this);
    QStringList actions;
    h.endpoint->setDefaultHandler([&](const IncomingCall &call, const Reply &reply) {
        actions.append(call.action);
        reply.result(json::object());
    });
    h.endpoint->setHandler(QStringLiteral("Heartbeat"),
                           [](const IncomingCall &, const Reply &reply) { reply.result(heartbeatConf()); });
    h.feed(QStringLiteral(
        R"([2,"1","StatusNotification",{"connectorId":1.0,"errorCode":"NoError","status":"Available"}])"));
    h.feed(QStringLiteral(R"([2,"2","Heartbeat",{}])"));
    QCOMPARE(actions, QStringList{QStringLiteral("StatusNotification")});
    QCOMPARE(h.sent.size(), 2);
    QCOMPARE_JSON(json::parse(h.sent[0].toStdString()), json::parse(R"([3,"1",{}])"));
    QCOMPARE_JSON(h.lastFrame()[2], heartbeatConf());
}

// ---- outgoing --------------------------------------------------------------------------------

void TestRpcEndpoint::callAndResult()
{
    Outcomes outcomes;
    Harness h(options16(), this);
    const QString id =
        h.endpoint->call(QStringLiteral("Reset"), {{"type", "Soft"}}, outcomes.make(QStringLiteral("reset")));
    QCOMPARE(id.size(), 36);
    QCOMPARE(h.sent.size(), 1);
    QCOMPARE_JSON(h.lastFrame(), json::array({2, id.toStdString(), "Reset", {{"type", "Soft"}}}));
    QVERIFY(h.endpoint->callInFlight());

    h.feed(json::array({3, id.toStdString(), {{"status", "Accepted"}}}));
    QCOMPARE(outcomes.results.size(), 1);
    const CallOutcome &outcome = outcomes.results[0].outcome;
    QVERIFY(outcome.ok());
    QCOMPARE_JSON(outcome.value(), json({{"status", "Accepted"}}));
    QVERIFY(!h.endpoint->callInFlight());
}

void TestRpcEndpoint::secondCallWaitsForTheFirst()
{
    Outcomes outcomes;
    Harness h(options16(), this);
    const QString a =
        h.endpoint->call(QStringLiteral("ClearCache"), json::object(), outcomes.make(QStringLiteral("a")));
    const QString b =
        h.endpoint->call(QStringLiteral("GetLocalListVersion"), json::object(), outcomes.make(QStringLiteral("b")));
    QCOMPARE(h.sent.size(), 1);  // the second CALL is not sent while the first is outstanding
    QCOMPARE(h.endpoint->queuedCallCount(), 1);
    QCOMPARE_JSON(h.lastFrame()[1], json(a.toStdString()));

    h.feed(json::array({3, a.toStdString(), {{"status", "Accepted"}}}));
    QCOMPARE(h.sent.size(), 2);
    QCOMPARE_JSON(h.lastFrame()[1], json(b.toStdString()));
    QCOMPARE(outcomes.results.size(), 1);
    QCOMPARE(outcomes.results[0].tag, QStringLiteral("a"));

    h.feed(json::array({3, b.toStdString(), {{"listVersion", 4}}}));
    QCOMPARE(outcomes.results.size(), 2);
    QCOMPARE_JSON(outcomes.results[1].outcome.value().at("listVersion"), json(4));
    QCOMPARE(h.endpoint->queuedCallCount(), 0);
}

void TestRpcEndpoint::completionCallingCallKeepsFifo()
{
    Harness h(options16(), this);
    QStringList order;
    QString c;
    const QString a = h.endpoint->call(QStringLiteral("ClearCache"), json::object(), [&](const CallOutcome &) {
        c = h.endpoint->call(QStringLiteral("ClearCache"), json::object(),
                             [&](const CallOutcome &) { order.append(QStringLiteral("c")); });
        order.append(QStringLiteral("a"));
    });
    const QString b = h.endpoint->call(QStringLiteral("ClearCache"), json::object(),
                                       [&](const CallOutcome &) { order.append(QStringLiteral("b")); });
    h.feed(json::array({3, a.toStdString(), {{"status", "Accepted"}}}));
    QCOMPARE_JSON(h.lastFrame()[1], json(b.toStdString()));  // b was waiting before c was made
    h.feed(json::array({3, b.toStdString(), {{"status", "Accepted"}}}));
    QCOMPARE_JSON(h.lastFrame()[1], json(c.toStdString()));
    h.feed(json::array({3, c.toStdString(), {{"status", "Accepted"}}}));
    QCOMPARE(order, (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
}

void TestRpcEndpoint::callTimesOut()
{
    Outcomes outcomes;
    Harness h(options16(), this);
    const QString a =
        h.endpoint->call(QStringLiteral("ClearCache"), json::object(), outcomes.make(QStringLiteral("a")), 30ms);
    const QString b =
        h.endpoint->call(QStringLiteral("ClearCache"), json::object(), outcomes.make(QStringLiteral("b")), 10s);
    QTRY_COMPARE(outcomes.results.size(), 1);
    const CallOutcome &outcome = outcomes.results[0].outcome;
    QVERIFY(!outcome.ok());
    QCOMPARE(outcome.error().reason, CallFailure::Reason::Timeout);
    QCOMPARE(h.sent.size(), 2);  // the next call went out
    QCOMPARE_JSON(h.lastFrame()[1], json(b.toStdString()));

    // The late answer to the timed-out call is logged and ignored; b is unaffected.
    h.feed(json::array({3, a.toStdString(), {{"status", "Accepted"}}}));
    QCOMPARE(outcomes.results.size(), 1);
    QVERIFY(h.endpoint->callInFlight());
    QVERIFY(h.issues.last().contains(a));
}

void TestRpcEndpoint::unknownIdResponseIsIgnored()
{
    Outcomes outcomes;
    Harness h(options16(), this);
    h.endpoint->call(QStringLiteral("ClearCache"), json::object(), outcomes.make(QStringLiteral("a")));
    h.feed(QStringLiteral(R"([3,"nobody-asked",{"status":"Accepted"}])"));
    h.feed(QStringLiteral(R"([4,"nobody-asked","GenericError","",{}])"));
    QCOMPARE(h.sent.size(), 1);  // no answer to a response
    QVERIFY(outcomes.results.isEmpty());
    QVERIFY(h.endpoint->callInFlight());
    QCOMPARE(h.issues.size(), 2);
    QVERIFY(!h.records.back().problem.isEmpty());
    QCOMPARE(h.records.back().messageId, QStringLiteral("nobody-asked"));
}

void TestRpcEndpoint::invalidResultCompletesWithValidationError()
{
    Outcomes outcomes;
    Harness h(options16(), this);
    const QString a = h.endpoint->call(QStringLiteral("Reset"), {{"type", "Hard"}}, outcomes.make(QStringLiteral("a")));
    h.endpoint->call(QStringLiteral("ClearCache"), json::object(), outcomes.make(QStringLiteral("b")));
    h.feed(json::array({3, a.toStdString(), {{"status", "Maybe"}}}));
    QCOMPARE(outcomes.results.size(), 1);
    const CallFailure &f = outcomes.results[0].outcome.error();
    QCOMPARE(f.reason, CallFailure::Reason::InvalidResponse);
    QCOMPARE(f.error.kind, ErrorKind::FormatViolation);
    QCOMPARE(f.errorCode, QStringLiteral("FormationViolation"));
    QVERIFY(f.error.description.contains(u"/status"));
    QCOMPARE(h.sent.size(), 2);  // nothing sent back, the next call went out
    QCOMPARE_JSON(h.lastFrame()[2], json("ClearCache"));
}

void TestRpcEndpoint::malformedResultCompletesTheCall()
{
    Outcomes outcomes;
    Harness h(options201(), this);
    const QString a =
        h.endpoint->call(QStringLiteral("ClearCache"), json::object(), outcomes.make(QStringLiteral("a")));
    h.feed(QStringLiteral(R"([3,"%1","Accepted"])").arg(a));
    QCOMPARE(outcomes.results.size(), 1);
    QCOMPARE(outcomes.results[0].outcome.error().reason, CallFailure::Reason::InvalidResponse);
    QCOMPARE(outcomes.results[0].outcome.error().errorCode, QStringLiteral("FormatViolation"));
    QCOMPARE(h.sent.size(), 1);
}

void TestRpcEndpoint::callErrorCompletesTheCall()
{
    Outcomes outcomes;
    Harness h(options16(), this);
    const QString a =
        h.endpoint->call(QStringLiteral("UnlockConnector"), {{"connectorId", 1}}, outcomes.make(QStringLiteral("a")));
    // ocpp-rpc's 1.6 spelling of the occurrence code differs from the spec's: both are understood.
    h.feed(json::array({4, a.toStdString(), "OccurrenceConstraintViolation", "connectorId missing", {{"hint", 1}}}));
    QCOMPARE(outcomes.results.size(), 1);
    const CallFailure &f = outcomes.results[0].outcome.error();
    QCOMPARE(f.reason, CallFailure::Reason::CallError);
    QCOMPARE(f.error.kind, ErrorKind::OccurrenceConstraintViolation);
    QCOMPARE(f.errorCode, QStringLiteral("OccurrenceConstraintViolation"));
    QCOMPARE(f.error.description, QStringLiteral("connectorId missing"));
    QCOMPARE_JSON(f.error.details, json({{"hint", 1}}));
}

void TestRpcEndpoint::refusedCalls_data()
{
    QTest::addColumn<int>("role");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<int>("kind");

    const int cs = int(Role::CentralSystem);
    QTest::newRow("unknown action") << cs << QStringLiteral("Reboot") << QByteArray("{}")
                                    << int(ErrorKind::NotImplemented);
    QTest::newRow("not the central system's to send")
        << cs << QStringLiteral("BootNotification") << QByteArray(R"({"chargePointVendor":"V","chargePointModel":"M"})")
        << int(ErrorKind::NotSupported);
    QTest::newRow("not the station's to send") << int(Role::ChargingStation) << QStringLiteral("Reset")
                                               << QByteArray(R"({"type":"Soft"})") << int(ErrorKind::NotSupported);
    QTest::newRow("invalid payload") << cs << QStringLiteral("Reset") << QByteArray(R"({"type":"Warm"})")
                                     << int(ErrorKind::FormatViolation);
    QTest::newRow("payload not an object")
        << cs << QStringLiteral("ClearCache") << QByteArray("[]") << int(ErrorKind::TypeConstraintViolation);
}

void TestRpcEndpoint::refusedCalls()
{
    QFETCH(int, role);
    QFETCH(QString, action);
    QFETCH(QByteArray, payload);
    QFETCH(int, kind);

    Outcomes outcomes;
    Harness h(options16(Role(role)), this);
    h.endpoint->call(action, json::parse(payload.toStdString()), outcomes.make(action));
    QVERIFY(outcomes.results.isEmpty());  // never completed from inside call()
    QTRY_COMPARE(outcomes.results.size(), 1);
    const CallFailure &f = outcomes.results[0].outcome.error();
    QCOMPARE(f.reason, CallFailure::Reason::Rejected);
    QCOMPARE(f.error.kind, ErrorKind(kind));
    QVERIFY(h.sent.isEmpty());
    QVERIFY(!h.endpoint->callInFlight());
}

void TestRpcEndpoint::messageIdGenerator()
{
    EndpointOptions o = options16();
    int next = 0;
    o.messageIdGenerator = [&next] { return next++ == 0 ? QStringLiteral("sim-1") : QString(37, u'x'); };
    Outcomes outcomes;
    Harness h(o, this);
    QCOMPARE(h.endpoint->call(QStringLiteral("ClearCache"), json::object(), outcomes.make(QStringLiteral("a"))),
             QStringLiteral("sim-1"));
    QCOMPARE_JSON(h.lastFrame()[1], json("sim-1"));
    // An id the peer would reject is never sent.
    h.endpoint->call(QStringLiteral("ClearCache"), json::object(), outcomes.make(QStringLiteral("b")));
    QTRY_COMPARE(outcomes.results.size(), 1);
    QCOMPARE(outcomes.results[0].outcome.error().reason, CallFailure::Reason::Rejected);
    QCOMPARE(h.sent.size(), 1);
}

void TestRpcEndpoint::abortCompletesEverything()
{
    Outcomes outcomes;
    Harness h(options16(), this);
    std::optional<Reply> kept;
    h.endpoint->setHandler(QStringLiteral("Heartbeat"),
                           [&](const IncomingCall &, const Reply &reply) { kept = reply; });
    h.feed(QStringLiteral(R"([2,"in-1","Heartbeat",{}])"));
    h.endpoint->call(QStringLiteral("ClearCache"), json::object(), outcomes.make(QStringLiteral("a")));
    h.endpoint->call(QStringLiteral("ClearCache"), json::object(), outcomes.make(QStringLiteral("b")));
    h.endpoint->abort(QStringLiteral("socket closed"));
    QCOMPARE(outcomes.results.size(), 2);
    for (const auto &entry : outcomes.results) {
        QCOMPARE(entry.outcome.error().reason, CallFailure::Reason::Aborted);
        QCOMPARE(entry.outcome.error().error.description, QStringLiteral("socket closed"));
    }
    QCOMPARE(outcomes.results[0].tag, QStringLiteral("a"));
    QCOMPARE(h.endpoint->pendingIncomingCount(), 0);
    const qsizetype before = h.sent.size();
    kept->result(heartbeatConf());  // the connection it came on is gone: dropped
    QCOMPARE(h.sent.size(), before);

    // Still usable afterwards.
    h.endpoint->call(QStringLiteral("ClearCache"), json::object(), outcomes.make(QStringLiteral("c")));
    QCOMPARE(h.sent.size(), before + 1);
}

void TestRpcEndpoint::destructionCompletesEverything()
{
    Outcomes outcomes;
    std::optional<Reply> kept;
    {
        Harness h(options16(), this);
        h.endpoint->setHandler(QStringLiteral("Heartbeat"),
                               [&](const IncomingCall &, const Reply &reply) { kept = reply; });
        h.feed(QStringLiteral(R"([2,"in-1","Heartbeat",{}])"));
        h.endpoint->call(QStringLiteral("ClearCache"), json::object(), outcomes.make(QStringLiteral("a")));
        h.endpoint->call(QStringLiteral("Reboot"), json::object(), outcomes.make(QStringLiteral("rejected")));
    }
    QCOMPARE(outcomes.results.size(), 2);
    kept->result(heartbeatConf());  // no endpoint any more: nothing happens
    kept.reset();
}

// ---- spy, roles, one place -------------------------------------------------------------------

void TestRpcEndpoint::spySeesEveryFrame()
{
    cd::ManualClock clock(1714564800000);
    EndpointOptions o = options16();
    o.clock = &clock;
    Harness h(o, this);
    h.endpoint->setHandler(QStringLiteral("Heartbeat"),
                           [](const IncomingCall &, const Reply &reply) { reply.result(heartbeatConf()); });
    h.feed(QStringLiteral(R"([2,"h-1","Heartbeat",{}])"));
    clock.advanceMs(5);
    const QString id = h.endpoint->call(QStringLiteral("ClearCache"), json::object(), [](const CallOutcome &) {});
    h.feed(json::array({3, id.toStdString(), {{"status", "Accepted"}}}));
    h.feed(QStringLiteral("garbage"));

    QCOMPARE(h.records.size(), std::size_t(6));
    const auto check = [&](std::size_t i, FrameDirection direction, std::optional<MessageType> type,
                           const QString &messageId, const QString &action, bool problem) {
        const FrameRecord &r = h.records[i];
        QCOMPARE(r.direction, direction);
        QCOMPARE(r.messageType, type);
        QCOMPARE(r.messageId, messageId);
        QCOMPARE(r.action, action);
        QCOMPARE(!r.problem.isEmpty(), problem);
        QVERIFY(!r.text.isEmpty());
    };
    check(0, FrameDirection::Incoming, MessageType::Call, QStringLiteral("h-1"), QStringLiteral("Heartbeat"), false);
    check(1, FrameDirection::Outgoing, MessageType::CallResult, QStringLiteral("h-1"), QStringLiteral("Heartbeat"),
          false);
    check(2, FrameDirection::Outgoing, MessageType::Call, id, QStringLiteral("ClearCache"), false);
    check(3, FrameDirection::Incoming, MessageType::CallResult, id, QStringLiteral("ClearCache"), false);
    check(4, FrameDirection::Incoming, std::nullopt, QString(), QString(), true);
    check(5, FrameDirection::Outgoing, MessageType::CallError, QStringLiteral("-1"), QString(), false);
    QCOMPARE(h.records[0].timestampMs, qint64(1714564800000));
    QCOMPARE(h.records[2].timestampMs, qint64(1714564800005));
    QCOMPARE(h.records[0].text, QStringLiteral(R"([2,"h-1","Heartbeat",{}])"));
    QCOMPARE(h.records[5].text, h.sent.last());
}

void TestRpcEndpoint::stationAndCentralSystemTalk()
{
    // An in-process pair, wired back to back; the simulator uses the station flavour.
    Outcomes outcomes;
    Harness server(options201(Role::CentralSystem), this);
    Harness station(options201(Role::ChargingStation), this);
    connect(server.endpoint.get(), &RpcEndpoint::textToSend, station.endpoint.get(), &RpcEndpoint::receiveText);
    connect(station.endpoint.get(), &RpcEndpoint::textToSend, server.endpoint.get(), &RpcEndpoint::receiveText);

    server.endpoint->setHandler(QStringLiteral("BootNotification"), [](const IncomingCall &call, const Reply &reply) {
        QCOMPARE_JSON(call.payload.at("reason"), json("PowerUp"));
        reply.result({{"currentTime", "2024-05-01T12:00:00Z"}, {"interval", 60}, {"status", "Accepted"}});
    });
    station.endpoint->setHandler(QStringLiteral("Reset"), [](const IncomingCall &, const Reply &reply) {
        reply.result({{"status", "Scheduled"}});
    });

    station.endpoint->call(
        QStringLiteral("BootNotification"),
        {{"reason", "PowerUp"}, {"chargingStation", {{"model", "Sim"}, {"vendorName", "ChargeDesk"}}}},
        outcomes.make(QStringLiteral("boot")));
    server.endpoint->call(QStringLiteral("Reset"), {{"type", "OnIdle"}}, outcomes.make(QStringLiteral("reset")));
    QCOMPARE(outcomes.results.size(), 2);
    QCOMPARE_JSON(outcomes.results[0].outcome.value().at("status"), json("Accepted"));
    QCOMPARE_JSON(outcomes.results[1].outcome.value().at("status"), json("Scheduled"));
}

void TestRpcEndpoint::callErrorIsMadeInOnePlace()
{
    // Every CALLERROR on the wire comes from encodeCallError(), and the endpoint calls it from a
    // single method. (The behaviour of each error path is covered by incomingErrors.)
    const QString root = qEnvironmentVariable("CHARGEDESK_SOURCE_DIR");
    if (root.isEmpty())
        QSKIP("CHARGEDESK_SOURCE_DIR not set");
    QDirIterator it(root + QStringLiteral("/core"), {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files,
                    QDirIterator::Subdirectories);
    QStringList callers;
    QStringList builders;
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QString text;
        for (const QString &line : QString::fromUtf8(file.readAll()).split(u'\n')) {
            const qsizetype comment = line.indexOf(u"//");
            text += (comment >= 0 ? line.left(comment) : line) + u'\n';  // code only
        }
        const QString name = path.mid(root.size() + 1);
        for (qsizetype at = text.indexOf(u"encodeCallError("); at >= 0; at = text.indexOf(u"encodeCallError(", at + 1))
            callers.append(name);
        if (text.contains(u"MessageType::CallError),"))  // a frame array that starts with 4
            builders.append(name);
    }
    callers.sort();
    QCOMPARE(builders, QStringList{QStringLiteral("core/ocpp/callerror.cpp")});
    QCOMPARE(callers, (QStringList{QStringLiteral("core/ocpp/callerror.cpp"), QStringLiteral("core/ocpp/callerror.h"),
                                   QStringLiteral("core/ocpp/rpcendpoint.cpp")}));
}

QTEST_GUILESS_MAIN(TestRpcEndpoint)
#include "tst_ocpp_rpcendpoint.moc"
