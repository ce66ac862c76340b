// Drives the Anomaly bills screen of the real main window offscreen, over generated anomaly bills
// (support/anomalybillseeder.h) on SQLCipher: the dashboard's figure opening it, the paged list
// (QAbstractItemModelTester) loading the next page on demand, every filter, server-side sorting,
// the selected bill's anomalies, bulk selection (check boxes, Space on highlighted rows, "Select
// all matching" minus the ones unticked) and correctRequested with exactly the chosen bills, the
// Statistics tab against the core numbers, and its CSV export (directly and through the file
// dialog) read back.

#include "core/anomalies/anomalybillqueries.h"
#include "core/anomalies/anomalycode.h"
#include "core/anomalies/anomalystatistics.h"
#include "core/i18n/translationmanager.h"
#include "support/anomalybillseeder.h"
#include "support/testdatabase.h"
#include "ui/anomalies/anomalybilldetail.h"
#include "ui/anomalies/anomalybillspage.h"
#include "ui/anomalies/anomalybilltablemodel.h"
#include "ui/anomalies/anomalyfilterbar.h"
#include "ui/anomalies/anomalystatisticsmodel.h"
#include "ui/anomalies/anomalystatisticsview.h"
#include "ui/dashboard/dashboardpage.h"
#include "ui/dashboard/dashboardtile.h"
#include "ui/shell/mainwindow.h"
#include "uitestsupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace cd::anomalies;
using cd::ui::AnomalyBillsPage;
using cd::ui::AnomalyBillTableModel;
using Figure = cd::ui::DashboardPage::Figure;

namespace {

constexpr qint64 kDay = 86'400'000;

}  // namespace

class TestAnomalyBills : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void anomalyBillsScreen();

private:
    std::unique_ptr<cd::i18n::TranslationManager> m_translations;
};

void TestAnomalyBills::initTestCase()
{
    m_translations = cd::test::startConsoleTest();
    QVERIFY(m_translations);
}

void TestAnomalyBills::cleanupTestCase()
{
    cd::test::clearConsoleSettings();
}

void TestAnomalyBills::anomalyBillsScreen()
{
    cd::test::TestDatabase fx;
    CD_REQUIRE_DB(fx);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    cd::test::AnomalySeedPlan plan;
    plan.stations = 6;
    plan.sessions = 1500;
    plan.anomalyPerMille = 400;
    plan.resolvedPerMille = 100;
    plan.fromMs = now - 90 * kDay;
    plan.toMs = now - kDay;
    auto seeded = cd::test::seedAnomalyBills(fx.db(), plan);
    QVERIFY2(seeded.ok(), qPrintable(seeded.error().message));
    QVERIFY(seeded->openBills > 400);
    const AnomalyBillQueries core(fx.db());

    cd::ui::ConsoleServices services;
    services.database = fx.shared();
    services.actor = u"Оксана"_s;
    cd::ui::MainWindow window(cd::test::sampleConsoleContext(), m_translations.get(), services);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // The dashboard counts the open anomaly bills; the figure opens the screen.
    auto *dashboard = window.findChild<cd::ui::DashboardPage *>();
    QVERIFY(dashboard);
    QTRY_COMPARE(dashboard->tile(Figure::AnomalyBills)->value(), QLocale().toString(seeded->openBills));
    QTest::mouseClick(dashboard->tile(Figure::AnomalyBills), Qt::LeftButton);
    QTRY_COMPARE(window.currentScreen(), cd::ui::Screen::AnomalyBills);
    AnomalyBillsPage *page = window.anomalyBillsPage();
    QVERIFY(page);
    QCOMPARE(window.findChild<AnomalyBillsPage *>(), page);
    // The wizard behind correctRequested is the correction wizard's test; here only the signal counts.
    QVERIFY(QObject::disconnect(page, &AnomalyBillsPage::correctRequested, &window, nullptr));
    AnomalyBillTableModel *model = page->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester statisticsTester(page->statistics()->model(),
                                              QAbstractItemModelTester::FailureReportingMode::QtTest);

    // The first page, the count, and the next page when the view asks for it.
    QTRY_COMPARE(page->matchingCount(), seeded->openBills);
    QTRY_VERIFY(model->rowCount() >= 200);  // the view may already have asked for the next page
    QVERIFY(model->hasMore() || model->rowCount() > 200);
    auto *summary = window.findChild<QLabel *>(u"anomalySummary"_s);
    QVERIFY(summary);
    QCOMPARE(summary->text(), u"%1 bills match"_s.arg(QLocale().toString(seeded->openBills)));
    for (int i = 1; i < model->rowCount(); ++i)
        QVERIFY(model->row(i - 1)->sessionId > model->row(i)->sessionId);  // newest first
    if (model->canFetchMore())
        model->fetchMore();
    QTRY_VERIFY(model->rowCount() >= 400);
    QSet<qint64> sessions;
    for (int i = 0; i < model->rowCount(); ++i) {
        QVERIFY(model->row(i)->open);
        sessions.insert(model->row(i)->sessionId);
    }
    QCOMPARE(sessions.size(), model->rowCount());  // no row twice across the pages

    // The selected bill: its anomalies and what the detector saw.
    QSignalSpy detail(page, &AnomalyBillsPage::detailLoaded);
    const AnomalyBillRow first = *model->row(0);
    QVERIFY(page->selectSession(first.sessionId));
    QTRY_VERIFY(!detail.isEmpty());
    QCOMPARE(detail.last().at(0).toLongLong(), first.sessionId);
    QVERIFY(page->detail()->anomaliesText().contains(anomalyCodeText(first.codes.first())));
    QVERIFY(page->detail()->anomaliesText().contains(first.anomalies.first().detail));
    QCOMPARE(page->currentBill(), first.billId);

    // Correct… with nothing ticked: the highlighted bill.
    QSignalSpy correct(page, &AnomalyBillsPage::correctRequested);
    auto *correctButton = window.findChild<QPushButton *>(u"correctButton"_s);
    QVERIFY(correctButton && correctButton->isEnabled());
    QTest::mouseClick(correctButton, Qt::LeftButton);
    QCOMPARE(correct.size(), 1);
    QCOMPARE(correct.takeFirst().at(0).value<QList<qint64>>(), QList<qint64>{first.billId});

    // Ticking two bills, then Space on three highlighted rows.
    const qint64 b3 = model->row(3)->billId;
    const qint64 b5 = model->row(5)->billId;
    QVERIFY(model->setData(model->index(3, AnomalyBillTableModel::Session), Qt::Checked, Qt::CheckStateRole));
    QVERIFY(model->setData(model->index(5, AnomalyBillTableModel::Session), Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(page->selectedCount(), 2LL);
    QVERIFY(summary->text().endsWith(u" · 2 selected"_s));
    QTest::mouseClick(correctButton, Qt::LeftButton);
    QCOMPARE(correct.size(), 1);
    QCOMPARE(correct.takeFirst().at(0).value<QList<qint64>>(), (QList<qint64>{b3, b5}));
    QTableView *table = page->table();
    table->setFocus();
    table->selectionModel()->select(QItemSelection(model->index(7, 0), model->index(9, AnomalyBillTableModel::ColumnCount - 1)),
                                    QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QTest::keyClick(table, Qt::Key_Space);
    QCOMPARE(page->selectedCount(), 5LL);
    QVERIFY(model->isChecked(model->row(8)->billId));
    auto *clear = window.findChild<QPushButton *>(u"clearSelectionButton"_s);
    QTest::mouseClick(clear, Qt::LeftButton);
    QCOMPARE(page->selectedCount(), 0LL);

    // Select all matching: every open bill, loaded or not, minus the one unticked.
    auto *selectAll = window.findChild<QPushButton *>(u"selectAllMatchingButton"_s);
    QVERIFY(selectAll && selectAll->isEnabled());
    QTest::mouseClick(selectAll, Qt::LeftButton);
    QCOMPARE(page->selectedCount(), seeded->openBills);
    QVERIFY(summary->text().endsWith(u" · all selected"_s));
    QVERIFY(!selectAll->isEnabled());
    QCOMPARE(model->index(399, AnomalyBillTableModel::Session).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    const qint64 unticked = model->row(2)->billId;
    QVERIFY(model->setData(model->index(2, AnomalyBillTableModel::Session), Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(page->selectedCount(), seeded->openBills - 1);
    QTest::mouseClick(correctButton, Qt::LeftButton);
    QTRY_COMPARE(correct.size(), 1);
    const QList<qint64> chosen = correct.takeFirst().at(0).value<QList<qint64>>();
    QCOMPARE(qint64(chosen.size()), seeded->openBills - 1);
    QVERIFY(!chosen.contains(unticked));
    QList<qint64> expected = *core.billIds({});
    expected.removeAll(unticked);
    QCOMPARE(chosen, expected);

    // Filters: a code (the selection goes with the old filter).
    cd::ui::AnomalyFilterBar *filters = page->filterBar();
    filters->setCodes({8});
    QCOMPARE(page->selectedCount(), 0LL);
    AnomalyBillFilter code8;
    code8.codes = {8};
    QTRY_COMPARE(page->matchingCount(), *core.count(code8));
    QTRY_VERIFY(model->rowCount() > 0);
    for (int i = 0; i < model->rowCount(); ++i)
        QVERIFY(model->row(i)->codes.contains(8));
    // … and a station (both apply).
    const QString station = u"SEED-0002"_s;
    filters->setStation(station);
    AnomalyBillFilter code8AtStation = code8;
    code8AtStation.chargePointId = station;
    QTRY_COMPARE(page->matchingCount(), *core.count(code8AtStation));
    QTRY_COMPARE(model->rowCount(), int(std::min<qint64>(200, page->matchingCount())));
    for (int i = 0; i < model->rowCount(); ++i)
        QCOMPARE(model->row(i)->chargePointId, station);
    filters->setCodes({});
    filters->setStation({});
    // Firmware.
    filters->setFirmware(u"1.2.0"_s);
    AnomalyBillFilter firmware;
    firmware.firmware = u"1.2.0"_s;
    QTRY_COMPARE(page->matchingCount(), *core.count(firmware));
    QTRY_VERIFY(model->rowCount() > 0);
    QCOMPARE(model->row(0)->firmware, u"1.2.0"_s);
    filters->setFirmware({});
    // Corrected ones.
    filters->setStatus(AnomalyStatus::Resolved);
    QTRY_COMPARE(page->matchingCount(), seeded->anomalyBills - seeded->openBills);
    QTRY_VERIFY(model->rowCount() > 0 && !model->row(0)->open);
    QCOMPARE(model->row(0)->billVersion, 2);
    filters->setStatus(AnomalyStatus::Open);
    // A period: the last 30 days up to yesterday.
    const QDate today = QDate::currentDate();
    filters->setCustomPeriod(today.addDays(-30), today.addDays(-1));
    AnomalyBillFilter period;
    period.startedFromMs = today.addDays(-30).startOfDay().toMSecsSinceEpoch();
    period.startedToMs = today.startOfDay().toMSecsSinceEpoch();
    QTRY_COMPARE(page->matchingCount(), *core.count(period));
    QTRY_VERIFY(model->rowCount() > 0);
    for (int i = 0; i < model->rowCount(); ++i)
        QVERIFY(*model->row(i)->startedMs >= *period.startedFromMs && *model->row(i)->startedMs < *period.startedToMs);
    filters->setPeriod(cd::ui::AnomalyFilterBar::Period::AnyTime);
    // A session number.
    QTRY_COMPARE(page->matchingCount(), seeded->openBills);
    QTRY_VERIFY(model->rowCount() > 10);
    const AnomalyBillRow wanted = *model->row(10);
    filters->setSearch(wanted.sessionNumber);
    QTRY_COMPARE(model->rowCount(), 1);
    QCOMPARE(model->row(0)->sessionId, wanted.sessionId);
    QTRY_COMPARE(page->matchingCount(), 1LL);
    filters->setSearch({});
    QTRY_COMPARE(page->matchingCount(), seeded->openBills);

    // Sorted on the server by total, highest first, also across pages.
    QTRY_VERIFY(model->rowCount() >= 200);
    QSignalSpy loaded(page, &AnomalyBillsPage::loaded);
    table->sortByColumn(AnomalyBillTableModel::Total, Qt::DescendingOrder);
    QTRY_COMPARE(loaded.size(), 1);
    QVERIFY(model->rowCount() >= 200);
    if (model->canFetchMore())
        model->fetchMore();
    QTRY_VERIFY(model->rowCount() >= 400);
    for (int i = 1; i < model->rowCount(); ++i)
        QVERIFY(model->row(i - 1)->totalMinor >= model->row(i)->totalMinor);
    // A column the server does not sort by keeps the order shown.
    table->sortByColumn(AnomalyBillTableModel::Codes, Qt::AscendingOrder);
    QCOMPARE(table->horizontalHeader()->sortIndicatorSection(), int(AnomalyBillTableModel::Total));

    // Statistics: the same numbers as core, by month and by day.
    page->setCurrentTab(AnomalyBillsPage::StatisticsTab);
    cd::ui::AnomalyStatisticsView *statistics = page->statistics();
    QTRY_VERIFY_WITH_TIMEOUT(!statistics->isLoading() && statistics->model()->rowCount() > 0, 30000);
    auto month = AnomalyStatisticsQuery(fx.db()).compute({}, StatisticsPeriod::Month);
    QVERIFY(month.ok());
    QCOMPARE(statistics->model()->rowCount(), int(month->rows.size()));
    QCOMPARE(statistics->model()->statistics().anomalyBills, seeded->openBills);
    QSignalSpy statisticsLoaded(statistics, &cd::ui::AnomalyStatisticsView::loaded);
    statistics->setPeriod(StatisticsPeriod::Day);
    QTRY_COMPARE(statisticsLoaded.size(), 1);
    auto day = AnomalyStatisticsQuery(fx.db()).compute({}, StatisticsPeriod::Day);
    QVERIFY(day.ok());
    QCOMPARE(statistics->model()->rowCount(), int(day->rows.size()));
    const AnomalyStatisticsRow top = day->rows.first();
    const QModelIndex shareIndex = statistics->model()->index(0, cd::ui::AnomalyStatisticsModel::Share);
    QCOMPARE(shareIndex.data(cd::ui::AnomalyStatisticsModel::SortRole).toLongLong(), top.shareBasisPoints());
    QCOMPARE(statistics->model()->index(0, cd::ui::AnomalyStatisticsModel::Station).data().toString(), top.chargePointId);

    // Export CSV: straight to a file, then through the dialog; read back.
    QTemporaryDir dir;
    QSignalSpy exported(statistics, &cd::ui::AnomalyStatisticsView::exportFinished);
    const QString path = dir.filePath(u"day.csv"_s);
    QVERIFY(statistics->exportCsv(path));
    QTRY_COMPARE(exported.size(), 1);
    QVERIFY2(exported.first().at(0).toBool(), qPrintable(exported.first().at(1).toString()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll().mid(3)).split(u"\r\n"_s, Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + statistics->model()->rowCount());
    QVERIFY(lines.at(0).startsWith(u"period,period_start,code,anomaly,station"_s));
    QCOMPARE(lines.at(1).section(u',', 0, 0), AnomalyStatisticsQuery::periodLabel(top.periodStart, StatisticsPeriod::Day));
    QCOMPARE(lines.at(1).section(u',', 2, 2), QString::number(top.code));
    QCOMPARE(lines.at(1).section(u',', -3, -1),
             u"%1,%2,%3"_s.arg(top.anomalyBills).arg(top.sessions).arg(basisPointsText(top.shareBasisPoints())));
    auto *exportButton = window.findChild<QPushButton *>(u"statisticsExportButton"_s);
    QVERIFY(exportButton && exportButton->isEnabled());
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QFileDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<QFileDialog *>(u"statisticsExportDialog"_s)) && dialog->isVisible());
    const QString viaDialog = dir.filePath(u"via-dialog.csv"_s);
    dialog->selectFile(viaDialog);
    static_cast<QDialog *>(dialog)->accept();  // QFileDialog::accept() is protected; QDialog::accept() is not
    QTRY_COMPARE(exported.size(), 2);
    QVERIFY(exported.last().at(0).toBool());
    QFile second(viaDialog);
    QVERIFY(second.open(QIODevice::ReadOnly));
    QCOMPARE(second.readAll(), [&] {
        QFile f(path);
        f.open(QIODevice::ReadOnly);
        return f.readAll();
    }());

    // A filter change while the tab is shown counts again.
    statisticsLoaded.clear();
    filters->setCodes({6});
    QTRY_COMPARE(statisticsLoaded.size(), 1);
    for (int i = 0; i < statistics->model()->rowCount(); ++i)
        QCOMPARE(statistics->model()->statistics().rows.at(i).code, 6);
}

QTEST_MAIN(TestAnomalyBills)
#include "tst_anomaly_bills.moc"
