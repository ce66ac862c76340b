// Drives the Alerts screen of the real main window offscreen, on alerts the monitor found on a
// network made by the charging service through loopback stations (a faulted connector, a rejected
// remote start): the dashboard's "Open alerts" number opening the list, the list model
// (QAbstractItemModelTester) with its filter, Acknowledge / Assign… / Resolve… through their
// dialogs with the history underneath, and the tray notifier announcing an alert that opens later.

#include "chargingtestsupport.h"

#include "core/alerts/alertmonitor.h"
#include "core/alerts/alertservice.h"
#include "core/i18n/translationmanager.h"
#include "ui/alerts/alertactiondialog.h"
#include "ui/alerts/alertspage.h"
#include "ui/alerts/alerttablemodel.h"
#include "ui/alerts/alerttray.h"
#include "ui/dashboard/dashboardpage.h"
#include "ui/dashboard/dashboardtile.h"
#include "ui/shell/mainwindow.h"
#include "uitestsupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace cd::test;
using cd::alerts::AlertState;
using cd::ui::AlertActionDialog;
using cd::ui::AlertsPage;
using cd::ui::AlertTableModel;
using Figure = cd::ui::DashboardPage::Figure;

namespace {

Answer status(LoopbackLink &link, int connector, const char *state, const char *error = "NoError")
{
    return callFrom(link, u"StatusNotification"_s, {{"connectorId", connector}, {"status", state}, {"errorCode", error}});
}

AlertActionDialog *waitForDialog(QWidget *window)
{
    AlertActionDialog *dialog = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        dialog = window->findChild<AlertActionDialog *>();
        return dialog && dialog->isVisible();
    });
    return shown ? dialog : nullptr;
}

void accept(AlertActionDialog *dialog)
{
    QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
}

}  // namespace

class TestAlerts : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void alertsScreen();

private:
    std::unique_ptr<cd::i18n::TranslationManager> m_translations;
};

void TestAlerts::initTestCase()
{
    m_translations = startConsoleTest();
    QVERIFY(m_translations);
}

void TestAlerts::cleanupTestCase()
{
    clearConsoleSettings();
}

void TestAlerts::alertsScreen()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    QVERIFY(h.addStation(u"ALRT-1"_s) > 0);
    auto &link = h.connect(u"ALRT-1"_s);
    CD_ANSWER_OK(h.boot(link));
    CD_ANSWER_OK(status(link, 1, "Faulted", "GroundFailure"));
    CD_ANSWER_OK(status(link, 2, "Available"));
    h.idle();
    cd::alerts::AlertMonitor monitor(h.fixture.shared(), cd::alerts::AlertSettings{}, 300, h.clock);
    auto pass = monitor.evaluate();
    QVERIFY2(pass.ok(), qPrintable(pass.error().message));
    QCOMPARE(pass->opened.size(), 1);

    cd::ui::ConsoleServices services;
    services.database = h.fixture.shared();
    services.actor = u"Оксана"_s;
    cd::ui::MainWindow window(sampleConsoleContext(), m_translations.get(), services);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // The dashboard counts it; the number opens the list.
    auto *dashboard = window.findChild<cd::ui::DashboardPage *>();
    QVERIFY(dashboard);
    QTRY_COMPARE(dashboard->tile(Figure::OpenAlerts)->value(), u"1"_s);
    QCOMPARE(dashboard->tile(Figure::OpenAlerts)->caption(), u"Open alerts"_s);
    QTest::mouseClick(dashboard->tile(Figure::OpenAlerts), Qt::LeftButton);
    QTRY_COMPARE(window.currentScreen(), cd::ui::Screen::Alerts);

    auto *page = window.findChild<AlertsPage *>();
    QVERIFY(page);
    QAbstractItemModelTester tester(page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester historyTester(page->historyModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(page->show(), AlertsPage::Show::Active);
    QTRY_COMPARE(page->model()->rowCount(), 1);
    const cd::alerts::Alert first = *page->model()->alert(0);
    QCOMPARE(first.kind, cd::alerts::AlertKind::ConnectorFaulted);
    QCOMPARE(page->model()->index(0, AlertTableModel::Kind).data().toString(), u"Fault"_s);
    QCOMPARE(page->model()->index(0, AlertTableModel::Place).data().toString(), u"ALRT-1, connector 1"_s);
    QCOMPARE(page->model()->index(0, AlertTableModel::State).data().toString(), u"Open"_s);
    QVERIFY(page->model()->index(0, AlertTableModel::Details).data().toString().contains(u"GroundFailure"_s));

    // Select it: its history (opened) underneath.
    QSignalSpy detail(page, &AlertsPage::detailLoaded);
    QVERIFY(page->selectAlert(first.id));
    QTRY_COMPARE(page->historyModel()->rowCount(), 1);
    QCOMPARE(page->historyModel()->index(0, cd::ui::AlertHistoryModel::Action).data().toString(), u"Opened"_s);
    auto *acknowledge = window.findChild<QPushButton *>(u"acknowledgeButton"_s);
    auto *assign = window.findChild<QPushButton *>(u"assignButton"_s);
    auto *resolve = window.findChild<QPushButton *>(u"resolveButton"_s);
    QVERIFY(acknowledge && assign && resolve);
    QVERIFY(acknowledge->isEnabled() && assign->isEnabled() && resolve->isEnabled());

    // Acknowledge.
    QSignalSpy finished(page, &AlertsPage::actionFinished);
    QTest::mouseClick(acknowledge, Qt::LeftButton);
    AlertActionDialog *dialog = waitForDialog(&window);
    QVERIFY(dialog);
    QCOMPARE(dialog->action(), AlertActionDialog::Action::Acknowledge);
    dialog->setNote(u"Calling the site"_s);
    accept(dialog);
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY(finished.at(0).at(0).toBool());
    QTRY_COMPARE(page->model()->index(0, AlertTableModel::State).data().toString(), u"Acknowledged"_s);
    QTRY_COMPARE(page->historyModel()->rowCount(), 2);
    QVERIFY(!acknowledge->isEnabled());

    // Assign.
    QTest::mouseClick(assign, Qt::LeftButton);
    dialog = waitForDialog(&window);
    QVERIFY(dialog);
    QCOMPARE(dialog->action(), AlertActionDialog::Action::Assign);
    dialog->setAssignee(u"Тарас"_s);
    accept(dialog);
    QTRY_COMPARE(finished.size(), 2);
    QTRY_COMPARE(page->model()->index(0, AlertTableModel::Assignee).data().toString(), u"Тарас"_s);

    // Resolve: not without a note.
    QTest::mouseClick(resolve, Qt::LeftButton);
    dialog = waitForDialog(&window);
    QVERIFY(dialog);
    QVERIFY(!dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
    dialog->setNote(u"Replaced the RCD"_s);
    accept(dialog);
    QTRY_COMPARE(finished.size(), 3);
    // Resolved alerts leave the default list; "All" shows it with its whole history.
    QTRY_COMPARE(page->model()->rowCount(), 0);
    page->setShow(AlertsPage::Show::All);
    QTRY_COMPARE(page->model()->rowCount(), 1);
    QCOMPARE(page->model()->index(0, AlertTableModel::State).data().toString(), u"Resolved"_s);
    QVERIFY(page->selectAlert(first.id));
    QTRY_COMPARE(page->historyModel()->rowCount(), 4);
    QCOMPARE(page->historyModel()->index(3, cd::ui::AlertHistoryModel::Actor).data().toString(), u"Оксана"_s);
    QCOMPARE(page->historyModel()->index(3, cd::ui::AlertHistoryModel::Note).data().toString(), u"Replaced the RCD"_s);
    QVERIFY(!resolve->isEnabled());
    auto detailOf = cd::alerts::AlertService(h.db()).detail(first.id);
    QVERIFY(detailOf.ok());
    QCOMPARE(detailOf->alert.resolvedBy, u"Оксана"_s);
    QCOMPARE(detailOf->alert.assignee, u"Тарас"_s);

    // A new alert while the console runs: the tray notifier hears of it.
    auto *tray = window.findChild<cd::ui::AlertTray *>();
    QVERIFY(tray);
    QSignalSpy announced(tray, &cd::ui::AlertTray::alertsOpened);
    tray->poll();
    QTest::qWait(200);
    CD_ANSWER_OK(status(link, 2, "Faulted", "HighTemperature"));
    h.idle();
    QVERIFY(monitor.evaluate().ok());
    QTRY_VERIFY_WITH_TIMEOUT([&] {
        tray->poll();
        return !announced.isEmpty();
    }(), 10000);
    const auto fresh = announced.constLast().at(0).value<QList<cd::alerts::Alert>>();
    QCOMPARE(fresh.size(), 1);
    QCOMPARE(fresh.first().connectorId, std::optional<int>(2));
    QTRY_COMPARE(page->model()->rowCount(), 2);
}

QTEST_MAIN(TestAlerts)
#include "tst_alerts.moc"
