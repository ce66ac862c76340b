// The hold service (HoldService) with its idempotency journal (payment_calls), against the manual
// gateway and the HTTP gateway with a Stripe-shaped server on loopback:
// - the key and the call are in the database before the gateway hears of them;
// - a call whose answer was lost, or whose process died, is sent again with the same key and
//   carried out once;
// - a capture of part of the hold releases the rest; a refund is never above what was captured;
// - hold reports that arrive before the hold's reference or card token exist are kept and applied
//   later, in order (seed 000: "HOLD STATUS UPDATE: 'hold' - IGNORED, NO TOKEN YET");
// - sessions, the hold history and the audit log follow.

#include "stripetestserver.h"
#include "support/testdatabase.h"

#include "core/payments/holdservice.h"
#include "core/payments/httpgateway.h"
#include "core/payments/manualgateway.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace cd;
using namespace cd::payments;
using cd::test::HttpRequest;
using cd::test::StripeTestServer;
using cd::test::TestDatabase;

namespace {

constexpr qint64 kT0 = 1'694'871'682'000;  // 2023-09-16 13:41:22 UTC, the seed's first line

const Actor kOperator{QStringLiteral("Olena"), QStringLiteral("customer at the desk")};

QVariant scalar(const storage::Database &db, const QString &sql, const QVariantList &values = {})
{
    auto q = storage::Sql::run(db.connection(), sql, values);
    return q && q->next() ? q->value(0) : QVariant();
}

qint64 makeSession(const storage::Database &db)
{
    auto station = storage::Sql::run(db.connection(),
                                     QStringLiteral("INSERT INTO stations (charge_point_id, created_ms) VALUES ('F2677', ?)")
                                         + db.dialect().returningIdClause(),
                                     {kT0});
    if (!station)
        return 0;
    storage::Session s;
    s.stationId = db.dialect().insertedId(*station);
    s.connectorId = 4;
    auto created = storage::SessionRepository(db).create(s, kT0);
    return created ? created->id : 0;
}

HoldRequest request(qint64 amount, const QString &card = QStringLiteral("pm_card_visa"))
{
    HoldRequest r;
    r.amountMinor = amount;
    r.currency = QStringLiteral("UAH");
    r.cardToken = card;
    return r;
}

// Waits for the answer to one call.
bool waitForCall(QSignalSpy &spy, qint64 callId, GatewayResult *result = nullptr, int ms = 10000)
{
    const bool ok = QTest::qWaitFor(
        [&] {
            for (const QList<QVariant> &args : spy) {
                if (args.at(0).toLongLong() == callId)
                    return true;
            }
            return false;
        },
        ms);
    if (ok && result) {
        for (const QList<QVariant> &args : spy) {
            if (args.at(0).toLongLong() == callId)
                *result = args.at(2).value<GatewayResult>();
        }
    }
    return ok;
}

QStringList holdStatusEvents(const storage::Database &db, qint64 sessionId)
{
    QStringList out;
    auto events = storage::SessionRepository(db).events(sessionId);
    if (!events)
        return {QStringLiteral("error")};
    for (const storage::SessionEvent &e : *events) {
        if (e.kind == u"hold_status") {
            const auto d = nlohmann::json::parse(e.detail.toStdString());
            out << QString::fromStdString(d["to"].get<std::string>());
        } else if (e.kind == u"hold_report_waiting") {
            out << QStringLiteral("(waiting)");
        }
    }
    return out;
}

// The gateway under test: the manual one or the HTTP one with its server.
struct GatewayUnderTest {
    explicit GatewayUnderTest(bool http, const storage::Database &db, const Clock &clock)
    {
        if (http) {
            server = std::make_unique<StripeTestServer>();
            server->listen();
            gateway = std::make_unique<HttpGateway>(
                HttpGatewayConfig{server->baseUrl(), QString::fromLatin1(StripeTestServer::kGoodKey), 5000});
        } else {
            gateway = std::make_unique<ManualGateway>(db, clock);
        }
    }
    std::unique_ptr<StripeTestServer> server;
    std::unique_ptr<PaymentGateway> gateway;
};

}  // namespace

class TestPaymentHolds : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(TestDatabase::backendName())); }
    void holdThenPartialCapture_data();
    void holdThenPartialCapture();
    void refundNeverAboveCaptured_data();
    void refundNeverAboveCaptured();
    void releaseGivesTheMoneyBack();
    void keyIsStoredBeforeTheCall();
    void lostAnswerIsRetriedWithTheSameKey();
    void crashBeforeTheAnswerIsResumedWithTheSameKey();
    void refusalIsFinal();
    void oneMoneyCallAtATime();
    void reportBeforeTheCardTokenWaits();
    void reportBeforeTheHoldIsKnownWaits();
    void lateReportsNeverTakeAHoldBack();
    void refreshAppliesTheGatewaysStatus();
};

void TestPaymentHolds::holdThenPartialCapture_data()
{
    QTest::addColumn<bool>("http");
    QTest::newRow("manual") << false;
    QTest::newRow("http") << true;
}

void TestPaymentHolds::holdThenPartialCapture()
{
    QFETCH(bool, http);
    TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualClock clock(kT0);
    GatewayUnderTest g(http, fixture.db(), clock);
    HoldService service(fixture.db(), *g.gateway, clock);
    QSignalSpy finished(&service, &HoldService::callFinished);
    const qint64 sessionId = makeSession(fixture.db());
    QVERIFY(sessionId > 0);

    auto placed = service.placeHold({sessionId, request(5000)}, kOperator);
    QVERIFY2(placed.ok(), qPrintable(placed.error().message));
    // In the database before any answer: the hold (created) and its call (pending).
    QCOMPARE(scalar(fixture.db(), QStringLiteral("SELECT status FROM payment_holds WHERE id = ?"), {placed->holdId}).toString(),
             QStringLiteral("created"));
    QCOMPARE(scalar(fixture.db(), QStringLiteral("SELECT hold_status FROM sessions WHERE id = ?"), {sessionId}).toString(),
             QStringLiteral("created"));
    GatewayResult answer;
    QVERIFY(waitForCall(finished, placed->callId, &answer));
    QVERIFY2(answer.done(), qPrintable(answer.error));

    auto held = service.hold(placed->holdId);
    QVERIFY(held.ok());
    QCOMPARE(held->status, HoldStatus::Hold);
    QCOMPARE(held->amountMinor, qint64(5000));
    QVERIFY(!held->gatewayRef.isEmpty());
    QCOMPARE(held->gateway, g.gateway->name());
    QCOMPARE(held->cardToken, http ? QStringLiteral("pm_card_visa") : QStringLiteral("pm_card_visa"));

    clock.advanceMs(90 * 60 * 1000);
    auto captured = service.capture(placed->holdId, 3100, kOperator);
    QVERIFY2(captured.ok(), qPrintable(captured.error().message));
    QVERIFY(waitForCall(finished, captured->callId, &answer));
    QVERIFY2(answer.done(), qPrintable(answer.error));

    held = service.hold(placed->holdId);
    QCOMPARE(held->status, HoldStatus::Success);
    QCOMPARE(held->capturedMinor, qint64(3100));
    QCOMPARE(held->amountMinor, qint64(5000));  // what was held; the other 1900 went back
    if (http) {
        const auto intent = g.server->intent(held->gatewayRef);
        QCOMPARE(intent["amount_received"].get<qint64>(), qint64(3100));
        QCOMPARE(intent["amount_capturable"].get<qint64>(), qint64(0));
        QCOMPARE(intent["status"].get<std::string>(), std::string("succeeded"));
    }

    // The session shows it.
    auto row = storage::Sql::run(fixture.db().connection(),
                                 QStringLiteral("SELECT hold_status, payment_status, hold_amount_minor, captured_minor, currency "
                                                "FROM sessions WHERE id = ?"),
                                 {sessionId});
    QVERIFY(row && row->next());
    QCOMPARE(row->value(0).toString(), QStringLiteral("success"));
    QCOMPARE(row->value(1).toString(), QStringLiteral("paid"));
    QCOMPARE(row->value(2).toLongLong(), qint64(5000));
    QCOMPARE(row->value(3).toLongLong(), qint64(3100));
    QCOMPARE(row->value(4).toString(), QStringLiteral("UAH"));
    QCOMPARE(holdStatusEvents(fixture.db(), sessionId),
             (QStringList{QStringLiteral("created"), QStringLiteral("hold"), QStringLiteral("success")}));

    // The journal: two calls, both done, each with its own key, one attempt each.
    auto calls = HoldRepository(fixture.db()).callsOfHold(placed->holdId);
    QVERIFY(calls.ok());
    QCOMPARE(calls->size(), 2);
    QCOMPARE(calls->at(0).operation, Operation::Hold);
    QCOMPARE(calls->at(1).operation, Operation::Capture);
    for (const PaymentCall &c : *calls) {
        QCOMPARE(c.state, PaymentCall::State::Done);
        QCOMPARE(c.attempts, 1);
        QCOMPARE(c.requestedBy, QStringLiteral("Olena"));
    }
    QVERIFY(calls->at(0).idempotencyKey != calls->at(1).idempotencyKey);
    QCOMPARE(held->idempotencyKey, calls->at(0).idempotencyKey);

    // The audit log has the request and the result, with the operator's name and money before/after.
    auto audit = storage::AuditLogRepository(fixture.db()).latest(20, QStringLiteral("payment_hold"),
                                                                    QString::number(placed->holdId));
    QVERIFY(audit.ok());
    QStringList actions;
    for (const storage::AuditEntry &e : *audit)
        actions.prepend(e.action);
    QCOMPARE(actions, (QStringList{QStringLiteral("payment.hold.create"), QStringLiteral("payment.hold.requested"),
                                   QStringLiteral("payment.hold"), QStringLiteral("payment.capture.requested"),
                                   QStringLiteral("payment.capture")}));
    const storage::AuditEntry &last = audit->first();
    QCOMPARE(last.operatorName, QStringLiteral("Olena"));
    QVERIFY2(last.beforeState.contains(QStringLiteral("\"capturedMinor\":0")), qPrintable(last.beforeState));
    QVERIFY2(last.afterState.contains(QStringLiteral("\"capturedMinor\":3100")), qPrintable(last.afterState));
}

void TestPaymentHolds::refundNeverAboveCaptured_data()
{
    holdThenPartialCapture_data();
}

void TestPaymentHolds::refundNeverAboveCaptured()
{
    QFETCH(bool, http);
    TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualClock clock(kT0);
    GatewayUnderTest g(http, fixture.db(), clock);
    HoldService service(fixture.db(), *g.gateway, clock);
    QSignalSpy finished(&service, &HoldService::callFinished);
    const qint64 sessionId = makeSession(fixture.db());

    auto placed = service.placeHold({sessionId, request(5000)}, kOperator);
    QVERIFY(placed.ok());
    QVERIFY(waitForCall(finished, placed->callId));
    // Nothing captured: nothing to refund, and the gateway is not even asked.
    auto early = service.refund(placed->holdId, 100, kOperator);
    QVERIFY(!early.ok());
    QCOMPARE(early.error().message, QStringLiteral("Hold %1 is hold: only captured money can be refunded.").arg(placed->holdId));

    auto captured = service.capture(placed->holdId, 3000, kOperator);
    QVERIFY(captured.ok());
    QVERIFY(waitForCall(finished, captured->callId));

    auto first = service.refund(placed->holdId, 2000, kOperator);
    QVERIFY2(first.ok(), qPrintable(first.error().message));
    GatewayResult answer;
    QVERIFY(waitForCall(finished, first->callId, &answer));
    QVERIFY2(answer.done(), qPrintable(answer.error));
    QCOMPARE(scalar(fixture.db(), QStringLiteral("SELECT payment_status FROM sessions WHERE id = ?"), {sessionId}).toString(),
             QStringLiteral("partially_refunded"));

    const qint64 callsBefore = scalar(fixture.db(), QStringLiteral("SELECT COUNT(*) FROM payment_calls")).toLongLong();
    const qsizetype requestsBefore = http ? g.server->requests().size() : 0;
    auto over = service.refund(placed->holdId, 1001, kOperator);
    QVERIFY(!over.ok());
    QCOMPARE(over.error().message,
             QStringLiteral("Cannot refund 10.01 UAH: only 10.00 UAH of the 30.00 UAH captured is left to refund."));
    // Refused before anything was written or sent.
    QCOMPARE(scalar(fixture.db(), QStringLiteral("SELECT COUNT(*) FROM payment_calls")).toLongLong(), callsBefore);
    if (http)
        QCOMPARE(g.server->requests().size(), requestsBefore);

    auto rest = service.refund(placed->holdId, 1000, kOperator);
    QVERIFY(rest.ok());
    QVERIFY(waitForCall(finished, rest->callId, &answer));
    QVERIFY2(answer.done(), qPrintable(answer.error));
    auto held = service.hold(placed->holdId);
    QCOMPARE(held->refundedMinor, qint64(3000));
    QCOMPARE(held->capturedMinor, qint64(3000));
    QCOMPARE(held->status, HoldStatus::Success);
    auto row = storage::Sql::run(fixture.db().connection(),
                                 QStringLiteral("SELECT payment_status, captured_minor FROM sessions WHERE id = ?"), {sessionId});
    QVERIFY(row && row->next());
    QCOMPARE(row->value(0).toString(), QStringLiteral("refunded"));
    QCOMPARE(row->value(1).toLongLong(), qint64(3000));  // captured stays what was captured; refunds are their own record
    QVERIFY(!service.refund(placed->holdId, 1, kOperator).ok());
    QCOMPARE(scalar(fixture.db(), QStringLiteral("SELECT COUNT(*) FROM session_events WHERE session_id = ? AND kind = 'payment_refund'"),
                    {sessionId})
                 .toLongLong(),
             qint64(2));
}

void TestPaymentHolds::releaseGivesTheMoneyBack()
{
    TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualClock clock(kT0);
    GatewayUnderTest g(true, fixture.db(), clock);
    HoldService service(fixture.db(), *g.gateway, clock);
    QSignalSpy finished(&service, &HoldService::callFinished);
    const qint64 sessionId = makeSession(fixture.db());
    auto placed = service.placeHold({sessionId, request(5000)}, kOperator);
    QVERIFY(waitForCall(finished, placed->callId));
    auto released = service.release(placed->holdId, kOperator);
    QVERIFY2(released.ok(), qPrintable(released.error().message));
    QVERIFY(waitForCall(finished, released->callId));
    QCOMPARE(service.hold(placed->holdId)->status, HoldStatus::Released);
    QCOMPARE(g.server->intent(service.hold(placed->holdId)->gatewayRef)["status"].get<std::string>(), std::string("canceled"));
    QCOMPARE(scalar(fixture.db(), QStringLiteral("SELECT hold_status FROM sessions WHERE id = ?"), {sessionId}).toString(),
             QStringLiteral("released"));
    auto again = service.capture(placed->holdId, 100, kOperator);
    QVERIFY(!again.ok());
    QCOMPARE(again.error().message, QStringLiteral("Hold %1 is released: only a held amount can be captured.").arg(placed->holdId));
}

void TestPaymentHolds::keyIsStoredBeforeTheCall()
{
    TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualClock clock(kT0);
    GatewayUnderTest g(true, fixture.db(), clock);
    HoldService service(fixture.db(), *g.gateway, clock);
    QSignalSpy finished(&service, &HoldService::callFinished);

    // At the moment each request reaches the gateway, its key is in the journal, pending.
    QStringList seen;
    g.server->onRequest = [&](const HttpRequest &r) {
        const QString key = QString::fromUtf8(r.header("idempotency-key"));
        auto q = storage::Sql::run(fixture.db().connection(),
                                   QStringLiteral("SELECT state, operation FROM payment_calls WHERE idempotency_key = ?"), {key});
        if (q && q->next())
            seen << q->value(1).toString() + u':' + q->value(0).toString();
        else
            seen << QStringLiteral("missing:") + key;
    };
    auto placed = service.placeHold({std::nullopt, request(4200)}, kOperator);
    QVERIFY(placed.ok());
    QVERIFY(waitForCall(finished, placed->callId));
    auto captured = service.capture(placed->holdId, 4200, kOperator);
    QVERIFY(captured.ok());
    QVERIFY(waitForCall(finished, captured->callId));
    QCOMPARE(seen, (QStringList{QStringLiteral("hold:pending"), QStringLiteral("capture:pending")}));
    QCOMPARE(scalar(fixture.db(), QStringLiteral("SELECT COUNT(*) FROM payment_calls WHERE state = 'done'")).toLongLong(), qint64(2));
}

void TestPaymentHolds::lostAnswerIsRetriedWithTheSameKey()
{
    TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualClock clock(kT0);
    GatewayUnderTest g(true, fixture.db(), clock);
    HoldService service(fixture.db(), *g.gateway, clock);
    QSignalSpy finished(&service, &HoldService::callFinished);
    const qint64 sessionId = makeSession(fixture.db());

    auto placed = service.placeHold({sessionId, request(5000)}, kOperator);
    QVERIFY(waitForCall(finished, placed->callId));
    // The capture is carried out at the gateway, but its answer never arrives.
    g.server->setDropAnswers(true);
    auto captured = service.capture(placed->holdId, 2500, kOperator);
    QVERIFY(captured.ok());
    GatewayResult answer;
    QVERIFY(waitForCall(finished, captured->callId, &answer));
    QCOMPARE(answer.outcome, Outcome::Unknown);
    QCOMPARE(g.server->executed(QStringLiteral("capture")), 1);
    auto call = service.call(captured->callId);
    QCOMPARE(call->state, PaymentCall::State::Pending);
    QCOMPARE(call->attempts, 1);
    QVERIFY2(call->error.startsWith(QStringLiteral("Cannot reach the payment gateway")), qPrintable(call->error));
    // We do not know yet: the hold is still shown as held, and nothing else may start.
    QCOMPARE(service.hold(placed->holdId)->status, HoldStatus::Hold);
    auto meanwhile = service.release(placed->holdId, kOperator);
    QVERIFY(!meanwhile.ok());
    QVERIFY2(meanwhile.error().message.contains(QStringLiteral("still waiting for the gateway")), qPrintable(meanwhile.error().message));

    finished.clear();
    g.server->setDropAnswers(false);
    QVERIFY(service.retry(captured->callId).ok());
    QVERIFY(waitForCall(finished, captured->callId, &answer));
    QVERIFY2(answer.done(), qPrintable(answer.error));
    // Every attempt (Qt's own resend on a closed connection, then ours) carried the same key; the
    // capture happened once.
    QList<QByteArray> keys;
    for (const HttpRequest &r : g.server->requests()) {
        if (r.path.endsWith(u"/capture"))
            keys << r.header("idempotency-key");
    }
    QVERIFY2(keys.size() >= 2, qPrintable(QString::number(keys.size())));
    for (const QByteArray &key : keys)
        QCOMPARE(QString::fromUtf8(key), call->idempotencyKey);
    QCOMPARE(g.server->executed(QStringLiteral("capture")), 1);
    call = service.call(captured->callId);
    QCOMPARE(call->state, PaymentCall::State::Done);
    QCOMPARE(call->attempts, 2);
    QCOMPARE(service.hold(placed->holdId)->capturedMinor, qint64(2500));
    QCOMPARE(scalar(fixture.db(), QStringLiteral("SELECT captured_minor FROM sessions WHERE id = ?"), {sessionId}).toLongLong(),
             qint64(2500));
    // A finished call is not sent again.
    QVERIFY(!service.retry(captured->callId).ok());
}

void TestPaymentHolds::crashBeforeTheAnswerIsResumedWithTheSameKey()
{
    TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualClock clock(kT0);
    StripeTestServer server;
    QVERIFY(server.listen());
    const HttpGatewayConfig config{server.baseUrl(), QString::fromLatin1(StripeTestServer::kGoodKey), 5000};
    qint64 holdId = 0;
    qint64 callId = 0;
    {
        // The first console: the hold is placed; the gateway takes its time; the console dies.
        HttpGateway gateway(config);
        HoldService service(fixture.db(), gateway, clock);
        server.delayNext(1500);
        auto placed = service.placeHold({std::nullopt, request(6000)}, kOperator);
        QVERIFY(placed.ok());
        holdId = placed->holdId;
        callId = placed->callId;
        QTRY_COMPARE(server.requests().size(), 1);
    }
    QCOMPARE(server.executed(QStringLiteral("create")), 1);  // the gateway did it
    auto db2 = fixture.openAnother();  // the console starts again
    QVERIFY(db2);
    HttpGateway gateway(config);
    HoldService service(*db2, gateway, clock);
    QSignalSpy finished(&service, &HoldService::callFinished);
    auto call = service.call(callId);
    QCOMPARE(call->state, PaymentCall::State::Pending);
    auto resumed = service.resumePending();
    QVERIFY(resumed.ok());
    QCOMPARE(*resumed, 1);
    QVERIFY(service.isInFlight(callId));
    QCOMPARE(*service.resumePending(), 0);  // on its way already: not sent twice
    GatewayResult answer;
    QVERIFY(waitForCall(finished, callId, &answer));
    QVERIFY2(answer.done(), qPrintable(answer.error));
    QCOMPARE(server.requests().size(), 2);
    QCOMPARE(server.requests().at(0).header("idempotency-key"), server.requests().at(1).header("idempotency-key"));
    QCOMPARE(server.executed(QStringLiteral("create")), 1);  // one hold at the gateway, not two
    auto held = service.hold(holdId);
    QCOMPARE(held->status, HoldStatus::Hold);
    QCOMPARE(held->gatewayRef, server.lastIntentId());
    QCOMPARE(service.call(callId)->attempts, 2);
}

void TestPaymentHolds::refusalIsFinal()
{
    TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualClock clock(kT0);
    GatewayUnderTest g(true, fixture.db(), clock);
    HoldService service(fixture.db(), *g.gateway, clock);
    QSignalSpy finished(&service, &HoldService::callFinished);
    const qint64 sessionId = makeSession(fixture.db());
    auto placed = service.placeHold({sessionId, request(5000, QString::fromLatin1(StripeTestServer::kDeclinedCard))}, kOperator);
    QVERIFY(placed.ok());
    GatewayResult answer;
    QVERIFY(waitForCall(finished, placed->callId, &answer));
    QCOMPARE(answer.outcome, Outcome::Refused);
    auto held = service.hold(placed->holdId);
    QCOMPARE(held->status, HoldStatus::Failed);
    QCOMPARE(held->lastError, QStringLiteral("The card was declined (card_declined/insufficient_funds): Your card was declined."));
    QCOMPARE(service.call(placed->callId)->state, PaymentCall::State::Failed);
    QCOMPARE(scalar(fixture.db(), QStringLiteral("SELECT hold_status FROM sessions WHERE id = ?"), {sessionId}).toString(),
             QStringLiteral("failed"));
    QCOMPARE(*service.resumePending(), 0);  // a refusal is not sent again
}

void TestPaymentHolds::oneMoneyCallAtATime()
{
    TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualClock clock(kT0);
    GatewayUnderTest g(false, fixture.db(), clock);
    HoldService service(fixture.db(), *g.gateway, clock);
    QSignalSpy finished(&service, &HoldService::callFinished);
    auto placed = service.placeHold({std::nullopt, request(5000, QString())}, kOperator);
    QVERIFY(waitForCall(finished, placed->callId));
    QCOMPARE(service.hold(placed->holdId)->cardToken, QStringLiteral("cash"));
    auto first = service.capture(placed->holdId, 1000, kOperator);
    QVERIFY(first.ok());
    auto second = service.capture(placed->holdId, 1000, kOperator);  // before the first one's answer
    QVERIFY(!second.ok());
    QCOMPARE(second.error().message, QStringLiteral("Another call about hold %1 is still waiting for the gateway (call %2). "
                                                    "Wait for its answer or send it again first.")
                                         .arg(placed->holdId)
                                         .arg(first->callId));
    auto above = service.capture(placed->holdId, 5001, kOperator);
    QVERIFY(!above.ok());
    QCOMPARE(above.error().message, QStringLiteral("Cannot capture 50.01 UAH: only 50.00 UAH is held."));
    QVERIFY(waitForCall(finished, first->callId));
    QCOMPARE(service.hold(placed->holdId)->capturedMinor, qint64(1000));

    // A hold made with one gateway is not changed through another.
    GatewayUnderTest other(true, fixture.db(), clock);
    HoldService elsewhere(fixture.db(), *other.gateway, clock);
    auto wrong = elsewhere.refund(placed->holdId, 100, kOperator);
    QVERIFY(!wrong.ok());
    QVERIFY2(wrong.error().message.startsWith(QStringLiteral("Hold %1 was made with the manual gateway, but the http gateway")
                                                  .arg(placed->holdId)),
             qPrintable(wrong.error().message));
}

void TestPaymentHolds::reportBeforeTheCardTokenWaits()
{
    // Seed 000: the bank reports 'hold' before it has made the card token; the report is kept and
    // applied when the token comes with the next report.
    TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualClock clock(kT0);
    GatewayUnderTest g(true, fixture.db(), clock);
    HoldService service(fixture.db(), *g.gateway, clock);
    QSignalSpy finished(&service, &HoldService::callFinished);
    const qint64 sessionId = makeSession(fixture.db());

    // An invoice for the hold, no card yet (the customer pays on the bank's page).
    auto placed = service.placeHold({sessionId, request(5000, QString())}, kOperator);
    QVERIFY(placed.ok());
    QVERIFY(waitForCall(finished, placed->callId));
    auto held = service.hold(placed->holdId);
    QCOMPARE(held->status, HoldStatus::Created);
    QVERIFY(held->cardToken.isEmpty());
    const QString ref = held->gatewayRef;

    clock.setNowMs(kT0 + 20'000);
    auto r = service.report({ref, HoldStatus::Processing, QString(), std::nullopt, QStringLiteral("{\"status\":\"processing\"}")});
    QVERIFY(r.ok());
    QCOMPARE(*r, ReportResult::Applied);
    QCOMPARE(service.hold(placed->holdId)->status, HoldStatus::Processing);

    clock.setNowMs(kT0 + 21'000);
    r = service.report({ref, HoldStatus::Hold, QString(), 5000, QStringLiteral("{\"status\":\"hold\"}")});
    QVERIFY(r.ok());
    QCOMPARE(*r, ReportResult::Waiting);  // IGNORED, NO TOKEN YET
    QCOMPARE(service.hold(placed->holdId)->status, HoldStatus::Processing);
    QCOMPARE(scalar(fixture.db(), QStringLiteral("SELECT hold_status FROM sessions WHERE id = ?"), {sessionId}).toString(),
             QStringLiteral("processing"));
    QCOMPARE(scalar(fixture.db(), QStringLiteral("SELECT COUNT(*) FROM payment_hold_events WHERE gateway_ref = ? AND applied = 0"),
                    {ref})
                 .toLongLong(),
             qint64(1));

    // A failure report that arrives meanwhile waits behind it: reports are applied in order.
    // (Here: a late duplicate 'processing' that must not overtake.)
    r = service.report({ref, HoldStatus::Processing, QString(), std::nullopt, QString()});
    QCOMPARE(*r, ReportResult::Waiting);

    clock.setNowMs(kT0 + 48'000);
    r = service.report({ref, HoldStatus::Hold, QStringLiteral("pm_tok_1444"), 5000, QStringLiteral("{\"status\":\"hold\"}")});
    QVERIFY(r.ok());
    QCOMPARE(*r, ReportResult::Applied);
    held = service.hold(placed->holdId);
    QCOMPARE(held->status, HoldStatus::Hold);
    QCOMPARE(held->cardToken, QStringLiteral("pm_tok_1444"));
    QCOMPARE(scalar(fixture.db(), QStringLiteral("SELECT hold_status FROM sessions WHERE id = ?"), {sessionId}).toString(),
             QStringLiteral("hold"));

    // The hold history, in order: our call, processing, hold (kept, applied later), processing
    // (late, not applied), hold with the token (already there).
    auto events = HoldRepository(fixture.db()).eventsOfHold(placed->holdId);
    QVERIFY(events.ok());
    QStringList history;
    for (const HoldEvent &e : *events)
        history << QStringLiteral("%1:%2:%3").arg(e.source, holdStatusName(e.status)).arg(int(e.applied));
    QCOMPARE(history, (QStringList{QStringLiteral("call:created:1"), QStringLiteral("report:processing:1"),
                                   QStringLiteral("report:hold:1"), QStringLiteral("report:processing:2"),
                                   QStringLiteral("report:hold:2")}));
    // The 'hold' report that waited was applied when the token came (its applied time says so).
    QCOMPARE(events->at(2).receivedMs, kT0 + 21'000);
    QCOMPARE(events->at(2).appliedMs.value_or(0), kT0 + 48'000);
    QCOMPARE(holdStatusEvents(fixture.db(), sessionId),
             (QStringList{QStringLiteral("created"), QStringLiteral("processing"), QStringLiteral("(waiting)"),
                          QStringLiteral("(waiting)"), QStringLiteral("hold")}));

    // Now the hold can be captured.
    auto captured = service.capture(placed->holdId, 5000, kOperator);
    QVERIFY2(captured.ok(), qPrintable(captured.error().message));
}

void TestPaymentHolds::reportBeforeTheHoldIsKnownWaits()
{
    // The gateway's reports overtake the answer to our own hold call: nobody knows the reference
    // yet. They are kept and applied when the answer comes.
    TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualClock clock(kT0);
    GatewayUnderTest g(true, fixture.db(), clock);
    HoldService service(fixture.db(), *g.gateway, clock);
    QSignalSpy finished(&service, &HoldService::callFinished);
    const qint64 sessionId = makeSession(fixture.db());

    g.server->delayNext(800);
    auto placed = service.placeHold({sessionId, request(3000, QString())}, kOperator);
    QVERIFY(placed.ok());
    QTRY_VERIFY(!g.server->lastIntentId().isEmpty());
    const QString ref = g.server->lastIntentId();
    clock.advanceMs(100);
    auto r = service.report({ref, HoldStatus::Processing, QString(), std::nullopt, QString()});
    QCOMPARE(*r, ReportResult::Waiting);
    clock.advanceMs(100);
    r = service.report({ref, HoldStatus::Hold, QStringLiteral("pm_tok_9"), 3000, QString()});
    QCOMPARE(*r, ReportResult::Waiting);
    QCOMPARE(scalar(fixture.db(), QStringLiteral("SELECT COUNT(*) FROM payment_hold_events WHERE hold_id IS NULL")).toLongLong(),
             qint64(2));
    QCOMPARE(service.hold(placed->holdId)->status, HoldStatus::Created);

    QVERIFY(waitForCall(finished, placed->callId));
    auto held = service.hold(placed->holdId);
    QCOMPARE(held->gatewayRef, ref);
    QCOMPARE(held->status, HoldStatus::Hold);
    QCOMPARE(held->cardToken, QStringLiteral("pm_tok_9"));
    QCOMPARE(scalar(fixture.db(), QStringLiteral("SELECT COUNT(*) FROM payment_hold_events WHERE hold_id IS NULL")).toLongLong(),
             qint64(0));
    QCOMPARE(scalar(fixture.db(), QStringLiteral("SELECT COUNT(*) FROM payment_hold_events WHERE hold_id = ? AND applied = 1"),
                    {placed->holdId})
                 .toLongLong(),
             qint64(3));  // the answer, processing, hold
    QCOMPARE(holdStatusEvents(fixture.db(), sessionId),
             (QStringList{QStringLiteral("created"), QStringLiteral("processing"), QStringLiteral("hold")}));
}

void TestPaymentHolds::lateReportsNeverTakeAHoldBack()
{
    TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualClock clock(kT0);
    GatewayUnderTest g(true, fixture.db(), clock);
    HoldService service(fixture.db(), *g.gateway, clock);
    QSignalSpy finished(&service, &HoldService::callFinished);
    auto placed = service.placeHold({std::nullopt, request(5000)}, kOperator);
    QVERIFY(waitForCall(finished, placed->callId));
    auto captured = service.capture(placed->holdId, 4000, kOperator);
    QVERIFY(waitForCall(finished, captured->callId));
    const QString ref = service.hold(placed->holdId)->gatewayRef;
    for (const HoldStatus late : {HoldStatus::Hold, HoldStatus::Processing, HoldStatus::Canceled}) {
        auto r = service.report({ref, late, QString(), std::nullopt, QString()});
        QVERIFY(r.ok());
        QCOMPARE(*r, ReportResult::Stale);
    }
    QCOMPARE(service.hold(placed->holdId)->status, HoldStatus::Success);
    QCOMPARE(service.hold(placed->holdId)->capturedMinor, qint64(4000));
    auto bad = service.report({QString(), HoldStatus::Hold, QString(), std::nullopt, QString()});
    QVERIFY(!bad.ok());
}

void TestPaymentHolds::refreshAppliesTheGatewaysStatus()
{
    TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualClock clock(kT0);
    GatewayUnderTest g(true, fixture.db(), clock);
    HoldService service(fixture.db(), *g.gateway, clock);
    QSignalSpy finished(&service, &HoldService::callFinished);
    QSignalSpy changed(&service, &HoldService::holdChanged);
    auto placed = service.placeHold({std::nullopt, request(5000, QString())}, kOperator);
    QVERIFY(waitForCall(finished, placed->callId));
    const QString ref = service.hold(placed->holdId)->gatewayRef;
    // Meanwhile at the gateway the customer's bank authorised it.
    g.server->failNext(200, {{"id", ref.toStdString()}, {"object", "payment_intent"}, {"amount", 5000},
                             {"amount_capturable", 5000}, {"amount_received", 0}, {"currency", "uah"},
                             {"status", "requires_capture"}, {"payment_method", "pm_tok_77"}});
    changed.clear();
    QVERIFY(service.refresh(placed->holdId).ok());
    QTRY_VERIFY(!changed.isEmpty());
    auto held = service.hold(placed->holdId);
    QCOMPARE(held->status, HoldStatus::Hold);
    QCOMPARE(held->cardToken, QStringLiteral("pm_tok_77"));
    QCOMPARE(g.server->requests().last().method, QByteArray("GET"));

    QSignalSpy failed(&service, &HoldService::refreshFailed);
    g.server->failNext(500, {{"error", {{"type", "api_error"}, {"message", "Try again later."}}}});
    QVERIFY(service.refresh(placed->holdId).ok());
    QTRY_COMPARE(failed.size(), 1);
    QVERIFY2(failed.first().at(1).toString().contains(QStringLiteral("Try again later.")), qPrintable(failed.first().at(1).toString()));
    QCOMPARE(service.hold(placed->holdId)->status, HoldStatus::Hold);
}

QTEST_GUILESS_MAIN(TestPaymentHolds)
#include "tst_payment_holds.moc"
