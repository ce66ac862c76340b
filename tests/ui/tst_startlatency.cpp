// Stations › Start latency… on sessions made by the charging service through loopback stations
// with different firmware: the per-model and per-station tables (QAbstractItemModelTester), the
// slow firmware on top, the durations as the operator reads them, and the period filter.

#include "chargingtestsupport.h"

#include "core/i18n/translationmanager.h"
#include "ui/shell/appearance.h"
#include "ui/shell/mainwindow.h"
#include "ui/stations/startlatencydialog.h"
#include "ui/stations/startlatencymodel.h"
#include "ui/stations/stationspage.h"
#include "uitestsupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace cd::test;
using cd::ui::StartLatencyModel;

class TestStartLatencyDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void comparesModelsAndStations();
    void durationText_data();
    void durationText();

private:
    std::unique_ptr<cd::i18n::TranslationManager> m_translations;
};

void TestStartLatencyDialog::initTestCase()
{
    m_translations = startConsoleTest();
    QVERIFY(m_translations);
}

void TestStartLatencyDialog::cleanupTestCase()
{
    clearConsoleSettings();
}

void TestStartLatencyDialog::comparesModelsAndStations()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    // Sessions ten days ago: inside "Last 30 days", outside "Last 7 days".
    const qint64 start = QDateTime::currentMSecsSinceEpoch() - 10LL * 24 * 3600 * 1000;
    h.clock.setNowMs(start);
    h.addTag(u"CARD-S"_s, u"Accepted"_s, std::nullopt, 10);
    const QList<std::tuple<QString, QString, qint64>> plans = {
        {u"SLOW-1"_s, u"3.1.7"_s, 42000}, {u"SLOW-2"_s, u"3.1.7"_s, 28000}, {u"FAST-1"_s, u"4.0.2"_s, 900}};
    for (const auto &[station, firmware, latency] : plans) {
        h.addStation(station);
        auto &link = h.connect(station);
        CD_ANSWER_OK(h.boot(link, firmware));
        const qint64 at = h.clock.nowMs();
        QVERIFY(callFrom(link, u"StartTransaction"_s,
                         {{"connectorId", 1}, {"idTag", "CARD-S"}, {"meterStart", 0}, {"timestamp", iso(at)}})
                    .ok);
        CD_ANSWER_OK(callFrom(link, u"StatusNotification"_s,
                              {{"connectorId", 1}, {"status", "Charging"}, {"errorCode", "NoError"}, {"timestamp", iso(at + latency)}}));
        h.clock.advanceMs(60000);
    }
    h.idle();

    cd::ui::ConsoleServices services;
    services.database = h.fixture.shared();
    services.actor = u"console:test"_s;
    cd::ui::MainWindow window(sampleConsoleContext(), m_translations.get(), services);
    window.resize(1280, 800);
    window.show();
    window.showScreen(cd::ui::Screen::Stations);
    auto *page = window.findChild<cd::ui::StationsPage *>();
    auto *button = window.findChild<QPushButton *>(u"stationLatency"_s);
    QVERIFY(page && button);
    QVERIFY(button->isEnabled());  // not tied to a selected station
    QCOMPARE(button->text(), u"Start latency…"_s);

    cd::ui::StartLatencyDialog *dialog = page->openStartLatencyDialog();
    QVERIFY(dialog);
    QSignalSpy loaded(dialog, &cd::ui::StartLatencyDialog::loaded);
    dialog->show();
    QAbstractItemModelTester modelsTester(dialog->models(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester stationsTester(dialog->stations(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY(!loaded.isEmpty());
    QCOMPARE(loaded.takeLast(), (QList<QVariant>{2, 3}));

    // By model: firmware 3.1.7 first (median of 42 s and 28 s), then 4.0.2.
    auto *models = dialog->findChild<QTableView *>(u"latencyModels"_s);
    QVERIFY(models && models->isColumnHidden(StartLatencyModel::Station));
    auto cell = [](QTableView *table, int row, int column) { return table->model()->index(row, column).data().toString(); };
    QCOMPARE(cell(models, 0, StartLatencyModel::Firmware), u"3.1.7"_s);
    QCOMPARE(cell(models, 0, StartLatencyModel::Stations), u"2"_s);
    QCOMPARE(cell(models, 0, StartLatencyModel::Sessions), u"2"_s);
    QCOMPARE(cell(models, 0, StartLatencyModel::Median), u"35.0 s"_s);
    QCOMPARE(cell(models, 0, StartLatencyModel::Slowest), u"42.0 s"_s);
    QCOMPARE(cell(models, 1, StartLatencyModel::Firmware), u"4.0.2"_s);
    QCOMPARE(cell(models, 1, StartLatencyModel::Median), u"900 ms"_s);

    // By station, slowest first; sorting by the median column sorts by time, not by text.
    auto *stations = dialog->findChild<QTableView *>(u"latencyStations"_s);
    QVERIFY(stations);
    QCOMPARE(cell(stations, 0, StartLatencyModel::Station), u"SLOW-1"_s);
    QCOMPARE(cell(stations, 2, StartLatencyModel::Station), u"FAST-1"_s);
    stations->sortByColumn(StartLatencyModel::Median, Qt::AscendingOrder);
    QCOMPARE(cell(stations, 0, StartLatencyModel::Station), u"FAST-1"_s);  // 900 ms before 28.0 s
    QCOMPARE(cell(stations, 1, StartLatencyModel::Station), u"SLOW-2"_s);

    // Last 7 days: nothing.
    auto *period = dialog->findChild<QComboBox *>(u"latencyPeriod"_s);
    QVERIFY(period);
    QCOMPARE(period->currentData().toInt(), 30);
    dialog->setPeriodDays(7);
    QTRY_VERIFY(!loaded.isEmpty());
    QCOMPARE(loaded.takeLast(), (QList<QVariant>{0, 0}));
    auto *summary = dialog->findChild<QLabel *>(u"latencySummary"_s);
    QVERIFY(summary);
    QCOMPARE(summary->text(), u"No session reached Charging in this period."_s);
    dialog->setPeriodDays(30);
    QTRY_VERIFY(!loaded.isEmpty());
    QCOMPARE(summary->text(), u"3 starts measured"_s);
}

void TestStartLatencyDialog::durationText_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << qint64(0) << u"0 ms"_s;
    QTest::newRow("ms") << qint64(850) << u"850 ms"_s;
    QTest::newRow("seconds") << qint64(25449) << u"25.4 s"_s;
    QTest::newRow("a minute") << qint64(65000) << u"1 min 05 s"_s;
}

void TestStartLatencyDialog::durationText()
{
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(StartLatencyModel::durationText(ms), text);
}

QTEST_MAIN(TestStartLatencyDialog)
#include "tst_startlatency.moc"
