// Refunds (core/refunds) on the backend under test (SQLCipher file or PostgreSQL), with a
// controllable payment gateway at the seam (it keeps each refund call until the test answers it):
// - apply moves the amount from the balance and the refundable balance to "pending refund";
// - reject gives it back; approve keeps the commission and refunds the rest across the member's
//   top-ups, newest first, never more than is left of a top-up; the records are in the database
//   (in progress, our refund number = the call's idempotency key) before the gateway hears of them;
// - the gateway's answers: success, refusal (the part goes back to the member), no answer (stays in
//   progress, sent again with the same key); progress refunded / partially refunded / failed;
// - cash top-ups are paid back at the desk and confirmed by the operator;
// - coupons earned by a refunded top-up are revoked (unused) or reported (used), or kept on request;
// - every refusal, with nothing written; list and show with the audit history.
// Balances are checked in exact minor units after every step.

#include "core/accounts/accountservice.h"
#include "core/accounts/couponservice.h"
#include "core/payments/paymentgateway.h"
#include "core/refunds/refundplan.h"
#include "core/refunds/refundservice.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"
#include "support/testdatabase.h"

#include <QMap>
#include <QTest>

using namespace cd;
using namespace cd::refunds;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kT0 = 1'764'979'200'000;  // 2025-12-06 00:00 UTC
const QString kActor = u"Оксана"_s;
const QString kGateway = u"testpay"_s;

// A payment gateway that keeps every refund call until the test answers it, and refuses, like a real
// one, a refund above what is left of the payment.
class FakeGateway final : public payments::PaymentGateway {
public:
    struct Call {
        QString gatewayRef;
        qint64 amountMinor = 0;
        QString key;
        Callback done;
    };

    QString name() const override { return kGateway; }
    void hold(const payments::HoldRequest &, const QString &, Callback) override {}
    void capture(const QString &, qint64, const QString &, Callback) override {}
    void voidHold(const QString &, const QString &, Callback) override {}
    void status(const QString &, Callback) override {}
    void checkConnection(Callback) override {}
    void refund(const QString &gatewayRef, qint64 amountMinor, const QString &key, Callback done) override
    {
        calls.append({gatewayRef, amountMinor, key, std::move(done)});
    }

    // Answers the oldest waiting call: done (or accepted, still `pending`), refused or no answer.
    void answer(payments::Outcome outcome, const QString &error = {}, bool pending = false)
    {
        Call call = calls.takeFirst();
        payments::GatewayResult r;
        r.outcome = outcome;
        r.pending = pending;
        r.gatewayRef = call.gatewayRef;
        if (outcome == payments::Outcome::Done) {
            if (!refundOf.contains(call.key)) {
                refundOf.insert(call.key, u"re_%1"_s.arg(refundOf.size() + 1));
                refunded[call.gatewayRef] += call.amountMinor;
            }
            r.refundRef = refundOf.value(call.key);
            r.refundedMinor = call.amountMinor;
        } else {
            r.error = error;
            r.errorCode = outcome == payments::Outcome::Refused ? u"card_declined"_s : u"timeout"_s;
        }
        call.done(r);
    }

    QList<Call> calls;
    QMap<QString, QString> refundOf;   // idempotency key → refund reference (a key is done once)
    QMap<QString, qint64> refunded;    // payment reference → refunded in all
};

struct Money {
    qint64 balance = -1;
    qint64 refundable = -1;
    qint64 pending = -1;
    bool operator==(const Money &o) const
    {
        return balance == o.balance && refundable == o.refundable && pending == o.pending;
    }
};

char *toString(const Money &m)
{
    return qstrdup(QByteArray("balance=" + QByteArray::number(m.balance) + " refundable=" + QByteArray::number(m.refundable)
                              + " pending=" + QByteArray::number(m.pending)));
}

Money moneyOf(const storage::Database &db, qint64 memberId)
{
    auto q = storage::Sql::run(db.connection(),
                               u"SELECT balance_minor, refundable_minor, pending_refund_minor FROM members WHERE id = ?"_s,
                               {memberId});
    if (!q || !q->next())
        return {};
    return {q->value(0).toLongLong(), q->value(1).toLongLong(), q->value(2).toLongLong()};
}

qint64 scalar(const storage::Database &db, const QString &sql, const QVariantList &values = {})
{
    auto q = storage::Sql::run(db.connection(), sql, values);
    return q && q->next() ? q->value(0).toLongLong() : -1;
}

QStringList decisions(const RefundDetail &d)
{
    QStringList out;
    for (const RefundAuditEntry &e : d.audit)
        out << e.decision;
    return out;
}

// One database, the services, a member.
struct Lab {
    explicit Lab(bool withGateway = true)
        : clock(kT0), accounts(fixture.db(), clock), coupons(fixture.db(), clock),
          refunds(fixture.db(), withGateway ? &gateway : nullptr, clock)
    {
    }

    bool ok() const { return fixture.ok(); }
    QString error() const { return fixture.error(); }
    const storage::Database &db() const { return fixture.db(); }

    qint64 member(const QString &name = u"Olena Kovalenko"_s)
    {
        accounts::NewMember m;
        m.name = name;
        auto created = accounts.createMember(m, kActor);
        return created ? created->member.id : 0;
    }

    qint64 topUp(qint64 memberId, qint64 amount, const QString &gatewayName, const QString &receipt = {})
    {
        clock.advanceMs(60'000);
        accounts::TopUpRequest r;
        r.amountMinor = amount;
        r.currency = u"UAH"_s;
        r.gateway = gatewayName;
        r.receipt = receipt;
        auto done = accounts.topUpMember(memberId, r, kActor);
        return done ? done->topUp.id : 0;
    }

    Expected<RefundApplication> apply(qint64 memberId, qint64 amount, bool revokeCoupons = true)
    {
        clock.advanceMs(60'000);
        RefundRequest r;
        r.memberId = memberId;
        r.amountMinor = amount;
        r.currency = u"UAH"_s;
        r.reason = u"moving to another city"_s;
        r.revokeCoupons = revokeCoupons;
        return refunds.apply(r, kActor);
    }

    RefundDetail show(qint64 id)
    {
        auto d = refunds.show(id);
        return d ? *d : RefundDetail{};
    }

    test::TestDatabase fixture;
    ManualClock clock;
    FakeGateway gateway;
    accounts::AccountService accounts;
    accounts::CouponService coupons;
    RefundService refunds;
};

}  // namespace

class TestRefunds : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(test::TestDatabase::backendName())); }
    void plan_data();
    void plan();
    void applyMovesMoneyToPending();
    void applyRefusals_data();
    void applyRefusals();
    void rejectGivesTheMoneyBack();
    void decisionRefusals();
    void approvePartialAcrossTwoTopUps();
    void gatewayRefusalAndNoAnswer();
    void gatewayReportsFinishAndRevoke();
    void everyPartFails();
    void restartResumesWithTheSameKey();
    void deskRefundConfirmedByTheOperator();
    void notRefundableThroughAnyTopUp();
    void couponsRevokedOrKept_data();
    void couponsRevokedOrKept();
    void listAndShow();
};

void TestRefunds::plan_data()
{
    QTest::addColumn<qint64>("amount");
    QTest::addColumn<QString>("gateway");
    QTest::addColumn<QList<qint64>>("parts");  // per top-up, newest first
    QTest::addColumn<qint64>("uncovered");
    QTest::addColumn<QString>("currency");
    // top-ups in UAH, newest first: testpay 5000 (2000 already refunded), manual 1000, otherpay 4000, testpay 3000
    QTest::newRow("newest first, what is left") << qint64(2500) << kGateway << QList<qint64>{2500} << qint64(0) << u"UAH"_s;
    QTest::newRow("across three") << qint64(6000) << kGateway << QList<qint64>{3000, 1000, 2000} << qint64(0) << u"UAH"_s;
    QTest::newRow("more than all") << qint64(9000) << kGateway << QList<qint64>{3000, 1000, 3000} << qint64(2000)
                                   << u"UAH"_s;
    QTest::newRow("no gateway: desk only") << qint64(3000) << QString() << QList<qint64>{1000} << qint64(2000) << u"UAH"_s;
    QTest::newRow("another currency: none") << qint64(3000) << kGateway << QList<qint64>{} << qint64(3000) << u"EUR"_s;
}

void TestRefunds::plan()
{
    QFETCH(qint64, amount);
    QFETCH(QString, gateway);
    QFETCH(QList<qint64>, parts);
    QFETCH(qint64, uncovered);
    QFETCH(QString, currency);
    auto topUp = [](qint64 id, qint64 amountMinor, const QString &g, qint64 left) {
        RefundableTopUp t;
        t.topUp.id = id;
        t.topUp.amountMinor = amountMinor;
        t.topUp.currency = u"UAH"_s;
        t.topUp.gateway = g;
        t.topUp.receipt = u"ref_%1"_s.arg(id);
        t.leftMinor = left;
        return t;
    };
    const QList<RefundableTopUp> topUps{topUp(4, 5000, kGateway, 3000), topUp(3, 1000, u"manual"_s, 1000),
                                        topUp(2, 4000, u"otherpay"_s, 4000), topUp(1, 3000, kGateway, 3000)};
    const RefundPlan p = planRefund(topUps, amount, gateway, currency);
    QList<qint64> got;
    for (const PlannedRefund &part : p.parts)
        got << part.amountMinor;
    QCOMPARE(got, parts);
    QCOMPARE(p.uncoveredMinor, uncovered);
    QCOMPARE(p.coveredMinor + p.uncoveredMinor, amount);
}

void TestRefunds::applyMovesMoneyToPending()
{
    Lab lab;
    CD_REQUIRE_DB(lab);
    const qint64 member = lab.member();
    QVERIFY(lab.topUp(member, 10000, kGateway, u"pi_1"_s) > 0);
    QCOMPARE(moneyOf(lab.db(), member), (Money{10000, 10000, 0}));

    auto a = lab.apply(member, 6000);
    QVERIFY2(a.ok(), qPrintable(a.error().message));
    QCOMPARE(a->status, RefundStatus::Pending);
    QCOMPARE(a->progress, RefundProgress::Applied);
    QCOMPARE(a->amountMinor, 6000);
    QVERIFY(a->revokeCoupons);
    // zpd_case#14: the balance drops and the pending refund shows where the money is.
    QCOMPARE(moneyOf(lab.db(), member), (Money{4000, 4000, 6000}));
    const RefundDetail d = lab.show(a->id);
    QCOMPARE(decisions(d), QStringList{u"apply"_s});
    QCOMPARE(d.audit.first().operatorName, kActor);
    QCOMPARE(d.audit.first().toState, u"pending/applied"_s);
    QCOMPARE(d.pendingRefundMinor, 6000);
    QCOMPARE(scalar(lab.db(), u"SELECT COUNT(*) FROM audit_log WHERE action = 'refund.apply' AND entity_id = ?"_s,
                    {QString::number(a->id)}),
             1);
    // The rest may be applied for too, not more.
    QVERIFY(lab.apply(member, 4000).ok());
    QCOMPARE(moneyOf(lab.db(), member), (Money{0, 0, 10000}));
    QVERIFY(!lab.apply(member, 1).ok());
}

void TestRefunds::applyRefusals_data()
{
    QTest::addColumn<int>("memberShift");  // 0: the member; 1000: no such member
    QTest::addColumn<qint64>("amount");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("actor");
    QTest::addColumn<QString>("message");
    QTest::newRow("zero") << 0 << qint64(0) << u"UAH"_s << u"r"_s << kActor << u"more than zero"_s;
    QTest::newRow("negative") << 0 << qint64(-5) << u"UAH"_s << u"r"_s << kActor << u"more than zero"_s;
    QTest::newRow("above refundable") << 0 << qint64(3001) << u"UAH"_s << u"r"_s << kActor << u"at most"_s;
    QTest::newRow("unknown member") << 1000 << qint64(100) << u"UAH"_s << u"r"_s << kActor << u"no member"_s;
    QTest::newRow("bad currency") << 0 << qint64(100) << u"uah"_s << u"r"_s << kActor << u"ISO 4217"_s;
    QTest::newRow("no reason") << 0 << qint64(100) << u"UAH"_s << u"  "_s << kActor << u"Say why"_s;
    QTest::newRow("reason too long") << 0 << qint64(100) << u"UAH"_s << QString(1025, u'x') << kActor << u"too long"_s;
    QTest::newRow("nobody") << 0 << qint64(100) << u"UAH"_s << u"r"_s << QString() << u"Say who"_s;
    QTest::newRow("not the top-ups' currency") << 0 << qint64(100) << u"EUR"_s << u"r"_s << kActor << u"topped up in UAH"_s;
}

void TestRefunds::applyRefusals()
{
    QFETCH(int, memberShift);
    QFETCH(qint64, amount);
    QFETCH(QString, currency);
    QFETCH(QString, reason);
    QFETCH(QString, actor);
    QFETCH(QString, message);
    Lab lab;
    CD_REQUIRE_DB(lab);
    const qint64 member = lab.member();
    QVERIFY(lab.topUp(member, 3000, kGateway, u"pi_1"_s) > 0);
    RefundRequest r;
    r.memberId = member + memberShift;
    r.amountMinor = amount;
    r.currency = currency;
    r.reason = reason;
    auto a = lab.refunds.apply(r, actor);
    QVERIFY(!a.ok());
    QVERIFY2(a.error().message.contains(message), qPrintable(a.error().message));
    QCOMPARE(a.error().code, ExitCode::Usage);
    QCOMPARE(scalar(lab.db(), u"SELECT COUNT(*) FROM refund_applications"_s), 0);
    QCOMPARE(scalar(lab.db(), u"SELECT COUNT(*) FROM refund_audit"_s), 0);
    QCOMPARE(moneyOf(lab.db(), member), (Money{3000, 3000, 0}));
}

void TestRefunds::rejectGivesTheMoneyBack()
{
    Lab lab;
    CD_REQUIRE_DB(lab);
    const qint64 member = lab.member();
    QVERIFY(lab.topUp(member, 8000, kGateway, u"pi_1"_s) > 0);
    auto a = lab.apply(member, 8000);
    QVERIFY(a.ok());
    QCOMPARE(moneyOf(lab.db(), member), (Money{0, 0, 8000}));
    lab.clock.advanceMs(3'600'000);
    auto rejected = lab.refunds.reject(a->id, u"Андрій"_s, u"the member withdrew it"_s);
    QVERIFY2(rejected.ok(), qPrintable(rejected.error().message));
    QCOMPARE(rejected->status, RefundStatus::Rejected);
    QCOMPARE(rejected->progress, RefundProgress::PlatformAudit);
    QCOMPARE(rejected->decidedBy, u"Андрій"_s);
    QCOMPARE(moneyOf(lab.db(), member), (Money{8000, 8000, 0}));
    const RefundDetail d = lab.show(a->id);
    QCOMPARE(decisions(d), (QStringList{u"apply"_s, u"reject"_s}));
    QCOMPARE(d.audit.last().fromState, u"pending/applied"_s);
    QCOMPARE(d.audit.last().toState, u"rejected/platform_audit"_s);
    QCOMPARE(d.audit.last().reason, u"the member withdrew it"_s);
    QCOMPARE(d.audit.last().atMs, lab.clock.nowMs());
    QVERIFY(d.records.isEmpty());
    QVERIFY(lab.gateway.calls.isEmpty());
}

void TestRefunds::decisionRefusals()
{
    Lab lab;
    CD_REQUIRE_DB(lab);
    const qint64 member = lab.member();
    QVERIFY(lab.topUp(member, 10000, kGateway, u"pi_1"_s) > 0);
    auto approved = lab.apply(member, 3000);
    auto rejected = lab.apply(member, 2000);
    auto pending = lab.apply(member, 1000);
    QVERIFY(approved.ok() && rejected.ok() && pending.ok());
    QVERIFY(lab.refunds.approve(approved->id, 0, kActor, u"ok"_s).ok());
    QVERIFY(lab.refunds.reject(rejected->id, kActor, u"no"_s).ok());
    QCOMPARE(lab.gateway.calls.size(), 1);
    const Money before = moneyOf(lab.db(), member);
    QCOMPARE(before, (Money{6000, 6000, 4000}));  // 3000 approved (in progress) + 1000 pending
    const qint64 auditRows = scalar(lab.db(), u"SELECT COUNT(*) FROM refund_audit"_s);

    auto refused = [&](const Status &st, const QString &part) {
        QVERIFY(!st.ok());
        QVERIFY2(st.error().message.contains(part), qPrintable(st.error().message));
    };
    auto status = [](const auto &e) { return e.ok() ? Status{} : Status{e.error()}; };
    refused(status(lab.refunds.approve(approved->id, 0, kActor, u"again"_s)), u"already approved"_s);
    refused(status(lab.refunds.reject(approved->id, kActor, u"changed my mind"_s)), u"already approved"_s);
    refused(status(lab.refunds.approve(rejected->id, 0, kActor, u"after all"_s)), u"was rejected"_s);
    refused(status(lab.refunds.reject(rejected->id, kActor, u"twice"_s)), u"was rejected"_s);
    refused(status(lab.refunds.approve(pending->id, 1001, kActor, u"fee"_s)), u"must be less than"_s);
    refused(status(lab.refunds.approve(pending->id, 1000, kActor, u"fee"_s)), u"must be less than"_s);
    refused(status(lab.refunds.approve(pending->id, -1, kActor, u"fee"_s)), u"negative"_s);
    refused(status(lab.refunds.approve(pending->id, 0, kActor, u" "_s)), u"Say why"_s);
    refused(status(lab.refunds.reject(pending->id, kActor, QString())), u"Say why"_s);
    refused(status(lab.refunds.approve(pending->id, 0, QString(), u"ok"_s)), u"Say who"_s);
    refused(status(lab.refunds.reject(pending->id + 100, kActor, u"ok"_s)), u"no refund application"_s);
    refused(status(lab.refunds.approve(pending->id + 100, 0, kActor, u"ok"_s)), u"no refund application"_s);
    refused(status(lab.refunds.confirmDesk(9999, true, {}, kActor, u"ok"_s)), u"no refund record"_s);
    refused(status(lab.refunds.show(pending->id + 100)), u"no refund application"_s);

    QCOMPARE(moneyOf(lab.db(), member), before);
    QCOMPARE(scalar(lab.db(), u"SELECT COUNT(*) FROM refund_audit"_s), auditRows);
    QCOMPARE(lab.gateway.calls.size(), 1);
    QCOMPARE(lab.show(pending->id).application.status, RefundStatus::Pending);
    // A gateway record is settled by the gateway, not at the desk.
    const qint64 record = lab.show(approved->id).records.first().id;
    refused(status(lab.refunds.confirmDesk(record, true, {}, kActor, u"cash"_s)), u"payment gateway"_s);
}

void TestRefunds::approvePartialAcrossTwoTopUps()
{
    Lab lab;
    CD_REQUIRE_DB(lab);
    const qint64 member = lab.member();
    const qint64 older = lab.topUp(member, 3000, kGateway, u"pi_old"_s);
    const qint64 newer = lab.topUp(member, 5000, kGateway, u"pi_new"_s);
    QVERIFY(older > 0 && newer > 0);
    auto a = lab.apply(member, 7000);
    QVERIFY(a.ok());
    QCOMPARE(moneyOf(lab.db(), member), (Money{1000, 1000, 7000}));

    lab.clock.advanceMs(3'600'000);
    auto approved = lab.refunds.approve(a->id, 500, u"Андрій"_s, u"checked the top-ups"_s);
    QVERIFY2(approved.ok(), qPrintable(approved.error().message));
    QCOMPARE(approved->application.status, RefundStatus::Approved);
    QCOMPARE(approved->application.progress, RefundProgress::PlatformAudit);
    QCOMPARE(approved->application.commissionMinor, 500);
    QCOMPARE(approved->returnedMinor, 0);
    // 6500 to pay back: 5000 of the newest top-up, 1500 of the older one.
    QCOMPARE(approved->records.size(), 2);
    QCOMPARE(approved->records.at(0).topUpId, std::optional<qint64>(newer));
    QCOMPARE(approved->records.at(0).amountMinor, 5000);
    QCOMPARE(approved->records.at(0).originalTotalMinor, 5000);
    QCOMPARE(approved->records.at(1).topUpId, std::optional<qint64>(older));
    QCOMPARE(approved->records.at(1).amountMinor, 1500);
    // The commission is kept; the rest waits for the gateway.
    QCOMPARE(moneyOf(lab.db(), member), (Money{1000, 1000, 6500}));

    // Committed before the gateway answered: in progress, our number is the call's key.
    QCOMPARE(lab.gateway.calls.size(), 2);
    QCOMPARE(lab.gateway.calls.at(0).gatewayRef, u"pi_new"_s);
    QCOMPARE(lab.gateway.calls.at(0).amountMinor, 5000);
    QCOMPARE(lab.gateway.calls.at(1).gatewayRef, u"pi_old"_s);
    RefundDetail d = lab.show(a->id);
    QCOMPARE(d.records.size(), 2);
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(d.records.at(i).status, RecordStatus::InProgress);
        QCOMPARE(d.records.at(i).ourRefundNo, lab.gateway.calls.at(i).key);
        QVERIFY(d.records.at(i).gatewayRefundNo.isEmpty());
    }
    QVERIFY(d.records.at(0).ourRefundNo != d.records.at(1).ourRefundNo);
    QVERIFY(lab.refunds.isInFlight(d.records.at(0).id));

    lab.gateway.answer(payments::Outcome::Done);
    QCOMPARE(lab.show(a->id).application.progress, RefundProgress::PlatformAudit);  // one still in progress
    QCOMPARE(moneyOf(lab.db(), member), (Money{1000, 1000, 1500}));
    lab.gateway.answer(payments::Outcome::Done);
    d = lab.show(a->id);
    QCOMPARE(d.application.progress, RefundProgress::Refunded);
    QCOMPARE(d.application.refundedMinor, 6500);
    QCOMPARE(d.records.at(0).status, RecordStatus::Success);
    QCOMPARE(d.records.at(0).gatewayRefundNo, u"re_1"_s);
    QCOMPARE(d.records.at(1).gatewayRefundNo, u"re_2"_s);
    QCOMPARE(decisions(d), (QStringList{u"apply"_s, u"approve"_s, u"gateway_success"_s, u"gateway_success"_s, u"finish"_s}));
    QCOMPARE(d.audit.last().toState, u"approved/refunded"_s);
    QCOMPARE(moneyOf(lab.db(), member), (Money{1000, 1000, 0}));
    QCOMPARE(lab.refunds.inFlightCount(), 0);

    // What is left of each top-up: nothing of the newest, 1500 of the older one. 1000 is refundable.
    auto second = lab.apply(member, 1000);
    QVERIFY(second.ok());
    auto again = lab.refunds.approve(second->id, 0, kActor, u"rest"_s);
    QVERIFY(again.ok());
    QCOMPARE(again->records.size(), 1);
    QCOMPARE(again->records.first().topUpId, std::optional<qint64>(older));
    QCOMPARE(again->records.first().amountMinor, 1000);
    lab.gateway.answer(payments::Outcome::Done);
    QCOMPARE(lab.gateway.refunded.value(u"pi_old"_s), 2500);
    QCOMPARE(lab.gateway.refunded.value(u"pi_new"_s), 5000);
    QCOMPARE(lab.show(second->id).application.progress, RefundProgress::Refunded);
    QCOMPARE(moneyOf(lab.db(), member), (Money{0, 0, 0}));
}

void TestRefunds::gatewayRefusalAndNoAnswer()
{
    Lab lab;
    CD_REQUIRE_DB(lab);
    const qint64 member = lab.member();
    QVERIFY(lab.topUp(member, 4000, kGateway, u"pi_a"_s) > 0);
    QVERIFY(lab.topUp(member, 6000, kGateway, u"pi_b"_s) > 0);
    auto a = lab.apply(member, 10000);
    QVERIFY(a.ok());
    QVERIFY(lab.refunds.approve(a->id, 0, kActor, u"ok"_s).ok());
    QCOMPARE(lab.gateway.calls.size(), 2);
    const QString firstKey = lab.gateway.calls.at(0).key;

    // No answer for pi_b (6000): stays in progress, money stays pending.
    lab.gateway.answer(payments::Outcome::Unknown, u"timeout"_s);
    RefundDetail d = lab.show(a->id);
    QCOMPARE(d.records.at(0).status, RecordStatus::InProgress);
    QCOMPARE(d.records.at(0).errorCode, u"timeout"_s);
    QCOMPARE(decisions(d).last(), u"gateway_no_answer"_s);
    QCOMPARE(moneyOf(lab.db(), member), (Money{0, 0, 10000}));
    // pi_a (4000) is refused: it goes back to the member.
    lab.gateway.answer(payments::Outcome::Refused, u"The card was closed."_s);
    d = lab.show(a->id);
    QCOMPARE(d.records.at(1).status, RecordStatus::Failed);
    QCOMPARE(d.records.at(1).errorCode, u"card_declined"_s);
    QCOMPARE(d.records.at(1).error, u"The card was closed."_s);
    QVERIFY(d.audit.last().reason.contains(u"The card was closed."_s));
    QCOMPARE(moneyOf(lab.db(), member), (Money{4000, 4000, 6000}));
    QCOMPARE(d.application.progress, RefundProgress::PlatformAudit);

    // Sent again with the same key; this time it is done.
    auto sent = lab.refunds.resend(a->id);
    QVERIFY2(sent.ok(), qPrintable(sent.error().message));
    QCOMPARE(*sent, 1);
    QCOMPARE(lab.gateway.calls.size(), 1);
    QCOMPARE(lab.gateway.calls.first().key, firstKey);
    QCOMPARE(*lab.refunds.resend(a->id), 0);  // already on its way
    lab.gateway.answer(payments::Outcome::Done);
    d = lab.show(a->id);
    QCOMPARE(d.application.progress, RefundProgress::PartiallyRefunded);
    QCOMPARE(d.application.refundedMinor, 6000);
    QCOMPARE(moneyOf(lab.db(), member), (Money{4000, 4000, 0}));
    // A late duplicate answer changes nothing.
    QCOMPARE(*lab.refunds.resend(a->id), 0);
}

// The gateway's webhook (RefundService::report): a refund it accepted and is still processing
// stays in progress until the report; one it canceled is revoked and the money goes back; one the
// bank reverses after it succeeded is revoked too, and the application's refunded amount shrinks.
void TestRefunds::gatewayReportsFinishAndRevoke()
{
    Lab lab;
    CD_REQUIRE_DB(lab);
    const qint64 member = lab.member();
    QVERIFY(lab.topUp(member, 4000, kGateway, u"pi_a"_s) > 0);
    QVERIFY(lab.topUp(member, 6000, kGateway, u"pi_b"_s) > 0);
    auto a = lab.apply(member, 10000);
    QVERIFY(a.ok());
    QVERIFY(lab.refunds.approve(a->id, 0, kActor, u"ok"_s).ok());
    QCOMPARE(lab.gateway.calls.size(), 2);

    // pi_b (6000): accepted, still being processed: in progress, with the gateway's number.
    lab.gateway.answer(payments::Outcome::Done, {}, true);
    RefundDetail d = lab.show(a->id);
    QCOMPARE(d.records.at(0).status, RecordStatus::InProgress);
    QCOMPARE(d.records.at(0).gatewayRefundNo, u"re_1"_s);
    QCOMPARE(decisions(d).last(), u"gateway_pending"_s);
    QCOMPARE(moneyOf(lab.db(), member), (Money{0, 0, 10000}));
    // pi_a (4000): no answer, then the gateway reports it canceled (found by our number).
    lab.gateway.answer(payments::Outcome::Unknown, u"timeout"_s);
    payments::RefundReport canceled;
    canceled.state = payments::RefundReport::State::Canceled;
    canceled.refundRef = u"re_9"_s;
    canceled.ourRefundNo = d.records.at(1).ourRefundNo;
    auto outcome = lab.refunds.report(canceled);
    QVERIFY2(outcome.ok(), qPrintable(outcome.error().message));
    QCOMPARE(*outcome, ReportOutcome::Applied);
    d = lab.show(a->id);
    QCOMPARE(d.records.at(1).status, RecordStatus::Revoked);
    QCOMPARE(moneyOf(lab.db(), member), (Money{4000, 4000, 6000}));
    QCOMPARE(d.application.progress, RefundProgress::PlatformAudit);

    // pi_b finishes (found by the gateway's number).
    payments::RefundReport succeeded;
    succeeded.state = payments::RefundReport::State::Succeeded;
    succeeded.refundRef = u"re_1"_s;
    QCOMPARE(*lab.refunds.report(succeeded), ReportOutcome::Applied);
    d = lab.show(a->id);
    QCOMPARE(d.records.at(0).status, RecordStatus::Success);
    QCOMPARE(d.application.progress, RefundProgress::PartiallyRefunded);
    QCOMPARE(d.application.refundedMinor, 6000);
    QCOMPARE(moneyOf(lab.db(), member), (Money{4000, 4000, 0}));
    QCOMPARE(*lab.refunds.report(succeeded), ReportOutcome::Stale);  // delivered again

    // The bank returns pi_b's refund: revoked, the money is the member's again.
    payments::RefundReport reversed;
    reversed.state = payments::RefundReport::State::Failed;
    reversed.refundRef = u"re_1"_s;
    reversed.failureReason = u"expired_or_canceled_card"_s;
    QCOMPARE(*lab.refunds.report(reversed), ReportOutcome::Applied);
    d = lab.show(a->id);
    QCOMPARE(d.records.at(0).status, RecordStatus::Revoked);
    QCOMPARE(d.records.at(0).error, u"re_1, expired_or_canceled_card"_s);
    QCOMPARE(d.application.progress, RefundProgress::Failed);
    QCOMPARE(d.application.refundedMinor, 0);
    QCOMPARE(moneyOf(lab.db(), member), (Money{10000, 10000, 0}));
    QCOMPARE(decisions(d).last(), u"gateway_revoked"_s);
    QCOMPARE(d.audit.last().operatorName, u"gateway"_s);
    QCOMPARE(*lab.refunds.report(reversed), ReportOutcome::Stale);
    QCOMPARE(moneyOf(lab.db(), member), (Money{10000, 10000, 0}));

    payments::RefundReport elsewhere;
    elsewhere.state = payments::RefundReport::State::Succeeded;
    elsewhere.refundRef = u"re_dashboard"_s;
    QCOMPARE(*lab.refunds.report(elsewhere), ReportOutcome::Unknown);
}

void TestRefunds::everyPartFails()
{
    Lab lab;
    CD_REQUIRE_DB(lab);
    const qint64 member = lab.member();
    QVERIFY(lab.topUp(member, 5000, kGateway, u"pi_a"_s) > 0);
    auto a = lab.apply(member, 5000);
    QVERIFY(a.ok());
    QVERIFY(lab.refunds.approve(a->id, 300, kActor, u"ok"_s).ok());
    QCOMPARE(moneyOf(lab.db(), member), (Money{0, 0, 4700}));
    lab.gateway.answer(payments::Outcome::Refused, u"declined"_s);
    const RefundDetail d = lab.show(a->id);
    QCOMPARE(d.application.progress, RefundProgress::Failed);
    QCOMPARE(d.application.refundedMinor, 0);
    // The payout comes back; the commission stays with the operator.
    QCOMPARE(moneyOf(lab.db(), member), (Money{4700, 4700, 0}));
}

void TestRefunds::restartResumesWithTheSameKey()
{
    Lab lab;
    CD_REQUIRE_DB(lab);
    const qint64 member = lab.member();
    QVERIFY(lab.topUp(member, 5000, kGateway, u"pi_a"_s) > 0);
    QVERIFY(lab.topUp(member, 2000, u"manual"_s) > 0);
    auto a = lab.apply(member, 7000);
    QVERIFY(a.ok());
    QVERIFY(lab.refunds.approve(a->id, 0, kActor, u"ok"_s).ok());
    QCOMPARE(lab.gateway.calls.size(), 1);  // the desk record is not sent anywhere
    const QString key = lab.gateway.calls.first().key;
    lab.gateway.calls.clear();  // the process dies before the answer

    FakeGateway again;
    RefundService restarted(lab.db(), &again, lab.clock);
    auto resumed = restarted.resumePending();
    QVERIFY2(resumed.ok(), qPrintable(resumed.error().message));
    QCOMPARE(*resumed, 1);
    QCOMPARE(again.calls.size(), 1);
    QCOMPARE(again.calls.first().key, key);
    QCOMPARE(again.calls.first().amountMinor, 5000);
    QCOMPARE(*restarted.resumePending(), 0);  // on its way already
    again.answer(payments::Outcome::Done);
    QCOMPARE(moneyOf(lab.db(), member), (Money{0, 0, 2000}));  // the desk part still waits
    QCOMPARE(lab.show(a->id).application.progress, RefundProgress::PlatformAudit);
}

void TestRefunds::deskRefundConfirmedByTheOperator()
{
    Lab lab;
    CD_REQUIRE_DB(lab);
    const qint64 member = lab.member();
    QVERIFY(lab.topUp(member, 2000, u"manual"_s) > 0);  // cash at the desk: receipt desk-<id>
    QVERIFY(lab.topUp(member, 3000, u"manual"_s) > 0);
    auto a = lab.apply(member, 4000);
    QVERIFY(a.ok());
    auto approved = lab.refunds.approve(a->id, 0, kActor, u"cash back"_s);
    QVERIFY(approved.ok());
    QCOMPARE(approved->records.size(), 2);
    QVERIFY(approved->records.at(0).atDesk());
    QVERIFY(lab.gateway.calls.isEmpty());  // nothing to send: the operator pays at the desk
    QCOMPARE(moneyOf(lab.db(), member), (Money{1000, 1000, 4000}));

    auto paid = lab.refunds.confirmDesk(approved->records.at(0).id, true, u"D-77"_s, kActor, u"paid in cash"_s);
    QVERIFY2(paid.ok(), qPrintable(paid.error().message));
    QCOMPARE(paid->progress, RefundProgress::PlatformAudit);
    QCOMPARE(moneyOf(lab.db(), member), (Money{1000, 1000, 1000}));
    auto twice = lab.refunds.confirmDesk(approved->records.at(0).id, true, {}, kActor, u"again"_s);
    QVERIFY(!twice.ok());
    QVERIFY2(twice.error().message.contains(u"already settled"_s), qPrintable(twice.error().message));

    auto notPaid = lab.refunds.confirmDesk(approved->records.at(1).id, false, {}, kActor, u"the member did not come"_s);
    QVERIFY(notPaid.ok());
    QCOMPARE(notPaid->progress, RefundProgress::PartiallyRefunded);
    QCOMPARE(notPaid->refundedMinor, 3000);
    QCOMPARE(moneyOf(lab.db(), member), (Money{2000, 2000, 0}));
    const RefundDetail d = lab.show(a->id);
    QCOMPARE(d.records.at(0).gatewayRefundNo, u"D-77"_s);
    QCOMPARE(d.records.at(1).status, RecordStatus::Failed);
    QCOMPARE(decisions(d), (QStringList{u"apply"_s, u"approve"_s, u"desk_paid"_s, u"desk_not_paid"_s, u"finish"_s}));
}

void TestRefunds::notRefundableThroughAnyTopUp()
{
    Lab lab(false);  // no gateway in this console: only the desk
    CD_REQUIRE_DB(lab);
    const qint64 member = lab.member();
    QVERIFY(lab.topUp(member, 5000, kGateway, u"pi_a"_s) > 0);
    auto a = lab.apply(member, 5000);
    QVERIFY(a.ok());
    auto approved = lab.refunds.approve(a->id, 1000, kActor, u"ok"_s);
    QVERIFY(approved.ok());
    QVERIFY(approved->records.isEmpty());
    QCOMPARE(approved->returnedMinor, 4000);
    QCOMPARE(approved->application.progress, RefundProgress::Failed);
    QCOMPARE(moneyOf(lab.db(), member), (Money{4000, 4000, 0}));
    QCOMPARE(decisions(lab.show(a->id)), (QStringList{u"apply"_s, u"approve"_s, u"returned"_s, u"finish"_s}));
}

void TestRefunds::couponsRevokedOrKept_data()
{
    QTest::addColumn<bool>("revoke");
    QTest::newRow("revoke (default)") << true;
    QTest::newRow("keep coupons") << false;
}

void TestRefunds::couponsRevokedOrKept()
{
    QFETCH(bool, revoke);
    Lab lab;
    CD_REQUIRE_DB(lab);
    accounts::CouponRule rule;
    rule.name = u"Top up 50, get 5"_s;
    rule.trigger = accounts::CouponTrigger::TopUp;
    rule.minTopUpMinor = 5000;
    rule.amountMinor = 500;
    rule.validDays = 30;
    QVERIFY(lab.coupons.createRule(rule, kActor).ok());
    const qint64 member = lab.member();
    const qint64 first = lab.topUp(member, 5000, kGateway, u"pi_a"_s);
    const qint64 second = lab.topUp(member, 6000, kGateway, u"pi_b"_s);
    const qint64 usedCoupon = scalar(lab.db(), u"SELECT id FROM coupons WHERE source_topup_id = ?"_s, {first});
    const qint64 freeCoupon = scalar(lab.db(), u"SELECT id FROM coupons WHERE source_topup_id = ?"_s, {second});
    QVERIFY(usedCoupon > 0 && freeCoupon > 0);
    QVERIFY(storage::Sql::run(lab.db().connection(), u"UPDATE coupons SET status = 'used' WHERE id = ?"_s, {usedCoupon}).ok());

    auto a = lab.apply(member, 11000, revoke);
    QVERIFY(a.ok());
    QCOMPARE(a->revokeCoupons, revoke);
    QVERIFY(lab.refunds.approve(a->id, 0, kActor, u"ok"_s).ok());
    lab.gateway.answer(payments::Outcome::Done);
    lab.gateway.answer(payments::Outcome::Done);
    const RefundDetail d = lab.show(a->id);
    QCOMPARE(d.application.progress, RefundProgress::Refunded);
    QCOMPARE(d.coupons.size(), 2);
    const auto couponStatus = [&](qint64 id) {
        auto q = storage::Sql::run(lab.db().connection(), u"SELECT status FROM coupons WHERE id = ?"_s, {id});
        return q && q->next() ? q->value(0).toString() : QString();
    };
    QCOMPARE(couponStatus(usedCoupon), u"used"_s);
    QCOMPARE(couponStatus(freeCoupon), revoke ? u"revoked"_s : u"issued"_s);
    const QStringList ds = decisions(d);
    QCOMPARE(ds.contains(u"coupon_revoked"_s), revoke);
    QCOMPARE(ds.contains(u"coupon_used"_s), revoke);  // the used one is reported
    QCOMPARE(scalar(lab.db(), u"SELECT COUNT(*) FROM audit_log WHERE action = 'coupon.revoke'"_s), revoke ? 1 : 0);
    QCOMPARE(moneyOf(lab.db(), member), (Money{0, 0, 0}));
}

void TestRefunds::listAndShow()
{
    Lab lab;
    CD_REQUIRE_DB(lab);
    const qint64 olena = lab.member(u"Olena"_s);
    const qint64 petro = lab.member(u"Petro"_s);
    QVERIFY(lab.topUp(olena, 10000, kGateway, u"pi_o"_s) > 0);
    QVERIFY(lab.topUp(petro, 10000, kGateway, u"pi_p"_s) > 0);
    QList<qint64> ids;
    for (int i = 0; i < 3; ++i)
        ids << lab.apply(olena, 1000)->id;
    ids << lab.apply(petro, 2000)->id;
    QVERIFY(lab.refunds.reject(ids.at(0), kActor, u"no"_s).ok());

    auto all = lab.refunds.list({});
    QVERIFY(all.ok());
    QCOMPARE(all->size(), 4);
    QCOMPARE(all->first().id, ids.last());  // newest first
    QCOMPARE(all->first().memberName, u"Petro"_s);
    RefundFilter f;
    f.memberId = olena;
    QCOMPARE(lab.refunds.list(f)->size(), 3);
    f.status = RefundStatus::Pending;
    QCOMPARE(lab.refunds.list(f)->size(), 2);
    f.status = RefundStatus::Rejected;
    QCOMPARE(lab.refunds.list(f)->first().id, ids.at(0));
    RefundFilter page;
    page.limit = 2;
    auto first = lab.refunds.list(page);
    QCOMPARE(first->size(), 2);
    page.beforeId = first->last().id;
    auto next = lab.refunds.list(page);
    QCOMPARE(next->size(), 2);
    QCOMPARE(next->first().id, ids.at(1));
    QCOMPARE(next->last().id, ids.at(0));

    const RefundDetail d = lab.show(ids.at(0));
    QCOMPARE(d.application.memberName, u"Olena"_s);
    QCOMPARE(d.balanceMinor, 8000);
    QCOMPARE(d.refundableMinor, 8000);
    QCOMPARE(d.pendingRefundMinor, 2000);
}

QTEST_GUILESS_MAIN(TestRefunds)
#include "tst_refund_service.moc"
