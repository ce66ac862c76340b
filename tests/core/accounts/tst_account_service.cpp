// Accounts (core/accounts) on the backend under test (SQLCipher file or PostgreSQL): a top-up
// credits the balance and the refundable amount in one transaction with its audit row and issues
// the coupon of the highest top-up rule it reaches (source_topup_id); a new member gets the
// new-member coupons (department limits include sub-departments; inactive and expired rules issue
// nothing); a department's pooled balance and who pays when it bills to its parent; a department
// card starting several vehicles up to its limit (TagAuthorizer); coupon revocation; validation
// tables; searching and paging members.

#include "core/accounts/accountservice.h"
#include "core/accounts/couponissuer.h"
#include "core/accounts/couponservice.h"
#include "core/charging/tagauthorizer.h"
#include "core/payments/balanceguard.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"
#include "support/testdatabase.h"

#include <QTest>

using namespace cd;
using namespace cd::accounts;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kT0 = 1'764'979'200'000;  // 2025-12-06 00:00 UTC
constexpr qint64 kDayMs = 86'400'000;
const QString kActor = u"Оксана"_s;

TopUpRequest topUp(qint64 amountMinor, const QString &receipt = {})
{
    TopUpRequest r;
    r.amountMinor = amountMinor;
    r.currency = u"UAH"_s;
    r.receipt = receipt;
    return r;
}

CouponRule topUpRule(const QString &name, qint64 minTopUp, qint64 amount, int days = 30)
{
    CouponRule r;
    r.name = name;
    r.trigger = CouponTrigger::TopUp;
    r.minTopUpMinor = minTopUp;
    r.amountMinor = amount;
    r.validDays = days;
    return r;
}

qint64 scalar(const storage::Database &db, const QString &sql, const QVariantList &values = {})
{
    auto q = storage::Sql::run(db.connection(), sql, values);
    return q && q->next() ? q->value(0).toLongLong() : -1;
}

}  // namespace

class TestAccounts : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(test::TestDatabase::backendName())); }
    void topUpCreditsAndIssuesCoupon();
    void newMemberCoupons();
    void departmentPooledBalanceAndBillToParent();
    void departmentCardStartsSeveralVehicles();
    void autoStopWatchesThePayingDepartment();
    void revokeCoupon();
    void memberValidation_data();
    void memberValidation();
    void ruleValidation_data();
    void ruleValidation();
    void searchAndPageMembers();
    void updateMember();
};

void TestAccounts::topUpCreditsAndIssuesCoupon()
{
    test::TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualClock clock(kT0);
    AccountService accounts(fixture.db(), clock);
    CouponService coupons(fixture.db(), clock);
    QVERIFY(coupons.createRule(topUpRule(u"Top up 100, get 10"_s, 10000, 1000), kActor).ok());
    QVERIFY(coupons.createRule(topUpRule(u"Top up 500, get 60"_s, 50000, 6000, 14), kActor).ok());

    NewMember input;
    input.name = u"Olena Kovalenko"_s;
    input.phone = u"+380501112233"_s;
    auto created = accounts.createMember(input, kActor);
    QVERIFY2(created.ok(), qPrintable(created.error().message));
    QVERIFY(created->coupons.isEmpty());  // no new-member rule
    const qint64 member = created->member.id;

    // Below every threshold: money, no coupon.
    auto preview = accounts.previewMemberTopUp(member, 5000);
    QVERIFY(preview.ok());
    QCOMPARE(preview->balanceAfterMinor, 5000);
    QVERIFY(!preview->couponRule);
    auto small = accounts.topUpMember(member, topUp(5000), kActor, u"cash at the desk"_s);
    QVERIFY2(small.ok(), qPrintable(small.error().message));
    QCOMPARE(small->balanceAfterMinor, 5000);
    QCOMPARE(small->refundableAfterMinor, 5000);
    QVERIFY(small->coupons.isEmpty());
    QCOMPARE(small->topUp.gateway, u"manual"_s);
    QCOMPARE(small->topUp.receipt, u"desk-%1"_s.arg(small->topUp.id));

    // 600.00 reaches both rules: the higher one issues, once, pointing at the top-up.
    clock.advanceMs(60'000);
    preview = accounts.previewMemberTopUp(member, 60000);
    QVERIFY(preview.ok());
    QVERIFY(preview->couponRule);
    QCOMPARE(preview->couponRule->amountMinor, 6000);
    QCOMPARE(preview->balanceBeforeMinor, 5000);
    QCOMPARE(preview->balanceAfterMinor, 65000);
    auto big = accounts.topUpMember(member, topUp(60000, u"R-77"_s), kActor);
    QVERIFY2(big.ok(), qPrintable(big.error().message));
    QCOMPARE(big->balanceAfterMinor, 65000);
    QCOMPARE(big->refundableAfterMinor, 65000);
    QCOMPARE(big->topUp.receipt, u"R-77"_s);
    QCOMPARE(big->coupons.size(), 1);
    const Coupon coupon = big->coupons.first();
    QCOMPARE(coupon.amountMinor, 6000);
    QCOMPARE(coupon.sourceTopUpId, std::optional<qint64>(big->topUp.id));
    QCOMPARE(coupon.memberId, std::optional<qint64>(member));
    QCOMPARE(coupon.issuedReason, u"topup"_s);
    QCOMPARE(coupon.validFromMs, std::optional<qint64>(clock.nowMs()));
    QCOMPARE(coupon.validToMs, std::optional<qint64>(clock.nowMs() + 14 * kDayMs));
    QVERIFY(coupon.code.startsWith(u"CP-"_s));

    // What is stored agrees.
    auto detail = accounts.memberDetail(member);
    QVERIFY(detail.ok());
    QCOMPARE(detail->member.balanceMinor, 65000);
    QCOMPARE(detail->member.refundableMinor, 65000);
    QCOMPARE(detail->topUps.size(), 2);
    QCOMPARE(detail->topUps.first().amountMinor, 60000);  // newest first
    QCOMPARE(detail->coupons.size(), 1);
    QCOMPARE(detail->coupons.first().sourceTopUpId, std::optional<qint64>(big->topUp.id));
    QCOMPARE(scalar(fixture.db(), u"SELECT COUNT(*) FROM coupons WHERE source_topup_id = ?"_s, {small->topUp.id}), 0);
    auto audit = storage::AuditLogRepository(fixture.db()).latest(10, u"member"_s, QString::number(member));
    QVERIFY(audit.ok());
    QCOMPARE(audit->size(), 3);  // created, two top-ups
    QCOMPARE(audit->first().action, u"member.topup"_s);
    QCOMPARE(audit->first().operatorName, kActor);
    QVERIFY(audit->first().afterState.contains(coupon.code));
    QCOMPARE(audit->at(1).reason, u"cash at the desk"_s);

    // Refused: nothing moves.
    QVERIFY(!accounts.topUpMember(member, topUp(0), kActor).ok());
    QVERIFY(!accounts.topUpMember(member, topUp(-100), kActor).ok());
    TopUpRequest badCurrency = topUp(100);
    badCurrency.currency = u"uah"_s;
    QVERIFY(!accounts.topUpMember(member, badCurrency, kActor).ok());
    QVERIFY(!accounts.topUpMember(999999, topUp(100), kActor).ok());
    QVERIFY(!accounts.topUpMember(member, topUp(100), u"  "_s).ok());
    QCOMPARE(scalar(fixture.db(), u"SELECT balance_minor FROM members WHERE id = ?"_s, {member}), 65000);
    QCOMPARE(scalar(fixture.db(), u"SELECT COUNT(*) FROM topups"_s), 2);

    // A switched-off rule issues nothing.
    auto rules = coupons.rules();
    QVERIFY(rules.ok());
    for (const CouponRule &r : *rules)
        QVERIFY(coupons.setRuleActive(r.id, false, kActor).ok());
    auto again = accounts.topUpMember(member, topUp(60000), kActor);
    QVERIFY(again.ok());
    QVERIFY(again->coupons.isEmpty());

    // Threshold.
    auto threshold = accounts.setMemberThreshold(member, 100, kActor, u"stop at 1.00"_s);
    QVERIFY(threshold.ok());
    QCOMPARE(scalar(fixture.db(), u"SELECT auto_stop_threshold_minor FROM members WHERE id = ?"_s, {member}), 100);
    QVERIFY(!accounts.setMemberThreshold(member, -1, kActor).ok());
}

void TestAccounts::newMemberCoupons()
{
    test::TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualClock clock(kT0);
    AccountService accounts(fixture.db(), clock);
    CouponService coupons(fixture.db(), clock);

    auto fleet = accounts.createDepartment({u"Fleet"_s, std::nullopt, false, 0}, kActor);
    QVERIFY(fleet.ok());
    auto vans = accounts.createDepartment({u"Vans"_s, fleet->id, true, 0}, kActor);
    QVERIFY(vans.ok());

    CouponRule welcome;
    welcome.name = u"Welcome"_s;
    welcome.trigger = CouponTrigger::NewMember;
    welcome.amountMinor = 500;
    welcome.minSpendMinor = 2000;
    welcome.validFromMs = kT0;
    welcome.validToMs = kT0 + 31 * kDayMs;
    auto welcomeRule = coupons.createRule(welcome, kActor);
    QVERIFY2(welcomeRule.ok(), qPrintable(welcomeRule.error().message));
    CouponRule fleetOnly = welcome;
    fleetOnly.name = u"Fleet welcome"_s;
    fleetOnly.amountMinor = 1500;
    fleetOnly.departmentId = fleet->id;
    QVERIFY(coupons.createRule(fleetOnly, kActor).ok());
    CouponRule over = welcome;
    over.name = u"Last year's"_s;
    over.validFromMs = kT0 - 60 * kDayMs;
    over.validToMs = kT0 - 30 * kDayMs;
    QVERIFY(coupons.createRule(over, kActor).ok());
    CouponRule off = welcome;
    off.name = u"Switched off"_s;
    off.active = false;
    QVERIFY(coupons.createRule(off, kActor).ok());

    NewMember walkIn;
    walkIn.name = u"Taras"_s;
    auto plain = accounts.createMember(walkIn, kActor);
    QVERIFY2(plain.ok(), qPrintable(plain.error().message));
    QCOMPARE(plain->coupons.size(), 1);
    QCOMPARE(plain->coupons.first().name, u"Welcome"_s);
    QCOMPARE(plain->coupons.first().issuedReason, u"new_member"_s);
    QCOMPARE(plain->coupons.first().minSpendMinor, 2000);
    QCOMPARE(plain->coupons.first().validToMs, std::optional<qint64>(kT0 + 31 * kDayMs));
    QVERIFY(!plain->coupons.first().sourceTopUpId);
    QCOMPARE(plain->coupons.first().ruleId, std::optional<qint64>(welcomeRule->id));

    // A member of a sub-department of Fleet gets Fleet's coupon too.
    NewMember driver;
    driver.name = u"Van driver"_s;
    driver.departmentId = vans->id;
    auto inFleet = accounts.createMember(driver, kActor);
    QVERIFY(inFleet.ok());
    QCOMPARE(inFleet->coupons.size(), 2);
    QCOMPARE(scalar(fixture.db(), u"SELECT COUNT(*) FROM coupons WHERE member_id = ?"_s, {inFleet->member.id}), 2);
    QCOMPARE(scalar(fixture.db(), u"SELECT COUNT(*) FROM coupons"_s), 3);

    // A member that cannot be stored issues nothing.
    NewMember nobody;
    QVERIFY(!accounts.createMember(nobody, kActor).ok());
    driver.departmentId = 999999;
    QVERIFY(!accounts.createMember(driver, kActor).ok());
    QCOMPARE(scalar(fixture.db(), u"SELECT COUNT(*) FROM coupons"_s), 3);
    QCOMPARE(scalar(fixture.db(), u"SELECT COUNT(*) FROM members"_s), 2);
}

void TestAccounts::departmentPooledBalanceAndBillToParent()
{
    test::TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualClock clock(kT0);
    AccountService accounts(fixture.db(), clock);

    auto company = accounts.createDepartment({u"Company"_s, std::nullopt, false, 500}, kActor);
    QVERIFY(company.ok());
    auto logistics = accounts.createDepartment({u"Logistics"_s, company->id, true, 0}, kActor);
    QVERIFY(logistics.ok());
    auto night = accounts.createDepartment({u"Night shift"_s, logistics->id, true, 0}, kActor);
    QVERIFY(night.ok());
    auto sales = accounts.createDepartment({u"Sales"_s, company->id, false, 0}, kActor);
    QVERIFY(sales.ok());
    QVERIFY(!accounts.createDepartment({u"Orphan"_s, std::nullopt, true, 0}, kActor).ok());  // no parent to bill
    QVERIFY(!accounts.createDepartment({u"Lost"_s, qint64(999999), false, 0}, kActor).ok());

    // The pool: top-ups of the department add up; nothing refundable (members only).
    auto preview = accounts.previewDepartmentTopUp(company->id, 100000);
    QVERIFY(preview.ok());
    QCOMPARE(preview->balanceAfterMinor, 100000);
    QVERIFY(accounts.topUpDepartment(company->id, topUp(100000), kActor).ok());
    auto second = accounts.topUpDepartment(company->id, topUp(25000, u"INV-2026-12"_s), kActor);
    QVERIFY(second.ok());
    QCOMPARE(second->balanceAfterMinor, 125000);
    QVERIFY(second->coupons.isEmpty());
    QCOMPARE(scalar(fixture.db(), u"SELECT balance_minor FROM departments WHERE id = ?"_s, {company->id}), 125000);
    QCOMPARE(scalar(fixture.db(), u"SELECT COUNT(*) FROM audit_log WHERE action = 'department.topup'"_s), 2);

    // Who pays: up the tree while bill_to_parent is set.
    QCOMPARE(*accounts.payingDepartment(company->id), company->id);
    QCOMPARE(*accounts.payingDepartment(logistics->id), company->id);
    QCOMPARE(*accounts.payingDepartment(night->id), company->id);
    QCOMPARE(*accounts.payingDepartment(sales->id), sales->id);
    auto detail = accounts.departmentDetail(night->id);
    QVERIFY(detail.ok());
    QCOMPARE(detail->parentName, u"Logistics"_s);
    QCOMPARE(detail->payingDepartmentId, company->id);
    QCOMPARE(detail->payingDepartmentName, u"Company"_s);
    QCOMPARE(*accounts.departmentChain(night->id), (QList<qint64>{night->id, logistics->id, company->id}));

    // Logistics keeps its own pool from now on: the night shift pays from Logistics.
    auto changed = accounts.setDepartmentBilling(logistics->id, false, 200, kActor, u"own budget"_s);
    QVERIFY(changed.ok());
    QCOMPARE(*accounts.payingDepartment(night->id), logistics->id);
    QVERIFY(!accounts.setDepartmentBilling(company->id, true, 0, kActor).ok());  // no parent

    // The list: members and department cards counted.
    NewMember member;
    member.name = u"Dispatcher"_s;
    member.departmentId = sales->id;
    QVERIFY(accounts.createMember(member, kActor).ok());
    QVERIFY(accounts.addDepartmentCard(sales->id, u"SALES-1"_s, 4, kActor).ok());
    auto all = accounts.departments();
    QVERIFY(all.ok());
    QCOMPARE(all->size(), 4);
    for (const Department &d : *all) {
        if (d.id == sales->id) {
            QCOMPARE(d.memberCount, 1);
            QCOMPARE(d.cardCount, 1);
        }
        if (d.id == logistics->id) {
            QVERIFY(!d.billToParent);
            QCOMPARE(d.autoStopThresholdMinor, 200);
        }
    }
}

void TestAccounts::departmentCardStartsSeveralVehicles()
{
    test::TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualClock clock(kT0);
    AccountService accounts(fixture.db(), clock);
    auto fleet = accounts.createDepartment({u"Fleet"_s, std::nullopt, false, 0}, kActor);
    QVERIFY(fleet.ok());
    auto card = accounts.addDepartmentCard(fleet->id, u"FLEET-0007"_s, 2, kActor, u"two vans"_s);
    QVERIFY2(card.ok(), qPrintable(card.error().message));
    QCOMPARE(card->kind, u"department"_s);
    QCOMPARE(card->departmentId, std::optional<qint64>(fleet->id));
    QVERIFY(!card->memberId);
    QCOMPARE(card->maxConcurrentSessions, 2);
    QVERIFY(!accounts.addDepartmentCard(fleet->id, u"FLEET-0007"_s, 2, kActor).ok());  // exists
    QVERIFY(!accounts.addDepartmentCard(fleet->id, u"FLEET-0008"_s, 0, kActor).ok());  // at least one
    QVERIFY(!accounts.addDepartmentCard(999999, u"FLEET-0009"_s, 2, kActor).ok());

    auto station = storage::Sql::run(fixture.db().connection(),
                                     u"INSERT INTO stations (charge_point_id, created_ms) VALUES ('CP-1', ?)"_s
                                         + fixture.db().dialect().returningIdClause(),
                                     {kT0});
    QVERIFY(station.ok());
    const qint64 stationId = fixture.db().dialect().insertedId(*station);
    charging::TagAuthorizer authorizer(fixture.db(), clock);
    auto startOne = [&](int n) {
        return storage::Sql::run(fixture.db().connection(),
                                 u"INSERT INTO sessions (session_number, station_id, connector_id, id_tag, department_id, "
                                 "status, created_ms, updated_ms) VALUES (?, ?, ?, 'FLEET-0007', ?, 'ongoing', ?, ?)"_s,
                                 {u"S-%1"_s.arg(n), stationId, n, fleet->id, kT0, kT0})
            .ok();
    };
    auto status = [&] {
        auto a = authorizer.authorize(u"FLEET-0007"_s, charging::TagAuthorizer::Concurrency::Check);
        return a ? a->info.status : charging::AuthorizationStatus::Invalid;
    };
    QCOMPARE(status(), charging::AuthorizationStatus::Accepted);
    QVERIFY(startOne(1));
    QCOMPARE(status(), charging::AuthorizationStatus::Accepted);  // the second vehicle
    QVERIFY(startOne(2));
    QCOMPARE(status(), charging::AuthorizationStatus::ConcurrentTx);  // a third one waits

    // A member's card: kind card, the member's, one session at a time.
    NewMember m;
    m.name = u"Olena"_s;
    auto member = accounts.createMember(m, kActor);
    QVERIFY(member.ok());
    auto memberCard = accounts.addMemberCard(member->member.id, u"CARD-OLENA"_s, kActor);
    QVERIFY(memberCard.ok());
    QCOMPARE(memberCard->kind, u"card"_s);
    QCOMPARE(memberCard->memberId, std::optional<qint64>(member->member.id));
    QVERIFY(!accounts.addMemberCard(member->member.id, u"bad tag with spaces"_s, kActor).ok());
    auto detail = accounts.memberDetail(member->member.id);
    QVERIFY(detail.ok());
    QCOMPARE(detail->cards.size(), 1);
    QCOMPARE(detail->member.cardCount, 1);
    QCOMPARE(scalar(fixture.db(), u"SELECT COUNT(*) FROM audit_log WHERE action = 'idtag.add'"_s), 2);
}

void TestAccounts::autoStopWatchesThePayingDepartment()
{
    test::TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualClock clock(kT0);
    AccountService accounts(fixture.db(), clock);
    // The company's pool is nearly spent; the vans bill to it and have a rich pool of their own.
    auto company = accounts.createDepartment({u"Company"_s, std::nullopt, false, 100}, kActor);
    QVERIFY(company.ok());
    auto vans = accounts.createDepartment({u"Vans"_s, company->id, true, 0}, kActor);
    QVERIFY(vans.ok());
    QVERIFY(accounts.topUpDepartment(company->id, topUp(2100), kActor).ok());
    QVERIFY(accounts.topUpDepartment(vans->id, topUp(1'000'000), kActor).ok());
    auto station = storage::Sql::run(fixture.db().connection(),
                                     u"INSERT INTO stations (charge_point_id, protocol, connected_since_ms, created_ms) "
                                     "VALUES ('CP-9', 'ocpp1.6', ?, ?)"_s
                                         + fixture.db().dialect().returningIdClause(),
                                     {kT0, kT0});
    QVERIFY(station.ok());
    storage::Session s;
    s.stationId = fixture.db().dialect().insertedId(*station);
    s.connectorId = 1;
    s.transactionId = u"77"_s;
    s.status = u"ongoing"_s;
    auto created = storage::SessionRepository(fixture.db()).create(s, kT0);
    QVERIFY(created.ok());
    QVERIFY(storage::Sql::run(fixture.db().connection(), u"UPDATE sessions SET department_id = ?, amount_minor = 2000 WHERE id = ?"_s,
                              {vans->id, created->id})
                .ok());
    // 21.00 − 20.00 ≤ 1.00 in the company's pool: the stop is queued although the vans' own pool is full.
    auto stopped = payments::AutoStop(fixture.db(), clock).check(created->id);
    QVERIFY2(stopped.ok(), qPrintable(stopped.error().message));
    QVERIFY(stopped->has_value());

    // Once the vans pay for themselves, their own pool decides: no stop for a second session.
    QVERIFY(accounts.setDepartmentBilling(vans->id, false, 0, kActor).ok());
    s.transactionId = u"78"_s;
    s.connectorId = 2;
    auto second = storage::SessionRepository(fixture.db()).create(s, kT0);
    QVERIFY(second.ok());
    QVERIFY(storage::Sql::run(fixture.db().connection(), u"UPDATE sessions SET department_id = ?, amount_minor = 2000 WHERE id = ?"_s,
                              {vans->id, second->id})
                .ok());
    auto kept = payments::AutoStop(fixture.db(), clock).check(second->id);
    QVERIFY2(kept.ok(), qPrintable(kept.error().message));
    QVERIFY(!kept->has_value());
}

void TestAccounts::revokeCoupon()
{
    test::TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualClock clock(kT0);
    AccountService accounts(fixture.db(), clock);
    CouponService coupons(fixture.db(), clock);
    QVERIFY(coupons.createRule(topUpRule(u"Ten"_s, 10000, 1000), kActor).ok());
    NewMember m;
    m.name = u"Olena"_s;
    auto member = accounts.createMember(m, kActor);
    QVERIFY(member.ok());
    auto first = accounts.topUpMember(member->member.id, topUp(10000), kActor);
    auto second = accounts.topUpMember(member->member.id, topUp(10000), kActor);
    QVERIFY(first.ok() && second.ok());
    QCOMPARE(first->coupons.size(), 1);
    QCOMPARE(second->coupons.size(), 1);

    QVERIFY(!coupons.revoke(first->coupons.first().id, kActor, u" "_s).ok());  // a reason is required
    auto revoked = coupons.revoke(first->coupons.first().id, kActor, u"top-up refunded"_s);
    QVERIFY2(revoked.ok(), qPrintable(revoked.error().message));
    QCOMPARE(revoked->status, u"revoked"_s);
    QVERIFY(!coupons.revoke(first->coupons.first().id, kActor, u"again"_s).ok());
    QVERIFY(storage::Sql::run(fixture.db().connection(), u"UPDATE coupons SET status = 'used' WHERE id = ?"_s,
                              {second->coupons.first().id})
                .ok());
    QVERIFY(!coupons.revoke(second->coupons.first().id, kActor, u"too late"_s).ok());
    QVERIFY(!coupons.revoke(999999, kActor, u"nothing"_s).ok());

    CouponFilter filter;
    filter.status = u"revoked"_s;
    auto list = coupons.coupons(filter);
    QVERIFY(list.ok());
    QCOMPARE(list->size(), 1);
    QCOMPARE(list->first().revokedBy, kActor);
    QCOMPARE(list->first().revokeReason, u"top-up refunded"_s);
    QCOMPARE(list->first().memberName, u"Olena"_s);
    QCOMPARE(AccountText::couponStatusTitle(list->first(), kT0), u"Revoked"_s);
    CouponFilter all;
    QCOMPARE(coupons.coupons(all)->size(), 2);
    QCOMPARE(scalar(fixture.db(), u"SELECT COUNT(*) FROM audit_log WHERE action = 'coupon.revoke'"_s), 1);
}

void TestAccounts::memberValidation_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("phone");
    QTest::addColumn<QString>("email");
    QTest::addColumn<int>("problems");
    QTest::newRow("name only") << u"Olena"_s << QString() << QString() << 0;
    QTest::newRow("phone only") << QString() << u"+380 50 111-22-33"_s << QString() << 0;
    QTest::newRow("everything") << u"Olena"_s << u"0501112233"_s << u"olena@example.com"_s << 0;
    QTest::newRow("nothing") << QString() << QString() << QString() << 1;
    QTest::newRow("blank name") << u"   "_s << QString() << QString() << 1;
    QTest::newRow("letters in phone") << u"Olena"_s << u"call me"_s << QString() << 1;
    QTest::newRow("short phone") << u"Olena"_s << u"123"_s << QString() << 1;
    QTest::newRow("bad e-mail") << u"Olena"_s << QString() << u"olena.example.com"_s << 1;
    QTest::newRow("two problems") << QString() << u"x"_s << u"@"_s << 2;
}

void TestAccounts::memberValidation()
{
    QFETCH(QString, name);
    QFETCH(QString, phone);
    QFETCH(QString, email);
    QFETCH(int, problems);
    NewMember m;
    m.name = name;
    m.phone = phone;
    m.email = email;
    QCOMPARE(AccountService::validate(m).size(), problems);
}

void TestAccounts::ruleValidation_data()
{
    QTest::addColumn<int>("trigger");
    QTest::addColumn<qint64>("minTopUp");
    QTest::addColumn<qint64>("amount");
    QTest::addColumn<int>("days");  // 0: none
    QTest::addColumn<qint64>("fromMs");  // 0: none
    QTest::addColumn<qint64>("toMs");
    QTest::addColumn<bool>("valid");
    const int topUpTrigger = int(CouponTrigger::TopUp);
    const int newMember = int(CouponTrigger::NewMember);
    QTest::newRow("top-up, days") << topUpTrigger << qint64(10000) << qint64(1000) << 30 << qint64(0) << qint64(0) << true;
    QTest::newRow("top-up without threshold") << topUpTrigger << qint64(0) << qint64(1000) << 30 << qint64(0) << qint64(0) << false;
    QTest::newRow("new member, range") << newMember << qint64(0) << qint64(500) << 0 << kT0 << kT0 + kDayMs << true;
    QTest::newRow("range without start") << newMember << qint64(0) << qint64(500) << 0 << qint64(0) << kT0 << true;
    QTest::newRow("zero amount") << newMember << qint64(0) << qint64(0) << 7 << qint64(0) << qint64(0) << false;
    QTest::newRow("no validity") << newMember << qint64(0) << qint64(500) << 0 << qint64(0) << qint64(0) << false;
    QTest::newRow("days and range") << newMember << qint64(0) << qint64(500) << 7 << kT0 << kT0 + kDayMs << false;
    QTest::newRow("range backwards") << newMember << qint64(0) << qint64(500) << 0 << kT0 + kDayMs << kT0 << false;
    QTest::newRow("too many days") << newMember << qint64(0) << qint64(500) << 4000 << qint64(0) << qint64(0) << false;
}

void TestAccounts::ruleValidation()
{
    QFETCH(int, trigger);
    QFETCH(qint64, minTopUp);
    QFETCH(qint64, amount);
    QFETCH(int, days);
    QFETCH(qint64, fromMs);
    QFETCH(qint64, toMs);
    QFETCH(bool, valid);
    CouponRule r;
    r.name = u"Rule"_s;
    r.trigger = CouponTrigger(trigger);
    r.minTopUpMinor = minTopUp;
    r.amountMinor = amount;
    if (days)
        r.validDays = days;
    if (fromMs)
        r.validFromMs = fromMs;
    if (toMs)
        r.validToMs = toMs;
    const QStringList problems = CouponService::validate(r);
    QVERIFY2(problems.isEmpty() == valid, qPrintable(problems.join(u" | "_s)));
}

void TestAccounts::searchAndPageMembers()
{
    test::TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualClock clock(kT0);
    AccountService accounts(fixture.db(), clock);
    QList<qint64> ids;
    for (int i = 0; i < 25; ++i) {
        NewMember m;
        m.name = u"Member %1"_s.arg(i, 2, 10, QChar(u'0'));
        m.phone = u"+38050%1"_s.arg(1000000 + i);
        m.email = i == 7 ? u"Seven@Example.com"_s : QString();
        auto created = accounts.createMember(m, kActor);
        QVERIFY(created.ok());
        ids << created->member.id;
    }
    QVERIFY(accounts.addMemberCard(ids.at(12), u"RFID-ABC-12"_s, kActor).ok());

    MemberFilter filter;
    filter.limit = 10;
    auto page = accounts.members(filter);
    QVERIFY(page.ok());
    QCOMPARE(page->size(), 10);
    QCOMPARE(page->first().id, ids.first());
    filter.afterId = page->last().id;
    page = accounts.members(filter);
    QVERIFY(page.ok());
    QCOMPARE(page->size(), 10);
    QCOMPARE(page->first().id, ids.at(10));

    auto search = [&](const QString &text) {
        MemberFilter f;
        f.search = text;
        auto rows = accounts.members(f);
        return rows ? rows->size() : -1;
    };
    QCOMPARE(search(u"member 0"_s), 10);
    QCOMPARE(search(u"1000003"_s), 1);       // phone
    QCOMPARE(search(u"seven@example"_s), 1);  // e-mail, any case
    QCOMPARE(search(u"rfid-abc"_s), 1);       // a card
    QVERIFY(search(QString::number(ids.at(20))) >= 1);  // the member's number
    QCOMPARE(search(u"nobody"_s), 0);
    MemberFilter withCard;
    withCard.search = u"RFID"_s;
    auto found = accounts.members(withCard);
    QVERIFY(found.ok());
    QCOMPARE(found->first().cardCount, 1);
}


void TestAccounts::updateMember()
{
    test::TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ManualClock clock(kT0);
    AccountService accounts(fixture.db(), clock);
    auto fleet = accounts.createDepartment({u"Fleet"_s, std::nullopt, false, 0}, kActor);
    QVERIFY(fleet.ok());
    auto created = accounts.createMember({u"Li Wei"_s, u"+380501112233"_s, {}, std::nullopt, 0}, kActor);
    QVERIFY(created.ok());
    const qint64 id = created->member.id;
    QVERIFY(accounts.topUpMember(id, topUp(50000), kActor).ok());

    // Everything but the money changes; the balance and refundable amount stay; audited with both sides.
    auto updated = accounts.updateMember(id, {u"Лі Вей"_s, u"+380 67 000 11 22"_s, u"li@example.com"_s, fleet->id, 2500},
                                         kActor, u"moved to the fleet"_s);
    QVERIFY2(updated.ok(), updated.ok() ? "" : qPrintable(updated.error().message));
    QCOMPARE(updated->name, u"Лі Вей"_s);
    QCOMPARE(updated->departmentId, std::optional<qint64>(fleet->id));
    auto detail = accounts.memberDetail(id);
    QVERIFY(detail.ok());
    QCOMPARE(detail->member.name, u"Лі Вей"_s);
    QCOMPARE(detail->member.phone, u"+380 67 000 11 22"_s);
    QCOMPARE(detail->member.email, u"li@example.com"_s);
    QCOMPARE(detail->member.departmentId, std::optional<qint64>(fleet->id));
    QCOMPARE(detail->member.autoStopThresholdMinor, 2500);
    QCOMPARE(detail->member.balanceMinor, 50000);
    QCOMPARE(detail->member.refundableMinor, 50000);
    auto audit = storage::Sql::run(fixture.db().connection(),
                                   u"SELECT operator_name, reason, before_state, after_state FROM audit_log "
                                   "WHERE action = 'member.update' AND entity_id = ?"_s,
                                   {QString::number(id)});
    QVERIFY(audit && audit->next());
    QCOMPARE(audit->value(0).toString(), kActor);
    QCOMPARE(audit->value(1).toString(), u"moved to the fleet"_s);
    QVERIFY(audit->value(2).toString().contains(u"Li Wei"_s));
    QVERIFY(audit->value(3).toString().contains(u"Лі Вей"_s));

    // Refusals change nothing.
    QVERIFY(!accounts.updateMember(id, {QString(), QString(), {}, std::nullopt, 0}, kActor).ok());  // no name, no phone
    QVERIFY(!accounts.updateMember(id, {u"X"_s, u"call me"_s, {}, std::nullopt, 0}, kActor).ok());
    QVERIFY(!accounts.updateMember(id, {u"X"_s, {}, {}, qint64(999999), 0}, kActor).ok());
    QVERIFY(!accounts.updateMember(999999, {u"X"_s, {}, {}, std::nullopt, 0}, kActor).ok());
    QVERIFY(!accounts.updateMember(id, {u"X"_s, {}, {}, std::nullopt, 0}, u"  "_s).ok());
    detail = accounts.memberDetail(id);
    QVERIFY(detail.ok());
    QCOMPARE(detail->member.name, u"Лі Вей"_s);
    QCOMPARE(scalar(fixture.db(), u"SELECT COUNT(*) FROM audit_log WHERE action = 'member.update'"_s), 1);

    // Out of the department again.
    updated = accounts.updateMember(id, {u"Лі Вей"_s, {}, {}, std::nullopt, 0}, kActor);
    QVERIFY(updated.ok());
    QVERIFY(!updated->departmentId.has_value());
    QCOMPARE(scalar(fixture.db(), u"SELECT department_id IS NULL FROM members WHERE id = ?"_s, {id}), 1);
}

QTEST_GUILESS_MAIN(TestAccounts)
#include "tst_account_service.moc"
