// Drives the Operations screen of the real main window offscreen on real sessions (made by the
// charging service through a loopback station): the four lists, the one-box search, the
// transaction card, the session log with its "ignored" repeats, live refresh keeping the
// selection; QAbstractItemModelTester on every model.

#include "chargingtestsupport.h"

#include "core/i18n/translationmanager.h"
#include "ui/operations/operationspage.h"
#include "ui/operations/sessionlogmodel.h"
#include "ui/operations/sessiontablemodel.h"
#include "ui/shell/appearance.h"
#include "ui/shell/mainwindow.h"
#include "ui/widgets/timetext.h"
#include "uitestsupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabBar>
#include <QTableView>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace cd::test;
using cd::ui::OperationsPage;
using cd::ui::SessionLogModel;
using cd::ui::SessionTableModel;

namespace {

constexpr qint64 kMinute = 60 * 1000;

qint64 startOn(LoopbackLink &link, int connector, const char *tag, qint64 meterStart, qint64 atMs)
{
    const Answer a = callFrom(link, u"StartTransaction"_s,
                              {{"connectorId", connector}, {"idTag", tag}, {"meterStart", meterStart}, {"timestamp", iso(atMs)}});
    return a.ok ? a.payload["transactionId"].get<qint64>() : -1;
}

json meterValues(int connector, qint64 tx, qint64 atMs, qint64 registerWh)
{
    return {{"connectorId", connector},
            {"transactionId", tx},
            {"meterValue", json::array({{{"timestamp", iso(atMs)},
                                         {"sampledValue", json::array({{{"value", std::to_string(registerWh)},
                                                                         {"measurand", "Energy.Active.Import.Register"},
                                                                         {"unit", "Wh"}}})}}})}};
}

QString text(QWidget *root, const QString &name)
{
    auto *label = root->findChild<QLabel *>(name);
    return label ? label->text() : u"(no %1)"_s.arg(name);
}

int findRow(const QAbstractItemModel *model, int column, const QString &start)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, column).data().toString().startsWith(start))
            return row;
    }
    return -1;
}

}  // namespace

class TestOperations : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void operationsScreen();
    void pagesLoadAsTheOperatorScrolls();

private:
    std::unique_ptr<cd::i18n::TranslationManager> m_translations;
};

void TestOperations::initTestCase()
{
    m_translations = startConsoleTest();
    QVERIFY(m_translations);
}

void TestOperations::cleanupTestCase()
{
    clearConsoleSettings();
}

void TestOperations::operationsScreen()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(u"OPS-1"_s);
    const qint64 member = h.insertId(u"INSERT INTO members (name, phone, created_ms) VALUES (?,?,?)"_s,
                                     {u"Olena"_s, u"+380501112233"_s, kT0});
    h.addTag(u"CARD-A"_s, u"Accepted"_s, member);
    h.addTag(u"CARD-B"_s);
    auto &link = h.connect(u"OPS-1"_s);
    CD_ANSWER_OK(h.boot(link));

    // 1: long ago, never stopped (OLD & OPEN), a repeated meter callback without progress.
    const qint64 oldTx = startOn(link, 1, "CARD-A", 1000, kT0);
    const qint64 readings[] = {2000, 2000, 3000};
    for (int i = 0; i < 3; ++i) {
        h.clock.advanceMs(kMinute);
        CD_ANSWER_OK(callFrom(link, u"MeterValues"_s, meterValues(1, oldTx, kT0 + (i + 1) * kMinute, readings[i])));
    }
    // 2: today, finished.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    h.clock.setNowMs(now - 10 * kMinute);
    const qint64 doneTx = startOn(link, 2, "CARD-B", 0, now - 10 * kMinute);
    h.clock.setNowMs(now - 5 * kMinute);
    CD_ANSWER_OK(callFrom(link, u"StopTransaction"_s,
                          {{"transactionId", doneTx}, {"meterStop", 4200}, {"timestamp", iso(now - 5 * kMinute)}}));
    // 3: now, open, started with a card nobody knows (suspicious).
    h.clock.setNowMs(now);
    const qint64 strangerTx = startOn(link, 3, "STRANGER", 0, now);
    h.idle();
    QVERIFY(oldTx > 0 && doneTx > 0 && strangerTx > 0);

    cd::ui::ConsoleServices services;
    services.database = h.fixture.shared();
    services.actor = u"console:test"_s;
    cd::ui::MainWindow window(sampleConsoleContext(), m_translations.get(), services);
    window.resize(1280, 800);
    window.show();
    window.showScreen(cd::ui::Screen::Operations);
    auto *page = window.findChild<OperationsPage *>();
    QVERIFY(page);
    auto *table = window.findChild<QTableView *>(u"sessionTable"_s);
    auto *logView = window.findChild<QTableView *>(u"sessionLog"_s);
    auto *tabs = window.findChild<QTabBar *>(u"operationsTabs"_s);
    auto *search = window.findChild<QLineEdit *>(u"sessionSearch"_s);
    QVERIFY(table && logView && tabs && search);
    QVERIFY(table->isVisible());
    QAbstractItemModelTester modelTester(page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(table->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester logTester(page->logModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);

    // Last 100: all three, newest first.
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 3, 15000);
    QCOMPARE(tabs->count(), 5);
    QCOMPARE(tabs->tabText(0), u"Last 100"_s);
    QCOMPARE(tabs->tabText(OperationsPage::Today), u"Today"_s);
    QCOMPARE(table->model()->index(0, SessionTableModel::Station).data().toString(), u"OPS-1 / 3"_s);
    const int oldRow = page->model()->rowOf(h.scalar(u"SELECT id FROM sessions WHERE ocpp_transaction_id = ?"_s,
                                                     {QString::number(oldTx)}).toLongLong());
    QVERIFY(oldRow >= 0);
    const qint64 oldId = page->model()->row(oldRow)->session.id;
    const QString oldNumber = page->model()->row(oldRow)->session.sessionNumber;
    QCOMPARE(page->model()->index(oldRow, SessionTableModel::Status).data().toString(), u"Charging"_s);
    QCOMPARE(page->model()->index(oldRow, SessionTableModel::User).data().toString(), u"Olena · CARD-A"_s);
    QCOMPARE(page->model()->index(oldRow, SessionTableModel::Energy).data().toString(), u"2.0 kWh"_s);

    // Open: 1 and 3. OLD & OPEN (older than 24 h): 1. Suspicious: 3, with its reason.
    auto switchTo = [&](OperationsPage::Tab tab, int rows) {
        QSignalSpy loaded(page, &OperationsPage::loaded);
        tabs->setCurrentIndex(tab);
        return loaded.wait(10000) && page->model()->rowCount() == rows;
    };
    QVERIFY(switchTo(OperationsPage::Open, 2));
    QVERIFY(switchTo(OperationsPage::OldOpen, 1));
    QCOMPARE(page->model()->row(0)->session.id, oldId);
    QVERIFY(window.findChild<QSpinBox *>(u"oldOpenAge"_s)->isVisible());
    QCOMPARE(window.findChild<QSpinBox *>(u"oldOpenAge"_s)->value(), 24);
    QVERIFY(switchTo(OperationsPage::Suspicious, 1));
    QCOMPARE(page->model()->row(0)->session.transactionId, QString::number(strangerTx));
    QVERIFY(!table->isColumnHidden(SessionTableModel::Why));
    QCOMPARE(page->model()->index(0, SessionTableModel::Why).data().toString(), u"Charged without an authorised card"_s);
    QVERIFY(switchTo(OperationsPage::Last100, 3));
    QVERIFY(table->isColumnHidden(SessionTableModel::Why));

    // One search box: member name, phone, card, number, station.
    auto searchFor = [&](const QString &what, int rows) {
        QSignalSpy loaded(page, &OperationsPage::loaded);
        search->setText(what);
        return loaded.wait(10000) && page->model()->rowCount() == rows;
    };
    QVERIFY(searchFor(u"olena"_s, 1));
    QCOMPARE(page->model()->row(0)->session.id, oldId);
    QVERIFY(searchFor(u"501112233"_s, 1));
    QVERIFY(searchFor(u"card-b"_s, 1));
    QCOMPARE(page->model()->row(0)->session.transactionId, QString::number(doneTx));
    QVERIFY(searchFor(oldNumber, 1));
    QVERIFY(searchFor(u"nothing like this"_s, 0));
    QVERIFY(window.findChild<QLabel *>(u"sessionsEmpty"_s)->isVisible());
    QVERIFY(searchFor(u"ops-1"_s, 3));
    QVERIFY(searchFor(QString(), 3));

    // The card and the log of the selected session.
    QSignalSpy detail(page, &OperationsPage::detailLoaded);
    QVERIFY(page->selectSession(oldId));
    QVERIFY(detail.wait(10000));
    QCOMPARE(text(&window, u"cardNumber"_s), u"Session %1"_s.arg(oldNumber));
    QCOMPARE(text(&window, u"cardStatus"_s), u"Charging"_s);
    QCOMPARE(text(&window, u"cardPayment"_s), u"No payment recorded"_s);
    QCOMPARE(text(&window, u"cardHold"_s), u"No hold"_s);
    QCOMPARE(text(&window, u"cardUser"_s), u"Olena, +380501112233 · Card CARD-A"_s);
    QCOMPARE(text(&window, u"cardStation"_s), u"OPS-1, connector 1"_s);
    QVERIFY2(text(&window, u"cardProgress"_s).startsWith(u"2.0 kWh in "_s), qPrintable(text(&window, u"cardProgress"_s)));
    QVERIFY(text(&window, u"cardLastMeter"_s).startsWith(u"3.0 kWh at "_s));
    QCOMPARE(text(&window, u"cardStop"_s), u"Still open: the station has not sent Stop"_s);

    SessionLogModel *log = page->logModel();
    QCOMPARE(log->sessionId(), oldId);
    const int confirmed = findRow(log, SessionLogModel::What, u"Station confirmed the start"_s);
    QVERIFY(confirmed >= 0);
    QCOMPARE(log->index(confirmed, SessionLogModel::What).data().toString(),
             u"Station confirmed the start (transaction %1, connector 1, meter 1.0 kWh)"_s.arg(oldTx));
    QCOMPARE(log->index(confirmed, SessionLogModel::TimeUtc).data().toString(),
             cd::ui::millisecondText(log->entry(confirmed)->atMs));
    QVERIFY(log->index(confirmed, SessionLogModel::TimeUtc).data().toString().endsWith(u".000"_s));
    QVERIFY(log->headerData(SessionLogModel::TimeLocal, Qt::Horizontal).toString().startsWith(u"Your time (UTC"_s));
    const int ignored = findRow(log, SessionLogModel::What, u"Repeated meter callback"_s);
    QVERIFY(ignored >= 0);
    QCOMPARE(log->index(ignored, SessionLogModel::What).data().toString(),
             u"Repeated meter callback without progress (1.0 kWh) — ignored"_s);
    QVERIFY(log->index(ignored, 0).data(SessionLogModel::IgnoredRole).toBool());
    QVERIFY(findRow(log, SessionLogModel::What, u"Meter: 2.0 kWh"_s) >= 0);
    QVERIFY(findRow(log, SessionLogModel::What, u"Station reports the start on connector 1 with card CARD-A"_s) >= 0);

    // Live: a new meter callback appears in the log; the selection stays.
    const int before = log->rowCount();
    h.clock.setNowMs(QDateTime::currentMSecsSinceEpoch());
    CD_ANSWER_OK(callFrom(link, u"MeterValues"_s, meterValues(1, oldTx, kT0 + 10 * kMinute, 4500)));
    h.idle();
    QTRY_VERIFY_WITH_TIMEOUT(log->rowCount() > before, 15000);
    QVERIFY(findRow(log, SessionLogModel::What, u"Meter: 3.5 kWh"_s) >= 0);
    QCOMPARE(page->selectedSession(), oldId);
    QTRY_COMPARE_WITH_TIMEOUT(text(&window, u"cardProgress"_s).left(7), u"3.5 kWh"_s, 15000);

    // The language switch re-explains the log.
    QVERIFY(m_translations->setLanguage(u"uk"_s));
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QVERIFY(log->index(ignored, SessionLogModel::What).data().toString() != u"Repeated meter callback without progress (1.0 kWh) — ignored"_s);
    QCOMPARE(tabs->tabText(0) == u"Last 100"_s, false);
    QVERIFY(m_translations->setLanguage(u"en"_s));
    QCoreApplication::sendPostedEvents();
}

// 450 open sessions: the Open list shows a page of 200, the next page when the view reaches the
// end (fetchMore, what scrolling to the bottom does), and keeps every loaded page through the
// live refresh.
void TestOperations::pagesLoadAsTheOperatorScrolls()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    const qint64 station = h.addStation(u"PAGE-1"_s);
    QVERIFY(station > 0);
    auto bulk = cd::storage::Sql::run(
        h.db().connection(),
        u"INSERT INTO sessions (session_number, station_id, status, created_ms, updated_ms) "
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 450) "
        "SELECT 'PAGE-' || i, ?, 'ongoing', ? + i, ? + i FROM n"_s,
        {station, kT0, kT0});
    QVERIFY2(bulk, qPrintable(bulk ? QString() : bulk.error().message));

    cd::ui::ConsoleServices services;
    services.database = h.fixture.shared();
    services.actor = u"console:test"_s;
    cd::ui::MainWindow window(sampleConsoleContext(), m_translations.get(), services);
    window.resize(1280, 800);
    window.show();
    window.showScreen(cd::ui::Screen::Operations);
    auto *page = window.findChild<OperationsPage *>();
    auto *table = window.findChild<QTableView *>(u"sessionTable"_s);
    QVERIFY(page && table);

    // Last 100 is exactly that: no more pages.
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 100, 15000);
    QVERIFY(!table->model()->canFetchMore({}));

    QSignalSpy loaded(page, &OperationsPage::loaded);
    page->setCurrentTab(OperationsPage::Open);
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 200, 15000);
    QCOMPARE(page->model()->row(0)->session.sessionNumber, u"PAGE-450"_s);  // newest first
    QVERIFY(table->model()->canFetchMore({}));
    table->scrollToBottom();
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 400, 15000);
    QCOMPARE(page->model()->row(399)->session.sessionNumber, u"PAGE-51"_s);

    // The live refresh keeps both pages.
    loaded.clear();
    page->refresh();
    QVERIFY(loaded.wait(10000));
    QCOMPARE(page->model()->rowCount(), 400);

    table->model()->fetchMore({});
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 450, 15000);
    QVERIFY(!table->model()->canFetchMore({}));
    QCOMPARE(page->model()->row(449)->session.sessionNumber, u"PAGE-1"_s);

    // Another list starts again at one page. (The model testers come last: they call fetchMore.)
    page->setCurrentTab(OperationsPage::OldOpen);
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 200, 15000);
    QVERIFY(page->model()->hasMore());
    QAbstractItemModelTester modelTester(page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(table->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 400, 15000);  // the tester's fetchMore, answered
}

QTEST_MAIN(TestOperations)
#include "tst_operations.moc"
