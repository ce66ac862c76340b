// Drives the Dashboard of the real main window offscreen on a network made by the charging
// service through loopback stations: the numbers (stations online, offline, faulted, charging;
// sessions, energy and amount today), their live update, and each number opening the list behind
// it — the Stations screen narrowed to the same stations, the Operations screen's Today list.

#include "chargingtestsupport.h"

#include "core/charging/sessiontimeline.h"
#include "core/i18n/translationmanager.h"
#include "ui/dashboard/dashboardpage.h"
#include "ui/dashboard/dashboardtile.h"
#include "ui/operations/operationspage.h"
#include "ui/operations/sessiontablemodel.h"
#include "ui/shell/appearance.h"
#include "ui/shell/mainwindow.h"
#include "ui/stations/stationspage.h"
#include "ui/stations/stationtablemodel.h"
#include "uitestsupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace cd::test;
using cd::ui::DashboardPage;
using cd::ui::DashboardTile;
using Figure = cd::ui::DashboardPage::Figure;
using Show = cd::ui::StationFilterProxy::Show;

namespace {

Answer status(LoopbackLink &link, int connector, const char *state, const char *error = "NoError")
{
    return callFrom(link, u"StatusNotification"_s, {{"connectorId", connector}, {"status", state}, {"errorCode", error}});
}

qint64 startOn(LoopbackLink &link, int connector, qint64 meterStart, qint64 atMs)
{
    const Answer a = callFrom(link, u"StartTransaction"_s,
                              {{"connectorId", connector}, {"idTag", "CARD-D"}, {"meterStart", meterStart}, {"timestamp", iso(atMs)}});
    return a.ok ? a.payload["transactionId"].get<qint64>() : -1;
}

QStringList shownStations(QTableView *table)
{
    QStringList ids;
    for (int row = 0; row < table->model()->rowCount(); ++row)
        ids << table->model()->index(row, 0).data(cd::ui::StationTableModel::StationIdRole).toString();
    ids.sort();
    return ids;
}

}  // namespace

class TestDashboard : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void numbersOpenTheirLists();

private:
    std::unique_ptr<cd::i18n::TranslationManager> m_translations;
};

void TestDashboard::initTestCase()
{
    m_translations = startConsoleTest();
    QVERIFY(m_translations);
}

void TestDashboard::cleanupTestCase()
{
    clearConsoleSettings();
}

void TestDashboard::numbersOpenTheirLists()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    // "Today" is the operator's day: the sessions happen now.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    h.clock.setNowMs(now);
    for (const QString &id : {u"DASH-CHG"_s, u"DASH-FLT"_s, u"DASH-IDLE"_s, u"DASH-OFF"_s})
        QVERIFY(h.addStation(id) > 0);
    h.addTag(u"CARD-D"_s, u"Accepted"_s, std::nullopt, 5);
    auto &chg = h.connect(u"DASH-CHG"_s);
    CD_ANSWER_OK(h.boot(chg));
    QVERIFY(startOn(chg, 1, 1000, now) > 0);
    CD_ANSWER_OK(status(chg, 1, "Charging"));
    auto &flt = h.connect(u"DASH-FLT"_s);
    CD_ANSWER_OK(h.boot(flt));
    CD_ANSWER_OK(status(flt, 1, "Faulted", "GroundFailure"));
    auto &idle = h.connect(u"DASH-IDLE"_s);
    CD_ANSWER_OK(h.boot(idle));
    h.idle();

    cd::ui::ConsoleServices services;
    services.database = h.fixture.shared();
    services.actor = u"console:test"_s;
    cd::ui::MainWindow window(sampleConsoleContext(), m_translations.get(), services);
    window.resize(1280, 800);
    window.show();
    QCOMPARE(window.currentScreen(), cd::ui::Screen::Dashboard);  // the first screen
    auto *dashboard = window.findChild<DashboardPage *>();
    QVERIFY(dashboard);
    QVERIFY(dashboard->isVisible());
    auto value = [dashboard](Figure figure) { return dashboard->tile(figure)->value(); };

    QTRY_COMPARE(value(Figure::Online), u"3"_s);
    QCOMPARE(value(Figure::Offline), u"1"_s);
    QCOMPARE(value(Figure::Faulted), u"1"_s);
    QCOMPARE(value(Figure::Charging), u"1"_s);
    QCOMPARE(value(Figure::SessionsToday), u"1"_s);
    QCOMPARE(value(Figure::EnergyToday), cd::charging::SessionTimeline::energyText(0));
    QCOMPARE(value(Figure::AnomalyBills), u"0"_s);
    QCOMPARE(dashboard->tile(Figure::Online)->detail(), u"of 4 stations"_s);
    QCOMPARE(dashboard->tile(Figure::Faulted)->caption(), u"Faulted"_s);
    QVERIFY(dashboard->tile(Figure::Faulted)->accessibleName().contains(u"Faulted: 1"_s));

    // Live: a second session and 4.2 kWh arrive; the numbers follow without a click.
    auto &more = idle;
    const qint64 tx = startOn(more, 1, 500, now + 1000);
    QVERIFY(tx > 0);
    CD_ANSWER_OK(status(more, 1, "Charging"));
    CD_ANSWER_OK(callFrom(more, u"MeterValues"_s,
                          {{"connectorId", 1},
                           {"transactionId", tx},
                           {"meterValue", json::array({{{"timestamp", iso(now + 60000)},
                                                        {"sampledValue", json::array({{{"value", "4700"},
                                                                                        {"measurand", "Energy.Active.Import.Register"},
                                                                                        {"unit", "Wh"}}})}}})}}));
    h.idle();
    QTRY_COMPARE_WITH_TIMEOUT(value(Figure::SessionsToday), u"2"_s, 10000);
    QCOMPARE(value(Figure::Charging), u"2"_s);
    QCOMPARE(dashboard->figures().energyTodayWh, 4200);
    QCOMPARE(value(Figure::EnergyToday), cd::charging::SessionTimeline::energyText(4200));

    // Each number opens the list behind it.
    auto *stations = window.findChild<cd::ui::StationsPage *>();
    auto *stationTable = window.findChild<QTableView *>(u"stationTable"_s);
    auto *show = window.findChild<QComboBox *>(u"stationShow"_s);
    QVERIFY(stations && stationTable && show);
    QAbstractItemModelTester proxyTester(stationTable->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);

    QTest::mouseClick(dashboard->tile(Figure::Faulted), Qt::LeftButton);
    QCOMPARE(window.currentScreen(), cd::ui::Screen::Stations);
    QCOMPARE(stations->shownStations(), Show::Faulted);
    QCOMPARE(show->currentIndex(), int(Show::Faulted));
    QTRY_COMPARE(shownStations(stationTable), QStringList{u"DASH-FLT"_s});

    window.showScreen(cd::ui::Screen::Dashboard);
    QTest::mouseClick(dashboard->tile(Figure::Offline), Qt::LeftButton);
    QCOMPARE(window.currentScreen(), cd::ui::Screen::Stations);
    QTRY_COMPARE(shownStations(stationTable), QStringList{u"DASH-OFF"_s});

    window.showScreen(cd::ui::Screen::Dashboard);
    QTest::mouseClick(dashboard->tile(Figure::Charging), Qt::LeftButton);
    QTRY_COMPARE(shownStations(stationTable), (QStringList{u"DASH-CHG"_s, u"DASH-IDLE"_s}));

    // With the keyboard: focus the tile, press Space.
    window.showScreen(cd::ui::Screen::Dashboard);
    dashboard->tile(Figure::Online)->setFocus();
    QTest::keyClick(dashboard->tile(Figure::Online), Qt::Key_Space);
    QCOMPARE(window.currentScreen(), cd::ui::Screen::Stations);
    QTRY_COMPARE(shownStations(stationTable), (QStringList{u"DASH-CHG"_s, u"DASH-FLT"_s, u"DASH-IDLE"_s}));
    // The operator widens it again from the Stations screen itself.
    show->setCurrentIndex(int(Show::All));
    QTRY_COMPARE(stationTable->model()->rowCount(), 4);

    window.showScreen(cd::ui::Screen::Dashboard);
    QTest::mouseClick(dashboard->tile(Figure::SessionsToday), Qt::LeftButton);
    QCOMPARE(window.currentScreen(), cd::ui::Screen::Operations);
    auto *operations = window.findChild<cd::ui::OperationsPage *>();
    QVERIFY(operations);
    QCOMPARE(operations->currentTab(), cd::ui::OperationsPage::Today);
    QTRY_COMPARE(operations->model()->rowCount(), 2);

    window.showScreen(cd::ui::Screen::Dashboard);
    QTest::mouseClick(dashboard->tile(Figure::AnomalyBills), Qt::LeftButton);
    QCOMPARE(window.currentScreen(), cd::ui::Screen::AnomalyBills);
}

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
