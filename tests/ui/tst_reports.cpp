// The Reports screen (issue #7 item 4): the bills report run on a seeded database and shown a page
// at a time; Export… to CSV through the page (the file dialog replaced by a chooser) with its
// progress reaching 100 %; a cancelled export leaving no file; and "What changed since…" showing a
// bill corrected after the export.

#include "core/reports/exportjob.h"
#include "core/reports/reportchanges.h"
#include "core/reports/reportexportrepository.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"
#include "support/anomalybillseeder.h"
#include "support/testdatabase.h"
#include "ui/accounts/texttablemodel.h"
#include "ui/reports/reportexporter.h"
#include "ui/reports/reportexportstab.h"
#include "ui/reports/reportparameterform.h"
#include "ui/reports/reportspage.h"
#include "ui/reports/reporttablemodel.h"
#include "ui/shell/mainwindow.h"
#include "uitestsupport.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>

using namespace cd;
using namespace cd::reports;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kNov1 = 1'793'491'200'000;        // 2026-11-01 00:00 UTC
constexpr qint64 kDec1 = 1'796'083'200'000;        // 2026-12-01 00:00 UTC
constexpr qint64 kNov2At10 = 1'793'613'600'000;    // 2026-11-02 10:00 UTC
constexpr qint64 kNov3At0830 = 1'793'694'600'000;  // 2026-11-03 08:30 UTC

QString text(const storage::Database &db, const QString &sql, const QVariantList &values = {})
{
    auto q = storage::Sql::run(db.connection(), sql, values);
    return q && q->next() ? q->value(0).toString() : QString();
}

// Three bills in November 2026 and one in October.
struct Bills {
    qint64 s1 = 0, s2 = 0, s3 = 0;
    QString n1, n2, n3;

    bool make(const storage::Database &db)
    {
        test::AnomalyFixture f(db);
        const qint64 site = f.site(u"Kyiv north"_s);
        const qint64 cp = f.station(u"CP-N1"_s, site, u"ABB"_s, u"Terra"_s, u"1.0"_s);
        s1 = f.session(cp, kNov2At10, 12000, 3480, u"settled"_s);
        s2 = f.session(cp, kNov3At0830, 7500, 2250, u"held"_s);
        s3 = f.session(cp, kNov3At0830 + 60'000, 20500, 6150, u"provisional"_s);
        if (!s1 || !s2 || !s3 || !f.session(cp, kNov1 - 1, 1000, 300, u"settled"_s))
            return false;
        n1 = text(db, u"SELECT session_number FROM sessions WHERE id = ?"_s, {s1});
        n2 = text(db, u"SELECT session_number FROM sessions WHERE id = ?"_s, {s2});
        n3 = text(db, u"SELECT session_number FROM sessions WHERE id = ?"_s, {s3});
        return true;
    }
};

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestReportsScreen : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void runBillsReport();
    void exportCsv();
    void cancelExport();
    void changesSinceExport();

private:
    // The page on `fixture`, the November bills report shown.
    std::unique_ptr<ui::ReportsPage> showNovember(test::TestDatabase &fixture, int expectedRows);
    // Exports the shown report to `path` through the page; the export's id (0 on failure).
    qint64 exportTo(ui::ReportsPage &page, const QString &path, ReportFormat format);

    std::unique_ptr<i18n::TranslationManager> m_translations;
};

void TestReportsScreen::initTestCase()
{
    m_translations = test::startConsoleTest();
    QVERIFY(m_translations);
}

void TestReportsScreen::cleanupTestCase()
{
    test::clearConsoleSettings();
}

std::unique_ptr<ui::ReportsPage> TestReportsScreen::showNovember(test::TestDatabase &fixture, int expectedRows)
{
    ui::ConsoleServices services;
    services.database = fixture.shared();
    services.actor = u"Оксана"_s;
    auto page = std::make_unique<ui::ReportsPage>(services);
    page->setExportMessagesShown(false);
    page->resize(1100, 700);
    page->show();
    if (!page->selectReport(u"bills"_s))
        return nullptr;
    page->parameterForm()->setPeriod(kNov1, kDec1);
    QSignalSpy shown(page.get(), &ui::ReportsPage::reportShown);
    page->run();
    if (!shown.wait(20000) || shown.constFirst().constFirst().toInt() != expectedRows)
        return nullptr;
    return page;
}

qint64 TestReportsScreen::exportTo(ui::ReportsPage &page, const QString &path, ReportFormat format)
{
    page.setExportTargetChooser([path, format](const QString &) {
        return std::optional<ui::ReportsPage::ExportTarget>(ui::ReportsPage::ExportTarget{path, format});
    });
    QSignalSpy finished(&page, &ui::ReportsPage::exportFinished);
    if (!page.exportReport() || !finished.wait(60000) || !finished.constFirst().at(0).toBool())
        return 0;
    return finished.constFirst().at(1).toLongLong();
}

void TestReportsScreen::runBillsReport()
{
    test::TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    Bills bills;
    QVERIFY(bills.make(fixture.db()));

    ui::ConsoleServices services;
    services.database = fixture.shared();
    services.actor = u"Оксана"_s;
    ui::MainWindow window(test::sampleConsoleContext(), m_translations.get(), services);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showScreen(ui::Screen::Reports);
    auto *page = window.findChild<ui::ReportsPage *>();
    QVERIFY(page);
    QVERIFY(page->isVisible());
    QVERIFY(page->reportsModel()->rowCount() >= 1);
    QVERIFY(page->selectReport(u"bills"_s));
    QAbstractItemModelTester tester(page->tableModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    page->parameterForm()->setPeriod(kNov1, kDec1);
    const ReportParameters p = page->parameterForm()->parameters();
    QCOMPARE(p.fromMs, kNov1);
    QCOMPARE(p.toMs, kDec1);

    QSignalSpy shown(page, &ui::ReportsPage::reportShown);
    QTest::mouseClick(page->findChild<QPushButton *>(u"runReportButton"_s), Qt::LeftButton);
    QVERIFY(shown.wait(20000));
    ui::ReportTableModel *model = page->tableModel();
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(model->index(0, 0).data().toString(), bills.n1);
    QCOMPARE(model->index(1, 0).data().toString(), bills.n2);
    QCOMPARE(model->index(2, 0).data().toString(), bills.n3);
    // Energy in kWh, money with its currency, aligned right.
    const QStringList first = [&] {
        QStringList cells;
        for (int c = 0; c < model->columnCount(); ++c)
            cells << model->index(0, c).data().toString();
        return cells;
    }();
    QVERIFY2(first.contains(u"12.000"_s), qPrintable(first.join(u" | "_s)));
    QVERIFY2(first.contains(u"34.80 UAH"_s), qPrintable(first.join(u" | "_s)));
    QVERIFY(!page->parametersText().isEmpty());
    QVERIFY2(page->parametersText().contains(u"2026-11-01"_s), qPrintable(page->parametersText()));
    QCOMPARE(page->statusText(), u"3 of 3 rows shown"_s);
    QVERIFY(!page->hasMore());
    QVERIFY(!page->isChartShown());  // the bills report has no chart
}

void TestReportsScreen::exportCsv()
{
    test::TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    Bills bills;
    QVERIFY(bills.make(fixture.db()));
    auto page = showNovember(fixture, 3);
    QVERIFY(page);

    QTemporaryDir dir;
    const QString path = dir.filePath(u"bills.csv"_s);
    QSignalSpy progressed(page->exporter(), &ui::ReportExporter::progressed);
    const qint64 id = exportTo(*page, path, ReportFormat::Csv);
    QVERIFY2(id > 0, qPrintable(page->statusText()));
    QVERIFY(QFile::exists(path));
    QVERIFY(!QFile::exists(path + u".part"_s));
    const QList<QByteArray> lines = readAll(path).trimmed().split('\n');
    QCOMPARE(lines.size(), 4);  // the header and three bills
    QVERIFY(lines.at(1).contains(bills.n1.toUtf8()));
    QCOMPARE(page->exporter()->lastPercent(), 100);
    QVERIFY(!progressed.isEmpty());
    QCOMPARE(progressed.constLast().at(0).toLongLong(), qlonglong(3));
    QCOMPARE(progressed.constLast().at(1).toLongLong(), qlonglong(3));
    QVERIFY2(page->statusText().contains(QString::number(id)), qPrintable(page->statusText()));
    QVERIFY(page->exporter()->progressDialog()->isHidden());

    // The Exports tab lists it, newest first.
    QTRY_VERIFY_WITH_TIMEOUT(page->exportsTab()->exports().size() == 1, 10000);
    QCOMPARE(page->exportsTab()->exports().constFirst().id, id);
    QCOMPARE(page->exportsTab()->exports().constFirst().rowCount, qint64(3));
}

void TestReportsScreen::cancelExport()
{
    test::TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    test::AnomalySeedPlan plan;
    plan.sessions = 5000;
    plan.stations = 4;
    plan.fromMs = kNov1;
    plan.toMs = kDec1;
    auto seeded = test::seedAnomalyBills(fixture.db(), plan);
    QVERIFY2(seeded.ok(), qPrintable(seeded.error().message));
    auto page = showNovember(fixture, ui::ReportsPage::kPageSize);
    QVERIFY(page);
    QCOMPARE(page->totalRows(), qint64(5000));
    QVERIFY(page->hasMore());
    QCOMPARE(page->statusText(), u"1,000 of 5,000 rows shown"_s);

    // Show more: the next page.
    QSignalSpy appended(page.get(), &ui::ReportsPage::rowsAppended);
    QVERIFY(page->showMore());
    QVERIFY(appended.wait(20000));
    QCOMPARE(page->tableModel()->rowCount(), 2000);

    // Cancelled after the first page (on the export's worker, as Cancel would): no file, no record.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"bills.csv"_s);
    std::atomic<qint64> seen{0};
    page->exporter()->setWorkerHook([&seen](qint64 done, qint64) {
        seen = done;
        return done >= 1000;
    });
    page->setExportTargetChooser([path](const QString &) {
        return std::optional<ui::ReportsPage::ExportTarget>(ui::ReportsPage::ExportTarget{path, ReportFormat::Csv});
    });
    QSignalSpy finished(page.get(), &ui::ReportsPage::exportFinished);
    QVERIFY(page->exportReport());
    QVERIFY(page->exporter()->isRunning());
    QVERIFY(!page->exportReport());  // one at a time
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.constFirst().at(0).toBool(), false);
    QCOMPARE(finished.constFirst().at(2).toString(), ExportJob::cancelledMessage());
    QVERIFY(seen >= 1000 && seen < 5000);
    QVERIFY(!QFile::exists(path));
    QVERIFY(!QFile::exists(path + u".part"_s));
    QVERIFY2(page->statusText().contains(ExportJob::cancelledMessage()), qPrintable(page->statusText()));
    auto listed = ReportExportRepository(fixture.db()).list(10);
    QVERIFY(listed.ok());
    QVERIFY(listed->isEmpty());

    // The Cancel button of the progress dialog does the same.
    page->exporter()->setWorkerHook({});
    finished.clear();
    QVERIFY(page->exportReport());
    auto *cancelButton = page->exporter()->progressDialog()->findChild<QPushButton *>();
    QVERIFY(cancelButton);
    QTest::mouseClick(cancelButton, Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.constFirst().at(0).toBool(), false);
    QVERIFY(!QFile::exists(path));
    QVERIFY(!QFile::exists(path + u".part"_s));
}

void TestReportsScreen::changesSinceExport()
{
    test::TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    Bills bills;
    QVERIFY(bills.make(fixture.db()));
    auto page = showNovember(fixture, 3);
    QVERIFY(page);
    QTemporaryDir dir;
    const qint64 id = exportTo(*page, dir.filePath(u"bills.json"_s), ReportFormat::Json);
    QVERIFY2(id > 0, qPrintable(page->statusText()));

    // A correction after the export: bill version 2 of the second session.
    test::AnomalyFixture f(fixture.db());
    QVERIFY2(f.correct(bills.s2, kDec1 + 7'200'000, 7600, 2280), qPrintable(f.error()));

    page->setCurrentTab(ui::ReportsPage::ExportsTab);
    ui::ReportExportsTab *tab = page->exportsTab();
    QAbstractItemModelTester tester(tab->changesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY_WITH_TIMEOUT(tab->exports().size() == 1, 10000);
    QVERIFY(tab->selectExport(id));
    QSignalSpy shown(tab, &ui::ReportExportsTab::changesShown);
    QTest::mouseClick(tab->findChild<QPushButton *>(u"reportChangesButton"_s), Qt::LeftButton);
    QVERIFY(shown.wait(20000));
    QCOMPARE(shown.constFirst().constFirst().toInt(), 1);
    QCOMPARE(tab->changesModel()->rowCount(), 1);
    QCOMPARE(tab->changesModel()->index(0, 0).data().toString(), ReportChangeText::display(ChangeKind::Changed));
    QCOMPARE(tab->changesModel()->index(0, 1).data().toString(), bills.n2);
    QStringList cells;
    for (int c = 0; c < tab->changesModel()->columnCount(); ++c)
        cells << tab->changesModel()->index(0, c).data().toString();
    QVERIFY2(cells.contains(u"22.80 UAH"_s), qPrintable(cells.join(u" | "_s)));
    QVERIFY2(tab->changesText().contains(u"0 added, 0 removed, 1 changed"_s), qPrintable(tab->changesText()));
    // Then 34.80 + 22.50 + 61.50 = 118.80; now 34.80 + 22.80 + 61.50 = 119.10.
    QVERIFY2(tab->totalsText().contains(u"118.80 UAH"_s), qPrintable(tab->totalsText()));
    QVERIFY2(tab->totalsText().contains(u"119.10 UAH"_s), qPrintable(tab->totalsText()));
}

QTEST_MAIN(TestReportsScreen)
#include "tst_reports.moc"
