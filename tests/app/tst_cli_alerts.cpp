// chargedesk-cli alerts list | ack | assign | resolve, run as an operator or a script does: the
// list and its --state filter in JSON, each action into the alert's history and the audit log,
// refusals with their exit codes. SQLCipher and PostgreSQL.

#include "clitestbench.h"

#include "core/alerts/alertmonitor.h"
#include "core/alerts/alertservice.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace cd;

class TestCliAlerts : public QObject {
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
        const QString error = m_bench.setUp(QStringLiteral("cd_clialerts"));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // Two stations offline for an hour: two alerts.
        const qint64 now = Clock::system().nowMs();
        for (const QString &id : {QStringLiteral("CLI-A1"), QStringLiteral("CLI-A2")}) {
            QVERIFY(storage::Sql::run(m_db->connection(),
                                      QStringLiteral("INSERT INTO stations (charge_point_id, disconnected_ms, created_ms) VALUES (?, ?, ?)"),
                                      {id, now - 3'600'000, now - 86'400'000}));
        }
        alerts::AlertMonitor monitor(m_db, alerts::AlertSettings{}, 300);
        auto pass = monitor.evaluate();
        QVERIFY2(pass.ok(), qPrintable(pass.error().message));
        QCOMPARE(pass->opened.size(), 2);
    }

    void cleanupTestCase() { m_bench.tearDown(); }

    void listAckAssignResolve()
    {
        Run list = cli({QStringLiteral("alerts"), QStringLiteral("list"), QStringLiteral("--json")});
        QVERIFY2(list.exitCode == 0, qPrintable(list.err));
        QJsonArray rows = list.json().array();
        QCOMPARE(rows.size(), 2);
        const QJsonObject newest = rows.at(0).toObject();
        QCOMPARE(newest.value(QStringLiteral("kind")).toString(), QStringLiteral("station_offline"));
        QCOMPARE(newest.value(QStringLiteral("state")).toString(), QStringLiteral("open"));
        QVERIFY(newest.value(QStringLiteral("details")).toObject().contains(QStringLiteral("disconnectedMs")));
        const QString id = QString::number(newest.value(QStringLiteral("id")).toInteger());

        Run ack = cli({QStringLiteral("alerts"), QStringLiteral("ack"), id, QStringLiteral("--note"), QStringLiteral("on it"),
                       QStringLiteral("--json")});
        QVERIFY2(ack.exitCode == 0, qPrintable(ack.err));
        QCOMPARE(ack.json().object().value(QStringLiteral("state")).toString(), QStringLiteral("acknowledged"));
        QCOMPARE(ack.json().object().value(QStringLiteral("acknowledgedBy")).toString(), QStringLiteral("Olena"));

        Run assign = cli({QStringLiteral("alerts"), QStringLiteral("assign"), id, QStringLiteral("--to"), QStringLiteral("Тарас")});
        QVERIFY2(assign.exitCode == 0, qPrintable(assign.err));
        QVERIFY2(assign.out.contains(QStringLiteral("Тарас")), qPrintable(assign.out));

        // Resolving needs a note.
        Run noNote = cli({QStringLiteral("alerts"), QStringLiteral("resolve"), id});
        QCOMPARE(noNote.exitCode, int(ExitCode::Usage));
        QVERIFY(!noNote.err.isEmpty());
        Run resolved = cli({QStringLiteral("alerts"), QStringLiteral("resolve"), id, QStringLiteral("--note"),
                            QStringLiteral("Router replaced"), QStringLiteral("--json")});
        QVERIFY2(resolved.exitCode == 0, qPrintable(resolved.err));
        QCOMPARE(resolved.json().object().value(QStringLiteral("state")).toString(), QStringLiteral("resolved"));
        QCOMPARE(resolved.json().object().value(QStringLiteral("assignee")).toString(), QStringLiteral("Тарас"));

        // The lists.
        rows = cli({QStringLiteral("alerts"), QStringLiteral("list"), QStringLiteral("--json")}).json().array();
        QCOMPARE(rows.size(), 1);
        rows = cli({QStringLiteral("alerts"), QStringLiteral("list"), QStringLiteral("--state"), QStringLiteral("all"),
                    QStringLiteral("--json")})
                   .json()
                   .array();
        QCOMPARE(rows.size(), 2);
        rows = cli({QStringLiteral("alerts"), QStringLiteral("list"), QStringLiteral("--state"), QStringLiteral("resolved"),
                    QStringLiteral("--json")})
                   .json()
                   .array();
        QCOMPARE(rows.size(), 1);
        Run table = cli({QStringLiteral("alerts"), QStringLiteral("list"), QStringLiteral("--state"), QStringLiteral("all")});
        QCOMPARE(table.exitCode, 0);
        QVERIFY(table.out.contains(QStringLiteral("CLI-A1")) && table.out.contains(QStringLiteral("CLI-A2")));

        // History and audit.
        auto detail = alerts::AlertService(*m_db).detail(id.toLongLong());
        QVERIFY(detail.ok());
        QStringList actions;
        for (const auto &h : detail->history)
            actions << h.action;
        QCOMPARE(actions, QStringList({QStringLiteral("opened"), QStringLiteral("acknowledged"), QStringLiteral("assigned"),
                                       QStringLiteral("resolved")}));
        QCOMPARE(detail->history.last().note, QStringLiteral("Router replaced"));
        QCOMPARE(detail->history.last().actor, QStringLiteral("Olena"));
        auto audit = storage::AuditLogRepository(*m_db).latest(10, QStringLiteral("alert"), id);
        QVERIFY(audit.ok());
        QCOMPARE(audit->size(), 3);
        QCOMPARE(audit->first().action, QStringLiteral("alert.resolved"));
    }

    void refusals()
    {
        QCOMPARE(cli({QStringLiteral("alerts"), QStringLiteral("list"), QStringLiteral("--state"), QStringLiteral("bogus")}).exitCode,
                 int(ExitCode::Usage));
        QCOMPARE(cli({QStringLiteral("alerts"), QStringLiteral("ack")}).exitCode, int(ExitCode::Usage));
        QCOMPARE(cli({QStringLiteral("alerts"), QStringLiteral("ack"), QStringLiteral("x1")}).exitCode, int(ExitCode::Usage));
        QCOMPARE(cli({QStringLiteral("alerts"), QStringLiteral("ack"), QStringLiteral("999999")}).exitCode, int(ExitCode::Usage));
        QCOMPARE(cli({QStringLiteral("alerts"), QStringLiteral("assign"), QStringLiteral("1")}).exitCode, int(ExitCode::Usage));
    }
};

QTEST_GUILESS_MAIN(TestCliAlerts)
#include "tst_cli_alerts.moc"
