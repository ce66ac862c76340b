// The manual (cash) gateway: its records in the database, answers that come through the event
// loop and are the same for the same input, a repeated idempotency key answered with the first
// answer, and clear refusals for a capture above the hold and a refund above what was captured.

#include "support/testdatabase.h"

#include "core/payments/manualgateway.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>
#include <QTest>

using namespace cd;
using namespace cd::payments;
using cd::test::TestDatabase;

namespace {

HoldRequest cash(qint64 amount, const QString &currency = QStringLiteral("UAH"))
{
    HoldRequest r;
    r.amountMinor = amount;
    r.currency = currency;
    return r;
}

qint64 count(const storage::Database &db, const QString &sql)
{
    auto q = storage::Sql::run(db.connection(), sql);
    return q && q->next() ? q->value(0).toLongLong() : -1;
}

}  // namespace

class TestManualGateway : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(TestDatabase::backendName())); }
    void holdCaptureRefund();
    void answersThroughTheEventLoop();
    void captureAboveTheHoldIsRefused();
    void refundNeverAboveCaptured();
    void sameKeySameAnswer();
    void voidReleasesAHold();
    void refusesNonsense();
    void statusOfUnknownReference();
};

void TestManualGateway::holdCaptureRefund()
{
    TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualClock clock(1'700'000'000'000);
    ManualGateway gateway(fixture.db(), clock);

    const GatewayResult held = gateway.holdNow(cash(5000), QStringLiteral("k1"));
    QVERIFY2(held.done(), qPrintable(held.error));
    QCOMPARE(held.status, HoldStatus::Hold);
    QVERIFY(held.gatewayRef.startsWith(QStringLiteral("cash_")));
    QCOMPARE(held.cardToken, QStringLiteral("cash"));
    QCOMPARE(held.capturableMinor, qint64(5000));
    QCOMPARE(count(fixture.db(), QStringLiteral("SELECT COUNT(*) FROM manual_payments")), 1);

    clock.advanceMs(1000);
    const GatewayResult captured = gateway.captureNow(held.gatewayRef, 3000, QStringLiteral("k2"));
    QVERIFY2(captured.done(), qPrintable(captured.error));
    QCOMPARE(captured.status, HoldStatus::Success);
    QCOMPARE(captured.capturedMinor, qint64(3000));
    QCOMPARE(captured.capturableMinor, qint64(0));  // the other 2000 are released

    const GatewayResult refunded = gateway.refundNow(held.gatewayRef, 1000, QStringLiteral("k3"));
    QVERIFY2(refunded.done(), qPrintable(refunded.error));
    QCOMPARE(refunded.refundedMinor, qint64(1000));
    QVERIFY(!refunded.refundRef.isEmpty());

    auto row = storage::Sql::run(fixture.db().connection(),
                                 QStringLiteral("SELECT amount_minor, captured_minor, refunded_minor, status, currency, updated_ms "
                                                "FROM manual_payments"));
    QVERIFY(row && row->next());
    QCOMPARE(row->value(0).toLongLong(), qint64(5000));
    QCOMPARE(row->value(1).toLongLong(), qint64(3000));
    QCOMPARE(row->value(2).toLongLong(), qint64(1000));
    QCOMPARE(row->value(3).toString(), QStringLiteral("success"));
    QCOMPARE(row->value(4).toString(), QStringLiteral("UAH"));
    QCOMPARE(row->value(5).toLongLong(), qint64(1'700'000'001'000));

    const GatewayResult status = gateway.statusNow(held.gatewayRef);
    QCOMPARE(status.status, HoldStatus::Success);
    QCOMPARE(status.capturedMinor, qint64(3000));
}

void TestManualGateway::answersThroughTheEventLoop()
{
    TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualGateway gateway(fixture.db());
    std::optional<GatewayResult> answer;
    gateway.hold(cash(700), QStringLiteral("k-async"), [&answer](const GatewayResult &r) { answer = r; });
    QVERIFY(!answer);  // never from inside the call
    QTRY_VERIFY(answer.has_value());
    QVERIFY(answer->done());
    QCOMPARE(answer->amountMinor, qint64(700));
    QVERIFY(!answer->raw.isEmpty());
}

void TestManualGateway::captureAboveTheHoldIsRefused()
{
    TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualGateway gateway(fixture.db());
    const GatewayResult held = gateway.holdNow(cash(5000), QStringLiteral("k1"));
    const GatewayResult tooMuch = gateway.captureNow(held.gatewayRef, 5001, QStringLiteral("k2"));
    QCOMPARE(tooMuch.outcome, Outcome::Refused);
    QCOMPARE(tooMuch.errorCode, QStringLiteral("amount_too_large"));
    QCOMPARE(tooMuch.error, QStringLiteral("Cannot capture 50.01 UAH: only 50.00 UAH is held."));
    // Nothing moved: the whole hold can still be captured.
    QCOMPARE(gateway.statusNow(held.gatewayRef).status, HoldStatus::Hold);
    const GatewayResult all = gateway.captureNow(held.gatewayRef, 5000, QStringLiteral("k3"));
    QVERIFY2(all.done(), qPrintable(all.error));
    // Once captured, no second capture.
    const GatewayResult twice = gateway.captureNow(held.gatewayRef, 1, QStringLiteral("k4"));
    QCOMPARE(twice.outcome, Outcome::Refused);
    QCOMPARE(twice.error, QStringLiteral("The hold %1 is success: only a held amount can be captured.").arg(held.gatewayRef));
}

void TestManualGateway::refundNeverAboveCaptured()
{
    TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualGateway gateway(fixture.db());
    const GatewayResult held = gateway.holdNow(cash(5000), QStringLiteral("k1"));
    // Nothing captured yet: nothing to refund.
    const GatewayResult early = gateway.refundNow(held.gatewayRef, 100, QStringLiteral("k-early"));
    QCOMPARE(early.outcome, Outcome::Refused);
    QCOMPARE(early.errorCode, QStringLiteral("charge_not_captured"));

    QVERIFY(gateway.captureNow(held.gatewayRef, 2000, QStringLiteral("k2")).done());
    QVERIFY(gateway.refundNow(held.gatewayRef, 1500, QStringLiteral("k3")).done());
    const GatewayResult over = gateway.refundNow(held.gatewayRef, 501, QStringLiteral("k4"));
    QCOMPARE(over.outcome, Outcome::Refused);
    QCOMPARE(over.error, QStringLiteral("Cannot refund 5.01 UAH: only 5.00 UAH of the 20.00 UAH captured is left to refund."));
    QVERIFY(gateway.refundNow(held.gatewayRef, 500, QStringLiteral("k5")).done());
    const GatewayResult none = gateway.refundNow(held.gatewayRef, 1, QStringLiteral("k6"));
    QCOMPARE(none.outcome, Outcome::Refused);
    auto row = storage::Sql::run(fixture.db().connection(), QStringLiteral("SELECT refunded_minor FROM manual_payments"));
    QVERIFY(row && row->next());
    QCOMPARE(row->value(0).toLongLong(), qint64(2000));
}

void TestManualGateway::sameKeySameAnswer()
{
    TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualGateway gateway(fixture.db());
    const GatewayResult first = gateway.holdNow(cash(1200), QStringLiteral("same"));
    const GatewayResult second = gateway.holdNow(cash(1200), QStringLiteral("same"));
    QCOMPARE(second.gatewayRef, first.gatewayRef);
    QCOMPARE(second.outcome, Outcome::Done);
    QCOMPARE(count(fixture.db(), QStringLiteral("SELECT COUNT(*) FROM manual_payments")), 1);

    QVERIFY(gateway.captureNow(first.gatewayRef, 1000, QStringLiteral("cap")).done());
    QVERIFY(gateway.refundNow(first.gatewayRef, 300, QStringLiteral("ref")).done());
    // The refund sent again (its answer was lost) is not a second refund.
    const GatewayResult again = gateway.refundNow(first.gatewayRef, 300, QStringLiteral("ref"));
    QVERIFY(again.done());
    QCOMPARE(again.refundedMinor, qint64(300));
    auto row = storage::Sql::run(fixture.db().connection(), QStringLiteral("SELECT refunded_minor FROM manual_payments"));
    QVERIFY(row && row->next());
    QCOMPARE(row->value(0).toLongLong(), qint64(300));
    // A refused call is answered the same way again, too.
    const GatewayResult refused = gateway.captureNow(first.gatewayRef, 1, QStringLiteral("cap2"));
    QCOMPARE(gateway.captureNow(first.gatewayRef, 1, QStringLiteral("cap2")).error, refused.error);
    // A key used for one kind of call cannot be used for another.
    const GatewayResult misuse = gateway.voidNow(first.gatewayRef, QStringLiteral("cap"));
    QCOMPARE(misuse.outcome, Outcome::Refused);
    QCOMPARE(misuse.errorCode, QStringLiteral("idempotency_key_in_use"));
}

void TestManualGateway::voidReleasesAHold()
{
    TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualGateway gateway(fixture.db());
    const GatewayResult held = gateway.holdNow(cash(900), QStringLiteral("k1"));
    const GatewayResult released = gateway.voidNow(held.gatewayRef, QStringLiteral("k2"));
    QVERIFY2(released.done(), qPrintable(released.error));
    QCOMPARE(released.status, HoldStatus::Released);
    QCOMPARE(released.capturedMinor, qint64(0));
    const GatewayResult late = gateway.captureNow(held.gatewayRef, 100, QStringLiteral("k3"));
    QCOMPARE(late.outcome, Outcome::Refused);
    const GatewayResult twice = gateway.voidNow(held.gatewayRef, QStringLiteral("k4"));
    QCOMPARE(twice.outcome, Outcome::Refused);
    QCOMPARE(twice.error, QStringLiteral("The hold %1 is released and can no longer be released.").arg(held.gatewayRef));
}

void TestManualGateway::refusesNonsense()
{
    TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualGateway gateway(fixture.db());
    QCOMPARE(gateway.holdNow(cash(0), QStringLiteral("k0")).error, QStringLiteral("A hold needs an amount above zero."));
    QCOMPARE(gateway.holdNow(cash(100, QStringLiteral("hryvnia")), QStringLiteral("k1")).error,
             QStringLiteral("\"hryvnia\" is not a currency code."));
    QCOMPARE(gateway.holdNow(cash(100), QString()).errorCode, QStringLiteral("idempotency_key"));
    const GatewayResult held = gateway.holdNow(cash(100, QStringLiteral("jpy")), QStringLiteral("k2"));
    QCOMPARE(gateway.captureNow(held.gatewayRef, 0, QStringLiteral("k3")).error,
             QStringLiteral("A capture needs an amount above zero; release the hold to capture nothing."));
    QCOMPARE(gateway.captureNow(held.gatewayRef, 101, QStringLiteral("k4")).error,
             QStringLiteral("Cannot capture 101 JPY: only 100 JPY is held."));
}

void TestManualGateway::statusOfUnknownReference()
{
    TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualGateway gateway(fixture.db());
    for (const QString &ref : {QStringLiteral("cash_42"), QStringLiteral("pi_123"), QStringLiteral("cash_x")}) {
        const GatewayResult r = gateway.statusNow(ref);
        QCOMPARE(r.outcome, Outcome::Refused);
        QCOMPARE(r.error, QStringLiteral("No manual payment %1.").arg(ref));
    }
}

QTEST_GUILESS_MAIN(TestManualGateway)
#include "tst_manual_gateway.moc"
