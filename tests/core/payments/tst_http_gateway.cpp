// The HTTP gateway against a small Stripe-shaped server on loopback: the requests it sends
// (method, path, Bearer key, Idempotency-Key, form body), how PaymentIntent statuses map to hold
// statuses, and how errors, timeouts and unreadable answers become clear messages and outcomes.

#include "stripetestserver.h"

#include "core/payments/httpgateway.h"

#include <QElapsedTimer>
#include <QTest>

#include <optional>

using namespace cd;
using namespace cd::payments;
using cd::test::HttpRequest;
using cd::test::StripeTestServer;

namespace {

// Waits (in the event loop) for the callback's result.
class Answer {
public:
    PaymentGateway::Callback callback()
    {
        return [this](const GatewayResult &r) { m_result = r; };
    }
    bool wait(int ms = 10000)
    {
        return QTest::qWaitFor([this] { return m_result.has_value(); }, ms);
    }
    const GatewayResult &operator*() const { return *m_result; }
    const GatewayResult *operator->() const { return &*m_result; }
    bool has() const { return m_result.has_value(); }

private:
    std::optional<GatewayResult> m_result;
};

HoldRequest holdOf(qint64 amount, const QString &card = QStringLiteral("pm_card_visa"))
{
    HoldRequest r;
    r.amountMinor = amount;
    r.currency = QStringLiteral("UAH");
    r.cardToken = card;
    r.description = QStringLiteral("ChargeDesk session 230916-001444");
    return r;
}

}  // namespace

class TestHttpGateway : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<StripeTestServer>();
        QVERIFY(m_server->listen());
        m_gateway = std::make_unique<HttpGateway>(
            HttpGatewayConfig{m_server->baseUrl(), QString::fromLatin1(StripeTestServer::kGoodKey), 5000});
    }
    void cleanup()
    {
        m_gateway.reset();
        m_server.reset();
    }

    void holdSendsAStripeShapedRequest();
    void answerComesLaterNeverInsideTheCall();
    void capturePartialReleasesTheRest();
    void cancelAndRefund();
    void refundAboveCapturedIsRefused();
    void statusMapping_data();
    void statusMapping();
    void declinedCardIsAClearRefusal();
    void wrongKeyIsAClearRefusal();
    void sameKeyIsReplayedNotRepeated();
    void serverErrorsAreUnknown_data();
    void serverErrorsAreUnknown();
    void unreadableAnswer();
    void timeoutIsUnknown();
    void unreachableIsUnknown();
    void refusesToSendTheKeyInClearText();
    void hostileReferenceIsRefused();
    void checkConnection();

private:
    std::unique_ptr<StripeTestServer> m_server;
    std::unique_ptr<HttpGateway> m_gateway;
};

void TestHttpGateway::holdSendsAStripeShapedRequest()
{
    Answer a;
    m_gateway->hold(holdOf(5000), QStringLiteral("cd-hold-k1"), a.callback());
    QVERIFY(a.wait());
    QCOMPARE(m_server->requests().size(), 1);
    const HttpRequest &r = m_server->requests().first();
    QCOMPARE(r.method, QByteArray("POST"));
    QCOMPARE(r.path, QStringLiteral("/v1/payment_intents"));
    QCOMPARE(r.header("authorization"), QByteArray("Bearer sk_test_chargedesk"));
    QCOMPARE(r.header("idempotency-key"), QByteArray("cd-hold-k1"));
    QCOMPARE(r.header("content-type"), QByteArray("application/x-www-form-urlencoded"));
    QVERIFY2(r.header("user-agent").startsWith("ChargeDesk/"), r.header("user-agent").constData());
    QCOMPARE(r.form.value(QStringLiteral("amount")), QStringLiteral("5000"));
    QCOMPARE(r.form.value(QStringLiteral("currency")), QStringLiteral("uah"));
    QCOMPARE(r.form.value(QStringLiteral("capture_method")), QStringLiteral("manual"));
    QCOMPARE(r.form.value(QStringLiteral("payment_method")), QStringLiteral("pm_card_visa"));
    QCOMPARE(r.form.value(QStringLiteral("confirm")), QStringLiteral("true"));
    QCOMPARE(r.form.value(QStringLiteral("description")), QStringLiteral("ChargeDesk session 230916-001444"));

    QVERIFY2(a->done(), qPrintable(a->error));
    QCOMPARE(a->status, HoldStatus::Hold);
    QCOMPARE(a->gatewayRef, m_server->lastIntentId());
    QCOMPARE(a->amountMinor, qint64(5000));
    QCOMPARE(a->capturableMinor, qint64(5000));
    QCOMPARE(a->currency, QStringLiteral("UAH"));
    QCOMPARE(a->cardToken, QStringLiteral("pm_card_visa"));
    QCOMPARE(a->httpStatus, 200);
}

void TestHttpGateway::answerComesLaterNeverInsideTheCall()
{
    bool called = false;
    // Even a call refused before anything is sent answers through the event loop.
    HttpGateway unconfigured(HttpGatewayConfig{});
    unconfigured.status(QStringLiteral("pi_1"), [&called](const GatewayResult &) { called = true; });
    QVERIFY(!called);
    QTRY_VERIFY(called);
}

void TestHttpGateway::capturePartialReleasesTheRest()
{
    Answer held;
    m_gateway->hold(holdOf(5000), QStringLiteral("k-hold"), held.callback());
    QVERIFY(held.wait());
    Answer captured;
    m_gateway->capture(held->gatewayRef, 3200, QStringLiteral("k-capture"), captured.callback());
    QVERIFY(captured.wait());
    const HttpRequest &r = m_server->requests().last();
    QCOMPARE(r.path, QStringLiteral("/v1/payment_intents/%1/capture").arg(held->gatewayRef));
    QCOMPARE(r.form.value(QStringLiteral("amount_to_capture")), QStringLiteral("3200"));
    QCOMPARE(r.header("idempotency-key"), QByteArray("k-capture"));
    QVERIFY2(captured->done(), qPrintable(captured->error));
    QCOMPARE(captured->status, HoldStatus::Success);
    QCOMPARE(captured->capturedMinor, qint64(3200));
    QCOMPARE(captured->capturableMinor, qint64(0));  // the other 1800 went back to the card
    QCOMPARE(m_server->intent(held->gatewayRef)["amount_capturable"].get<qint64>(), qint64(0));

    // A second capture is refused by the gateway with a clear message.
    Answer again;
    m_gateway->capture(held->gatewayRef, 100, QStringLiteral("k-capture-2"), again.callback());
    QVERIFY(again.wait());
    QCOMPARE(again->outcome, Outcome::Refused);
    QCOMPARE(again->errorCode, QStringLiteral("payment_intent_unexpected_state"));
    QVERIFY2(again->error.contains(QStringLiteral("status of succeeded")), qPrintable(again->error));
}

void TestHttpGateway::cancelAndRefund()
{
    Answer held;
    m_gateway->hold(holdOf(4000), QStringLiteral("k-h1"), held.callback());
    QVERIFY(held.wait());
    Answer canceled;
    m_gateway->voidHold(held->gatewayRef, QStringLiteral("k-v1"), canceled.callback());
    QVERIFY(canceled.wait());
    QCOMPARE(m_server->requests().last().path, QStringLiteral("/v1/payment_intents/%1/cancel").arg(held->gatewayRef));
    QVERIFY2(canceled->done(), qPrintable(canceled->error));
    QCOMPARE(canceled->status, HoldStatus::Canceled);

    Answer held2;
    m_gateway->hold(holdOf(4000), QStringLiteral("k-h2"), held2.callback());
    QVERIFY(held2.wait());
    Answer captured;
    m_gateway->capture(held2->gatewayRef, 4000, QStringLiteral("k-c2"), captured.callback());
    QVERIFY(captured.wait());
    Answer refunded;
    m_gateway->refund(held2->gatewayRef, 1500, QStringLiteral("k-r2"), refunded.callback());
    QVERIFY(refunded.wait());
    const HttpRequest &r = m_server->requests().last();
    QCOMPARE(r.path, QStringLiteral("/v1/refunds"));
    QCOMPARE(r.form.value(QStringLiteral("payment_intent")), held2->gatewayRef);
    QCOMPARE(r.form.value(QStringLiteral("amount")), QStringLiteral("1500"));
    QCOMPARE(r.header("idempotency-key"), QByteArray("k-r2"));
    // Ours travels with the refund, so the gateway's later reports about it find our record.
    QCOMPARE(r.form.value(QStringLiteral("metadata[refund_no]")), QStringLiteral("k-r2"));
    QVERIFY2(refunded->done(), qPrintable(refunded->error));
    QCOMPARE(refunded->refundedMinor, qint64(1500));
    QVERIFY(refunded->refundRef.startsWith(QStringLiteral("re_")));
    QCOMPARE(refunded->gatewayRef, held2->gatewayRef);
}

void TestHttpGateway::refundAboveCapturedIsRefused()
{
    Answer held;
    m_gateway->hold(holdOf(3000), QStringLiteral("k-h"), held.callback());
    QVERIFY(held.wait());
    Answer captured;
    m_gateway->capture(held->gatewayRef, 2000, QStringLiteral("k-c"), captured.callback());
    QVERIFY(captured.wait());
    Answer tooMuch;
    m_gateway->refund(held->gatewayRef, 2001, QStringLiteral("k-r"), tooMuch.callback());
    QVERIFY(tooMuch.wait());
    QCOMPARE(tooMuch->outcome, Outcome::Refused);
    QCOMPARE(tooMuch->httpStatus, 400);
    QCOMPARE(tooMuch->errorCode, QStringLiteral("amount_too_large"));
    QVERIFY2(tooMuch->error.contains(QStringLiteral("greater than unrefunded amount")), qPrintable(tooMuch->error));
    QCOMPARE(m_server->executed(QStringLiteral("refund")), 0);
}

void TestHttpGateway::statusMapping_data()
{
    QTest::addColumn<QString>("intent");
    QTest::addColumn<HoldStatus>("status");
    QTest::newRow("requires_payment_method") << QStringLiteral("requires_payment_method") << HoldStatus::Created;
    QTest::newRow("requires_confirmation") << QStringLiteral("requires_confirmation") << HoldStatus::Created;
    QTest::newRow("requires_action") << QStringLiteral("requires_action") << HoldStatus::Processing;
    QTest::newRow("processing") << QStringLiteral("processing") << HoldStatus::Processing;
    QTest::newRow("requires_capture") << QStringLiteral("requires_capture") << HoldStatus::Hold;
    QTest::newRow("succeeded") << QStringLiteral("succeeded") << HoldStatus::Success;
    QTest::newRow("canceled") << QStringLiteral("canceled") << HoldStatus::Canceled;
    QTest::newRow("unknown") << QStringLiteral("something_new") << HoldStatus::None;
}

void TestHttpGateway::statusMapping()
{
    QFETCH(QString, intent);
    QFETCH(HoldStatus, status);
    QCOMPARE(HttpGateway::statusFromIntent(intent), status);

    // And through a real status call.
    m_server->failNext(200, {{"id", "pi_x1"}, {"object", "payment_intent"}, {"amount", 700}, {"amount_capturable", 0},
                             {"amount_received", 0}, {"currency", "eur"}, {"status", intent.toStdString()}});
    Answer a;
    m_gateway->status(QStringLiteral("pi_x1"), a.callback());
    QVERIFY(a.wait());
    QCOMPARE(m_server->requests().last().method, QByteArray("GET"));
    QCOMPARE(m_server->requests().last().path, QStringLiteral("/v1/payment_intents/pi_x1"));
    QVERIFY(m_server->requests().last().header("idempotency-key").isEmpty());
    QCOMPARE(a->status, status);
    QCOMPARE(a->currency, QStringLiteral("EUR"));
}

void TestHttpGateway::declinedCardIsAClearRefusal()
{
    Answer a;
    m_gateway->hold(holdOf(5000, QString::fromLatin1(StripeTestServer::kDeclinedCard)), QStringLiteral("k-d"), a.callback());
    QVERIFY(a.wait());
    QCOMPARE(a->outcome, Outcome::Refused);
    QCOMPARE(a->httpStatus, 402);
    QCOMPARE(a->status, HoldStatus::Failed);
    QCOMPARE(a->errorCode, QStringLiteral("card_declined/insufficient_funds"));
    QCOMPARE(a->error, QStringLiteral("The card was declined (card_declined/insufficient_funds): Your card was declined."));
    QCOMPARE(a->gatewayRef, m_server->lastIntentId());  // the intent exists at the gateway
}

void TestHttpGateway::wrongKeyIsAClearRefusal()
{
    HttpGateway wrong(HttpGatewayConfig{m_server->baseUrl(), QStringLiteral("sk_test_wrong"), 5000});
    Answer a;
    wrong.hold(holdOf(100), QStringLiteral("k-w"), a.callback());
    QVERIFY(a.wait());
    QCOMPARE(a->outcome, Outcome::Refused);
    QCOMPARE(a->httpStatus, 401);
    QVERIFY2(a->error.startsWith(QStringLiteral("The payment gateway refused the secret key (HTTP 401)")), qPrintable(a->error));
    QVERIFY2(a->error.contains(QStringLiteral("Settings › Payments")), qPrintable(a->error));
    QVERIFY(!a->error.contains(QStringLiteral("sk_test_wrong")));  // the key is never repeated
    QCOMPARE(m_server->executed(QStringLiteral("create")), 0);
}

void TestHttpGateway::sameKeyIsReplayedNotRepeated()
{
    Answer first;
    m_gateway->hold(holdOf(2500), QStringLiteral("k-same"), first.callback());
    QVERIFY(first.wait());
    Answer second;
    m_gateway->hold(holdOf(2500), QStringLiteral("k-same"), second.callback());
    QVERIFY(second.wait());
    QCOMPARE(m_server->executed(QStringLiteral("create")), 1);
    QCOMPARE(second->gatewayRef, first->gatewayRef);
    QCOMPARE(second->status, HoldStatus::Hold);
    // The same key with other parameters is a mistake the gateway refuses.
    Answer other;
    m_gateway->hold(holdOf(9999), QStringLiteral("k-same"), other.callback());
    QVERIFY(other.wait());
    QCOMPARE(other->outcome, Outcome::Refused);
    QCOMPARE(other->httpStatus, 400);
    QVERIFY2(other->error.contains(QStringLiteral("same parameters")), qPrintable(other->error));
}

void TestHttpGateway::serverErrorsAreUnknown_data()
{
    QTest::addColumn<int>("status");
    QTest::newRow("409 in flight") << 409;
    QTest::newRow("429 rate limit") << 429;
    QTest::newRow("500") << 500;
    QTest::newRow("502") << 502;
}

void TestHttpGateway::serverErrorsAreUnknown()
{
    QFETCH(int, status);
    m_server->failNext(status, {{"error", {{"type", "api_error"}, {"message", "Something went wrong on our end."}}}});
    Answer a;
    m_gateway->capture(QStringLiteral("pi_1"), 100, QStringLiteral("k-e"), a.callback());
    QVERIFY(a.wait());
    QCOMPARE(a->outcome, Outcome::Unknown);
    QCOMPARE(a->httpStatus, status);
    QCOMPARE(a->error, QStringLiteral("The payment gateway is busy or failed (HTTP %1): Something went wrong on our end. "
                                      "The call is kept and can be sent again with the same idempotency key.")
                           .arg(status));
}

void TestHttpGateway::unreadableAnswer()
{
    m_server->failNextRaw(502, "<html>Bad gateway</html>", "text/html");
    Answer a;
    m_gateway->capture(QStringLiteral("pi_1"), 100, QStringLiteral("k-u"), a.callback());
    QVERIFY(a.wait());
    QCOMPARE(a->outcome, Outcome::Unknown);
    QCOMPARE(a->error, QStringLiteral("The payment gateway answered HTTP 502 with something that is not JSON."));

    m_server->failNextRaw(400, "nope", "text/plain");
    Answer b;
    m_gateway->capture(QStringLiteral("pi_1"), 100, QStringLiteral("k-u2"), b.callback());
    QVERIFY(b.wait());
    QCOMPARE(b->outcome, Outcome::Refused);
}

void TestHttpGateway::timeoutIsUnknown()
{
    HttpGateway impatient(HttpGatewayConfig{m_server->baseUrl(), QString::fromLatin1(StripeTestServer::kGoodKey), 300});
    m_server->delayNext(3000);
    QElapsedTimer timer;
    timer.start();
    Answer a;
    impatient.hold(holdOf(100), QStringLiteral("k-t"), a.callback());
    QVERIFY(a.wait());
    QVERIFY2(timer.elapsed() < 2500, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(a->outcome, Outcome::Unknown);
    QCOMPARE(a->errorCode, QStringLiteral("timeout"));
    QVERIFY2(a->error.startsWith(QStringLiteral("No answer from the payment gateway at 127.0.0.1 within 0.3 seconds")),
             qPrintable(a->error));
    // The server did it anyway: the same key brings the answer without doing it twice.
    Answer again;
    impatient.hold(holdOf(100), QStringLiteral("k-t"), again.callback());
    QVERIFY(again.wait());
    QVERIFY2(again->done(), qPrintable(again->error));
    QCOMPARE(m_server->executed(QStringLiteral("create")), 1);
}

void TestHttpGateway::unreachableIsUnknown()
{
    const QUrl url = m_server->baseUrl();
    m_server.reset();  // nobody listens there now
    HttpGateway gateway(HttpGatewayConfig{url, QString::fromLatin1(StripeTestServer::kGoodKey), 5000});
    Answer a;
    gateway.capture(QStringLiteral("pi_1"), 100, QStringLiteral("k-x"), a.callback());
    QVERIFY(a.wait());
    QCOMPARE(a->outcome, Outcome::Unknown);
    QCOMPARE(a->errorCode, QStringLiteral("connection"));
    QVERIFY2(a->error.startsWith(QStringLiteral("Cannot reach the payment gateway at 127.0.0.1: ")), qPrintable(a->error));
}

void TestHttpGateway::refusesToSendTheKeyInClearText()
{
    HttpGateway plain(HttpGatewayConfig{QUrl(QStringLiteral("http://payments.example.com")), QStringLiteral("sk_live_x"), 5000});
    Answer a;
    plain.hold(holdOf(100), QStringLiteral("k-p"), a.callback());
    QVERIFY(a.wait());
    QCOMPARE(a->outcome, Outcome::Refused);
    QCOMPARE(a->errorCode, QStringLiteral("configuration"));
    QCOMPARE(a->error, QStringLiteral("The payment gateway URL must start with https:// (plain http:// only to this computer)."));

    HttpGateway noKey(HttpGatewayConfig{m_server->baseUrl(), QString(), 5000});
    Answer b;
    noKey.status(QStringLiteral("pi_1"), b.callback());
    QVERIFY(b.wait());
    QCOMPARE(b->error, QStringLiteral("No secret key for the payment gateway. Enter it in Settings › Payments."));
    QVERIFY(m_server->requests().isEmpty());
}

void TestHttpGateway::hostileReferenceIsRefused()
{
    Answer a;
    m_gateway->capture(QStringLiteral("pi_1/../../v1/refunds"), 100, QStringLiteral("k-h"), a.callback());
    QVERIFY(a.wait());
    QCOMPARE(a->outcome, Outcome::Refused);
    QCOMPARE(a->error, QStringLiteral("\"pi_1/../../v1/refunds\" is not a payment reference."));
    Answer b;
    m_gateway->refund(QStringLiteral("pi_1&amount=999999"), 100, QStringLiteral("k-h2"), b.callback());
    QVERIFY(b.wait());
    QCOMPARE(b->outcome, Outcome::Refused);
    QVERIFY(m_server->requests().isEmpty());
}

void TestHttpGateway::checkConnection()
{
    Answer a;
    m_gateway->checkConnection(a.callback());
    QVERIFY(a.wait());
    QVERIFY2(a->done(), qPrintable(a->error));
    QCOMPARE(m_server->requests().last().path, QStringLiteral("/v1/payment_intents"));
    QCOMPARE(m_server->requests().last().query, QStringLiteral("limit=1"));

    HttpGateway wrong(HttpGatewayConfig{m_server->baseUrl(), QStringLiteral("sk_test_wrong"), 5000});
    Answer b;
    wrong.checkConnection(b.callback());
    QVERIFY(b.wait());
    QCOMPARE(b->httpStatus, 401);
    QCOMPARE(b->outcome, Outcome::Refused);
}

QTEST_GUILESS_MAIN(TestHttpGateway)
#include "tst_http_gateway.moc"
