// Drives the Chart tab of the Operations screen (real main window, offscreen) on real sessions
// made by the charging service through a loopback station: series and values, the legend
// toggles, live growth without losing the zoom, rubber band, wheel, double-click and button
// resets, the hover callout, finished sessions and the empty states.

#include "chargingtestsupport.h"

#include "core/i18n/translationmanager.h"
#include "ui/charts/sessionchart.h"
#include "ui/charts/sessionchartview.h"
#include "ui/operations/operationspage.h"
#include "ui/operations/sessionlogmodel.h"
#include "ui/operations/sessiontablemodel.h"
#include "ui/shell/appearance.h"
#include "ui/shell/mainwindow.h"
#include "ui/widgets/timetext.h"
#include "uitestsupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QMouseEvent>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QTimeZone>
#include <QToolButton>
#include <QValueAxis>
#include <QWheelEvent>

#include <memory>

using namespace Qt::StringLiterals;
using namespace cd::test;
using cd::charging::ChartQuantity;
using cd::ui::OperationsPage;
using cd::ui::SessionChart;
using cd::ui::SessionChartView;

namespace {

constexpr qint64 kMinute = 60 * 1000;
const QString kPower = u"Power.Active.Import"_s;
const QString kEnergy = u"Energy.Active.Import.Register"_s;

qint64 startOn(LoopbackLink &link, int connector, const char *tag, qint64 meterStart, qint64 atMs)
{
    const Answer a = callFrom(link, u"StartTransaction"_s,
                              {{"connectorId", connector}, {"idTag", tag}, {"meterStart", meterStart}, {"timestamp", iso(atMs)}});
    return a.ok ? a.payload["transactionId"].get<qint64>() : -1;
}

// Register, power (kW), three phase currents and voltages, SoC.
json meterValues(int connector, qint64 tx, qint64 atMs, qint64 registerWh, double powerKw, int soc)
{
    json sampled = json::array();
    sampled.push_back({{"value", std::to_string(registerWh)}, {"measurand", "Energy.Active.Import.Register"}, {"unit", "Wh"}});
    sampled.push_back({{"value", QString::number(powerKw, 'f', 1).toStdString()}, {"measurand", "Power.Active.Import"}, {"unit", "kW"}});
    const char *phases[] = {"L1", "L2", "L3"};
    const char *voltages[] = {"L1-N", "L2-N", "L3-N"};
    for (int i = 0; i < 3; ++i) {
        sampled.push_back({{"value", "16.0"}, {"measurand", "Current.Import"}, {"phase", phases[i]}, {"unit", "A"}});
        sampled.push_back({{"value", std::to_string(229 + i)}, {"measurand", "Voltage"}, {"phase", voltages[i]}, {"unit", "V"}});
    }
    sampled.push_back({{"value", std::to_string(soc)}, {"measurand", "SoC"}, {"location", "EV"}, {"unit", "Percent"}});
    return {{"connectorId", connector},
            {"transactionId", tx},
            {"meterValue", json::array({{{"timestamp", iso(atMs)}, {"sampledValue", sampled}}})}};
}

void sendMouse(QWidget *target, QEvent::Type type, const QPoint &pos, Qt::MouseButton button, Qt::MouseButtons buttons)
{
    QMouseEvent event(type, QPointF(pos), target->mapToGlobal(QPointF(pos)), button, buttons, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &event);
}

qint64 ms(const QDateTime &t)
{
    return t.toMSecsSinceEpoch();
}

}  // namespace

class TestSessionChart : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void chartOfSessions();

private:
    std::unique_ptr<cd::i18n::TranslationManager> m_translations;
};

void TestSessionChart::initTestCase()
{
    m_translations = startConsoleTest();
    QVERIFY(m_translations);
}

void TestSessionChart::cleanupTestCase()
{
    clearConsoleSettings();
}

void TestSessionChart::chartOfSessions()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(u"CHART-1"_s);
    h.addTag(u"CARD"_s, u"Accepted"_s, std::nullopt, 5);
    auto &link = h.connect(u"CHART-1"_s);
    CD_ANSWER_OK(h.boot(link));

    // 1: running, three samples a minute apart. 2: finished with two samples. 3: running, no values yet.
    const qint64 liveTx = startOn(link, 1, "CARD", 1000, kT0);
    for (int i = 0; i < 3; ++i) {
        h.clock.advanceMs(kMinute);
        CD_ANSWER_OK(callFrom(link, u"MeterValues"_s, meterValues(1, liveTx, kT0 + (i + 1) * kMinute, 1000 + 200 * i, 7.2 + i, 40 + i)));
    }
    const qint64 doneTx = startOn(link, 2, "CARD", 5000, kT0 + kMinute);
    CD_ANSWER_OK(callFrom(link, u"MeterValues"_s, meterValues(2, doneTx, kT0 + 2 * kMinute, 5100, 3.0, 70)));
    CD_ANSWER_OK(callFrom(link, u"MeterValues"_s, meterValues(2, doneTx, kT0 + 3 * kMinute, 5300, 3.5, 72)));
    CD_ANSWER_OK(callFrom(link, u"StopTransaction"_s,
                          {{"transactionId", doneTx}, {"meterStop", 5300}, {"timestamp", iso(kT0 + 4 * kMinute)}}));
    const qint64 quietTx = startOn(link, 3, "CARD", 0, kT0 + 3 * kMinute);
    h.idle();
    QVERIFY(liveTx > 0 && doneTx > 0 && quietTx > 0);
    auto sessionOf = [&](qint64 tx) {
        return h.scalar(u"SELECT id FROM sessions WHERE ocpp_transaction_id = ?"_s, {QString::number(tx)}).toLongLong();
    };
    const qint64 liveId = sessionOf(liveTx);
    const qint64 doneId = sessionOf(doneTx);
    const qint64 quietId = sessionOf(quietTx);

    cd::ui::ConsoleServices services;
    services.database = h.fixture.shared();
    services.actor = u"console:test"_s;
    cd::ui::MainWindow window(sampleConsoleContext(), m_translations.get(), services);
    window.resize(1280, 800);
    window.show();
    window.showScreen(cd::ui::Screen::Operations);
    auto *page = window.findChild<OperationsPage *>();
    QVERIFY(page);
    QAbstractItemModelTester modelTester(page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester logTester(page->logModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 3, 15000);

    auto *tabs = window.findChild<QTabWidget *>(u"sessionDetailTabs"_s);
    QVERIFY(tabs);
    QCOMPARE(tabs->count(), 2);
    QCOMPARE(tabs->tabText(0), u"Session log"_s);
    QCOMPARE(tabs->tabText(1), u"Chart"_s);
    SessionChart *chart = page->chart();
    QVERIFY(chart);
    QVERIFY(!chart->isVisible());  // the log is the first tab
    QVERIFY(chart->isEmptyStateShown());
    QVERIFY(chart->emptyText().startsWith(u"Select a session"_s));

    auto select = [&](qint64 id) {
        QSignalSpy loaded(page, &OperationsPage::detailLoaded);
        if (!page->selectSession(id))
            return false;
        while (loaded.wait(10000)) {
            if (loaded.last().at(0).toLongLong() == id)
                return true;
        }
        return false;
    };
    QVERIFY(select(liveId));
    QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(1).center());
    QCOMPARE(tabs->currentIndex(), 1);
    QVERIFY(chart->isVisible());
    QVERIFY(!chart->isEmptyStateShown());
    SessionChartView *view = chart->view();
    QVERIFY(view->isVisible());

    // Nine series: power, energy, three currents, three voltages, SoC.
    QCOMPARE(view->data().series.size(), 9);
    QLineSeries *power = view->lineSeries(kPower);
    QLineSeries *energy = view->lineSeries(kEnergy);
    QLineSeries *currentL2 = view->lineSeries(u"Current.Import/L2"_s);
    QLineSeries *voltageL3 = view->lineSeries(u"Voltage/L3-N"_s);
    QLineSeries *soc = view->lineSeries(u"SoC"_s);
    QVERIFY(power && energy && currentL2 && voltageL3 && soc);
    QCOMPARE(power->count(), 3);
    QCOMPARE(power->at(0), QPointF(qreal(kT0 + kMinute), 7.2));
    QCOMPARE(power->at(2).y(), 9.2);
    QCOMPARE(energy->count(), 3);
    QCOMPARE(energy->at(0).y(), 0.0);   // from the meter start (1000 Wh): 0, 0.2, 0.4 kWh
    QCOMPARE(energy->at(2).y(), 0.4);
    QCOMPARE(soc->at(1).y(), 41.0);
    QCOMPARE(currentL2->at(0).y(), 16.0);
    QCOMPARE(voltageL3->at(0).y(), 231.0);
    QCOMPARE(power->name(), u"Power"_s);
    QCOMPARE(voltageL3->name(), u"Voltage L3-N"_s);

    // The legend: power, energy and SoC shown; current and voltage a click away.
    for (const ChartQuantity q : {ChartQuantity::Power, ChartQuantity::Energy, ChartQuantity::SoC,
                                  ChartQuantity::Current, ChartQuantity::Voltage})
        QVERIFY(chart->toggle(q)->isVisible());
    QCOMPARE(chart->toggle(ChartQuantity::Power)->text(), u"Power"_s);
    QVERIFY(chart->toggle(ChartQuantity::Power)->isChecked());
    QVERIFY(power->isVisible() && energy->isVisible() && soc->isVisible());
    QVERIFY(!currentL2->isVisible() && !voltageL3->isVisible());
    QVERIFY(view->valueAxis(ChartQuantity::Power)->isVisible());
    QCOMPARE(view->valueAxis(ChartQuantity::Power)->titleText(), u"Power, kW"_s);
    QCOMPARE(view->valueAxis(ChartQuantity::Energy)->titleText(), u"Energy, kWh"_s);
    QVERIFY(!view->valueAxis(ChartQuantity::Current)->isVisible());
    QTest::mouseClick(chart->toggle(ChartQuantity::Current), Qt::LeftButton);
    QVERIFY(currentL2->isVisible());
    QVERIFY(view->valueAxis(ChartQuantity::Current)->isVisible());
    QTest::mouseClick(chart->toggle(ChartQuantity::SoC), Qt::LeftButton);
    QVERIFY(!soc->isVisible());
    QVERIFY(!view->valueAxis(ChartQuantity::SoC)->isVisible());
    QTest::mouseClick(chart->toggle(ChartQuantity::SoC), Qt::LeftButton);
    QTest::mouseClick(chart->toggle(ChartQuantity::Current), Qt::LeftButton);
    QVERIFY(soc->isVisible() && !currentL2->isVisible());
    QCOMPARE(view->valueAxis(ChartQuantity::SoC)->max(), 100.0);
    QVERIFY(view->valueAxis(ChartQuantity::Power)->max() >= 9.2);

    // The whole session in time, from its start; not zoomed.
    QDateTimeAxis *time = view->timeAxis();
    QCOMPARE(ms(time->min()), kT0);
    QCOMPARE(ms(time->max()), kT0 + 3 * kMinute);
    QVERIFY(!view->isZoomed());
    auto *reset = chart->findChild<QToolButton *>(u"chartResetZoom"_s);
    QVERIFY(reset && reset->isVisible() && !reset->isEnabled());
    QCOMPARE(reset->text(), u"Whole session"_s);

    // Hover: the nearest point's series, value with unit, and local time to the millisecond.
    const auto at = view->viewportPosition(kPower, 1);
    QVERIFY(at);
    sendMouse(view->viewport(), QEvent::MouseMove, *at + QPoint(3, -2), Qt::NoButton, Qt::NoButton);
    QCOMPARE(view->hoverText(), u"Power: 8.20 kW\n"_s + cd::ui::millisecondText(kT0 + 2 * kMinute, QTimeZone::systemTimeZone()));
    const auto energyAt = view->viewportPosition(kEnergy, 2);
    QVERIFY(energyAt);
    sendMouse(view->viewport(), QEvent::MouseMove, *energyAt, Qt::NoButton, Qt::NoButton);
    QVERIFY2(view->hoverText().startsWith(u"Energy: 0.400 kWh\n"_s), qPrintable(view->hoverText()));
    sendMouse(view->viewport(), QEvent::MouseMove, QPoint(1, 1), Qt::NoButton, Qt::NoButton);
    QCOMPARE(view->hoverText(), QString());

    // Rubber band across the middle of the plot: zoomed in time.
    const QPoint p0 = *view->viewportPosition(kPower, 0);
    const QPoint p2 = *view->viewportPosition(kPower, 2);
    const int y = (p0.y() + p2.y()) / 2;
    const QPoint from(p0.x() + (p2.x() - p0.x()) / 4, y);
    const QPoint to(p0.x() + (p2.x() - p0.x()) * 3 / 4, y);
    QSignalSpy zoomSpy(view, &SessionChartView::zoomChanged);
    sendMouse(view->viewport(), QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton);
    sendMouse(view->viewport(), QEvent::MouseMove, (from + to) / 2, Qt::NoButton, Qt::LeftButton);
    sendMouse(view->viewport(), QEvent::MouseMove, to, Qt::NoButton, Qt::LeftButton);
    sendMouse(view->viewport(), QEvent::MouseButtonRelease, to, Qt::LeftButton, Qt::NoButton);
    QVERIFY(view->isZoomed());
    QVERIFY(reset->isEnabled());
    QVERIFY(!zoomSpy.isEmpty());
    QVERIFY2(ms(time->min()) > kT0 + kMinute + 20000 && ms(time->max()) < kT0 + 3 * kMinute - 20000,
             qPrintable(time->min().toString(Qt::ISODateWithMs) + u' ' + time->max().toString(Qt::ISODateWithMs)));
    // Double-click: the whole session again.
    sendMouse(view->viewport(), QEvent::MouseButtonDblClick, to, Qt::LeftButton, Qt::LeftButton);
    QVERIFY(!view->isZoomed());
    QCOMPARE(ms(time->min()), kT0);
    QCOMPARE(ms(time->max()), kT0 + 3 * kMinute);

    // The wheel zooms around the mouse.
    {
        const QPoint mid = *view->viewportPosition(kPower, 1);
        QWheelEvent wheel(QPointF(mid), view->viewport()->mapToGlobal(QPointF(mid)), QPoint(), QPoint(0, 240),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(view->viewport(), &wheel);
        QVERIFY(view->isZoomed());
        const qint64 span = ms(time->max()) - ms(time->min());
        QVERIFY2(span < 3 * kMinute * 7 / 10 && span > 3 * kMinute / 2, qPrintable(QString::number(span)));
        QVERIFY(ms(time->min()) < kT0 + 2 * kMinute && ms(time->max()) > kT0 + 2 * kMinute);
    }

    // The keyboard: + zooms in, Esc shows everything.
    sendMouse(view->viewport(), QEvent::MouseButtonDblClick, QPoint(5, 5), Qt::LeftButton, Qt::LeftButton);
    QVERIFY(!view->isZoomed());
    QTest::keyClick(view, Qt::Key_Plus);
    QVERIFY(view->isZoomed());
    QVERIFY(ms(time->max()) - ms(time->min()) < 3 * kMinute);
    QTest::keyClick(view, Qt::Key_Escape);
    QVERIFY(!view->isZoomed());
    QCOMPARE(ms(time->max()) - ms(time->min()), 3 * kMinute);

    // Live: a new meter callback grows the chart; the operator's zoom stays.
    view->zoomToTime(kT0 + kMinute, kT0 + 2 * kMinute);
    QVERIFY(view->isZoomed());
    QSignalSpy detail(page, &OperationsPage::detailLoaded);
    h.clock.advanceMs(kMinute);
    CD_ANSWER_OK(callFrom(link, u"MeterValues"_s, meterValues(1, liveTx, kT0 + 4 * kMinute, 1700, 11.0, 45)));
    h.idle();
    QTRY_COMPARE_WITH_TIMEOUT(power->count(), 4, 15000);
    QCOMPARE(view->lineSeries(kPower), power);  // the same series, grown
    QCOMPARE(power->at(3), QPointF(qreal(kT0 + 4 * kMinute), 11.0));
    QCOMPARE(energy->at(3).y(), 0.7);
    QVERIFY(view->isZoomed());
    QCOMPARE(ms(time->min()), kT0 + kMinute);
    QCOMPARE(ms(time->max()), kT0 + 2 * kMinute);
    QVERIFY(view->valueAxis(ChartQuantity::Power)->max() >= 11.0);
    // "Whole session" undoes the zoom, the new point included.
    QTest::mouseClick(reset, Qt::LeftButton);
    QVERIFY(!view->isZoomed());
    QVERIFY(!reset->isEnabled());
    QCOMPARE(ms(time->min()), kT0);
    QCOMPARE(ms(time->max()), kT0 + 4 * kMinute);
    // Another refresh with nothing new changes nothing; the value under the mouse stays shown.
    view->hoverAt(*view->viewportPosition(kPower, 3));
    const QString hovered = view->hoverText();
    QVERIFY2(hovered.startsWith(u"Power: 11.00 kW\n"_s), qPrintable(hovered));
    detail.clear();
    QVERIFY(detail.wait(10000));
    QCOMPARE(power->count(), 4);
    QVERIFY(!view->isZoomed());
    QCOMPARE(view->hoverText(), hovered);

    // A finished session: the same chart.
    QVERIFY(select(doneId));
    QVERIFY(!chart->isEmptyStateShown());
    QVERIFY(!view->data().open);
    QCOMPARE(view->lineSeries(kPower)->count(), 2);
    QCOMPARE(view->lineSeries(kEnergy)->at(1).y(), 0.3);
    QCOMPARE(view->lineSeries(u"SoC"_s)->at(1).y(), 72.0);
    QCOMPARE(ms(time->min()), kT0 + kMinute);      // its start
    QCOMPARE(ms(time->max()), kT0 + 4 * kMinute);  // its end

    // A running session without meter values yet: the empty state.
    QVERIFY(select(quietId));
    QVERIFY(chart->isEmptyStateShown());
    QCOMPARE(chart->emptyText(), u"No meter values yet. The chart fills in as the station reports them."_s);
    QVERIFY(!chart->toggle(ChartQuantity::Power)->isVisible());
    QVERIFY(!reset->isVisible());
    // ... until the station reports some.
    CD_ANSWER_OK(callFrom(link, u"MeterValues"_s, meterValues(3, quietTx, kT0 + 4 * kMinute, 100, 1.5, 10)));
    h.idle();
    QTRY_VERIFY_WITH_TIMEOUT(!chart->isEmptyStateShown(), 15000);
    QCOMPARE(view->lineSeries(kPower)->count(), 1);
    QCOMPARE(ms(time->min()), kT0 + 3 * kMinute);  // from the start to the one value
    QCOMPARE(ms(time->max()), kT0 + 4 * kMinute);

    // The log tab still works; the language switch re-titles the tabs and the axes.
    tabs->setCurrentIndex(0);
    QVERIFY(!chart->isVisible());
    QVERIFY(m_translations->setLanguage(u"uk"_s));
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QVERIFY(m_translations->setLanguage(u"en"_s));
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QCOMPARE(tabs->tabText(1), u"Chart"_s);
    QCOMPARE(view->valueAxis(ChartQuantity::Power)->titleText(), u"Power, kW"_s);
}

QTEST_MAIN(TestSessionChart)
#include "tst_sessionchart.moc"
