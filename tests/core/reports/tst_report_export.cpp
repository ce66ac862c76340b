// Report exports (core/reports) on the backend under test (SQLCipher file or PostgreSQL): the bills
// report over a hand-computed fixture (period bounds, a tie on the charging start across pages of
// one row, the current bill version, open anomaly codes, the sub-operator filter), each format
// written and read back (CSV compared line by line, XLSX unzipped and its cells read, PDF text
// extracted with pdftotext, JSON parsed), the XLSX sheet limit continuing on a new sheet, cancel
// leaving no file and no snapshot, and changesSince after a correction, a new session and a station
// moving to another sub-operator.

#include "core/common/clock.h"
#include "core/reports/billsreport.h"
#include "core/reports/reportcatalog.h"
#include "core/reports/csvreportwriter.h"
#include "core/access/accessservice.h"
#include "core/reports/exportjob.h"
#include "core/reports/pdf/reportwriters.h"
#include "core/reports/reportchanges.h"
#include "core/reports/xlsxreportwriter.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"
#include "support/anomalybillseeder.h"
#include "support/testdatabase.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace cd;
using namespace cd::reports;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kNov1 = 1'793'491'200'000;   // 2026-11-01 00:00 UTC
constexpr qint64 kDec1 = 1'796'083'200'000;   // 2026-12-01 00:00 UTC
constexpr qint64 kNov2At10 = 1'793'613'600'000;  // 2026-11-02 10:00 UTC
constexpr qint64 kNov3At0830 = 1'793'694'600'000;  // 2026-11-03 08:30 UTC
constexpr qint64 kNov20At12 = 1'795'176'000'000;  // 2026-11-20 12:00 UTC
const QString kActor = u"Оксана"_s;

qint64 scalar(const storage::Database &db, const QString &sql, const QVariantList &values = {})
{
    auto q = storage::Sql::run(db.connection(), sql, values);
    return q && q->next() ? q->value(0).toLongLong() : -1;
}

QString text(const storage::Database &db, const QString &sql, const QVariantList &values = {})
{
    auto q = storage::Sql::run(db.connection(), sql, values);
    return q && q->next() ? q->value(0).toString() : QString();
}

// Three sessions in November 2026 (two start at the same millisecond), one just before and one
// exactly at the end of the period; two sub-operators.
struct Fixture {
    qint64 north = 0, south = 0;  // sub-operators
    qint64 siteNorth = 0, siteSouth = 0;
    qint64 cpNorth = 0, cpSouth = 0;
    qint64 s1 = 0, s2 = 0, s3 = 0, before = 0, after = 0;
    QString n1, n2, n3;  // session numbers

    bool make(const storage::Database &db)
    {
        test::AnomalyFixture f(db);
        const auto subOperator = [&](const QString &name) {
            auto q = storage::Sql::run(db.connection(),
                                       u"INSERT INTO sub_operators (name, created_ms) VALUES (?, 0)"_s
                                           + db.dialect().returningIdClause(),
                                       {name});
            return q ? db.dialect().insertedId(*q) : 0;
        };
        north = subOperator(u"Північ"_s);
        south = subOperator(u"South, Ltd"_s);
        siteNorth = f.site(u"Kyiv north"_s);
        siteSouth = f.site(u"Odesa"_s);
        if (!storage::Sql::run(db.connection(), u"UPDATE sites SET sub_operator_id = ? WHERE id = ?"_s, {north, siteNorth})
            || !storage::Sql::run(db.connection(), u"UPDATE sites SET sub_operator_id = ? WHERE id = ?"_s, {south, siteSouth}))
            return false;
        cpNorth = f.station(u"CP-N1"_s, siteNorth, u"ABB"_s, u"Terra"_s, u"1.0"_s);
        cpSouth = f.station(u"CP-S1"_s, siteSouth, u"ABB"_s, u"Terra"_s, u"1.0"_s);
        s1 = f.session(cpNorth, kNov2At10, 12000, 3480, u"settled"_s);
        s2 = f.session(cpSouth, kNov3At0830, 7500, 2250, u"held"_s);
        s3 = f.session(cpNorth, kNov3At0830, 20500, 6150, u"provisional"_s);
        before = f.session(cpNorth, kNov1 - 1, 1000, 300, u"settled"_s);
        after = f.session(cpSouth, kDec1, 1000, 300, u"settled"_s);
        if (!s1 || !s2 || !s3 || !before || !after)
            return false;
        if (!f.anomaly(s2, 8, kNov3At0830 + 3'600'000) || !f.anomaly(s2, 3, kNov3At0830 + 3'600'000))
            return false;
        n1 = number(db, s1);
        n2 = number(db, s2);
        n3 = number(db, s3);
        return true;
    }

    static QString number(const storage::Database &db, qint64 session)
    {
        return text(db, u"SELECT session_number FROM sessions WHERE id = ?"_s, {session});
    }
};

ReportParameters november(const QString &subOperator = {})
{
    ReportParameters p;
    p.fromMs = kNov1;
    p.toMs = kDec1;
    p.subOperator = subOperator;
    return p;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return {};
    return p.readAllStandardOutput();
}

// The cells of a worksheet's XML, row by row: inline strings' text and numbers' values.
QList<QStringList> sheetCells(const QByteArray &xml)
{
    QList<QStringList> rows;
    QXmlStreamReader r(xml);
    QString cell;
    while (!r.atEnd()) {
        r.readNext();
        if (r.isStartElement() && r.name() == u"row")
            rows.append(QStringList());
        else if (r.isStartElement() && r.name() == u"c")
            cell.clear();
        else if (r.isStartElement() && (r.name() == u"t" || r.name() == u"v"))
            cell += r.readElementText();
        else if (r.isEndElement() && r.name() == u"c" && !rows.isEmpty())
            rows.last().append(cell);
    }
    return rows;
}

}  // namespace

class TestReportExport : public QObject {
    Q_OBJECT

private:
    // Exports the November bills report to `path`; the result.
    Expected<ExportResult> exportBills(const storage::Database &db, ReportFormat format, const QString &path,
                                       const QString &subOperator = {}, ReportWriter *writer = nullptr,
                                       const std::atomic<bool> *cancel = nullptr, const ExportProgress &progress = {},
                                       const access::Actor &actor = kActor)
    {
        auto table = BillsReport::open(db, november(subOperator));
        if (!table)
            return table.error();
        std::unique_ptr<ReportWriter> own;
        if (!writer) {
            own = reportWriterFor(format);
            writer = own.get();
        }
        ExportOptions options;
        options.path = path;
        options.format = format;
        options.actor = actor;
        options.pageSize = 1;  // every row its own page: the keyset must step over the tie
        ManualClock clock(kDec1 + 3'600'000);
        return ExportJob(db, clock).run(*table, *writer, options, progress, cancel);
    }

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(test::TestDatabase::backendName())); }
    void csvExportAndSnapshotRecord();
    void subOperatorFilter();
    void xlsxExportContinuesOnNewSheet();
    void pdfExportText();
    void jsonExport();
    void cancelLeavesNoFile();
    void changesSinceExport();
    void changesOfPartnerExport();
    void emptyPeriodAndUnknownSubOperator();
    void rowHashIsStable();
    void exportNeedsThePermission();
};

void TestReportExport::csvExportAndSnapshotRecord()
{
    test::TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    Fixture data;
    QVERIFY(data.make(fixture.db()));
    QTemporaryDir dir;
    const QString path = dir.filePath(u"bills.csv"_s);
    QList<std::pair<qint64, qint64>> progress;
    auto result = exportBills(fixture.db(), ReportFormat::Csv, path, {}, nullptr, nullptr,
                              [&](qint64 done, qint64 total) { progress.append({done, total}); });
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QCOMPARE(result->rows, 3);
    QCOMPARE(result->path, path);
    QVERIFY(!QFile::exists(path + u".part"_s));
    QCOMPARE(progress.first(), std::make_pair(qint64(0), qint64(3)));
    QCOMPARE(progress.last(), std::make_pair(qint64(3), qint64(3)));

    const QByteArray csv = readAll(path);
    QVERIFY(csv.startsWith("\xEF\xBB\xBF"));
    const QStringList lines = QString::fromUtf8(csv.mid(3)).split(u"\r\n"_s);
    const QStringList expected = {
        u"session,station,sub_operator,charging_started_utc,energy_kwh,total,currency,settlement,open_anomalies,bill_version"_s,
        data.n1 + u",CP-N1,Північ,2026-11-02T10:00:00.000Z,12.000,34.80,UAH,settled,,1"_s,
        // s2 and s3 start at the same millisecond: by session id.
        data.n2 + u",CP-S1,\"South, Ltd\",2026-11-03T08:30:00.000Z,7.500,22.50,UAH,held,\"3,8\",1"_s,
        data.n3 + u",CP-N1,Північ,2026-11-03T08:30:00.000Z,20.500,61.50,UAH,provisional,,1"_s,
        QString(),
    };
    QCOMPARE(lines, expected);

    // The record: what, for whom, how many, the totals; the snapshot has a row per report row.
    ReportExportRepository exports(fixture.db());
    auto record = exports.find(result->exportId);
    QVERIFY(record.ok() && record->has_value());
    QCOMPARE((*record)->report, u"bills"_s);
    QCOMPARE((*record)->format, u"csv"_s);
    QCOMPARE((*record)->fileName, path);
    QCOMPARE((*record)->rowCount, 3);
    QCOMPARE((*record)->createdBy, kActor);
    QCOMPARE((*record)->createdMs, kDec1 + 3'600'000);
    const ReportTotals totals = ReportTotals::fromJson((*record)->totals);
    QCOMPARE(totals.rows, 3);
    QCOMPARE(totals.energyWh.value(u"energy"_s), 40000);  // 12000 + 7500 + 20500
    QCOMPARE(totals.money.value(u"total"_s).value(u"UAH"_s), 11880);  // 3480 + 2250 + 6150
    auto params = ReportParameters::fromJson((*record)->parameters);
    QVERIFY(params.ok());
    QCOMPARE(params->fromMs, kNov1);
    QCOMPARE(params->toMs, kDec1);
    auto snapshot = exports.snapshot(result->exportId);
    QVERIFY(snapshot.ok());
    QCOMPARE(qsizetype(snapshot->size()), 3);
    QCOMPARE(snapshot->at(0).key, std::min({data.s1, data.s2, data.s3}));
    auto list = exports.list(10);
    QVERIFY(list.ok());
    QCOMPARE(list->size(), 1);
}

void TestReportExport::subOperatorFilter()
{
    test::TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    Fixture data;
    QVERIFY(data.make(fixture.db()));
    QTemporaryDir dir;
    const QString path = dir.filePath(u"south.csv"_s);
    auto result = exportBills(fixture.db(), ReportFormat::Csv, path, u"South, Ltd"_s);
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QCOMPARE(result->rows, 1);  // the December session is outside the period
    const QStringList lines = QString::fromUtf8(readAll(path).mid(3)).split(u"\r\n"_s, Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(1), data.n2 + u",CP-S1,\"South, Ltd\",2026-11-03T08:30:00.000Z,7.500,22.50,UAH,held,\"3,8\",1"_s);
}

void TestReportExport::xlsxExportContinuesOnNewSheet()
{
    if (QStandardPaths::findExecutable(u"unzip"_s).isEmpty())
        QFAIL("unzip is not installed: scripts/install-deps.sh installs it");
    test::TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    Fixture data;
    QVERIFY(data.make(fixture.db()));
    QTemporaryDir dir;
    const QString path = dir.filePath(u"bills.xlsx"_s);
    XlsxReportWriter writer;
    writer.setRowsPerSheet(2);
    auto result = exportBills(fixture.db(), ReportFormat::Xlsx, path, {}, &writer);
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QCOMPARE(result->rows, 3);

    const QByteArray workbook = run(u"unzip"_s, {u"-p"_s, path, u"xl/workbook.xml"_s});
    QVERIFY(workbook.contains("name=\"Bills\""));
    QVERIFY(workbook.contains("name=\"Bills (2)\""));
    QVERIFY(workbook.contains("name=\"Totals\""));

    const QList<QStringList> first = sheetCells(run(u"unzip"_s, {u"-p"_s, path, u"xl/worksheets/sheet1.xml"_s}));
    QCOMPARE(first.size(), 3);
    QCOMPARE(first.at(0),
             QStringList({u"Session"_s, u"Station"_s, u"Sub-operator"_s, u"Charging started (UTC)"_s, u"Energy (kWh)"_s,
                          u"Total"_s, u"Currency"_s, u"Settlement"_s, u"Open anomaly codes"_s, u"Bill version"_s}));
    // Times as Excel serial days: 2026-11-02 10:00 UTC = 25569 + 1793613600000 / 86400000.
    const double serial = 25569.0 + double(kNov2At10) / 86'400'000.0;
    const QStringList row1 = first.at(1);
    QCOMPARE(row1.size(), 9);  // the empty anomaly codes cell is not written
    QCOMPARE(row1.at(0), data.n1);
    QCOMPARE(row1.at(1), u"CP-N1"_s);
    QCOMPARE(row1.at(2), u"Північ"_s);
    QCOMPARE(row1.at(3).toDouble(), serial);
    QCOMPARE(row1.at(4).toDouble(), 12.0);
    QCOMPARE(row1.at(5).toDouble(), 34.8);
    QCOMPARE(row1.at(6), u"UAH"_s);
    QCOMPARE(row1.at(7), u"settled"_s);
    QCOMPARE(row1.at(8), u"1"_s);
    QCOMPARE(first.at(2).at(0), data.n2);
    QCOMPARE(first.at(2).at(8), u"3,8"_s);

    const QList<QStringList> second = sheetCells(run(u"unzip"_s, {u"-p"_s, path, u"xl/worksheets/sheet2.xml"_s}));
    QCOMPARE(second.size(), 2);  // the header again, then the third row
    QCOMPARE(second.at(0).at(0), u"Session"_s);
    QCOMPARE(second.at(1).at(0), data.n3);
    QCOMPARE(second.at(1).at(5).toDouble(), 61.5);

    const QList<QStringList> totals = sheetCells(run(u"unzip"_s, {u"-p"_s, path, u"xl/worksheets/sheet3.xml"_s}));
    QCOMPARE(totals.size(), 3);
    QCOMPARE(totals.at(0), QStringList({u"Rows"_s, u"3"_s}));
    QCOMPARE(totals.at(1), QStringList({u"Energy (kWh)"_s, u"40"_s}));
    QCOMPARE(totals.at(2), QStringList({u"Total"_s, u"118.8"_s, u"UAH"_s}));
}

void TestReportExport::pdfExportText()
{
    if (QStandardPaths::findExecutable(u"pdftotext"_s).isEmpty())
        QFAIL("pdftotext is not installed: scripts/install-deps.sh installs poppler-utils");
    test::TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    Fixture data;
    QVERIFY(data.make(fixture.db()));
    QTemporaryDir dir;
    const QString path = dir.filePath(u"bills.pdf"_s);
    auto result = exportBills(fixture.db(), ReportFormat::Pdf, path);
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QVERIFY(readAll(path).startsWith("%PDF-"));
    const QString text = QString::fromUtf8(run(u"pdftotext"_s, {u"-layout"_s, path, u"-"_s}));
    QVERIFY2(text.contains(u"Bills"_s), qPrintable(text));
    QVERIFY2(text.contains(u"Charging started 2026-11-01 … 2026-11-30 (UTC)"_s), qPrintable(text));
    for (const QString &number : {data.n1, data.n2, data.n3})
        QVERIFY2(text.contains(number), qPrintable(text));
    QVERIFY2(text.contains(u"Північ"_s), qPrintable(text));
    QVERIFY2(text.contains(u"2026-11-02 10:00:00"_s), qPrintable(text));
    QVERIFY2(text.contains(u"61.50"_s), qPrintable(text));
    QVERIFY2(text.contains(u"Rows: 3"_s), qPrintable(text));
    QVERIFY2(text.contains(u"Energy (kWh): 40.000"_s), qPrintable(text));
    QVERIFY2(text.contains(u"Total: 118.80 UAH"_s), qPrintable(text));
}

void TestReportExport::jsonExport()
{
    test::TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    Fixture data;
    QVERIFY(data.make(fixture.db()));
    QTemporaryDir dir;
    const QString path = dir.filePath(u"bills.json"_s);
    auto result = exportBills(fixture.db(), ReportFormat::Json, path);
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(readAll(path), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonObject o = doc.object();
    QCOMPARE(o.value(u"report"_s).toString(), u"bills"_s);
    QCOMPARE(o.value(u"parameters"_s).toObject().value(u"from_ms"_s).toInteger(), kNov1);
    const QJsonArray rows = o.value(u"rows"_s).toArray();
    QCOMPARE(rows.size(), 3);
    const QJsonObject r2 = rows.at(1).toObject();
    QCOMPARE(r2.value(u"session"_s).toString(), data.n2);
    QCOMPARE(r2.value(u"sub_operator"_s).toString(), u"South, Ltd"_s);
    QCOMPARE(r2.value(u"charging_started_ms"_s).toInteger(), kNov3At0830);
    QCOMPARE(r2.value(u"energy_wh"_s).toInteger(), 7500);
    QVERIFY(r2.value(u"total_minor"_s).isDouble());
    QCOMPARE(r2.value(u"total_minor"_s).toInteger(), 2250);
    QCOMPARE(r2.value(u"open_anomalies"_s).toString(), u"3,8"_s);
    QCOMPARE(r2.value(u"bill_version"_s).toInteger(), 1);
    const QJsonObject totals = o.value(u"totals"_s).toObject();
    QCOMPARE(totals.value(u"money_minor"_s).toObject().value(u"total"_s).toObject().value(u"UAH"_s).toInteger(), 11880);
    QCOMPARE(o.value(u"columns"_s).toArray().at(5).toObject().value(u"currency"_s).toString(), u"currency"_s);
}

void TestReportExport::cancelLeavesNoFile()
{
    test::TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    Fixture data;
    QVERIFY(data.make(fixture.db()));
    QTemporaryDir dir;
    for (ReportFormat format : {ReportFormat::Csv, ReportFormat::Xlsx, ReportFormat::Json, ReportFormat::Pdf}) {
        const QString path = dir.filePath(u"cancelled"_s + ReportFormatText::suffix(format));
        std::atomic<bool> cancel{false};
        // Cancelled after the first page: no file, no part file, no export record.
        auto result = exportBills(fixture.db(), format, path, {}, nullptr, &cancel, [&](qint64 done, qint64) {
            if (done >= 1)
                cancel = true;
        });
        QVERIFY(!result.ok());
        QCOMPARE(result.error().message, ExportJob::cancelledMessage());
        QVERIFY(!QFile::exists(path));
        QVERIFY(!QFile::exists(path + u".part"_s));
    }
    QCOMPARE(scalar(fixture.db(), u"SELECT COUNT(*) FROM report_exports"_s), 0);
    QCOMPARE(scalar(fixture.db(), u"SELECT COUNT(*) FROM report_export_snapshots"_s), 0);

    // A file that was there stays as it was.
    const QString path = dir.filePath(u"kept.csv"_s);
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("earlier export\n");
    }
    std::atomic<bool> cancel{true};
    QVERIFY(!exportBills(fixture.db(), ReportFormat::Csv, path, {}, nullptr, &cancel).ok());
    QCOMPARE(readAll(path), QByteArray("earlier export\n"));
    QVERIFY(!QFile::exists(path + u".part"_s));
}

void TestReportExport::changesSinceExport()
{
    test::TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    Fixture data;
    QVERIFY(data.make(fixture.db()));
    QTemporaryDir dir;
    auto exported = exportBills(fixture.db(), ReportFormat::Csv, dir.filePath(u"bills.csv"_s));
    QVERIFY2(exported.ok(), qPrintable(exported.error().message));

    ReportChangeQuery query(fixture.db());
    auto none = query.changesSince(exported->exportId);
    QVERIFY2(none.ok(), qPrintable(none.error().message));
    QVERIFY(none->unchanged());
    QCOMPARE(none->rowsThen, 3);
    QCOMPARE(none->rowsNow, 3);

    // A correction after the export: bill version 2 of s2 (7.6 kWh, 22.80), anomalies resolved.
    test::AnomalyFixture f(fixture.db());
    QVERIFY2(f.correct(data.s2, kDec1 + 7'200'000, 7600, 2280), qPrintable(f.error()));
    auto changes = query.changesSince(exported->exportId);
    QVERIFY2(changes.ok(), qPrintable(changes.error().message));
    QCOMPARE(changes->changes.size(), 1);
    QCOMPARE(changes->changed, 1);
    QCOMPARE(changes->added, 0);
    QCOMPARE(changes->removed, 0);
    const RowChange c = changes->changes.first();
    QCOMPARE(c.kind, ChangeKind::Changed);
    QCOMPARE(c.key, data.s2);
    QCOMPARE(c.label, data.n2);
    QCOMPARE(std::get<qint64>(c.now.values.at(5)), 2280);
    QCOMPARE(std::get<QString>(c.now.values.at(8)), QString());  // no open anomaly any more
    QCOMPARE(std::get<qint64>(c.now.values.at(9)), 2);
    QCOMPARE(changes->totalsThen.money.value(u"total"_s).value(u"UAH"_s), 11880);
    QCOMPARE(changes->totalsNow.money.value(u"total"_s).value(u"UAH"_s), 11910);
    QCOMPARE(changes->totalsNow.energyWh.value(u"energy"_s), 40100);

    // A late session in the period is added.
    const qint64 late = f.session(data.cpSouth, kNov20At12, 5000, 1500, u"settled"_s);
    QVERIFY(late);
    changes = query.changesSince(exported->exportId);
    QVERIFY(changes.ok());
    QCOMPARE(changes->changes.size(), 2);
    QCOMPARE(changes->changes.at(0).key, data.s2);
    QCOMPARE(changes->changes.at(1).kind, ChangeKind::Added);
    QCOMPARE(changes->changes.at(1).key, late);
    QCOMPARE(changes->rowsNow, 4);

    // A second export is the new baseline.
    auto again = exportBills(fixture.db(), ReportFormat::Json, dir.filePath(u"bills.json"_s));
    QVERIFY(again.ok());
    auto since = query.changesSince(again->exportId);
    QVERIFY(since.ok());
    QVERIFY(since->unchanged());
    QVERIFY(!query.changesSince(again->exportId + 100).ok());
}

void TestReportExport::changesOfPartnerExport()
{
    test::TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    Fixture data;
    QVERIFY(data.make(fixture.db()));
    QTemporaryDir dir;
    auto exported = exportBills(fixture.db(), ReportFormat::Csv, dir.filePath(u"north.csv"_s), u"Північ"_s);
    QVERIFY2(exported.ok(), qPrintable(exported.error().message));
    QCOMPARE(exported->rows, 2);
    // CP-N1's site goes to the other sub-operator: both its sessions leave the partner's report.
    QVERIFY(storage::Sql::run(fixture.db().connection(), u"UPDATE sites SET sub_operator_id = ? WHERE id = ?"_s,
                              {data.south, data.siteNorth}));
    auto changes = ReportChangeQuery(fixture.db()).changesSince(exported->exportId);
    QVERIFY2(changes.ok(), qPrintable(changes.error().message));
    QCOMPARE(changes->removed, 2);
    QCOMPARE(changes->changes.size(), 2);
    QCOMPARE(changes->changes.at(0).kind, ChangeKind::Removed);
    QCOMPARE(changes->changes.at(0).label, data.n1);  // the session number, looked up by key
    QCOMPARE(changes->changes.at(1).label, data.n3);
    QCOMPARE(changes->rowsNow, 0);
}

void TestReportExport::emptyPeriodAndUnknownSubOperator()
{
    test::TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ReportParameters p = november();
    p.toMs = p.fromMs;
    QVERIFY(!ReportCatalog::open(fixture.db(), u"bills"_s, p).ok());
    auto unknown = BillsReport::open(fixture.db(), november(u"Nobody"_s));
    QVERIFY(!unknown.ok());
    QVERIFY(unknown.error().message.contains(u"Nobody"_s));
    // An empty report still makes a file with its header, and a snapshot of nothing.
    QTemporaryDir dir;
    auto result = exportBills(fixture.db(), ReportFormat::Csv, dir.filePath(u"empty.csv"_s));
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QCOMPARE(result->rows, 0);
    QCOMPARE(QString::fromUtf8(readAll(dir.filePath(u"empty.csv"_s)).mid(3)).count(u"\r\n"_s), 1);
    auto changes = ReportChangeQuery(fixture.db()).changesSince(result->exportId);
    QVERIFY(changes.ok() && changes->unchanged());
}

void TestReportExport::rowHashIsStable()
{
    // Snapshots outlive program versions: the hash is pinned (SHA-256 over the documented encoding,
    // computed independently).
    ReportRow row;
    row.key = 42;
    row.values = {u"S-1"_s, qint64(1250), std::monostate(), u"Північ"_s};
    QCOMPARE(rowHash(row), Q_UINT64_C(12952278106142011689));
    ReportRow other = row;
    other.values[1] = qint64(1251);
    QVERIFY(rowHash(other) != rowHash(row));
    other = row;
    other.values[2] = QString();  // NULL and "" differ
    QVERIFY(rowHash(other) != rowHash(row));
}

// Once operator accounts exist, only a role with "export reports" may write one (checked by the
// job itself, for the console and the CLI alike): nothing is written and no snapshot recorded.
void TestReportExport::exportNeedsThePermission()
{
    test::TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    Fixture data;
    QVERIFY(data.make(fixture.db()));
    access::AccessService service(fixture.db());
    QVERIFY(service.createFirstAdministrator({u"admin"_s, {}, "admin-password-1", {}, 1}));
    const auto admin = service.authenticate(u"admin"_s, "admin-password-1");
    QVERIFY(admin);
    QVERIFY(service.createOperator(*admin, {u"sam"_s, {}, "support-password", u"support"_s, 1}));
    const auto sam = service.authenticate(u"sam"_s, "support-password");
    QVERIFY(sam);

    QTemporaryDir dir;
    const QString path = dir.filePath(u"bills.csv"_s);
    auto refused = exportBills(fixture.db(), ReportFormat::Csv, path, {}, nullptr, nullptr, {}, *sam);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ExitCode::Forbidden);
    QVERIFY2(refused.error().message.contains(u"export"_s), qPrintable(refused.error().message));
    QVERIFY(!QFile::exists(path));
    refused = exportBills(fixture.db(), ReportFormat::Csv, path, {}, nullptr, nullptr, {}, access::Actor(kActor));
    QCOMPARE(refused.error().code, ExitCode::Forbidden);  // a bare name, once accounts exist

    auto exported = exportBills(fixture.db(), ReportFormat::Csv, path, {}, nullptr, nullptr, {}, *admin);
    QVERIFY2(exported, qPrintable(exported.error().message));
    QVERIFY(QFile::exists(path));
}

QTEST_MAIN(TestReportExport)
#include "tst_report_export.moc"
