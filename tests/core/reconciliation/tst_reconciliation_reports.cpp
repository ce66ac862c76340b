// The reconciliation reports (core/reconciliation) against a hand-computed November 2026, on
// SQLCipher and PostgreSQL. The fixture, with every number the tests expect:
//
//   site A (sub-operator North): CP-A1 (ABB 1.0)      Nov 2   10,000 Wh   300.00 UAH (coupon 5.00)
//                                CP-A1                Nov 10  20,000 Wh   600.00
//                                CP-A2 (Kempower 2.0) Nov 20  30,000 Wh   900.00
//                                CP-A1                Dec 1    5,000 Wh   150.00   (outside November)
//        -> November: 3 sessions, 60,000 Wh, 1,800.00
//   site B (sub-operator South): CP-B1 (ABB 1.0)      Nov 5   40,000 Wh 1,200.00   open anomaly code 8
//
//   meter readings (November): A 60,000 Wh -> 1000 ‰ "ok" (exactly 100 %); B 50,000 Wh -> 800 ‰
//   "below_threshold" at 85 %, "ok" at 80 %.
//
//   top-ups: T1 liqpay R1 500.00 (receipt 500.00: matched), T2 liqpay R2 200.00 (receipt 250.00:
//   amount_differs), T3 manual 100.00 (desk: not matched), T4 liqpay R4 50.00 (no receipt);
//   receipt R3 70.00 without a top-up. Refund paid 40.00.
//   money (UAH, November): top-ups 850.00, desk 100.00, receipts 820.00, consumption 3,000.00,
//   coupons 5.00, refunds 40.00.

#include "core/reconciliation/energyreport.h"
#include "core/reconciliation/gatewayreceiptrepository.h"
#include "core/reconciliation/meterreadingrepository.h"
#include "core/reports/reportcatalog.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/sqlhelpers.h"
#include "support/anomalybillseeder.h"
#include "support/testdatabase.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace cd;
using namespace cd::reconciliation;
using namespace cd::reports;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kDay = 86'400'000;
constexpr qint64 kHour = 3'600'000;
constexpr qint64 kNov1 = 1'793'491'200'000;  // 2026-11-01 00:00 UTC
constexpr qint64 kDec1 = kNov1 + 30 * kDay;

qint64 nov(int day, int hour = 10)
{
    return kNov1 + (day - 1) * kDay + hour * kHour;
}

}  // namespace

class TestReconciliationReports : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_fixture;
    QTemporaryDir m_dir;
    qint64 m_sessionB = 0;

    storage::Database &db() { return m_fixture->db(); }

    bool sql(const QString &statement, const QVariantList &values = {})
    {
        auto q = storage::Sql::run(db().connection(), statement, values);
        if (!q)
            qWarning() << q.error().message;
        return q.ok();
    }

    QString file(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(content);
        return path;
    }

    QList<ReportRow> rows(const QString &name, ReportParameters p, QList<ReportColumn> *columns = nullptr)
    {
        auto table = ReportCatalog::open(db(), name, p);
        if (!table) {
            qWarning() << table.error().message;
            return {};
        }
        if (columns)
            *columns = table->columns;
        auto page = table->rows->nextPage(1000);
        if (!page) {
            qWarning() << page.error().message;
            return {};
        }
        return *page;
    }

    static ReportParameters november()
    {
        ReportParameters p;
        p.fromMs = kNov1;
        p.toMs = kDec1;
        return p;
    }

    static qint64 n(const ReportRow &row, int column) { return std::get<qint64>(row.values.at(column)); }
    static QString s(const ReportRow &row, int column) { return std::get<QString>(row.values.at(column)); }
    static bool isNull(const ReportRow &row, int column)
    {
        return std::holds_alternative<std::monostate>(row.values.at(column));
    }

private Q_SLOTS:
    void init()
    {
        m_fixture = std::make_unique<test::TestDatabase>();
        CD_REQUIRE_DB(*m_fixture);
        test::AnomalyFixture f(db());
        QVERIFY(sql(u"INSERT INTO sub_operators (name, created_ms) VALUES ('North', 0)"_s));
        QVERIFY(sql(u"INSERT INTO sub_operators (name, created_ms) VALUES ('South', 0)"_s));
        const qint64 a = f.site(u"A"_s), b = f.site(u"B"_s);
        QVERIFY(sql(u"UPDATE sites SET sub_operator_id = (SELECT id FROM sub_operators WHERE name = 'North') WHERE id = ?"_s, {a}));
        QVERIFY(sql(u"UPDATE sites SET sub_operator_id = (SELECT id FROM sub_operators WHERE name = 'South') WHERE id = ?"_s, {b}));
        const qint64 a1 = f.station(u"CP-A1"_s, a, u"ABB"_s, u"Terra"_s, u"1.0"_s);
        const qint64 a2 = f.station(u"CP-A2"_s, a, u"Kempower"_s, u"S"_s, u"2.0"_s);
        const qint64 b1 = f.station(u"CP-B1"_s, b, u"ABB"_s, u"Terra"_s, u"1.0"_s);
        const qint64 first = f.session(a1, nov(2), 10000, 30000);
        QVERIFY(first);
        QVERIFY(sql(u"UPDATE bills SET coupon_deduction_minor = 500 WHERE session_id = ?"_s, {first}));
        QVERIFY(f.session(a1, nov(10), 20000, 60000));
        QVERIFY(f.session(a2, nov(20), 30000, 90000));
        QVERIFY(f.session(a1, kDec1, 5000, 15000));
        m_sessionB = f.session(b1, nov(5), 40000, 120000);
        QVERIFY(m_sessionB);
        QVERIFY(f.anomaly(m_sessionB, 8, nov(6)));

        MeterReadingRepository readings(db());
        QVERIFY(readings.set({u"A"_s, kNov1, kDec1, 60000, {}}, u"Olena"_s));
        QVERIFY(readings.set({u"B"_s, kNov1, kDec1, 50000, {}}, u"Olena"_s));

        QVERIFY(sql(u"INSERT INTO topups (amount_minor, currency, gateway, gateway_receipt, created_ms) VALUES "
                    "(50000, 'UAH', 'liqpay', 'R1', ?), (20000, 'UAH', 'liqpay', 'R2', ?), "
                    "(10000, 'UAH', 'manual', '', ?), (5000, 'UAH', 'liqpay', 'R4', ?)"_s,
                    {nov(3), nov(4), nov(5), nov(6)}));
        auto imported = GatewayReceiptRepository(db()).importCsv(
            file(u"statement.csv"_s, "reference,amount,currency,received\n"
                                     "R1,500.00,UAH,2026-11-03T10:05:00Z\n"
                                     "R2,250.00,UAH,2026-11-04T10:05:00Z\n"
                                     "\"R3\",70.00,UAH,2026-11-07\n"),
            u"liqpay"_s, u"Olena"_s);
        QVERIFY2(imported, qPrintable(imported.error().message));
        QCOMPARE(imported->added, 3);
        QVERIFY(sql(u"INSERT INTO members (name, created_ms) VALUES ('Ivan', 0)"_s));
        QVERIFY(sql(u"INSERT INTO refund_applications (member_id, amount_minor, refunded_minor, currency, status, progress, "
                    "applied_ms) VALUES ((SELECT id FROM members WHERE name = 'Ivan'), 4000, 4000, 'UAH', 'approved', "
                    "'refunded', ?)"_s,
                    {nov(8)}));
        QVERIFY(sql(u"INSERT INTO refund_gateway_records (application_id, original_total_minor, amount_minor, our_refund_no, "
                    "status, created_ms, updated_ms) VALUES ((SELECT MAX(id) FROM refund_applications), 50000, 4000, "
                    "'RF-1', 'success', ?, ?)"_s,
                    {nov(8), nov(8)}));
    }

    void cleanup() { m_fixture.reset(); }

    void energyPerSite()
    {
        QList<ReportColumn> columns;
        const QList<ReportRow> r = rows(u"energy"_s, november(), &columns);
        QCOMPARE(r.size(), 2);
        // site, from, to, platform, meter, ratio, flag, sessions, anomaly bills, their energy
        QCOMPARE(s(r[0], 0), u"A"_s);
        QCOMPARE(n(r[0], 1), kNov1);
        QCOMPARE(n(r[0], 2), kDec1);
        QCOMPARE(n(r[0], 3), 60000);
        QCOMPARE(n(r[0], 4), 60000);
        QCOMPARE(n(r[0], 5), 1000);
        QCOMPARE(s(r[0], 6), u"ok"_s);  // exactly 100 %
        QCOMPARE(n(r[0], 7), 3);
        QCOMPARE(n(r[0], 8), 0);
        QCOMPARE(s(r[1], 0), u"B"_s);
        QCOMPARE(n(r[1], 3), 40000);
        QCOMPARE(n(r[1], 5), 800);
        QCOMPARE(s(r[1], 6), u"below_threshold"_s);  // 80 % < 85 %
        // CSV and JSON keep the code; people read what it means.
        QCOMPARE(ReportText::plain(columns, r[1], 6), u"below_threshold"_s);
        QCOMPARE(ReportText::shown(columns, r[1], 6), u"Below 85 %"_s);
        QCOMPARE(ReportText::shown(columns, r[0], 6), u"OK"_s);
        QCOMPARE(n(r[1], 8), 1);
        QCOMPARE(n(r[1], 9), 40000);

        // Exactly at the threshold is fine; one percent above it is not.
        ReportParameters p = november();
        p.thresholdPercent = 80;
        QCOMPARE(s(rows(u"energy"_s, p)[1], 6), u"ok"_s);
        p.thresholdPercent = 81;
        QCOMPARE(s(rows(u"energy"_s, p)[1], 6), u"below_threshold"_s);

        // The meter saw less than was billed: above 100 %. Entering the same period again replaces.
        auto replaced = MeterReadingRepository(db()).set({u"A"_s, kNov1, kDec1, 50000, u"re-read"_s}, u"Olena"_s);
        QVERIFY(replaced);
        QVERIFY(replaced->replaced);
        QCOMPARE(replaced->previousEnergyWh, 60000);
        const QList<ReportRow> after = rows(u"energy"_s, november());
        QCOMPARE(n(after[0], 4), 50000);
        QCOMPARE(n(after[0], 5), 1200);
        QCOMPARE(s(after[0], 6), u"above_100"_s);
        auto audit = storage::AuditLogRepository(db()).latest(1, u"site_meter_reading"_s);
        QVERIFY(audit);
        QCOMPARE(audit->first().action, u"meter_reading.replace"_s);
        QVERIFY(audit->first().beforeState.contains(u"60000"_s));

        // The flag rules themselves.
        QCOMPARE(EnergyReport::flag(1000, 1000, 85), u"ok"_s);
        QCOMPARE(EnergyReport::flag(1001, 1000, 85), u"above_100"_s);
        QCOMPARE(EnergyReport::flag(850, 1000, 85), u"ok"_s);
        QCOMPARE(EnergyReport::flag(849, 1000, 85), u"below_threshold"_s);
        QCOMPARE(EnergyReport::flag(849, std::nullopt, 85), u"no_reading"_s);
    }

    void correctionChangesEnergy()
    {
        // Version 2 of B's bill: 35,000 Wh, resolving its anomaly. The report counts only the
        // current version: 35,000, not 75,000.
        test::AnomalyFixture f(db());
        QVERIFY(f.correct(m_sessionB, nov(9), 35000, 105000));
        const QList<ReportRow> r = rows(u"energy"_s, november());
        QCOMPARE(n(r[1], 3), 35000);
        QCOMPARE(n(r[1], 5), 700);
        QCOMPARE(n(r[1], 8), 0);
    }

    void suspects()
    {
        ReportParameters p = november();
        p.site = u"B"_s;
        const QList<ReportRow> r = rows(u"suspects"_s, p);
        QCOMPARE(r.size(), 1);
        QCOMPARE(r[0].key, m_sessionB);
        QCOMPARE(n(r[0], 3), 40000);
        QCOMPARE(s(r[0], 6), u"8"_s);
        p.site.clear();
        QVERIFY(!ReportCatalog::open(db(), u"suspects"_s, p));
    }

    void money()
    {
        const QList<ReportRow> r = rows(u"money"_s, november());
        QCOMPARE(r.size(), 1);
        // from, to, currency, top-ups, desk, receipts, consumption, coupons, refunds
        QCOMPARE(s(r[0], 2), u"UAH"_s);
        QCOMPARE(n(r[0], 3), 85000);
        QCOMPARE(n(r[0], 4), 10000);
        QCOMPARE(n(r[0], 5), 82000);
        QCOMPARE(n(r[0], 6), 300000);
        QCOMPARE(n(r[0], 7), 500);
        QCOMPARE(n(r[0], 8), 4000);
    }

    void topUpMatching()
    {
        auto table = ReportCatalog::open(db(), u"topup-matching"_s, november());
        QVERIFY(table);
        QVERIFY2(table->parametersText.contains(u"1 top-up"_s), qPrintable(table->parametersText));
        const QList<ReportRow> r = *table->rows->nextPage(100);
        QCOMPARE(r.size(), 3);
        QCOMPARE(s(r[0], 0), u"amount_differs"_s);
        QCOMPARE(s(r[0], 2), u"R2"_s);
        QCOMPARE(n(r[0], 5), 20000);
        QCOMPARE(n(r[0], 8), 25000);
        QCOMPARE(s(r[1], 0), u"topup_without_receipt"_s);
        QCOMPARE(s(r[1], 2), u"R4"_s);
        QVERIFY(isNull(r[1], 8));
        QCOMPARE(s(r[2], 0), u"receipt_without_topup"_s);
        QCOMPARE(s(r[2], 2), u"R3"_s);
        QCOMPARE(n(r[2], 8), 7000);
    }

    void partners()
    {
        const QList<ReportRow> r = rows(u"partners"_s, november());
        QCOMPARE(r.size(), 2);
        // sub-operator, from, to, currency, sessions, energy, revenue, anomalous: bills, energy, amount
        QCOMPARE(s(r[0], 0), u"North"_s);
        QCOMPARE(n(r[0], 4), 3);
        QCOMPARE(n(r[0], 5), 60000);
        QCOMPARE(n(r[0], 6), 180000);
        QCOMPARE(n(r[0], 7), 0);
        QCOMPARE(s(r[1], 0), u"South"_s);
        QCOMPARE(n(r[1], 4), 1);
        QCOMPARE(n(r[1], 6), 120000);
        QCOMPARE(n(r[1], 7), 1);
        QCOMPARE(n(r[1], 8), 40000);
        QCOMPARE(n(r[1], 9), 120000);
        ReportParameters p = november();
        p.subOperator = u"South"_s;
        QCOMPARE(rows(u"partners"_s, p).size(), 1);
        p.subOperator = u"Nobody"_s;
        QVERIFY(!ReportCatalog::open(db(), u"partners"_s, p));
    }

    void revenue()
    {
        ReportParameters p = november();
        p.groupBy = u"vendor"_s;
        QList<ReportRow> r = rows(u"revenue"_s, p);
        QCOMPARE(r.size(), 2);
        // group, from, to, currency, sessions, energy, revenue, coupons
        QCOMPARE(s(r[0], 0), u"ABB"_s);
        QCOMPARE(n(r[0], 4), 3);
        QCOMPARE(n(r[0], 5), 70000);
        QCOMPARE(n(r[0], 6), 210000);
        QCOMPARE(n(r[0], 7), 500);
        QCOMPARE(s(r[1], 0), u"Kempower"_s);
        QCOMPARE(n(r[1], 6), 90000);

        // Per site and month, November and December: A's December session is its own row.
        p.groupBy = u"site"_s;
        p.bucket = u"month"_s;
        p.toMs = kDec1 + kDay;
        r = rows(u"revenue"_s, p);
        QCOMPARE(r.size(), 3);
        QCOMPARE(s(r[0], 0), u"A"_s);
        QCOMPARE(n(r[0], 1), kNov1);
        QCOMPARE(n(r[0], 6), 180000);
        QCOMPARE(n(r[1], 1), kDec1);
        QCOMPARE(n(r[1], 2), kDec1 + kDay);  // clipped to the period
        QCOMPARE(n(r[1], 6), 15000);
        QCOMPARE(s(r[2], 0), u"B"_s);
    }

    void meterReadingImport()
    {
        MeterReadingRepository repo(db());
        // Line 3 is bad: nothing of the file is imported.
        auto bad = repo.importCsv(file(u"bad.csv"_s, "site,from,to,energy_kwh\n"
                                                     "A,2026-10-01,2026-11-01,12.5\n"
                                                     "B,2026-10-01,2026-11-01,twelve\n"),
                                  u"Olena"_s);
        QVERIFY(!bad);
        QVERIFY2(bad.error().message.startsWith(u"Line 3:"_s), qPrintable(bad.error().message));
        QCOMPARE(repo.list({}, kNov1 - 31 * kDay, kNov1)->size(), 0);

        auto missing = repo.importCsv(file(u"header.csv"_s, "site,from,to,kwh\nA,2026-10-01,2026-11-01,1\n"), u"Olena"_s);
        QVERIFY(!missing);
        QVERIFY(missing.error().message.contains(u"energy_kwh"_s));
        auto unknown = repo.importCsv(file(u"site.csv"_s, "site,from,to,energy_kwh\nZ,2026-10-01,2026-11-01,1\n"), u"Olena"_s);
        QVERIFY(!unknown);
        QVERIFY(unknown.error().message.startsWith(u"Line 2:"_s));
        // Overlapping an existing reading (A, November) is refused.
        auto overlap = repo.importCsv(file(u"overlap.csv"_s, "site,from,to,energy_kwh\nA,2026-11-15,2026-12-15,1\n"), u"Olena"_s);
        QVERIFY(!overlap);
        QVERIFY(overlap.error().message.startsWith(u"Line 2:"_s));
        auto quoteOpen = repo.importCsv(file(u"quote.csv"_s, "site,from,to,energy_kwh\n\"A,2026-10-01,2026-11-01,1\n"), u"Olena"_s);
        QVERIFY(!quoteOpen);

        auto good = repo.importCsv(file(u"good.csv"_s, "\xEF\xBB\xBFSite,From,To,Energy_kWh,Note\r\n"
                                                       "A,2026-10-01,2026-11-01,12.5,October\r\n"
                                                       "B,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,0.001,\r\n"
                                                       "A,2026-11-01,2026-12-01,61,re-read\r\n"),
                                   u"Olena"_s);
        QVERIFY2(good, qPrintable(good.error().message));
        QCOMPARE(good->added, 2);
        QCOMPARE(good->replaced, 1);
        auto october = repo.list({}, kNov1 - 31 * kDay, kNov1);
        QVERIFY(october);
        QCOMPARE(october->size(), 2);
        QCOMPARE(october->at(0).energyWh, 12500);
        QCOMPARE(october->at(0).source, u"imported"_s);
        QCOMPARE(october->at(1).energyWh, 1);
    }

    void receiptImportErrors()
    {
        GatewayReceiptRepository repo(db());
        // The same statement again adds nothing.
        auto again = repo.importCsv(file(u"again.csv"_s, "reference,amount,currency,received\n"
                                                         "R1,500.00,UAH,2026-11-03T10:05:00Z\n"),
                                    u"liqpay"_s, u"Olena"_s);
        QVERIFY(again);
        QCOMPARE(again->added, 0);
        QCOMPARE(again->skipped, 1);
        // The same reference with another amount: an error, and the good line before it is not kept.
        auto changed = repo.importCsv(file(u"changed.csv"_s, "reference,amount,currency,received\n"
                                                             "R9,1.00,UAH,2026-11-09\n"
                                                             "R1,501.00,UAH,2026-11-03T10:05:00Z\n"),
                                      u"liqpay"_s, u"Olena"_s);
        QVERIFY(!changed);
        QVERIFY(changed.error().message.startsWith(u"Line 3:"_s));
        auto count = storage::Sql::run(db().connection(), u"SELECT COUNT(*) FROM gateway_receipts"_s);
        QVERIFY(count && count->next());
        QCOMPARE(count->value(0).toInt(), 3);
        QVERIFY(!repo.importCsv(file(u"cur.csv"_s, "reference,amount,currency,received\nX,1.00,hryvnia,2026-11-09\n"),
                                u"liqpay"_s, u"Olena"_s));
        QVERIFY(!repo.importCsv(file(u"neg.csv"_s, "reference,amount,currency,received\nX,-1.00,UAH,2026-11-09\n"),
                                u"liqpay"_s, u"Olena"_s));
        QVERIFY(!repo.importCsv(file(u"gw.csv"_s, "reference,amount,currency,received\nX,1.00,UAH,2026-11-09\n"),
                                u"liq pay"_s, u"Olena"_s));
        QByteArray big = "reference,amount,currency,received\n";
        big += QByteArray(5000, 'x') + ",1.00,UAH,2026-11-09\n";
        auto tooLong = repo.importCsv(file(u"long.csv"_s, big), u"liqpay"_s, u"Olena"_s);
        QVERIFY(!tooLong);
        QVERIFY(tooLong.error().message.startsWith(u"Line 2:"_s));
    }
};

QTEST_GUILESS_MAIN(TestReconciliationReports)
#include "tst_reconciliation_reports.moc"
