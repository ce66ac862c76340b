// chargedesk-cli refund apply | list | approve | reject | show (and confirm for a cash refund at the
// desk), run as an operator or a script does: --json parsed and checked, the member's money after
// every step (balance, refundable, pending refund), the audit log, refusals with their exit codes.
// The console's gateway is the default manual one: cash top-ups are paid back at the desk, a top-up
// of another gateway cannot be refunded from here and its part goes back to the member.
// SQLCipher and PostgreSQL.

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

class TestCliRefunds : public QObject {
    Q_OBJECT

private:
    using Run = test::CliRun;

    test::CliTestBench m_bench{QStringLiteral(CLI_PATH)};
    const std::shared_ptr<storage::Database> &m_db = m_bench.shared();  // the bench's database

    Run cli(const QStringList &args) const { return m_bench.run(args); }

    QJsonObject memberMoney(const QString &id) const
    {
        return cli({u"account"_s, u"member"_s, u"show"_s, id, u"--json"_s}).json().object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_bench.setOperator(QStringLiteral("Olena"));
        const QString error = m_bench.setUp(QStringLiteral("cd_clirefunds"));
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanupTestCase() { m_bench.tearDown(); }

    void refundWorkflow()
    {
        Run created = cli({u"account"_s, u"member"_s, u"create"_s, u"--name"_s, u"Olena Kovalenko"_s, u"--json"_s});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        const QString member = QString::number(created.json().object().value(u"id"_s).toInteger());
        Run cash = cli({u"account"_s, u"member"_s, u"topup"_s, member, u"--amount"_s, u"100.00"_s, u"--json"_s});
        QVERIFY2(cash.exitCode == 0, qPrintable(cash.err));
        const qint64 cashTopUp = cash.json().object().value(u"topUp"_s).toObject().value(u"id"_s).toInteger();
        Run card = cli({u"account"_s, u"member"_s, u"topup"_s, member, u"--amount"_s, u"50.00"_s, u"--gateway"_s, u"http"_s,
                        u"--receipt"_s, u"pi_3Nx"_s, u"--json"_s});
        QVERIFY2(card.exitCode == 0, qPrintable(card.err));

        // Apply: 140.00 leaves the balance for the pending refund.
        Run applied = cli({u"refund"_s, u"apply"_s, u"--member"_s, member, u"--amount"_s, u"140.00"_s, u"--reason"_s,
                           u"moving to Lviv"_s, u"--json"_s});
        QVERIFY2(applied.exitCode == 0, qPrintable(applied.err));
        const QJsonObject application = applied.json().object();
        const QString id = QString::number(application.value(u"id"_s).toInteger());
        QCOMPARE(application.value(u"status"_s).toString(), u"pending"_s);
        QCOMPARE(application.value(u"progress"_s).toString(), u"applied"_s);
        QCOMPARE(application.value(u"amountMinor"_s).toInteger(), 14000);
        QCOMPARE(application.value(u"currency"_s).toString(), u"UAH"_s);
        QCOMPARE(application.value(u"revokeCoupons"_s).toBool(), true);
        QJsonObject money = memberMoney(member);
        QCOMPARE(money.value(u"balanceMinor"_s).toInteger(), 1000);
        QCOMPARE(money.value(u"refundableMinor"_s).toInteger(), 1000);
        QCOMPARE(money.value(u"pendingRefundMinor"_s).toInteger(), 14000);

        // Refusals: more than refundable, no reason, no member; nothing changes.
        QCOMPARE(cli({u"refund"_s, u"apply"_s, u"--member"_s, member, u"--amount"_s, u"10.01"_s, u"--reason"_s, u"x"_s}).exitCode,
                 int(ExitCode::Usage));
        QCOMPARE(cli({u"refund"_s, u"apply"_s, u"--member"_s, member, u"--amount"_s, u"1.00"_s}).exitCode, int(ExitCode::Usage));
        QCOMPARE(cli({u"refund"_s, u"apply"_s, u"--amount"_s, u"1.00"_s, u"--reason"_s, u"x"_s}).exitCode, int(ExitCode::Usage));
        QCOMPARE(cli({u"refund"_s, u"apply"_s, u"--member"_s, member, u"--amount"_s, u"1.001"_s, u"--reason"_s, u"x"_s}).exitCode,
                 int(ExitCode::Usage));

        Run list = cli({u"refund"_s, u"list"_s, u"--json"_s});
        QVERIFY2(list.exitCode == 0, qPrintable(list.err));
        QCOMPARE(list.json().array().size(), 1);
        QCOMPARE(list.json().array().at(0).toObject().value(u"memberName"_s).toString(), u"Olena Kovalenko"_s);
        QCOMPARE(cli({u"refund"_s, u"list"_s, u"--status"_s, u"approved"_s, u"--json"_s}).json().array().size(), 0);
        QCOMPARE(cli({u"refund"_s, u"list"_s, u"--status"_s, u"pending"_s, u"--member"_s, member, u"--json"_s}).json().array().size(), 1);
        QCOMPARE(cli({u"refund"_s, u"list"_s, u"--status"_s, u"maybe"_s}).exitCode, int(ExitCode::Usage));

        // Approve: commission 2.00 kept; 100.00 of the cash top-up is paid at the desk; the card top-up's
        // gateway is not this console's, so 38.00 goes back to the member.
        QCOMPARE(cli({u"refund"_s, u"approve"_s, id, u"--commission"_s, u"140.00"_s, u"--reason"_s, u"ok"_s}).exitCode,
                 int(ExitCode::Usage));
        QCOMPARE(cli({u"refund"_s, u"approve"_s, id}).exitCode, int(ExitCode::Usage));  // no reason
        Run approved = cli({u"refund"_s, u"approve"_s, id, u"--commission"_s, u"2.00"_s, u"--reason"_s,
                            u"checked the top-ups"_s, u"--json"_s});
        QVERIFY2(approved.exitCode == 0, qPrintable(approved.err));
        QJsonObject detail = approved.json().object();
        QCOMPARE(detail.value(u"status"_s).toString(), u"approved"_s);
        QCOMPARE(detail.value(u"progress"_s).toString(), u"platform_audit"_s);
        QCOMPARE(detail.value(u"commissionMinor"_s).toInteger(), 200);
        QCOMPARE(detail.value(u"decidedBy"_s).toString(), u"Olena"_s);
        QJsonArray records = detail.value(u"records"_s).toArray();
        QCOMPARE(records.size(), 1);
        const QJsonObject record = records.at(0).toObject();
        QCOMPARE(record.value(u"topUpId"_s).toInteger(), cashTopUp);
        QCOMPARE(record.value(u"atDesk"_s).toBool(), true);
        QCOMPARE(record.value(u"amountMinor"_s).toInteger(), 10000);
        QCOMPARE(record.value(u"originalTotalMinor"_s).toInteger(), 10000);
        QCOMPARE(record.value(u"status"_s).toString(), u"in_progress"_s);
        QVERIFY(record.value(u"ourRefundNo"_s).toString().startsWith(u"RF"_s));
        QCOMPARE(detail.value(u"member"_s).toObject().value(u"balanceMinor"_s).toInteger(), 4800);
        QCOMPARE(detail.value(u"member"_s).toObject().value(u"refundableMinor"_s).toInteger(), 4800);
        QCOMPARE(detail.value(u"member"_s).toObject().value(u"pendingRefundMinor"_s).toInteger(), 10000);
        QCOMPARE(cli({u"refund"_s, u"approve"_s, id, u"--reason"_s, u"again"_s}).exitCode, int(ExitCode::Usage));
        QCOMPARE(cli({u"refund"_s, u"reject"_s, id, u"--reason"_s, u"too late"_s}).exitCode, int(ExitCode::Usage));

        // The operator pays the cash back at the desk.
        const QString recordId = QString::number(record.value(u"id"_s).toInteger());
        Run confirmed = cli({u"refund"_s, u"confirm"_s, recordId, u"--receipt"_s, u"D-1"_s, u"--reason"_s, u"paid in cash"_s,
                             u"--json"_s});
        QVERIFY2(confirmed.exitCode == 0, qPrintable(confirmed.err));
        QCOMPARE(confirmed.json().object().value(u"progress"_s).toString(), u"partially_refunded"_s);
        QCOMPARE(cli({u"refund"_s, u"confirm"_s, recordId, u"--reason"_s, u"twice"_s}).exitCode, int(ExitCode::Usage));

        Run show = cli({u"refund"_s, u"show"_s, id, u"--json"_s});
        QVERIFY2(show.exitCode == 0, qPrintable(show.err));
        detail = show.json().object();
        QCOMPARE(detail.value(u"refundedMinor"_s).toInteger(), 10000);
        QCOMPARE(detail.value(u"records"_s).toArray().at(0).toObject().value(u"gatewayRefundNo"_s).toString(), u"D-1"_s);
        QCOMPARE(detail.value(u"records"_s).toArray().at(0).toObject().value(u"status"_s).toString(), u"success"_s);
        QStringList decisions;
        for (const QJsonValue &e : detail.value(u"audit"_s).toArray())
            decisions << e.toObject().value(u"decision"_s).toString();
        QCOMPARE(decisions, (QStringList{u"apply"_s, u"approve"_s, u"returned"_s, u"desk_paid"_s, u"finish"_s}));
        QCOMPARE(detail.value(u"audit"_s).toArray().at(0).toObject().value(u"operator"_s).toString(), u"Olena"_s);
        QCOMPARE(detail.value(u"member"_s).toObject().value(u"pendingRefundMinor"_s).toInteger(), 0);
        Run text = cli({u"refund"_s, u"show"_s, id});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains(u"D-1"_s), qPrintable(text.out));
        money = memberMoney(member);
        QCOMPARE(money.value(u"balanceMinor"_s).toInteger(), 4800);
        QCOMPARE(money.value(u"refundableMinor"_s).toInteger(), 4800);
        QCOMPARE(money.value(u"pendingRefundMinor"_s).toInteger(), 0);

        // Another application, rejected: the money comes back.
        Run second = cli({u"refund"_s, u"apply"_s, u"--member"_s, member, u"--amount"_s, u"48.00"_s, u"--reason"_s, u"all"_s,
                          u"--keep-coupons"_s, u"--json"_s});
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        QCOMPARE(second.json().object().value(u"revokeCoupons"_s).toBool(), false);
        const QString secondId = QString::number(second.json().object().value(u"id"_s).toInteger());
        QCOMPARE(memberMoney(member).value(u"balanceMinor"_s).toInteger(), 0);
        Run rejected = cli({u"refund"_s, u"reject"_s, secondId, u"--reason"_s, u"the member withdrew it"_s, u"--json"_s});
        QVERIFY2(rejected.exitCode == 0, qPrintable(rejected.err));
        QCOMPARE(rejected.json().object().value(u"status"_s).toString(), u"rejected"_s);
        money = memberMoney(member);
        QCOMPARE(money.value(u"balanceMinor"_s).toInteger(), 4800);
        QCOMPARE(money.value(u"refundableMinor"_s).toInteger(), 4800);
        QCOMPARE(money.value(u"pendingRefundMinor"_s).toInteger(), 0);
        QCOMPARE(cli({u"refund"_s, u"approve"_s, secondId, u"--reason"_s, u"after all"_s}).exitCode, int(ExitCode::Usage));
        QCOMPARE(cli({u"refund"_s, u"reject"_s, u"999999"_s, u"--reason"_s, u"x"_s}).exitCode, int(ExitCode::Usage));
        QCOMPARE(cli({u"refund"_s, u"show"_s, u"999999"_s}).exitCode, int(ExitCode::Usage));

        // Newest first, paged.
        list = cli({u"refund"_s, u"list"_s, u"--last"_s, u"1"_s, u"--json"_s});
        QCOMPARE(list.json().array().size(), 1);
        QCOMPARE(QString::number(list.json().array().at(0).toObject().value(u"id"_s).toInteger()), secondId);
        list = cli({u"refund"_s, u"list"_s, u"--before"_s, secondId, u"--json"_s});
        QCOMPARE(list.json().array().size(), 1);
        QCOMPARE(QString::number(list.json().array().at(0).toObject().value(u"id"_s).toInteger()), id);

        auto audit = storage::AuditLogRepository(*m_db).latest(20, u"refund"_s, id);
        QVERIFY(audit.ok());
        QStringList actions;
        for (const storage::AuditEntry &e : *audit)
            actions.prepend(e.action);
        QCOMPARE(actions, (QStringList{u"refund.apply"_s, u"refund.approve"_s, u"refund.record"_s}));
        QCOMPARE(audit->first().operatorName, u"Olena"_s);
    }
};

QTEST_GUILESS_MAIN(TestCliRefunds)
#include "tst_cli_refunds.moc"
