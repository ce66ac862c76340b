// chargedesk-cli report bills | changes | exports (core/reports), run as an accountant's script
// does: an export per format with its export id, the partner export (--sub-operator by name),
// --to as a whole day, the rows printed without --out, the list of exports, what changed after a
// correction, and refusals with their exit codes. SQLCipher and PostgreSQL.

#include "clitestbench.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"
#include "support/anomalybillseeder.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace cd;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kNov2At10 = 1'793'613'600'000;    // 2026-11-02 10:00 UTC
constexpr qint64 kNov30At2330 = 1'796'081'400'000;  // 2026-11-30 23:30 UTC
constexpr qint64 kDec1 = 1'796'083'200'000;         // 2026-12-01 00:00 UTC

}  // namespace

class TestCliReports : public QObject {
    Q_OBJECT

private:
    using Run = test::CliRun;

    test::CliTestBench m_bench{QStringLiteral(CLI_PATH)};
    const std::shared_ptr<storage::Database> &m_db = m_bench.shared();  // the bench's database
    qint64 m_s1 = 0, m_s2 = 0;

    Run cli(const QStringList &args) const { return m_bench.run(args); }

private Q_SLOTS:
    void initTestCase()
    {
        m_bench.setOperator(u"Olena"_s);
        const QString error = m_bench.setUp(u"cd_clireports"_s);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        // Two sub-operators; one session each in November (the second half an hour before its end).
        test::AnomalyFixture f(*m_db);
        QVERIFY(storage::Sql::run(m_db->connection(), u"INSERT INTO sub_operators (name, created_ms) VALUES ('北方充电', 0)"_s));
        QVERIFY(storage::Sql::run(m_db->connection(), u"INSERT INTO sub_operators (name, created_ms) VALUES ('South', 0)"_s));
        const qint64 north = f.site(u"North"_s);
        const qint64 south = f.site(u"South"_s);
        QVERIFY(storage::Sql::run(m_db->connection(),
                                  u"UPDATE sites SET sub_operator_id = (SELECT id FROM sub_operators WHERE name = '北方充电') "
                                  "WHERE id = ?"_s,
                                  {north}));
        QVERIFY(storage::Sql::run(m_db->connection(),
                                  u"UPDATE sites SET sub_operator_id = (SELECT id FROM sub_operators WHERE name = 'South') "
                                  "WHERE id = ?"_s,
                                  {south}));
        const qint64 cpNorth = f.station(u"CP-N"_s, north, u"ABB"_s, u"Terra"_s, u"1.0"_s);
        const qint64 cpSouth = f.station(u"CP-S"_s, south, u"ABB"_s, u"Terra"_s, u"1.0"_s);
        m_s1 = f.session(cpNorth, kNov2At10, 12000, 3480, u"settled"_s);
        m_s2 = f.session(cpSouth, kNov30At2330, 7500, 2250, u"held"_s);
        QVERIFY(m_s1 && m_s2);
        QVERIFY(f.session(cpSouth, kDec1, 1000, 300, u"settled"_s));
        QVERIFY(f.anomaly(m_s2, 8, kDec1));
    }

    void cleanupTestCase() { m_bench.tearDown(); }

    void exportsListAndChanges()
    {
        // --to 2026-11-30 is the whole day: the 23:30 session is in, the December one is not.
        const QString csv = m_bench.filePath(u"bills.csv"_s);
        Run r = cli({u"report"_s, u"bills"_s, u"--from"_s, u"2026-11-01"_s, u"--to"_s, u"2026-11-30"_s, u"--format"_s,
                     u"csv"_s, u"--out"_s, csv, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));  // no progress: stderr is not a terminal
        const QJsonObject result = r.json().object();
        const qint64 exportId = result.value(u"exportId"_s).toInteger();
        QVERIFY(exportId > 0);
        QCOMPARE(result.value(u"rows"_s).toInteger(), 2);
        QCOMPARE(result.value(u"file"_s).toString(), csv);
        QCOMPARE(result.value(u"totals"_s).toObject().value(u"money_minor"_s).toObject().value(u"total"_s).toObject()
                     .value(u"UAH"_s).toInteger(),
                 5730);
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size(), 4);  // header, two rows, the empty rest after the last CRLF
        QVERIFY(lines.at(1).contains(",CP-N,北方充电,2026-11-02T10:00:00.000Z,12.000,34.80,UAH,settled,,1"));
        QVERIFY(lines.at(2).contains(",CP-S,South,2026-11-30T23:30:00.000Z,7.500,22.50,UAH,held,8,1"));

        // The partner export by name, as text: where it wrote and the export id.
        const QString xlsx = m_bench.filePath(u"north.xlsx"_s);
        r = cli({u"report"_s, u"bills"_s, u"--from"_s, u"2026-11-01"_s, u"--to"_s, u"2026-12-01T00:00:00Z"_s,
                 u"--sub-operator"_s, u"北方充电"_s, u"--format"_s, u"xlsx"_s, u"--out"_s, xlsx, u"--lang"_s, u"en"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(xlsx), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"(export %1)"_s.arg(exportId + 1)), qPrintable(r.out));
        QFile book(xlsx);
        QVERIFY(book.open(QIODevice::ReadOnly));
        QVERIFY(book.read(2) == "PK");

        r = cli({u"report"_s, u"exports"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonArray exports = r.json().array();
        QCOMPARE(exports.size(), 2);
        QCOMPARE(exports.at(0).toObject().value(u"format"_s).toString(), u"xlsx"_s);
        QCOMPARE(exports.at(0).toObject().value(u"rows"_s).toInteger(), 1);
        QCOMPARE(exports.at(0).toObject().value(u"parameters"_s).toObject().value(u"sub_operator"_s).toString(),
                 u"北方充电"_s);
        QCOMPARE(exports.at(1).toObject().value(u"createdBy"_s).toString(), u"Olena"_s);

        r = cli({u"report"_s, u"changes"_s, QString::number(exportId), u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.json().object().value(u"changes"_s).toArray().size(), 0);

        // A correction after the export: exactly that row has changed.
        test::AnomalyFixture f(*m_db);
        QVERIFY(f.correct(m_s2, kDec1 + 60'000, 7400, 2220));
        r = cli({u"report"_s, u"changes"_s, QString::number(exportId), u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject changes = r.json().object();
        QCOMPARE(changes.value(u"changed"_s).toInteger(), 1);
        QCOMPARE(changes.value(u"added"_s).toInteger(), 0);
        QCOMPARE(changes.value(u"removed"_s).toInteger(), 0);
        const QJsonObject change = changes.value(u"changes"_s).toArray().at(0).toObject();
        QCOMPARE(change.value(u"change"_s).toString(), u"changed"_s);
        QCOMPARE(change.value(u"key"_s).toInteger(), m_s2);
        QCOMPARE(change.value(u"row"_s).toObject().value(u"total_minor"_s).toInteger(), 2220);
        QCOMPARE(change.value(u"row"_s).toObject().value(u"bill_version"_s).toInteger(), 2);
        r = cli({u"report"_s, u"changes"_s, QString::number(exportId), u"--lang"_s, u"en"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"1 changed, 0 added, 0 removed."_s), qPrintable(r.out));
    }

    // Without --out the rows are printed: as JSON for a script, as a table for a person.
    void rowsPrintedWithoutOut()
    {
        const qsizetype exportsBefore = cli({u"report"_s, u"exports"_s, u"--json"_s}).json().array().size();
        Run r = cli({u"report"_s, u"bills"_s, u"--from"_s, u"2026-11-01"_s, u"--to"_s, u"2026-11-30"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject printed = r.json().object();
        QCOMPARE(printed.value(u"report"_s).toString(), u"bills"_s);
        const QJsonArray rows = printed.value(u"rows"_s).toArray();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).toObject().value(u"station"_s).toString(), u"CP-N"_s);
        QCOMPARE(rows.at(0).toObject().value(u"total_minor"_s).toInteger(), 3480);
        QCOMPARE(rows.at(1).toObject().value(u"station"_s).toString(), u"CP-S"_s);
        r = cli({u"report"_s, u"bills"_s, u"--from"_s, u"2026-11-01"_s, u"--to"_s, u"2026-11-30"_s, u"--lang"_s, u"en"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"CP-S"_s) && r.out.contains(u"34.80"_s), qPrintable(r.out));
        // Nothing printed is recorded as an export.
        QCOMPARE(cli({u"report"_s, u"exports"_s, u"--json"_s}).json().array().size(), exportsBefore);
    }

    // PDF from the CLI: a QGuiApplication on the offscreen platform for that command only.
    void pdfFromTheCli()
    {
        const QString pdf = m_bench.filePath(u"bills.pdf"_s);
        Run r = cli({u"report"_s, u"bills"_s, u"--from"_s, u"2026-11-01"_s, u"--to"_s, u"2026-11-30"_s, u"--format"_s,
                     u"pdf"_s, u"--out"_s, pdf, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.json().object().value(u"rows"_s).toInteger(), 2);
        QProcess text;
        text.start(u"pdftotext"_s, {u"-layout"_s, pdf, u"-"_s});
        QVERIFY(text.waitForFinished(60000));
        const QString extracted = QString::fromUtf8(text.readAllStandardOutput());
        QVERIFY2(extracted.contains(u"CP-N"_s) && extracted.contains(u"CP-S"_s), qPrintable(extracted));
    }

    void refusals()
    {
        const QString out = m_bench.filePath(u"x.csv"_s);
        Run r = cli({u"report"_s, u"bills"_s, u"--from"_s, u"2026-11-01"_s, u"--to"_s, u"2026-11-30"_s, u"--out"_s, out});
        QCOMPARE(r.exitCode, 2);  // no --format
        r = cli({u"report"_s, u"bills"_s, u"--from"_s, u"2026-11-01"_s, u"--to"_s, u"2026-11-30"_s, u"--format"_s,
                 u"docx"_s, u"--out"_s, out});
        QCOMPARE(r.exitCode, 2);
        r = cli({u"report"_s, u"bills"_s, u"--from"_s, u"yesterday"_s, u"--to"_s, u"2026-11-30"_s, u"--format"_s,
                 u"csv"_s, u"--out"_s, out});
        QCOMPARE(r.exitCode, 2);
        r = cli({u"report"_s, u"bills"_s, u"--from"_s, u"2026-11-01"_s, u"--to"_s, u"2026-11-30"_s, u"--sub-operator"_s,
                 u"Nobody"_s, u"--format"_s, u"csv"_s, u"--out"_s, out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!QFile::exists(out));
        r = cli({u"report"_s, u"changes"_s, u"999"_s});
        QCOMPARE(r.exitCode, 1);
        r = cli({u"report"_s, u"changes"_s});
        QCOMPARE(r.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliReports)
#include "tst_cli_reports.moc"
