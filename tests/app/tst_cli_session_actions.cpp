// chargedesk-cli tx finish | cancel-hold | finalize | set-energy | set-status | stop, run as an
// operator or a script does: the dry run, the reason, JSON, exit codes, and the money moved through
// the manual gateway (the default when no payment settings exist).

#include "clitestbench.h"

#include "core/common/clock.h"
#include "core/common/expected.h"
#include "core/payments/holdservice.h"
#include "core/payments/manualgateway.h"
#include "core/storage/database.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using cd::ExitCode;
using namespace cd;

namespace {

// Every command here answers with one JSON object.
struct Run : test::CliRun {
    QJsonObject json() const { return CliRun::json().object(); }
};

}  // namespace

class TestCliSessionActions : public QObject {
    Q_OBJECT
private:
    test::CliTestBench m_bench{QStringLiteral(CLI_PATH)};
    const std::shared_ptr<storage::Database> &m_db = m_bench.shared();  // the bench's database

    Run cli(const QStringList &args) const { return {m_bench.run(args)}; }

    QVariant scalar(const QString &sql, const QVariantList &values = {}) const
    {
        auto q = storage::Sql::run(m_db->connection(), sql, values);
        return q && q->next() ? q->value(0) : QVariant();
    }

    // A running session (12.5 kWh on the counter) with 100.00 UAH held; its number.
    QString session(const QString &chargePointId)
    {
        const qint64 now = Clock::system().nowMs();
        auto station = storage::Sql::run(m_db->connection(),
                                         QStringLiteral("INSERT INTO stations (charge_point_id, created_ms, protocol) VALUES (?, ?, 'ocpp1.6')")
                                             + m_db->dialect().returningIdClause(),
                                         {chargePointId, now});
        if (!station)
            return {};
        storage::SessionRepository repo(*m_db);
        storage::Session s;
        s.stationId = m_db->dialect().insertedId(*station);
        s.connectorId = 1;
        auto created = repo.create(s, now);
        if (!created)
            return {};
        s = *created;
        s.status = QStringLiteral("ongoing");
        s.transactionId = QString::number(s.id);
        s.meterStartWh = 1000;
        s.lastMeterWh = 13500;
        s.lastMeterAtMs = now;
        if (!repo.update(s, now))
            return {};
        payments::ManualGateway gateway(*m_db);
        payments::HoldService holds(*m_db, gateway);
        QSignalSpy finished(&holds, &payments::HoldService::callFinished);
        payments::HoldRequest r;
        r.amountMinor = 10000;
        r.currency = QStringLiteral("UAH");
        r.cardToken = QStringLiteral("pm_card_visa");
        auto placed = holds.placeHold({s.id, r}, payments::Actor{QStringLiteral("app"), QStringLiteral("start")});
        if (!placed || !finished.wait(5000))
            return {};
        return s.sessionNumber;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_bench.setOperator(QStringLiteral("Olena"));
        const QString error = m_bench.setUp(QStringLiteral("cd_clitx"));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // 4.00 + 1.00 service fee per kWh.
        QVERIFY(storage::Sql::run(m_db->connection(),
                                  QStringLiteral("INSERT INTO tariffs (name, scope_type, version, valid_from_ms, currency, "
                                                 "energy_price_minor_per_kwh, service_fee_minor_per_kwh, created_by, created_ms) "
                                                 "VALUES ('Base', 'global', 1, 0, 'UAH', 400, 100, 'test', 0)")));
    }

    void cleanupTestCase() { m_bench.tearDown(); }

    void usageErrors()
    {
        const QString number = session(QStringLiteral("CLI-1"));
        QVERIFY(!number.isEmpty());
        QCOMPARE(cli({QStringLiteral("tx"), QStringLiteral("finish")}).exitCode, int(ExitCode::Usage));
        const Run noReason = cli({QStringLiteral("tx"), QStringLiteral("finish"), number});
        QCOMPARE(noReason.exitCode, int(ExitCode::Usage));
        QVERIFY2(noReason.err.contains(QStringLiteral("--reason is required")), qPrintable(noReason.err));
        QCOMPARE(cli({QStringLiteral("tx"), QStringLiteral("finish"), QStringLiteral("no-such"), QStringLiteral("--reason"),
                      QStringLiteral("x")})
                     .exitCode,
                 int(ExitCode::Failure));
        QCOMPARE(cli({QStringLiteral("tx"), QStringLiteral("set-status"), number, QStringLiteral("--reason"), QStringLiteral("x"),
                      QStringLiteral("--status"), QStringLiteral("finished"), QStringLiteral("--mode"), QStringLiteral("hard")})
                     .exitCode,
                 int(ExitCode::Usage));
        QCOMPARE(scalar(QStringLiteral("SELECT status FROM sessions WHERE session_number = ?"), {number}).toString(),
                 QStringLiteral("ongoing"));
    }

    void finishDryRunThenForReal()
    {
        const QString number = session(QStringLiteral("CLI-2"));
        QVERIFY(!number.isEmpty());
        const Run dry = cli({QStringLiteral("tx"), QStringLiteral("finish"), number, QStringLiteral("--dry-run")});
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.err));
        qInfo("%s", qPrintable(dry.out));
        QVERIFY2(dry.out.contains(QStringLiteral("Status: ongoing → finished")), qPrintable(dry.out));
        QVERIFY2(dry.out.contains(QStringLiteral("Capture 62.50 UAH of the 100.00 UAH held.")), qPrintable(dry.out));
        QVERIFY2(dry.out.contains(QStringLiteral("Release 37.50 UAH back to the customer's card.")), qPrintable(dry.out));
        const Run dryJson = cli({QStringLiteral("tx"), QStringLiteral("finish"), number, QStringLiteral("--dry-run"),
                                 QStringLiteral("--json")});
        QCOMPARE(dryJson.exitCode, 0);
        QCOMPARE(dryJson.json().value(QStringLiteral("captureMinor")).toInteger(), 6250);
        QCOMPARE(scalar(QStringLiteral("SELECT status FROM sessions WHERE session_number = ?"), {number}).toString(),
                 QStringLiteral("ongoing"));

        const Run done = cli({QStringLiteral("tx"), QStringLiteral("finish"), number, QStringLiteral("--reason"),
                              QStringLiteral("station froze"), QStringLiteral("--json")});
        QVERIFY2(done.exitCode == 0, qPrintable(done.err + done.out));
        const QJsonObject o = done.json();
        QVERIFY(o.value(QStringLiteral("money")).toObject().value(QStringLiteral("done")).toBool());
        QCOMPARE(scalar(QStringLiteral("SELECT status FROM sessions WHERE session_number = ?"), {number}).toString(),
                 QStringLiteral("finished"));
        QCOMPARE(scalar(QStringLiteral("SELECT captured_minor FROM sessions WHERE session_number = ?"), {number}).toLongLong(), 6250);
        QCOMPARE(scalar(QStringLiteral("SELECT p.status FROM payment_holds p JOIN sessions s ON s.id = p.session_id "
                                       "WHERE s.session_number = ?"),
                        {number})
                     .toString(),
                 QStringLiteral("success"));
        QCOMPARE(scalar(QStringLiteral("SELECT operator_name FROM audit_log WHERE action = 'session.finish'")).toString(),
                 QStringLiteral("Olena"));
        QCOMPARE(scalar(QStringLiteral("SELECT reason FROM audit_log WHERE action = 'session.finish'")).toString(),
                 QStringLiteral("station froze"));
    }

    void finalizeAboveTheHoldIsRefused()
    {
        const QString number = session(QStringLiteral("CLI-3"));
        QVERIFY(!number.isEmpty());
        const Run above = cli({QStringLiteral("tx"), QStringLiteral("finalize"), number, QStringLiteral("--amount"),
                               QStringLiteral("150.00"), QStringLiteral("--reason"), QStringLiteral("customer agreed")});
        QCOMPARE(above.exitCode, int(ExitCode::Usage));
        QVERIFY2(above.err.contains(QStringLiteral("Cannot capture 150.00 UAH: only 100.00 UAH is held.")), qPrintable(above.err));
        const Run bad = cli({QStringLiteral("tx"), QStringLiteral("finalize"), number, QStringLiteral("--amount"),
                             QStringLiteral("1.234"), QStringLiteral("--reason"), QStringLiteral("x")});
        QCOMPARE(bad.exitCode, int(ExitCode::Usage));
        const Run ok = cli({QStringLiteral("tx"), QStringLiteral("finalize"), number, QStringLiteral("--amount"),
                            QStringLiteral("30.50"), QStringLiteral("--reason"), QStringLiteral("customer agreed")});
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.err + ok.out));
        QCOMPARE(scalar(QStringLiteral("SELECT captured_minor FROM sessions WHERE session_number = ?"), {number}).toLongLong(), 3050);
    }

    void statusEnergyCancelAndStop()
    {
        const QString number = session(QStringLiteral("CLI-4"));
        QVERIFY(!number.isEmpty());
        const QStringList reason{QStringLiteral("--reason"), QStringLiteral("meter replaced")};
        const Run energy = cli(QStringList{QStringLiteral("tx"), QStringLiteral("set-energy"), number, QStringLiteral("--energy-wh"),
                                           QStringLiteral("2000"), QStringLiteral("--recompute")}
                               + reason);
        QVERIFY2(energy.exitCode == 0, qPrintable(energy.err + energy.out));
        QCOMPARE(scalar(QStringLiteral("SELECT amount_minor FROM sessions WHERE session_number = ?"), {number}).toLongLong(), 1000);

        const Run stop = cli(QStringList{QStringLiteral("tx"), QStringLiteral("stop"), number, QStringLiteral("--json")} + reason);
        QVERIFY2(stop.exitCode == 0, qPrintable(stop.err + stop.out));
        const qint64 commandId = stop.json().value(QStringLiteral("commandId")).toInteger();
        QVERIFY(commandId > 0);
        QCOMPARE(scalar(QStringLiteral("SELECT action FROM commands WHERE id = ?"), {commandId}).toString(),
                 QStringLiteral("RemoteStopTransaction"));

        const Run cancel = cli(QStringList{QStringLiteral("tx"), QStringLiteral("cancel-hold"), number} + reason);
        QVERIFY2(cancel.exitCode == 0, qPrintable(cancel.err + cancel.out));
        QCOMPARE(scalar(QStringLiteral("SELECT status FROM sessions WHERE session_number = ?"), {number}).toString(),
                 QStringLiteral("canceled"));
        QCOMPARE(scalar(QStringLiteral("SELECT hold_status FROM sessions WHERE session_number = ?"), {number}).toString(),
                 QStringLiteral("released"));

        const Run soft = cli(QStringList{QStringLiteral("tx"), QStringLiteral("set-status"), number, QStringLiteral("--status"),
                                         QStringLiteral("ongoing")}
                             + reason);
        QCOMPARE(soft.exitCode, int(ExitCode::Usage));
        QVERIFY2(soft.err.contains(QStringLiteral("SOFT cannot move it back to ongoing")), qPrintable(soft.err));
        const Run override = cli(QStringList{QStringLiteral("tx"), QStringLiteral("set-status"), number, QStringLiteral("--status"),
                                             QStringLiteral("ongoing"), QStringLiteral("--mode"), QStringLiteral("override")}
                                 + reason);
        QVERIFY2(override.exitCode == 0, qPrintable(override.err + override.out));
        QCOMPARE(scalar(QStringLiteral("SELECT status FROM sessions WHERE session_number = ?"), {number}).toString(),
                 QStringLiteral("ongoing"));
    }
};

QTEST_GUILESS_MAIN(TestCliSessionActions)
#include "tst_cli_session_actions.moc"
