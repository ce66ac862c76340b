// chargedesk-cli bill correct, run as an operator or a script does: usage errors, the dry run (the
// preview of every effect, as text and JSON) that writes nothing, the correction itself (a new bill
// version, the member's balance, the audit log) and a revert, on SQLCipher and PostgreSQL.

#include "clitestbench.h"

#include "core/billing/billingservice.h"
#include "core/billing/tariffrepository.h"
#include "core/common/clock.h"
#include "core/common/expected.h"
#include "core/storage/database.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using cd::ExitCode;
using namespace cd;

namespace {

// Every command here answers with one JSON object.
struct Run : test::CliRun {
    QJsonObject json() const { return CliRun::json().object(); }
};

// zpd_case#4 (UTC here): charging 08:00:57–08:13:57, service end 11:34:17.
const qint64 kStart = QDateTime(QDate(2019, 9, 13), QTime(8, 0, 57), Qt::UTC).toMSecsSinceEpoch();
const qint64 kChargingEnd = QDateTime(QDate(2019, 9, 13), QTime(8, 13, 57), Qt::UTC).toMSecsSinceEpoch();
const qint64 kServiceEnd = QDateTime(QDate(2019, 9, 13), QTime(11, 34, 17), Qt::UTC).toMSecsSinceEpoch();

}  // namespace

class TestCliBillCorrect : public QObject {
    Q_OBJECT
private:
    test::CliTestBench m_bench{QStringLiteral(CLI_PATH)};
    const std::shared_ptr<storage::Database> &m_db = m_bench.shared();  // the bench's database
    qint64 m_stationId = 0;

    Run cli(const QStringList &args) const { return {m_bench.run(args)}; }

    QVariant scalar(const QString &sql, const QVariantList &values = {}) const
    {
        auto q = storage::Sql::run(m_db->connection(), sql, values);
        return q && q->next() ? q->value(0) : QVariant();
    }

    // A finished session of member `memberId` with 5 kWh and the zpd_case#4 idle time; its bill id.
    qint64 bill(qint64 memberId)
    {
        storage::Session s;
        s.stationId = m_stationId;
        s.connectorId = 1;
        s.memberId = memberId;
        s.status = QStringLiteral("finished");
        s.meterStartWh = 100'000;
        s.meterStopWh = 105'000;
        s.energyWh = 5000;
        s.stopSource = QStringLiteral("station");
        s.startedMs = kStart;
        s.chargingStartedMs = kStart;
        s.chargingEndedMs = kChargingEnd;
        s.endedMs = kServiceEnd;
        auto created = storage::SessionRepository(*m_db).create(s, kStart);
        if (!created)
            return 0;
        auto issued = billing::BillingService(*m_db).issue(created->id);
        return issued ? issued->billId : 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_bench.setOperator(QStringLiteral("Olena"));
        const QString error = m_bench.setUp(QStringLiteral("cd_clicorr"));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        auto station = storage::Sql::run(m_db->connection(),
                                         QStringLiteral("INSERT INTO stations (charge_point_id, created_ms) VALUES ('ZPD-1', ?)")
                                             + m_db->dialect().returningIdClause(),
                                         {kStart});
        QVERIFY(station);
        m_stationId = m_db->dialect().insertedId(*station);
        billing::Tariff t;
        t.name = QStringLiteral("Shiyan 108");
        t.currency = QStringLiteral("CNY");
        t.validFromMs = kStart - 86'400'000;
        t.energyPriceMinorPerKwh = 47;
        t.serviceFeeMinorPerKwh = 21;
        t.idleFeeMinorPerMinute = 80;
        t.idleFreeMinutes = 15;
        auto saved = billing::TariffRepository(*m_db).save(t, QStringLiteral("test"), QStringLiteral("tariff"));
        QVERIFY2(saved, saved ? "" : qPrintable(saved.error().message));
    }

    void cleanupTestCase() { m_bench.tearDown(); }

    void usageErrors()
    {
        auto member = storage::Sql::run(m_db->connection(),
                                        QStringLiteral("INSERT INTO members (name, balance_minor, created_ms) VALUES ('Taras', 0, ?)")
                                            + m_db->dialect().returningIdClause(),
                                        {kStart});
        QVERIFY(member);
        const qint64 billId = bill(m_db->dialect().insertedId(*member));
        QVERIFY(billId > 0);
        const QString b = QString::number(billId);
        QCOMPARE(cli({QStringLiteral("bill"), QStringLiteral("correct")}).exitCode, int(ExitCode::Usage));
        const Run noMethod = cli({QStringLiteral("bill"), QStringLiteral("correct"), b, QStringLiteral("--dry-run")});
        QCOMPARE(noMethod.exitCode, int(ExitCode::Usage));
        QVERIFY2(noMethod.err.contains(QStringLiteral("--method must be")), qPrintable(noMethod.err));
        const Run noReason = cli({QStringLiteral("bill"), QStringLiteral("correct"), b, QStringLiteral("--method"),
                                  QStringLiteral("service-end")});
        QCOMPARE(noReason.exitCode, int(ExitCode::Usage));
        QVERIFY2(noReason.err.contains(QStringLiteral("--reason is required")), qPrintable(noReason.err));
        const Run noEnergy = cli({QStringLiteral("bill"), QStringLiteral("correct"), b, QStringLiteral("--method"),
                                  QStringLiteral("manual"), QStringLiteral("--dry-run")});
        QCOMPARE(noEnergy.exitCode, int(ExitCode::Usage));
        QCOMPARE(cli({QStringLiteral("bill"), QStringLiteral("correct"), QStringLiteral("999999"), QStringLiteral("--method"),
                      QStringLiteral("tariff"), QStringLiteral("--dry-run")})
                     .exitCode,
                 int(ExitCode::Failure));
    }

    void dryRunThenCorrectThenRevert()
    {
        auto member = storage::Sql::run(m_db->connection(),
                                        QStringLiteral("INSERT INTO members (name, balance_minor, created_ms) VALUES ('Li Wei', 100000, ?)")
                                            + m_db->dialect().returningIdClause(),
                                        {kStart});
        QVERIFY(member);
        const qint64 memberId = m_db->dialect().insertedId(*member);
        const qint64 billId = bill(memberId);
        QVERIFY(billId > 0);
        const QString b = QString::number(billId);
        QCOMPARE(scalar(QStringLiteral("SELECT balance_minor FROM members WHERE id = ?"), {memberId}).toLongLong(), 100000 - 15140);

        const Run dry = cli({QStringLiteral("bill"), QStringLiteral("correct"), b, QStringLiteral("--method"),
                             QStringLiteral("service-end"), QStringLiteral("--dry-run")});
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.err + dry.out));
        qInfo("%s", qPrintable(dry.out));
        QVERIFY2(dry.out.contains(QStringLiteral("Idle fee: 148.00 CNY → 0.00 CNY")), qPrintable(dry.out));
        QVERIFY2(dry.out.contains(QStringLiteral("Total: 151.40 CNY → 3.40 CNY")), qPrintable(dry.out));
        QVERIFY2(dry.out.contains(QStringLiteral("Give 148.00 CNY back to the balance of member Li Wei")), qPrintable(dry.out));
        const Run dryJson = cli({QStringLiteral("bill"), QStringLiteral("correct"), b, QStringLiteral("--method"),
                                 QStringLiteral("service-end"), QStringLiteral("--dry-run"), QStringLiteral("--json")});
        QCOMPARE(dryJson.exitCode, 0);
        const QJsonObject preview = dryJson.json();
        QCOMPARE(preview.value(QStringLiteral("after")).toObject().value(QStringLiteral("totalMinor")).toInteger(), 340);
        QCOMPARE(preview.value(QStringLiteral("refundMinor")).toInteger(), 14800);
        QCOMPARE(preview.value(QStringLiteral("balance")).toObject().value(QStringLiteral("deltaMinor")).toInteger(), -14800);
        QVERIFY(preview.value(QStringLiteral("ok")).toBool());
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM bills WHERE supersedes_bill_id = ?"), {billId}).toInt(), 0);

        const Run done = cli({QStringLiteral("bill"), QStringLiteral("correct"), b, QStringLiteral("--method"),
                              QStringLiteral("service-end"), QStringLiteral("--reason"), QStringLiteral("not occupied"),
                              QStringLiteral("--json")});
        QVERIFY2(done.exitCode == 0, qPrintable(done.err + done.out));
        const qint64 v2 = done.json().value(QStringLiteral("newBillId")).toInteger();
        QVERIFY(v2 > billId);
        QCOMPARE(scalar(QStringLiteral("SELECT total_minor FROM bills WHERE id = ?"), {v2}).toLongLong(), 340);
        QCOMPARE(scalar(QStringLiteral("SELECT created_by FROM bills WHERE id = ?"), {v2}).toString(), QStringLiteral("Olena"));
        QCOMPARE(scalar(QStringLiteral("SELECT balance_minor FROM members WHERE id = ?"), {memberId}).toLongLong(), 100000 - 340);
        QCOMPARE(scalar(QStringLiteral("SELECT reason FROM audit_log WHERE action = 'bill.correct' AND entity_id = ?"),
                        {QString::number(v2)})
                     .toString(),
                 QStringLiteral("not occupied"));
        // The old version cannot be corrected any more.
        const Run stale = cli({QStringLiteral("bill"), QStringLiteral("correct"), b, QStringLiteral("--method"),
                               QStringLiteral("tariff"), QStringLiteral("--reason"), QStringLiteral("again")});
        QCOMPARE(stale.exitCode, int(ExitCode::Usage));

        const Run reverted = cli({QStringLiteral("bill"), QStringLiteral("correct"), QString::number(v2), QStringLiteral("--method"),
                                  QStringLiteral("revert"), QStringLiteral("--to-bill"), b, QStringLiteral("--reason"),
                                  QStringLiteral("wrong bill")});
        QVERIFY2(reverted.exitCode == 0, qPrintable(reverted.err + reverted.out));
        QVERIFY2(reverted.out.contains(QStringLiteral("Done: bill")), qPrintable(reverted.out));
        QCOMPARE(scalar(QStringLiteral("SELECT MAX(version) FROM bills WHERE session_id = (SELECT session_id FROM bills WHERE id = ?)"),
                        {billId})
                     .toInt(),
                 3);
        QCOMPARE(scalar(QStringLiteral("SELECT balance_minor FROM members WHERE id = ?"), {memberId}).toLongLong(), 100000 - 15140);
    }

    // igo_case#92: a 'spend' rule's coupon earned by the bill stops being earned when the correction
    // lowers the total; the dry run names it in its lines and in its JSON.
    void dryRunShowsEarnedCouponChange()
    {
        const qint64 day = 24LL * 3600 * 1000;
        auto rule = storage::Sql::run(m_db->connection(),
                                      QStringLiteral("INSERT INTO coupon_rules (name, trigger_kind, min_total_spend_minor, amount_minor, "
                                                     "valid_from_ms, valid_to_ms, active, created_by, created_ms) "
                                                     "VALUES ('Double festival', 'spend', 10000, 500, ?, ?, 1, 'test', ?)")
                                          + m_db->dialect().returningIdClause(),
                                      // Open until 2100: the CLI's billing runs on the system clock.
                                      {kStart - day, qint64(4'102'444'800'000), kStart - day});
        QVERIFY(rule);
        const qint64 ruleId = m_db->dialect().insertedId(*rule);
        auto member = storage::Sql::run(m_db->connection(),
                                        QStringLiteral("INSERT INTO members (name, balance_minor, created_ms) VALUES ('Zhang Min', 100000, ?)")
                                            + m_db->dialect().returningIdClause(),
                                        {kStart});
        QVERIFY(member);
        const qint64 memberId = m_db->dialect().insertedId(*member);
        const qint64 billId = bill(memberId);  // 151.40: reaches 100.00
        QVERIFY(billId > 0);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM coupons WHERE member_id = ? AND earned_by_bill_id = ?"),
                        {memberId, billId}).toInt(), 1);
        const QString b = QString::number(billId);
        const Run dry = cli({QStringLiteral("bill"), QStringLiteral("correct"), b, QStringLiteral("--method"),
                             QStringLiteral("service-end"), QStringLiteral("--dry-run")});
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.err + dry.out));
        QVERIFY2(dry.out.contains(QStringLiteral("stops being earned")), qPrintable(dry.out));
        const Run dryJson = cli({QStringLiteral("bill"), QStringLiteral("correct"), b, QStringLiteral("--method"),
                                 QStringLiteral("service-end"), QStringLiteral("--dry-run"), QStringLiteral("--json")});
        QCOMPARE(dryJson.exitCode, 0);
        bool found = false;
        for (const auto &v : dryJson.json().value(QStringLiteral("coupons")).toArray()) {
            const QJsonObject c = v.toObject();
            if (c.value(QStringLiteral("change")).toString() == QStringLiteral("revoked_earned")) {
                found = true;
                QCOMPARE(c.value(QStringLiteral("ruleId")).toInteger(), ruleId);
                QCOMPARE(c.value(QStringLiteral("spendAfterMinor")).toInteger(), 340);
                QCOMPARE(c.value(QStringLiteral("thresholdMinor")).toInteger(), 10000);
            }
        }
        QVERIFY2(found, qPrintable(dryJson.out));
        QVERIFY(storage::Sql::run(m_db->connection(), QStringLiteral("UPDATE coupon_rules SET active = 0 WHERE id = ?"), {ruleId}));
    }
};

QTEST_GUILESS_MAIN(TestCliBillCorrect)
#include "tst_cli_bill_correct.moc"
