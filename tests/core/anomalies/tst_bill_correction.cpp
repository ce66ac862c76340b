// Bill correction (core/anomalies/correctionengine): every method, the preview of every effect and
// applying it in one transaction, on real bills issued by the billing service:
// - zpd_case#4: moving the service end to the charging end removes the idle fee 148.00, total 3.40 =
//   energy 2.35 + service 1.05, the difference goes back to the member's balance;
// - a coupon stops applying (the corrected total is below its minimum spend: back to issued) or
//   starts applying; one issued after the session started is never applied (igo_case#92);
// - balance deltas for a member (and its refundable amount, capped at the new balance) and for a
//   department billed to its parent; a held bill is charged in full (gdss_case#8, igo_case#97); a
//   card hold is partly refunded, or captured when still held;
// - a concurrent correction is refused and writes nothing; a revert is a new version; the audit log
//   has who, why, before and after.

#include "correctionlab.h"
#include "support/testdatabase.h"

#include "core/anomalies/correctionengine.h"
#include "core/billing/anomalytagger.h"
#include "core/billing/billingservice.h"
#include "core/billing/tariffrepository.h"
#include "core/payments/holdservice.h"
#include "core/payments/manualgateway.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace cd;
using namespace cd::anomalies;
using cd::test::TestDatabase;

using namespace cd::test::correctionlab;

namespace {

QString joined(const QStringList &lines)
{
    return lines.join(u'\n');
}

}  // namespace

class TestBillCorrection : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(TestDatabase::backendName())); }
    void methodNames();
    void serviceEndRemovesIdleFeeZpdCase4();
    void estimateFromSamples();
    void stationBill();
    void manualEnergyAdditionalCharge();
    void recomputeWithChosenTariff();
    void couponStopsApplying();
    void couponStartsApplyingButNotOneIssuedLater();
    void departmentBilledToParent();
    void heldBillIsChargedInFull();
    void cardHoldPartRefunded();
    void cardHoldStillHeldIsCaptured();
    void concurrentCorrectionRefused();
    void revertBringsBackTheOldNumbers();
    void refusals();
};

void TestBillCorrection::methodNames()
{
    for (CorrectionMethod m : allCorrectionMethods()) {
        QCOMPARE(correctionMethodFromName(correctionMethodName(m)), std::optional(m));
        QVERIFY(!CorrectionMethodText::title(m).isEmpty());
    }
    QCOMPARE(correctionMethodFromName(QStringLiteral("service-end")), std::optional(CorrectionMethod::MoveServiceEndToChargingEnd));
    QVERIFY(!correctionMethodFromName(QStringLiteral("guess")));
}

void TestBillCorrection::serviceEndRemovesIdleFeeZpdCase4()
{
    LAB(lab);
    const qint64 member = lab.member(100'000);
    const qint64 session = lab.session(member, {}, 5000);
    const qint64 bill = lab.issue(session, {6});
    QVERIFY(bill > 0);
    // Version 1: 2.35 energy + 1.05 service + 148.00 idle (185 min × 0.80) = 151.40, taken provisionally.
    QCOMPARE(lab.scalar(QStringLiteral("SELECT idle_fee_minor FROM bills WHERE id = ?"), {bill}).toLongLong(), 14800);
    QCOMPARE(lab.scalar(QStringLiteral("SELECT total_minor FROM bills WHERE id = ?"), {bill}).toLongLong(), 15140);
    QCOMPARE(lab.balance(QStringLiteral("members"), member), 100'000 - 15140);

    CorrectionEngine engine(lab.db(), nullptr, lab.clock);
    auto preview = engine.plan(bill, CorrectionMethod::MoveServiceEndToChargingEnd);
    QVERIFY2(preview, qPrintable(preview.error().message));
    QVERIFY2(preview->ok(), qPrintable(preview->refusals.join(u' ')));
    QCOMPARE(preview->before.idleFeeMinor, 14800);
    QCOMPARE(preview->after.idleFeeMinor, 0);
    QCOMPARE(preview->after.idleMinutes, 0);
    QCOMPARE(preview->after.energyFeeMinor, 235);
    QCOMPARE(preview->after.serviceFeeMinor, 105);
    QCOMPARE(preview->after.totalMinor, 340);
    QCOMPARE(preview->after.version, 2);
    QCOMPARE(preview->payment, PaymentKind::Member);
    QCOMPARE(preview->paidBeforeMinor, 15140);
    QCOMPARE(preview->refundMinor, 14800);
    QCOMPARE(preview->additionalChargeMinor, 0);
    QVERIFY(preview->balance);
    QCOMPARE(preview->balance->deltaMinor, -14800);
    QCOMPARE(preview->anomalyCodesResolved, QList<int>{6});
    QCOMPARE(preview->before.settlement, billing::SettlementState::Provisional);
    QCOMPARE(preview->after.settlement, billing::SettlementState::Settled);
    const QString text = joined(CorrectionText::describe(*preview));
    QVERIFY2(text.contains(QStringLiteral("Idle fee: 148.00 CNY → 0.00 CNY")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Total: 151.40 CNY → 3.40 CNY")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Give 148.00 CNY back to the balance of member Li Wei")), qPrintable(text));
    // The dry run wrote nothing.
    QCOMPARE(lab.billCount(session), 1);

    auto applied = engine.apply(*preview, kOperator, QStringLiteral("the customer did not occupy the charger"));
    QVERIFY2(applied, qPrintable(applied.error().message));
    QCOMPARE(applied->newVersion, 2);
    QCOMPARE(lab.billCount(session), 2);
    const qint64 v2 = applied->newBillId;
    QCOMPARE(lab.scalar(QStringLiteral("SELECT supersedes_bill_id FROM bills WHERE id = ?"), {v2}).toLongLong(), bill);
    QCOMPARE(lab.scalar(QStringLiteral("SELECT total_minor FROM bills WHERE id = ?"), {v2}).toLongLong(), 340);
    QCOMPARE(lab.scalar(QStringLiteral("SELECT correction_method FROM bills WHERE id = ?"), {v2}).toString(), QStringLiteral("service-end"));
    QCOMPARE(lab.scalar(QStringLiteral("SELECT created_by FROM bills WHERE id = ?"), {v2}).toString(), kOperator);
    QCOMPARE(lab.scalar(QStringLiteral("SELECT settlement_state FROM bills WHERE id = ?"), {v2}).toString(), QStringLiteral("settled"));
    QCOMPARE(lab.scalar(QStringLiteral("SELECT service_ended_ms FROM bills WHERE id = ?"), {v2}).toLongLong(), kChargingEnd);
    // The old version stays as it was.
    QCOMPARE(lab.scalar(QStringLiteral("SELECT total_minor FROM bills WHERE id = ?"), {bill}).toLongLong(), 15140);
    QCOMPARE(lab.scalar(QStringLiteral("SELECT resolved_by_bill_id FROM bill_anomalies WHERE bill_id = ? AND code = 6"), {bill})
                 .toLongLong(),
             v2);
    QCOMPARE(lab.scalar(QStringLiteral("SELECT resolved_ms FROM bill_anomalies WHERE bill_id = ?"), {bill}).toLongLong(),
             lab.clock.nowMs());
    QCOMPARE(lab.balance(QStringLiteral("members"), member), 100'000 - 340);
    QCOMPARE(lab.scalar(QStringLiteral("SELECT amount_minor FROM sessions WHERE id = ?"), {session}).toLongLong(), 340);
    // The audit record: who, why, before and after.
    QCOMPARE(lab.scalar(QStringLiteral("SELECT operator_name FROM audit_log WHERE action = 'bill.correct' AND entity_id = ?"),
                        {QString::number(v2)})
                 .toString(),
             kOperator);
    QCOMPARE(lab.scalar(QStringLiteral("SELECT reason FROM audit_log WHERE id = ?"), {applied->auditId}).toString(),
             QStringLiteral("the customer did not occupy the charger"));
    QVERIFY(lab.scalar(QStringLiteral("SELECT before_state FROM audit_log WHERE id = ?"), {applied->auditId}).toString().contains(u"15140"));
    QVERIFY(lab.scalar(QStringLiteral("SELECT after_state FROM audit_log WHERE id = ?"), {applied->auditId}).toString().contains(u"\"totalMinor\":340"));
    QCOMPARE(lab.scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'bill.credit' AND entity_id = ?"),
                        {QString::number(v2)})
                 .toInt(),
             1);
    // Nothing left to do: the same correction again changes nothing.
    auto again = engine.plan(v2, CorrectionMethod::MoveServiceEndToChargingEnd);
    QVERIFY(again);
    QVERIFY(!again->ok());
}

void TestBillCorrection::estimateFromSamples()
{
    LAB(lab);
    const qint64 member = lab.member(50'000);
    // The register read 0 before it jumped (gdss_case#7): the station's stop says 48 215 Wh.
    const qint64 session = lab.session(member, {}, 48'215);
    lab.sample(session, kStart + kMinute, 0);
    lab.sample(session, kStart + 2 * kMinute, 100'500);
    lab.sample(session, kStart + 7 * kMinute, 101'700);
    lab.sample(session, kStart + 12 * kMinute, 103'000);
    const qint64 bill = lab.issue(session, {8});
    QVERIFY(bill > 0);
    CorrectionEngine engine(lab.db(), nullptr, lab.clock);
    auto preview = engine.plan(bill, CorrectionMethod::EstimateFromSamples);
    QVERIFY2(preview && preview->ok(), preview ? qPrintable(preview->refusals.join(u' ')) : qPrintable(preview.error().message));
    QCOMPARE(preview->after.energyWh, 2500);
    QCOMPARE(preview->after.energySource, billing::EnergySource::Readings);
    QVERIFY2(joined(preview->notes).contains(QStringLiteral("of 0 Wh")), qPrintable(joined(preview->notes)));
    auto applied = engine.apply(*preview, kOperator, QStringLiteral("meter register jump"));
    QVERIFY2(applied, qPrintable(applied.error().message));
    QCOMPARE(lab.scalar(QStringLiteral("SELECT energy_wh FROM bills WHERE id = ?"), {applied->newBillId}).toLongLong(), 2500);
    QCOMPARE(lab.scalar(QStringLiteral("SELECT correction_method FROM bills WHERE id = ?"), {applied->newBillId}).toString(),
             QStringLiteral("estimate"));

    // Too few readings: refused with the reason.
    const qint64 bare = lab.session(member, {}, 1000);
    const qint64 bareBill = lab.issue(bare);
    auto refused = engine.plan(bareBill, CorrectionMethod::EstimateFromSamples);
    QVERIFY(refused);
    QVERIFY(!refused->ok());
    QVERIFY(refused->refusals.constFirst().contains(QStringLiteral("at least two")));
}

void TestBillCorrection::stationBill()
{
    LAB(lab);
    const qint64 member = lab.member(50'000);
    const qint64 session = lab.session(member, {}, 5000);
    const qint64 bill = lab.issue(session, {8});
    // The station's own bill: 6 000 Wh, 5.00 CNY.
    QVERIFY(storage::Sql::run(lab.db().connection(),
                              QStringLiteral("UPDATE bills SET station_energy_wh = 6000, station_amount_minor = 500 WHERE id = ?"),
                              {bill}));
    CorrectionEngine engine(lab.db(), nullptr, lab.clock);
    auto preview = engine.plan(bill, CorrectionMethod::UseStationBill);
    QVERIFY2(preview && preview->ok(), qPrintable(preview ? preview->refusals.join(u' ') : preview.error().message));
    QCOMPARE(preview->after.energyWh, 6000);
    QCOMPARE(preview->after.energyFeeMinor, 282);  // 6 kWh × 0.47
    QCOMPARE(preview->after.serviceFeeMinor, 126);
    QVERIFY(joined(preview->notes).contains(QStringLiteral("5.00 CNY")));
    auto applied = engine.apply(*preview, kOperator, QStringLiteral("station bill"));
    QVERIFY2(applied, qPrintable(applied.error().message));
    // The station's own numbers stay with the new version.
    QCOMPARE(lab.scalar(QStringLiteral("SELECT station_energy_wh FROM bills WHERE id = ?"), {applied->newBillId}).toLongLong(), 6000);
}

void TestBillCorrection::manualEnergyAdditionalCharge()
{
    LAB(lab);
    const qint64 member = lab.member(50'000);
    const qint64 session = lab.session(member, {}, 5000);
    const qint64 bill = lab.issue(session, {4});
    const qint64 balanceBefore = lab.balance(QStringLiteral("members"), member);
    // All of the balance is refundable (topped up, nothing spent from it yet).
    QVERIFY(storage::Sql::run(lab.db().connection(), QStringLiteral("UPDATE members SET refundable_minor = balance_minor WHERE id = ?"),
                              {member}));
    CorrectionEngine engine(lab.db(), nullptr, lab.clock);
    CorrectionParams params;
    params.energyWh = 10'000;
    auto preview = engine.plan(bill, CorrectionMethod::ManualEnergy, params);
    QVERIFY2(preview && preview->ok(), qPrintable(preview ? preview->refusals.join(u' ') : preview.error().message));
    // 10 kWh: 4.70 + 2.10 + the same idle fee 148.00.
    QCOMPARE(preview->after.totalMinor, 470 + 210 + 14800);
    QCOMPARE(preview->additionalChargeMinor, 340);
    QCOMPARE(preview->balance->deltaMinor, 340);
    // The refundable amount follows the balance down, and the preview says so.
    QCOMPARE(preview->balance->refundableBeforeMinor, balanceBefore);
    QCOMPARE(preview->balance->refundableAfterMinor(), balanceBefore - 340);
    const QString described = joined(CorrectionText::describe(*preview));
    QVERIFY(described.contains(QStringLiteral("Take 3.40 CNY from the balance of member Li Wei")));
    QVERIFY2(described.contains(QStringLiteral("The refundable amount falls to the new balance (%1 CNY → %2 CNY)")
                                    .arg(QString::number(balanceBefore / 100.0, 'f', 2), QString::number((balanceBefore - 340) / 100.0, 'f', 2))),
             qPrintable(described));
    QCOMPARE(toJson(*preview).value(u"balance").toObject().value(u"refundableAfterMinor").toInteger(), balanceBefore - 340);
    auto applied = engine.apply(*preview, kOperator, QStringLiteral("display showed 10 kWh"));
    QVERIFY2(applied, qPrintable(applied.error().message));
    QCOMPARE(lab.balance(QStringLiteral("members"), member), balanceBefore - 340);
    QCOMPARE(lab.scalar(QStringLiteral("SELECT refundable_minor FROM members WHERE id = ?"), {member}).toLongLong(),
             preview->balance->refundableAfterMinor());
    QCOMPARE(lab.scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'bill.debit' AND entity_id = ?"),
                        {QString::number(applied->newBillId)})
                 .toInt(),
             1);
    // Out of range: refused.
    params.energyWh = -5;
    auto refused = engine.plan(applied->newBillId, CorrectionMethod::ManualEnergy, params);
    QVERIFY(refused && !refused->ok());
}

void TestBillCorrection::recomputeWithChosenTariff()
{
    LAB(lab);
    const qint64 member = lab.member(50'000);
    const qint64 session = lab.session(member, {}, 5000);
    const qint64 bill = lab.issue(session, {3});
    const qint64 firstTariff = lab.scalar(QStringLiteral("SELECT MIN(id) FROM tariffs")).toLongLong();
    // A second version with idle fee 0 (igo_case#90: 0 is a valid value).
    const qint64 cheaper = lab.tariff(60, 20, 0, 15, firstTariff);
    QVERIFY(cheaper > 0);
    CorrectionEngine engine(lab.db(), nullptr, lab.clock);
    // Without a choice: the version valid when the session ran — the same numbers, the anomaly resolved.
    auto same = engine.plan(bill, CorrectionMethod::RecomputeWithTariff);
    QVERIFY2(same && same->ok(), qPrintable(same ? same->refusals.join(u' ') : same.error().message));
    QCOMPARE(same->after.totalMinor, 15140);
    QVERIFY(!same->changesNumbers());
    QCOMPARE(same->anomalyCodesResolved, QList<int>{3});
    // The chosen version.
    CorrectionParams params;
    params.tariffId = cheaper;
    auto preview = engine.plan(bill, CorrectionMethod::RecomputeWithTariff, params);
    QVERIFY2(preview && preview->ok(), qPrintable(preview ? preview->refusals.join(u' ') : preview.error().message));
    QCOMPARE(preview->after.tariffId, std::optional<qint64>(cheaper));
    QCOMPARE(preview->after.totalMinor, 300 + 100);
    QVERIFY(joined(preview->notes).contains(QStringLiteral("was not in force")));
    auto applied = engine.apply(*preview, kOperator, QStringLiteral("new tariff agreed"));
    QVERIFY2(applied, qPrintable(applied.error().message));
    QCOMPARE(lab.scalar(QStringLiteral("SELECT tariff_id FROM bills WHERE id = ?"), {applied->newBillId}).toLongLong(), cheaper);
}

void TestBillCorrection::couponStopsApplying()
{
    LAB(lab);
    const qint64 member = lab.member(100'000);
    // 2.00 off from 150.00 spent: the idle fee makes the bill reach it.
    const qint64 coupon = lab.coupon(QStringLiteral("NOV-2"), 200, 15'000, member, kStart - 24 * 60 * kMinute);
    const qint64 session = lab.session(member, {}, 5000);
    const qint64 bill = lab.issue(session, {6});
    QCOMPARE(lab.scalar(QStringLiteral("SELECT coupon_id FROM bills WHERE id = ?"), {bill}).toLongLong(), coupon);
    QCOMPARE(lab.scalar(QStringLiteral("SELECT status FROM coupons WHERE id = ?"), {coupon}).toString(), QStringLiteral("used"));
    CorrectionEngine engine(lab.db(), nullptr, lab.clock);
    auto preview = engine.plan(bill, CorrectionMethod::MoveServiceEndToChargingEnd);
    QVERIFY2(preview && preview->ok(), qPrintable(preview ? preview->refusals.join(u' ') : preview.error().message));
    QCOMPARE(preview->before.totalMinor, 15140 - 200);
    QCOMPARE(preview->after.totalMinor, 340);
    QVERIFY(!preview->after.couponId);
    QCOMPARE(preview->coupons.size(), 1);
    QCOMPARE(preview->coupons.constFirst().kind, CouponChange::Kind::StopsApplying);
    QCOMPARE(preview->coupons.constFirst().couponId, coupon);
    const QString line = CorrectionText::couponLine(preview->coupons.constFirst(), preview->currency);
    QVERIFY2(line.contains(QStringLiteral("stops applying")) && line.contains(QStringLiteral("back to the member")), qPrintable(line));
    QCOMPARE(preview->balance->deltaMinor, 340 - (15140 - 200));
    auto applied = engine.apply(*preview, kOperator, QStringLiteral("no occupation"));
    QVERIFY2(applied, qPrintable(applied.error().message));
    QCOMPARE(lab.scalar(QStringLiteral("SELECT status FROM coupons WHERE id = ?"), {coupon}).toString(), QStringLiteral("issued"));
    QVERIFY(lab.scalar(QStringLiteral("SELECT used_session_id FROM coupons WHERE id = ?"), {coupon}).isNull());
    QVERIFY(lab.scalar(QStringLiteral("SELECT coupon_id FROM bills WHERE id = ?"), {applied->newBillId}).isNull());
}

void TestBillCorrection::couponStartsApplyingButNotOneIssuedLater()
{
    LAB(lab);
    const qint64 member = lab.member(100'000);
    // Held before the session: 1.00 off from 5.00. Issued after it started (igo_case#92): 3.00 off.
    const qint64 held = lab.coupon(QStringLiteral("HELD-1"), 100, 500, member, kStart - 60 * kMinute);
    const qint64 later = lab.coupon(QStringLiteral("LATER-3"), 300, 500, member, kStart + 2 * 60 * kMinute);
    const qint64 session = lab.session(member, {}, 5000);
    // Charged without idle (service end = charging end): 3.40, below both minimum spends.
    QVERIFY(storage::Sql::run(lab.db().connection(), QStringLiteral("UPDATE sessions SET ended_ms = ? WHERE id = ?"),
                              {kChargingEnd, session}));
    const qint64 bill = lab.issue(session, {11});
    QVERIFY(lab.scalar(QStringLiteral("SELECT coupon_id FROM bills WHERE id = ?"), {bill}).isNull());
    CorrectionEngine engine(lab.db(), nullptr, lab.clock);
    CorrectionParams params;
    params.energyWh = 10'000;  // 4.70 + 2.10 = 6.80
    auto preview = engine.plan(bill, CorrectionMethod::ManualEnergy, params);
    QVERIFY2(preview && preview->ok(), qPrintable(preview ? preview->refusals.join(u' ') : preview.error().message));
    QCOMPARE(preview->after.couponId, std::optional<qint64>(held));
    QCOMPARE(preview->after.totalMinor, 680 - 100);
    bool sawHeld = false;
    bool sawLater = false;
    for (const CouponChange &c : preview->coupons) {
        if (c.couponId == held) {
            sawHeld = true;
            QCOMPARE(c.kind, CouponChange::Kind::StartsApplying);
            QCOMPARE(c.deductionAfterMinor, 100);
        }
        if (c.couponId == later) {
            sawLater = true;
            QCOMPARE(c.kind, CouponChange::Kind::NotApplied);
            QVERIFY(c.why.contains(QStringLiteral("after the session started")));
        }
    }
    QVERIFY(sawHeld && sawLater);
    auto applied = engine.apply(*preview, kOperator, QStringLiteral("energy from the display"));
    QVERIFY2(applied, qPrintable(applied.error().message));
    QCOMPARE(lab.scalar(QStringLiteral("SELECT status FROM coupons WHERE id = ?"), {held}).toString(), QStringLiteral("used"));
    QCOMPARE(lab.scalar(QStringLiteral("SELECT used_session_id FROM coupons WHERE id = ?"), {held}).toLongLong(), session);
    QCOMPARE(lab.scalar(QStringLiteral("SELECT status FROM coupons WHERE id = ?"), {later}).toString(), QStringLiteral("issued"));
}

void TestBillCorrection::departmentBilledToParent()
{
    LAB(lab);
    const qint64 parent = lab.department(QStringLiteral("Bus company"), 500'000);
    const qint64 fleet = lab.department(QStringLiteral("Route 12"), 0, parent, true);
    const qint64 session = lab.session({}, fleet, 5000);
    const qint64 bill = lab.issue(session, {6});
    QCOMPARE(lab.balance(QStringLiteral("departments"), parent), 500'000 - 15140);
    CorrectionEngine engine(lab.db(), nullptr, lab.clock);
    auto preview = engine.plan(bill, CorrectionMethod::MoveServiceEndToChargingEnd);
    QVERIFY2(preview && preview->ok(), qPrintable(preview ? preview->refusals.join(u' ') : preview.error().message));
    QCOMPARE(preview->payment, PaymentKind::Department);
    QCOMPARE(preview->balance->accountId, parent);
    QCOMPARE(preview->balance->ownDepartmentId, std::optional<qint64>(fleet));
    QVERIFY(joined(CorrectionText::moneyLines(*preview)).contains(QStringLiteral("department Bus company (paying for Route 12)")));
    auto applied = engine.apply(*preview, kOperator, QStringLiteral("bus left at once"));
    QVERIFY2(applied, qPrintable(applied.error().message));
    QCOMPARE(lab.balance(QStringLiteral("departments"), parent), 500'000 - 340);
    QCOMPARE(lab.balance(QStringLiteral("departments"), fleet), 0);
}

void TestBillCorrection::heldBillIsChargedInFull()
{
    LAB(lab);
    const qint64 member = lab.member(10'000);
    const qint64 session = lab.session(member, {}, 5000);
    const qint64 bill = lab.issue(session, {6}, billing::SettlementMode::HoldUntilCorrected);
    QCOMPARE(lab.scalar(QStringLiteral("SELECT settlement_state FROM bills WHERE id = ?"), {bill}).toString(), QStringLiteral("held"));
    QCOMPARE(lab.balance(QStringLiteral("members"), member), 10'000);  // nothing moved yet
    CorrectionEngine engine(lab.db(), nullptr, lab.clock);
    auto preview = engine.plan(bill, CorrectionMethod::MoveServiceEndToChargingEnd);
    QVERIFY2(preview && preview->ok(), qPrintable(preview ? preview->refusals.join(u' ') : preview.error().message));
    QCOMPARE(preview->paidBeforeMinor, 0);
    QCOMPARE(preview->additionalChargeMinor, 340);
    QCOMPARE(preview->balance->deltaMinor, 340);
    QVERIFY(CorrectionText::settlementLine(*preview).contains(u"→"));
    auto applied = engine.apply(*preview, kOperator, QStringLiteral("corrected before settling"));
    QVERIFY2(applied, qPrintable(applied.error().message));
    QCOMPARE(lab.balance(QStringLiteral("members"), member), 10'000 - 340);
    QCOMPARE(lab.scalar(QStringLiteral("SELECT settlement_state FROM bills WHERE id = ?"), {applied->newBillId}).toString(),
             QStringLiteral("settled"));
}

void TestBillCorrection::cardHoldPartRefunded()
{
    LAB(lab);
    payments::ManualGateway gateway(lab.db(), lab.clock);
    payments::HoldService holds(lab.db(), gateway, lab.clock);
    QSignalSpy finished(&holds, &payments::HoldService::callFinished);
    const qint64 session = lab.session({}, {}, 5000);
    payments::HoldRequest request;
    request.amountMinor = 20'000;
    request.currency = QStringLiteral("CNY");
    request.cardToken = QStringLiteral("pm_card_visa");
    const payments::Actor actor{QStringLiteral("app"), QStringLiteral("session start")};
    auto placed = holds.placeHold({session, request}, actor);
    QVERIFY2(placed, qPrintable(placed.error().message));
    QTRY_COMPARE_WITH_TIMEOUT(holds.hold(placed->holdId)->status, payments::HoldStatus::Hold, 5000);
    const qint64 bill = lab.issue(session, {6});
    auto captured = holds.capture(placed->holdId, 15140, actor);
    QVERIFY2(captured, qPrintable(captured.error().message));
    QTRY_COMPARE_WITH_TIMEOUT(holds.hold(placed->holdId)->status, payments::HoldStatus::Success, 5000);

    CorrectionEngine engine(lab.db(), &holds, lab.clock);
    auto preview = engine.plan(bill, CorrectionMethod::MoveServiceEndToChargingEnd);
    QVERIFY2(preview && preview->ok(), qPrintable(preview ? preview->refusals.join(u' ') : preview.error().message));
    QCOMPARE(preview->payment, PaymentKind::Card);
    QVERIFY(preview->hold);
    QCOMPARE(preview->paidBeforeMinor, 15140);
    QCOMPARE(preview->hold->refundMinor, 14800);
    QCOMPARE(preview->hold->captureMinor, 0);
    QVERIFY(!preview->balance);
    QVERIFY(joined(CorrectionText::moneyLines(*preview)).contains(QStringLiteral("Refund 148.00 CNY of the captured money to the card")));
    finished.clear();
    auto applied = engine.apply(*preview, kOperator, QStringLiteral("idle fee refunded"));
    QVERIFY2(applied, qPrintable(applied.error().message));
    QVERIFY(applied->moneyCallId > 0);
    QTRY_VERIFY_WITH_TIMEOUT(holds.hold(placed->holdId)->refundedMinor == 14800, 5000);

    // Now more than was captured: the card cannot be charged again, the rest is to be collected.
    CorrectionParams params;
    params.energyWh = 400'000;
    auto more = engine.plan(applied->newBillId, CorrectionMethod::ManualEnergy, params);
    QVERIFY(more && more->ok());
    QVERIFY(more->uncollectedMinor > 0);
    QCOMPARE(more->hold->refundMinor, 0);
    QCOMPARE(more->hold->captureMinor, 0);
}

void TestBillCorrection::cardHoldStillHeldIsCaptured()
{
    LAB(lab);
    payments::ManualGateway gateway(lab.db(), lab.clock);
    payments::HoldService holds(lab.db(), gateway, lab.clock);
    const qint64 session = lab.session({}, {}, 5000);
    payments::HoldRequest request;
    request.amountMinor = 1000;
    request.currency = QStringLiteral("CNY");
    request.cardToken = QStringLiteral("pm_card_visa");
    auto placed = holds.placeHold({session, request}, {QStringLiteral("app"), QStringLiteral("start")});
    QVERIFY(placed);
    QTRY_COMPARE_WITH_TIMEOUT(holds.hold(placed->holdId)->status, payments::HoldStatus::Hold, 5000);
    const qint64 bill = lab.issue(session, {6}, billing::SettlementMode::HoldUntilCorrected);
    CorrectionEngine engine(lab.db(), &holds, lab.clock);
    auto preview = engine.plan(bill, CorrectionMethod::MoveServiceEndToChargingEnd);
    QVERIFY2(preview && preview->ok(), qPrintable(preview ? preview->refusals.join(u' ') : preview.error().message));
    QCOMPARE(preview->hold->captureMinor, 340);
    QCOMPARE(preview->hold->releaseMinor, 660);
    QCOMPARE(preview->hold->statusAfter, QStringLiteral("success"));
    auto applied = engine.apply(*preview, kOperator, QStringLiteral("corrected, now charge"));
    QVERIFY2(applied, qPrintable(applied.error().message));
    QTRY_COMPARE_WITH_TIMEOUT(holds.hold(placed->holdId)->capturedMinor, qint64(340), 5000);
    // Captured can never exceed the hold: a bigger total captures the hold, the rest is uncollected.
    const qint64 second = lab.session({}, {}, 5000);
    auto placed2 = holds.placeHold({second, request}, {QStringLiteral("app"), QStringLiteral("start")});
    QVERIFY(placed2);
    QTRY_COMPARE_WITH_TIMEOUT(holds.hold(placed2->holdId)->status, payments::HoldStatus::Hold, 5000);
    const qint64 bill2 = lab.issue(second, {6}, billing::SettlementMode::HoldUntilCorrected);
    auto big = engine.plan(bill2, CorrectionMethod::RecomputeWithTariff);
    QVERIFY(big && big->ok());
    QCOMPARE(big->hold->captureMinor, 1000);
    QCOMPARE(big->uncollectedMinor, 15140 - 1000);
}

void TestBillCorrection::concurrentCorrectionRefused()
{
    LAB(lab);
    const qint64 member = lab.member(100'000);
    const qint64 session = lab.session(member, {}, 5000);
    const qint64 bill = lab.issue(session, {6});
    CorrectionEngine first(lab.db(), nullptr, lab.clock);
    auto other = lab.fixture.openAnother();
    CorrectionEngine second(*other, nullptr, lab.clock);
    auto a = first.plan(bill, CorrectionMethod::MoveServiceEndToChargingEnd);
    CorrectionParams params;
    params.energyWh = 7000;
    auto b = second.plan(bill, CorrectionMethod::ManualEnergy, params);
    QVERIFY(a && a->ok() && b && b->ok());
    QVERIFY(first.apply(*a, kOperator, QStringLiteral("first")));
    const qint64 balance = lab.balance(QStringLiteral("members"), member);
    const int audits = lab.scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log")).toInt();
    auto refused = second.apply(*b, QStringLiteral("Taras"), QStringLiteral("second"));
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(QStringLiteral("was corrected meanwhile")), qPrintable(refused.error().message));
    QCOMPARE(lab.billCount(session), 2);
    QCOMPARE(lab.balance(QStringLiteral("members"), member), balance);
    QCOMPARE(lab.scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log")).toInt(), audits);
    // Planning on the old version says so, too.
    auto stale = second.plan(bill, CorrectionMethod::ManualEnergy, params);
    QVERIFY(stale && !stale->ok());
    other->releaseThreadConnection();
}

void TestBillCorrection::revertBringsBackTheOldNumbers()
{
    LAB(lab);
    const qint64 member = lab.member(100'000);
    const qint64 session = lab.session(member, {}, 5000);
    const qint64 v1 = lab.issue(session, {6});
    CorrectionEngine engine(lab.db(), nullptr, lab.clock);
    auto corrected = engine.apply(*engine.plan(v1, CorrectionMethod::MoveServiceEndToChargingEnd), kOperator,
                                  QStringLiteral("removed idle"));
    QVERIFY(corrected);
    QCOMPARE(lab.balance(QStringLiteral("members"), member), 100'000 - 340);

    // gdss_case#8: corrected by mistake, back to version 1 — a new version, anomalies open again.
    CorrectionParams params;
    params.toBillId = v1;
    auto versions = engine.versions(corrected->newBillId);
    QVERIFY(versions);
    QCOMPARE(versions->size(), 2);
    auto preview = engine.plan(corrected->newBillId, CorrectionMethod::Revert, params);
    QVERIFY2(preview && preview->ok(), qPrintable(preview ? preview->refusals.join(u' ') : preview.error().message));
    QCOMPARE(preview->after.totalMinor, 15140);
    QCOMPARE(preview->after.version, 3);
    QCOMPARE(preview->anomalyCodesReopened, QList<int>{6});
    QCOMPARE(preview->balance->deltaMinor, 15140 - 340);
    auto reverted = engine.apply(*preview, kOperator, QStringLiteral("corrected the wrong bill"));
    QVERIFY2(reverted, qPrintable(reverted.error().message));
    QCOMPARE(lab.billCount(session), 3);
    QCOMPARE(lab.scalar(QStringLiteral("SELECT correction_method FROM bills WHERE id = ?"), {reverted->newBillId}).toString(),
             QStringLiteral("revert"));
    QCOMPARE(lab.scalar(QStringLiteral("SELECT total_minor FROM bills WHERE id = ?"), {reverted->newBillId}).toLongLong(), 15140);
    QCOMPARE(lab.scalar(QStringLiteral("SELECT COUNT(*) FROM bill_anomalies WHERE bill_id = ? AND resolved_ms IS NULL"),
                        {reverted->newBillId})
                 .toInt(),
             1);
    QCOMPARE(lab.balance(QStringLiteral("members"), member), 100'000 - 15140);
    // Every version is kept.
    QCOMPARE(lab.scalar(QStringLiteral("SELECT total_minor FROM bills WHERE id = ?"), {corrected->newBillId}).toLongLong(), 340);
}

void TestBillCorrection::refusals()
{
    LAB(lab);
    const qint64 member = lab.member(100'000);
    const qint64 session = lab.session(member, {}, 5000);
    const qint64 bill = lab.issue(session);
    CorrectionEngine engine(lab.db(), nullptr, lab.clock);
    QVERIFY(!engine.plan(999'999, CorrectionMethod::RecomputeWithTariff));
    auto noReason = engine.plan(bill, CorrectionMethod::MoveServiceEndToChargingEnd);
    QVERIFY(noReason && noReason->ok());
    QVERIFY(!engine.apply(*noReason, kOperator, QStringLiteral("  ")));
    QVERIFY(!engine.apply(*noReason, QString(), QStringLiteral("why")));
    CorrectionParams params;
    params.toBillId = bill;
    auto self = engine.plan(bill, CorrectionMethod::Revert, params);
    QVERIFY(self && !self->ok());
    params.tariffId = 424242;
    auto noTariff = engine.plan(bill, CorrectionMethod::RecomputeWithTariff, params);
    QVERIFY(noTariff && !noTariff->ok());
    QCOMPARE(lab.billCount(session), 1);
}

QTEST_MAIN(TestBillCorrection)
#include "tst_bill_correction.moc"
