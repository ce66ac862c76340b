// chargedesk-cli reconcile meter-reading set | import | list, reconcile receipts import, and
// `report energy --json` / `report topup-matching --json`, run as an accountant's script does.
// SQLCipher and PostgreSQL.

#include "app/clitestbench.h"
#include "core/storage/sqlhelpers.h"
#include "support/anomalybillseeder.h"

#include <QFile>
#include <QJsonArray>
#include <QTest>

using namespace cd;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kNov2At10 = 1'793'613'600'000;  // 2026-11-02 10:00 UTC

}  // namespace

class TestCliReconciliation : public QObject {
    Q_OBJECT

private:
    test::CliTestBench m_bench{QStringLiteral(CLI_PATH)};

    QString file(const QString &name, const QByteArray &content)
    {
        const QString path = m_bench.filePath(name);
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(content);
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_bench.setUp(u"cd_clirecon"_s);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_bench.setOperator(u"Olena"_s);
        // Site A: one session of 9,000 Wh on November 2.
        test::AnomalyFixture f(m_bench.db());
        const qint64 site = f.site(u"A"_s);
        QVERIFY(f.session(f.station(u"CP-A1"_s, site, u"ABB"_s, u"Terra"_s, u"1.0"_s), kNov2At10, 9000, 2700));
        QVERIFY(storage::Sql::run(m_bench.db().connection(),
                                  u"INSERT INTO topups (amount_minor, currency, gateway, gateway_receipt, created_ms) "
                                  "VALUES (10000, 'UAH', 'liqpay', 'R1', ?)"_s,
                                  {kNov2At10}));
    }

    void cleanupTestCase() { m_bench.tearDown(); }

    void meterReadingsAndEnergyReport()
    {
        // 10 kWh metered for November: 9,000 / 10,000 = 900 ‰, fine at 85 %.
        test::CliRun r = m_bench.run({u"reconcile"_s, u"meter-reading"_s, u"set"_s, u"--site"_s, u"A"_s, u"--from"_s,
                                      u"2026-11-01"_s, u"--to"_s, u"2026-11-30"_s, u"--energy-kwh"_s, u"10"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.json().object().value(u"energyWh"_s).toInteger(), 10000);
        QCOMPARE(r.json().object().value(u"replaced"_s).toBool(), false);

        r = m_bench.run({u"report"_s, u"energy"_s, u"--from"_s, u"2026-11-01"_s, u"--to"_s, u"2026-11-30"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QJsonArray rows = r.json().object().value(u"rows"_s).toArray();
        QCOMPARE(rows.size(), 1);
        QJsonObject row = rows.at(0).toObject();
        QCOMPARE(row.value(u"site"_s).toString(), u"A"_s);
        QCOMPARE(row.value(u"platform_energy_wh"_s).toInteger(), 9000);
        QCOMPARE(row.value(u"meter_energy_wh"_s).toInteger(), 10000);
        QCOMPARE(row.value(u"ratio_permille"_s).toInteger(), 900);
        QCOMPARE(row.value(u"flag"_s).toString(), u"ok"_s);

        // At 95 % it is flagged.
        r = m_bench.run({u"report"_s, u"energy"_s, u"--from"_s, u"2026-11-01"_s, u"--to"_s, u"2026-11-30"_s,
                         u"--threshold-percent"_s, u"95"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.json().object().value(u"rows"_s).toArray().at(0).toObject().value(u"flag"_s).toString(),
                 u"below_threshold"_s);

        // An import replaces November and adds October; a bad file changes nothing and names its line.
        r = m_bench.run({u"reconcile"_s, u"meter-reading"_s, u"import"_s,
                         file(u"readings.csv"_s, "site,from,to,energy_kwh\nA,2026-10-01,2026-11-01,5\n"
                                                 "A,2026-11-01,2026-12-01,8.5\n"),
                         u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.json().object().value(u"added"_s).toInt(), 1);
        QCOMPARE(r.json().object().value(u"replaced"_s).toInt(), 1);
        r = m_bench.run({u"reconcile"_s, u"meter-reading"_s, u"import"_s,
                         file(u"bad.csv"_s, "site,from,to,energy_kwh\nA,2026-09-01,2026-10-01,5\nA,2026-13-01,2026-14-01,5\n")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"Line 3"_s), qPrintable(r.err));

        r = m_bench.run({u"reconcile"_s, u"meter-reading"_s, u"list"_s, u"--site"_s, u"A"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonArray list = r.json().array();
        QCOMPARE(list.size(), 2);  // September's line was not kept
        QCOMPARE(list.at(1).toObject().value(u"energyWh"_s).toInteger(), 8500);
        QCOMPARE(list.at(1).toObject().value(u"source"_s).toString(), u"imported"_s);

        // 9,000 / 8,500: above 100 %.
        r = m_bench.run({u"report"_s, u"energy"_s, u"--from"_s, u"2026-11-01"_s, u"--to"_s, u"2026-11-30"_s, u"--json"_s});
        QCOMPARE(r.json().object().value(u"rows"_s).toArray().at(0).toObject().value(u"flag"_s).toString(), u"above_100"_s);

        r = m_bench.run({u"reconcile"_s, u"meter-reading"_s, u"set"_s, u"--site"_s, u"Nowhere"_s, u"--from"_s,
                         u"2026-11-01"_s, u"--to"_s, u"2026-11-30"_s, u"--energy-kwh"_s, u"10"_s});
        QCOMPARE(r.exitCode, 1);
        r = m_bench.run({u"reconcile"_s, u"meter-reading"_s, u"set"_s, u"--site"_s, u"A"_s, u"--from"_s, u"2026-11-01"_s,
                         u"--to"_s, u"2026-11-30"_s, u"--energy-kwh"_s, u"ten"_s});
        QCOMPARE(r.exitCode, 2);
    }

    void receipts()
    {
        const QString statement = file(u"statement.csv"_s, "reference,amount,currency,received\n"
                                                           "R1,100.00,UAH,2026-11-02T10:01:00Z\n"
                                                           "R2,30.00,UAH,2026-11-03\n");
        test::CliRun r = m_bench.run({u"reconcile"_s, u"receipts"_s, u"import"_s, statement, u"--json"_s});
        QCOMPARE(r.exitCode, 2);  // no --gateway
        r = m_bench.run({u"reconcile"_s, u"receipts"_s, u"import"_s, statement, u"--gateway"_s, u"liqpay"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.json().object().value(u"added"_s).toInt(), 2);
        r = m_bench.run({u"reconcile"_s, u"receipts"_s, u"import"_s, statement, u"--gateway"_s, u"liqpay"_s, u"--json"_s});
        QCOMPARE(r.json().object().value(u"skipped"_s).toInt(), 2);

        r = m_bench.run({u"report"_s, u"topup-matching"_s, u"--from"_s, u"2026-11-01"_s, u"--to"_s, u"2026-11-30"_s,
                         u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonArray rows = r.json().object().value(u"rows"_s).toArray();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.at(0).toObject().value(u"status"_s).toString(), u"receipt_without_topup"_s);
        QCOMPARE(rows.at(0).toObject().value(u"reference"_s).toString(), u"R2"_s);
        QCOMPARE(rows.at(0).toObject().value(u"receipt_amount_minor"_s).toInteger(), 3000);
    }
};

QTEST_GUILESS_MAIN(TestCliReconciliation)
#include "tst_cli_reconciliation.moc"
