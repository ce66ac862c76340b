// chargedesk-cli account member list | show | create | topup, account department list, coupon rule
// list | create, coupon list | revoke, run as an operator or a script does: JSON output, a top-up
// (and its --dry-run) earning the coupon of a rule, a new member's coupon, the audit log, refusals
// with their exit codes. SQLCipher and PostgreSQL.

#include "clitestbench.h"

#include "core/accounts/accountservice.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace cd;
using namespace Qt::StringLiterals;

class TestCliAccounts : public QObject {
    Q_OBJECT

private:
    using Run = test::CliRun;

    test::CliTestBench m_bench{QStringLiteral(CLI_PATH)};
    const std::shared_ptr<storage::Database> &m_db = m_bench.shared();  // the bench's database

    Run cli(const QStringList &args) const { return m_bench.run(args); }

private Q_SLOTS:
    void initTestCase()
    {
        m_bench.setOperator(QStringLiteral("Olena"));
        const QString error = m_bench.setUp(QStringLiteral("cd_cliaccounts"));
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanupTestCase() { m_bench.tearDown(); }

    void membersTopUpsAndCoupons()
    {
        // Rules first: a new member gets 5.00, a top-up of 100.00 earns 10.00.
        Run rule = cli({u"coupon"_s, u"rule"_s, u"create"_s, u"--name"_s, u"Welcome"_s, u"--trigger"_s, u"new_member"_s,
                        u"--amount"_s, u"5.00"_s, u"--valid-days"_s, u"30"_s, u"--json"_s});
        QVERIFY2(rule.exitCode == 0, qPrintable(rule.err));
        QCOMPARE(rule.json().object().value(u"amountMinor"_s).toInteger(), 500);
        rule = cli({u"coupon"_s, u"rule"_s, u"create"_s, u"--name"_s, u"Top up 100"_s, u"--trigger"_s, u"topup"_s,
                    u"--min-topup"_s, u"100"_s, u"--amount"_s, u"10"_s, u"--min-spend"_s, u"20.00"_s,
                    u"--from"_s, u"2025-01-01T00:00:00Z"_s, u"--to"_s, u"2099-01-01T00:00:00Z"_s, u"--json"_s});
        QVERIFY2(rule.exitCode == 0, qPrintable(rule.err));
        const qint64 topUpRule = rule.json().object().value(u"id"_s).toInteger();
        Run rules = cli({u"coupon"_s, u"rule"_s, u"list"_s, u"--json"_s});
        QVERIFY2(rules.exitCode == 0, qPrintable(rules.err));
        QCOMPARE(rules.json().array().size(), 2);
        QCOMPARE(rules.json().array().at(0).toObject().value(u"trigger"_s).toString(), u"topup"_s);
        QCOMPARE(rules.json().array().at(0).toObject().value(u"minSpendMinor"_s).toInteger(), 2000);

        // A member: the new-member coupon comes with it.
        Run created = cli({u"account"_s, u"member"_s, u"create"_s, u"--name"_s, u"Olena Kovalenko"_s, u"--phone"_s,
                           u"+380501112233"_s, u"--threshold"_s, u"1.00"_s, u"--json"_s});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        const QJsonObject member = created.json().object();
        const QString id = QString::number(member.value(u"id"_s).toInteger());
        QCOMPARE(member.value(u"autoStopThresholdMinor"_s).toInteger(), 100);
        QCOMPARE(member.value(u"coupons"_s).toArray().size(), 1);

        // Dry run: what would happen, nothing moves.
        Run dry = cli({u"account"_s, u"member"_s, u"topup"_s, id, u"--amount"_s, u"150.00"_s, u"--dry-run"_s, u"--json"_s});
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.err));
        QCOMPARE(dry.json().object().value(u"balanceAfterMinor"_s).toInteger(), 15000);
        QCOMPARE(dry.json().object().value(u"couponRule"_s).toObject().value(u"id"_s).toInteger(), topUpRule);
        {
            auto q = storage::Sql::run(m_db->connection(), u"SELECT COUNT(*) FROM topups"_s);
            QVERIFY(q && q->next());
            QCOMPARE(q->value(0).toInt(), 0);
        }

        // The top-up: balance, refundable, the coupon with its top-up.
        Run topUp = cli({u"account"_s, u"member"_s, u"topup"_s, id, u"--amount"_s, u"150.00"_s, u"--receipt"_s, u"R-1"_s,
                         u"--reason"_s, u"cash"_s, u"--json"_s});
        QVERIFY2(topUp.exitCode == 0, qPrintable(topUp.err));
        const QJsonObject result = topUp.json().object();
        QCOMPARE(result.value(u"balanceAfterMinor"_s).toInteger(), 15000);
        QCOMPARE(result.value(u"refundableAfterMinor"_s).toInteger(), 15000);
        QCOMPARE(result.value(u"topUp"_s).toObject().value(u"gateway"_s).toString(), u"manual"_s);
        QCOMPARE(result.value(u"topUp"_s).toObject().value(u"currency"_s).toString(), u"UAH"_s);
        const QJsonArray earned = result.value(u"coupons"_s).toArray();
        QCOMPARE(earned.size(), 1);
        QCOMPARE(earned.at(0).toObject().value(u"sourceTopUpId"_s).toInteger(),
                 result.value(u"topUp"_s).toObject().value(u"id"_s).toInteger());

        Run show = cli({u"account"_s, u"member"_s, u"show"_s, id, u"--json"_s});
        QVERIFY2(show.exitCode == 0, qPrintable(show.err));
        QCOMPARE(show.json().object().value(u"balanceMinor"_s).toInteger(), 15000);
        QCOMPARE(show.json().object().value(u"topUps"_s).toArray().size(), 1);
        QCOMPARE(show.json().object().value(u"coupons"_s).toArray().size(), 2);
        Run text = cli({u"account"_s, u"member"_s, u"show"_s, id});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains(u"150.00 UAH"_s), qPrintable(text.out));

        Run list = cli({u"account"_s, u"member"_s, u"list"_s, u"--search"_s, u"kovalenko"_s, u"--json"_s});
        QVERIFY2(list.exitCode == 0, qPrintable(list.err));
        QCOMPARE(list.json().array().size(), 1);
        QCOMPARE(cli({u"account"_s, u"member"_s, u"list"_s, u"--search"_s, u"nobody"_s, u"--json"_s}).json().array().size(), 0);

        Run coupons = cli({u"coupon"_s, u"list"_s, u"--member"_s, id, u"--json"_s});
        QVERIFY2(coupons.exitCode == 0, qPrintable(coupons.err));
        QCOMPARE(coupons.json().array().size(), 2);
        const QString couponId = QString::number(coupons.json().array().at(0).toObject().value(u"id"_s).toInteger());
        QCOMPARE(cli({u"coupon"_s, u"revoke"_s, couponId}).exitCode, int(ExitCode::Usage));  // no reason
        Run revoked = cli({u"coupon"_s, u"revoke"_s, couponId, u"--reason"_s, u"refunded"_s, u"--json"_s});
        QVERIFY2(revoked.exitCode == 0, qPrintable(revoked.err));
        QCOMPARE(revoked.json().object().value(u"status"_s).toString(), u"revoked"_s);
        QCOMPARE(cli({u"coupon"_s, u"list"_s, u"--status"_s, u"revoked"_s, u"--json"_s}).json().array().size(), 1);

        auto audit = storage::AuditLogRepository(*m_db).latest(10, u"member"_s, id);
        QVERIFY(audit.ok());
        QCOMPARE(audit->size(), 2);
        QCOMPARE(audit->first().action, u"member.topup"_s);
        QCOMPARE(audit->first().operatorName, u"Olena"_s);
        QCOMPARE(audit->first().reason, u"cash"_s);

        // Update: only what is given changes; the balance stays; audited.
        Run updated = cli({u"account"_s, u"member"_s, u"update"_s, id, u"--phone"_s, u"+380 67 000 11 22"_s,
                           u"--threshold"_s, u"2.50"_s, u"--reason"_s, u"new phone"_s, u"--json"_s});
        QVERIFY2(updated.exitCode == 0, qPrintable(updated.err));
        QCOMPARE(updated.json().object().value(u"name"_s).toString(), u"Olena Kovalenko"_s);
        QCOMPARE(updated.json().object().value(u"phone"_s).toString(), u"+380 67 000 11 22"_s);
        QCOMPARE(updated.json().object().value(u"autoStopThresholdMinor"_s).toInteger(), 250);
        QCOMPARE(updated.json().object().value(u"balanceMinor"_s).toInteger(), 15000);
        QCOMPARE(cli({u"account"_s, u"member"_s, u"update"_s, id, u"--phone"_s, u"call me"_s}).exitCode, int(ExitCode::Usage));
        QCOMPARE(cli({u"account"_s, u"member"_s, u"update"_s, id, u"--department"_s, u"999999"_s}).exitCode,
                 int(ExitCode::Usage));
        QCOMPARE(cli({u"account"_s, u"member"_s, u"update"_s, u"999999"_s, u"--name"_s, u"X"_s}).exitCode,
                 int(ExitCode::Usage));
        audit = storage::AuditLogRepository(*m_db).latest(10, u"member"_s, id);
        QVERIFY(audit.ok());
        QCOMPARE(audit->size(), 3);
        QCOMPARE(audit->first().action, u"member.update"_s);
        QCOMPARE(audit->first().reason, u"new phone"_s);
    }

    void departments()
    {
        accounts::AccountService service(*m_db);
        auto parent = service.createDepartment({u"Company"_s, std::nullopt, false, 0}, u"test"_s);
        QVERIFY(parent.ok());
        auto child = service.createDepartment({u"Vans"_s, parent->id, true, 0}, u"test"_s);
        QVERIFY(child.ok());
        Run list = cli({u"account"_s, u"department"_s, u"list"_s, u"--json"_s});
        QVERIFY2(list.exitCode == 0, qPrintable(list.err));
        const QJsonArray rows = list.json().array();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(1).toObject().value(u"billToParent"_s).toBool(), true);
        QCOMPARE(rows.at(1).toObject().value(u"payingDepartmentId"_s).toInteger(), parent->id);
        Run table = cli({u"account"_s, u"department"_s, u"list"_s});
        QCOMPARE(table.exitCode, 0);
        QVERIFY(table.out.contains(u"Vans"_s));
    }

    void refusals()
    {
        QCOMPARE(cli({u"account"_s, u"member"_s, u"create"_s}).exitCode, int(ExitCode::Usage));  // no name, no phone
        QCOMPARE(cli({u"account"_s, u"member"_s, u"show"_s}).exitCode, int(ExitCode::Usage));
        QCOMPARE(cli({u"account"_s, u"member"_s, u"show"_s, u"999999"_s}).exitCode, int(ExitCode::Usage));
        QCOMPARE(cli({u"account"_s, u"member"_s, u"topup"_s, u"1"_s}).exitCode, int(ExitCode::Usage));  // no amount
        QCOMPARE(cli({u"account"_s, u"member"_s, u"topup"_s, u"1"_s, u"--amount"_s, u"1.234"_s}).exitCode, int(ExitCode::Usage));
        QCOMPARE(cli({u"account"_s, u"member"_s, u"topup"_s, u"1"_s, u"--amount"_s, u"0"_s}).exitCode, int(ExitCode::Usage));
        QCOMPARE(cli({u"coupon"_s, u"rule"_s, u"create"_s, u"--name"_s, u"X"_s, u"--trigger"_s, u"sometimes"_s,
                      u"--amount"_s, u"1"_s}).exitCode,
                 int(ExitCode::Usage));
        QCOMPARE(cli({u"coupon"_s, u"rule"_s, u"create"_s, u"--name"_s, u"X"_s, u"--trigger"_s, u"topup"_s, u"--amount"_s,
                      u"1"_s, u"--valid-days"_s, u"7"_s}).exitCode,
                 int(ExitCode::Usage));  // no --min-topup
        QCOMPARE(cli({u"coupon"_s, u"list"_s, u"--status"_s, u"lost"_s}).exitCode, int(ExitCode::Usage));
    }

    // Trigger 'spend' (igo_case#92): the spend in the rule's period that earns one coupon.
    void spendRule()
    {
        QCOMPARE(cli({u"coupon"_s, u"rule"_s, u"create"_s, u"--name"_s, u"X"_s, u"--trigger"_s, u"spend"_s, u"--amount"_s,
                      u"1"_s}).exitCode,
                 int(ExitCode::Usage));  // no --min-total-spend
        Run rule = cli({u"coupon"_s, u"rule"_s, u"create"_s, u"--name"_s, u"Double festival"_s, u"--trigger"_s, u"spend"_s,
                        u"--min-total-spend"_s, u"300.00"_s, u"--amount"_s, u"10"_s, u"--valid-days"_s, u"30"_s,
                        u"--from"_s, u"2025-10-01T00:00:00Z"_s, u"--to"_s, u"2025-12-01T00:00:00Z"_s, u"--json"_s});
        QVERIFY2(rule.exitCode == 0, qPrintable(rule.err));
        const QJsonObject o = rule.json().object();
        QCOMPARE(o.value(u"trigger"_s).toString(), u"spend"_s);
        QCOMPARE(o.value(u"minTotalSpendMinor"_s).toInteger(), 30000);
        QCOMPARE(o.value(u"validDays"_s).toInt(), 30);
        QVERIFY(!o.value(u"validFromMs"_s).isNull());
        Run coupons = cli({u"coupon"_s, u"list"_s, u"--json"_s});
        QVERIFY2(coupons.exitCode == 0, qPrintable(coupons.err));
        if (!coupons.json().array().isEmpty())
            QVERIFY(coupons.json().array().at(0).toObject().contains(u"earnedByBillId"_s));
    }
};

QTEST_GUILESS_MAIN(TestCliAccounts)
#include "tst_cli_accounts.moc"
