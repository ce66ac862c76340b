// Drives the real main window offscreen: navigation by view, keyboard and shortcuts,
// the honest empty states, the Settings screen (with a real station server) and the runtime
// language switch.

#include "core/i18n/language.h"
#include "core/i18n/languagesettings.h"
#include "core/i18n/translationmanager.h"
#include "core/runtime/stationservercontrol.h"
#include "support/testdatabase.h"
#include "ui/settings/stationserversection.h"
#include "core/charging/chargingqueries.h"
#include "core/storage/devicemodelrepository.h"
#include "core/storage/stationstaterepository.h"
#include "ui/stations/commanddialog.h"
#include "ui/stations/devicemodeldialog.h"
#include "ui/stations/devicemodeltablemodel.h"
#include "ui/stations/connectorhistorymodel.h"
#include "ui/stations/stationhistorydialog.h"
#include "core/storage/connectorrepository.h"
#include "ui/stations/stationspage.h"
#include "ui/stations/stationtablemodel.h"
#include "core/sim/simulator.h"
#include "ui/shell/appearance.h"
#include "ui/shell/mainwindow.h"
#include "ui/shell/navigationmodel.h"
#include "uitestsupport.h"

#include <QAbstractItemModelTester>
#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <memory>
#include <tuple>

using namespace Qt::StringLiterals;
using cd::ui::Screen;
using cd::ui::Screens;

namespace {

// The console's station server open to anyone on an ephemeral loopback port.
cd::runtime::StationServerSettings labServerSettings()
{
    cd::runtime::StationServerSettings settings;
    settings.listen = u"127.0.0.1:0"_s;
    settings.securityProfile = cd::server::SecurityProfile::None;
    settings.acceptUnknownStations = true;
    return settings;
}

// One simulated station, without sessions, for the console's own server.
cd::sim::SimulatorOptions oneIdleStation(const cd::runtime::StationServerControl &control, const QString &idPrefix)
{
    cd::sim::SimulatorOptions options;
    options.serverUrl = control.server().localStationUrl();
    options.idPrefix = idPrefix;
    options.sessions = false;
    return options;
}

}  // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void windowBasics();
    void navigationModel();
    void navigateWithView();
    void navigateWithArrowKeys();
    void navigateWithShortcuts();
    void emptyStatesShowNoData();
    void settingsShowDatabase();
    void stationServerSettingsApply();
    void stationServerTlsSettings();
    void stationsScreenListsAndSendsCommands();
    void deviceModelOfA201Station();
    void stationHistoryWithFaults();
    void switchLanguageAtRuntime();
    void startupLanguage();

private:
    QListView *navigation() const;
    QStackedWidget *pages() const;
    QString navigationText(Screen screen) const;
    QString visiblePageTitle() const;
    // A new main window on this database and station server, showing the Stations screen.
    cd::ui::StationsPage *showStations(cd::test::TestDatabase &database, cd::runtime::StationServerControl &control);
    static void clearSettings();

    std::unique_ptr<cd::i18n::TranslationManager> m_translations;
    std::unique_ptr<cd::ui::MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    clearSettings();
    cd::ui::applyAppearance(*qApp);
    m_translations = std::make_unique<cd::i18n::TranslationManager>(qApp);
    QVERIFY(m_translations->setLanguage(u"en"_s));
}

void TestMainWindow::init()
{
    QVERIFY(m_translations->setLanguage(u"en"_s));
    QCoreApplication::sendPostedEvents();
    m_window = std::make_unique<cd::ui::MainWindow>(cd::test::sampleConsoleContext(), m_translations.get());
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    clearSettings();
}

void TestMainWindow::clearSettings()
{
    QSettings settings(u"ChargeDesk"_s, u"ChargeDesk"_s);
    settings.clear();
    settings.sync();
}

QListView *TestMainWindow::navigation() const
{
    return m_window->findChild<QListView *>(u"navigation"_s);
}

QStackedWidget *TestMainWindow::pages() const
{
    return m_window->findChild<QStackedWidget *>(u"screens"_s);
}

QString TestMainWindow::navigationText(Screen screen) const
{
    return navigation()->model()->index(Screens::indexOf(screen), 0).data().toString();
}

QString TestMainWindow::visiblePageTitle() const
{
    auto *title = pages()->currentWidget()->findChild<QLabel *>(u"pageTitle"_s);
    return title ? title->text() : QString();
}

cd::ui::StationsPage *TestMainWindow::showStations(cd::test::TestDatabase &database,
                                                  cd::runtime::StationServerControl &control)
{
    m_window.reset();
    cd::ui::ConsoleServices services;
    services.database = database.shared();
    services.stationServer = &control;
    services.actor = u"console:test"_s;
    m_window = std::make_unique<cd::ui::MainWindow>(cd::test::sampleConsoleContext(), m_translations.get(), services);
    m_window->show();
    m_window->showScreen(Screen::Stations);
    return m_window->findChild<cd::ui::StationsPage *>();
}

void TestMainWindow::windowBasics()
{
    QCOMPARE(m_window->objectName(), u"mainWindow"_s);
    QCOMPARE(m_window->windowTitle(), u"ChargeDesk"_s);
    QVERIFY(!m_window->windowIcon().isNull());
    QVERIFY(!m_window->windowIcon().pixmap(QSize(32, 32)).isNull());  // the SVG renders
    QVERIFY(navigation());
    QVERIFY(navigation()->isVisible());
    QVERIFY(pages());
    QCOMPARE(pages()->count(), Screens::all().size());
    QCOMPARE(m_window->currentScreen(), Screen::Dashboard);

    auto *status = m_window->statusBar()->findChild<QLabel *>(u"databaseStatus"_s);
    QVERIFY(status);
    QVERIFY(status->isVisible());
    QVERIFY2(status->text().contains(u"SQLCipher 3.4.1"_s), qPrintable(status->text()));
    QVERIFY2(status->text().contains(u"chargedesk.db"_s), qPrintable(status->text()));
}

void TestMainWindow::navigationModel()
{
    QAbstractItemModel *model = navigation()->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model->rowCount(), Screens::all().size());
    for (const Screen screen : Screens::all()) {
        const QModelIndex index = model->index(Screens::indexOf(screen), 0);
        QCOMPARE(index.data().toString(), Screens::title(screen));
        QCOMPARE(index.data(cd::ui::NavigationModel::ScreenRole).toInt(), static_cast<int>(screen));
        QVERIFY(!index.data(Qt::DecorationRole).value<QIcon>().pixmap(QSize(20, 20)).isNull());
        QVERIFY(index.data(Qt::ToolTipRole).toString().contains(index.data().toString()));
        QVERIFY(!(index.flags() & Qt::ItemIsEditable));
    }
    QVERIFY(m_translations->setLanguage(u"ru"_s));
    QCoreApplication::sendPostedEvents();  // LanguageChange -> retranslate -> dataChanged
    QVERIFY(m_translations->setLanguage(u"en"_s));
    QCoreApplication::sendPostedEvents();
}

void TestMainWindow::navigateWithView()
{
    QListView *view = navigation();
    // Backwards, so that every click changes the screen.
    for (qsizetype i = Screens::all().size() - 1; i >= 0; --i) {
        const Screen screen = Screens::all().at(i);
        const QModelIndex index = view->model()->index(int(i), 0);
        const QRect rect = view->visualRect(index);
        QVERIFY(view->viewport()->rect().contains(rect));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
        QTRY_COMPARE(m_window->currentScreen(), screen);
        QCOMPARE(pages()->currentIndex(), int(i));
        QCOMPARE(view->currentIndex().row(), int(i));
        QCOMPARE(visiblePageTitle(), navigationText(screen));
    }
}

void TestMainWindow::navigateWithArrowKeys()
{
    QListView *view = navigation();
    view->setFocus();
    QTRY_VERIFY(view->hasFocus());
    for (qsizetype i = 1; i < Screens::all().size(); ++i) {
        QTest::keyClick(view, Qt::Key_Down);
        QTRY_COMPARE(m_window->currentScreen(), Screens::all().at(i));
    }
    QTest::keyClick(view, Qt::Key_Home);
    QTRY_COMPARE(m_window->currentScreen(), Screen::Dashboard);
}

void TestMainWindow::navigateWithShortcuts()
{
    for (qsizetype i = Screens::all().size() - 1; i >= 0; --i) {
        const Screen screen = Screens::all().at(i);
        QTest::keySequence(m_window.get(), cd::ui::NavigationModel::shortcutFor(screen));
        QTRY_COMPARE(m_window->currentScreen(), screen);
        QCOMPARE(navigation()->currentIndex().row(), int(i));
        QCOMPARE(visiblePageTitle(), Screens::title(screen));
    }
}

void TestMainWindow::emptyStatesShowNoData()
{
    for (const Screen screen : Screens::all()) {
        m_window->showScreen(screen);
        QWidget *page = pages()->currentWidget();
        if (screen == Screen::Settings) {
            QVERIFY(!page->findChild<QLabel *>(u"emptyStateHeadline"_s));
            continue;
        }
        auto *headline = page->findChild<QLabel *>(u"emptyStateHeadline"_s);
        QVERIFY2(headline, qPrintable(Screens::key(screen)));
        QVERIFY(headline->isVisible());
        QCOMPARE(headline->text(), Screens::unavailableHeadline());
        auto *description = page->findChild<QLabel *>(u"pageDescription"_s);
        QVERIFY(description);
        QCOMPARE(description->text(), Screens::description(screen));
        // Honest: no tables, lists or charts with made-up rows.
        QVERIFY(page->findChildren<QAbstractItemView *>().isEmpty());
    }
}

void TestMainWindow::settingsShowDatabase()
{
    m_window->showScreen(Screen::Settings);
    auto *group = m_window->findChild<QFrame *>(u"databaseGroup"_s);
    QVERIFY(group);
    QVERIFY(group->isVisible());
    QCOMPARE(group->findChild<QLabel *>(u"databaseEngine"_s)->text(), u"SQLCipher 3.4.1"_s);
    auto *location = group->findChild<QLineEdit *>(u"databaseLocation"_s);
    QVERIFY(location->isReadOnly());
    QCOMPARE(location->text(), cd::test::sampleConsoleContext().location);
    QCOMPARE(group->findChild<QLabel *>(u"databaseSchemaVersion"_s)->text(), u"2"_s);
    QCOMPARE(group->findChild<QLabel *>(u"databaseKeySource"_s)->text(), u"Operating system keychain"_s);
}

void TestMainWindow::stationServerSettingsApply()
{
    using State = cd::runtime::EmbeddedServer::State;
    cd::test::TestDatabase database;
    CD_REQUIRE_DB(database);
    cd::runtime::StationServerControl control(database.shared(), labServerSettings());
    QVERIFY(control.start());
    const auto windowGoesFirst = qScopeGuard([this] { m_window.reset(); });  // it points at `control`
    m_window.reset();
    cd::ui::ConsoleServices services;
    services.stationServer = &control;
    m_window = std::make_unique<cd::ui::MainWindow>(cd::test::sampleConsoleContext(), m_translations.get(), services);
    m_window->show();
    m_window->showScreen(Screen::Settings);
    QTRY_COMPARE(control.server().state(), State::Running);

    auto *status = m_window->findChild<QLabel *>(u"stationServerStatus"_s);
    auto *statusBar = m_window->findChild<QLabel *>(u"stationServerStatusBar"_s);
    QVERIFY(status && statusBar);
    QVERIFY(status->isVisible());
    const QString url = control.server().stationUrl();
    QTRY_VERIFY(status->text().contains(url));
    QVERIFY(statusBar->text().contains(url));
    QVERIFY(statusBar->text().contains(u"0 stations connected"_s));

    // A station connects: both lines count it.
    QWebSocket station;
    QWebSocketHandshakeOptions handshake;
    handshake.setSubprotocols({u"ocpp1.6"_s});
    station.open(QUrl(control.server().localStationUrl().toString() + u"/UI-1"_s), handshake);
    QTRY_VERIFY_WITH_TIMEOUT(statusBar->text().contains(u"1 station connected"_s), 15000);
    QVERIFY(status->text().contains(u"1 connected now"_s));

    // Nothing changed: nothing to apply. An invalid address: said next to the field, still nothing to apply.
    auto *apply = m_window->findChild<QPushButton *>(u"stationServerApply"_s);
    auto *listen = m_window->findChild<QLineEdit *>(u"stationServerListen"_s);
    auto *listenError = m_window->findChild<QLabel *>(u"stationServerListenError"_s);
    auto *profile = m_window->findChild<QComboBox *>(u"stationServerSecurityProfile"_s);
    QVERIFY(apply && listen && listenError && profile);
    QVERIFY(!apply->isEnabled());
    QVERIFY(!listenError->isVisible());
    listen->setText(u"127.0.0.1:port"_s);
    QVERIFY(listenError->isVisible());
    QVERIFY(listenError->text().contains(u"127.0.0.1:port"_s));
    QVERIFY(!apply->isEnabled());

    // A valid change applies (confirmed: a station is connected) and restarts the server.
    listen->setText(u"127.0.0.1:0"_s);
    profile->setCurrentIndex(profile->findData(int(cd::server::SecurityProfile::BasicAuth)));
    QVERIFY(apply->isEnabled());
    auto *section = m_window->findChild<cd::ui::StationServerSection *>(u"stationServerSection"_s);
    QVERIFY(section);
    section->apply(/*confirmed=*/true);
    QTRY_COMPARE_WITH_TIMEOUT(station.state(), QAbstractSocket::UnconnectedState, 15000);
    QTRY_COMPARE(control.server().state(), State::Running);
    QCOMPARE(control.settings().securityProfile, cd::server::SecurityProfile::BasicAuth);
    QTRY_VERIFY(statusBar->text().contains(u"0 stations connected"_s));
    QVERIFY(!apply->isEnabled());  // applied: the form equals the settings again

    // Switched off: the status says so.
    m_window->findChild<QCheckBox *>(u"stationServerEnabled"_s)->setChecked(false);
    apply->click();
    QTRY_COMPARE(control.server().state(), State::Stopped);
    QCOMPARE(statusBar->text(), u"Station server: off"_s);
}

void TestMainWindow::stationServerTlsSettings()
{
    cd::test::TestDatabase database;
    CD_REQUIRE_DB(database);
    // Saved with TLS: the form shows exactly that, so Apply can never quietly drop it.
    cd::runtime::StationServerSettings saved;
    saved.enabled = false;
    saved.listen = u"127.0.0.1:0"_s;
    saved.securityProfile = cd::server::SecurityProfile::TlsBasicAuth;
    saved.tls.certificate = u"/etc/chargedesk/server.pem"_s;
    saved.tls.privateKey = u"/etc/chargedesk/server.key"_s;
    cd::runtime::StationServerControl control(database.shared(), saved);
    const auto windowGoesFirst = qScopeGuard([this] { m_window.reset(); });
    m_window.reset();
    cd::ui::ConsoleServices services;
    services.stationServer = &control;
    m_window = std::make_unique<cd::ui::MainWindow>(cd::test::sampleConsoleContext(), m_translations.get(), services);
    m_window->show();
    m_window->showScreen(Screen::Settings);

    auto *section = m_window->findChild<cd::ui::StationServerSection *>(u"stationServerSection"_s);
    auto *profile = m_window->findChild<QComboBox *>(u"stationServerSecurityProfile"_s);
    auto *certificate = m_window->findChild<QLineEdit *>(u"stationServerTlsCertificate"_s);
    auto *ca = m_window->findChild<QLineEdit *>(u"stationServerTlsCa"_s);
    auto *problem = m_window->findChild<QLabel *>(u"stationServerListenError"_s);
    auto *apply = m_window->findChild<QPushButton *>(u"stationServerApply"_s);
    QVERIFY(section && profile && certificate && ca && problem && apply);
    QCOMPARE(section->formSettings(), saved);
    QCOMPARE(profile->currentData().toInt(), 2);
    QVERIFY(certificate->isVisible());
    QVERIFY(!ca->isVisible());  // the stations' CA is for profile 3 only
    QVERIFY(!apply->isEnabled());

    // Profile 3 needs the CA too: said, and nothing to apply until it is given.
    profile->setCurrentIndex(profile->findData(3));
    QVERIFY(ca->isVisible());
    QVERIFY(problem->isVisible());
    QVERIFY(problem->text().contains(u"CA"_s));
    QVERIFY(!apply->isEnabled());
    QVERIFY(!control.apply(section->formSettings()));  // refused by the core as well
    ca->setText(u"/etc/chargedesk/stations-ca.pem"_s);
    QVERIFY(!problem->isVisible());
    QVERIFY(apply->isEnabled());

    // Without TLS the files are not part of the settings.
    profile->setCurrentIndex(profile->findData(1));
    QVERIFY(!certificate->isVisible());
    QVERIFY(section->formSettings().tls.isEmpty());
}

void TestMainWindow::stationsScreenListsAndSendsCommands()
{
    cd::test::TestDatabase database;
    CD_REQUIRE_DB(database);
    cd::runtime::StationServerControl control(database.shared(), labServerSettings());
    QVERIFY(control.start());
    QTRY_COMPARE(control.server().state(), cd::runtime::EmbeddedServer::State::Running);

    // One simulated station connects to this console's own server.
    cd::sim::Simulator simulator(oneIdleStation(control, u"UI"_s));
    simulator.start();
    QTRY_COMPARE_WITH_TIMEOUT(simulator.bootedCount(), 1, 30000);

    const auto windowGoesFirst = qScopeGuard([this] { m_window.reset(); });
    auto *page = showStations(database, control);
    QVERIFY(page);
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 1, 15000);
    const int row = page->model()->rowOf(u"UI-0001"_s);
    QVERIFY(row >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(
        page->model()->data(page->model()->index(row, cd::ui::StationTableModel::State)).toString(), u"Online"_s, 15000);
    QCOMPARE(page->model()->data(page->model()->index(row, cd::ui::StationTableModel::Vendor)).toString(), u"ChargeDesk"_s);
    QVERIFY(m_window->findChild<QLabel *>(u"stationsEmpty"_s)->isHidden());

    // The search narrows the list; the command goes to the selected station and its answer shows.
    auto *search = m_window->findChild<QLineEdit *>(u"stationSearch"_s);
    auto *table = m_window->findChild<QTableView *>(u"stationTable"_s);
    search->setText(u"nothing like this"_s);
    QCOMPARE(table->model()->rowCount(), 0);
    search->setText(u"ui-0001"_s);
    QCOMPARE(table->model()->rowCount(), 1);
    QVERIFY(page->selectStation(u"UI-0001"_s));
    QVERIFY(m_window->findChild<QPushButton *>(u"stationCommand"_s)->isEnabled());

    cd::ui::CommandDialog *dialog = page->openCommandDialog();
    QVERIFY(dialog);
    QSignalSpy finished(dialog, &cd::ui::CommandDialog::finished);
    dialog->prepare(u"TriggerMessage"_s, u"{\"requestedMessage\": \"Heartbeat\"}"_s);
    dialog->send();  // no reason given: refused, nothing queued
    QVERIFY(!dialog->commandId());
    QVERIFY(dialog->findChild<QLabel *>(u"commandProblem"_s)->isVisibleTo(dialog));
    dialog->setReason(u"check the link"_s);
    dialog->send();
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().first().toString(), u"succeeded"_s);
    QVERIFY(dialog->commandId());
    QVERIFY(dialog->findChild<QPlainTextEdit *>(u"commandResult"_s)->toPlainText().contains(u"Accepted"_s));
    dialog->close();
    simulator.stop();
}

// A 2.0.1 station's device model is browsable from the Stations screen; a 1.6 station has none.
void TestMainWindow::deviceModelOfA201Station()
{
    cd::test::TestDatabase database;
    CD_REQUIRE_DB(database);
    cd::runtime::StationServerControl control(database.shared(), labServerSettings());
    QVERIFY(control.start());
    QTRY_COMPARE(control.server().state(), cd::runtime::EmbeddedServer::State::Running);

    cd::sim::SimulatorOptions v201 = oneIdleStation(control, u"DM"_s);
    v201.version = cd::ocpp::ProtocolVersion::Ocpp201;
    cd::sim::Simulator stations201(v201);
    stations201.start();
    cd::sim::SimulatorOptions v16 = v201;
    v16.version = cd::ocpp::ProtocolVersion::Ocpp16;
    v16.idPrefix = u"OLD"_s;
    cd::sim::Simulator stations16(v16);
    stations16.start();
    QTRY_COMPARE_WITH_TIMEOUT(stations201.bootedCount(), 1, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(stations16.bootedCount(), 1, 30000);

    // What the station reported in a NotifyReport.
    auto station = cd::storage::StationStateRepository(database.db()).find(u"DM-0001"_s);
    QVERIFY(station && station->has_value());
    QList<cd::storage::DeviceVariable> reported;
    for (const auto &[component, evse, variable, value] :
         {std::tuple{u"ChargingStation"_s, 0, u"Available"_s, u"true"_s},
          std::tuple{u"Connector"_s, 1, u"ConnectorType"_s, u"cType2"_s},
          std::tuple{u"OCPPCommCtrlr"_s, 0, u"HeartbeatInterval"_s, u"300"_s}}) {
        cd::storage::DeviceVariable v;
        v.component = component;
        if (evse)
            v.evseId = evse;
        v.variable = variable;
        v.value = value;
        v.mutability = u"ReadWrite"_s;
        v.updatedMs = QDateTime::currentMSecsSinceEpoch();
        reported.append(v);
    }
    QVERIFY(cd::storage::DeviceModelRepository(database.db()).store((*station)->id, reported));

    const auto windowGoesFirst = qScopeGuard([this] { m_window.reset(); });
    auto *page = showStations(database, control);
    QVERIFY(page);
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 2, 15000);
    auto *button = m_window->findChild<QPushButton *>(u"stationDeviceModel"_s);
    QVERIFY(button);

    QVERIFY(page->selectStation(u"OLD-0001"_s));
    QVERIFY(!button->isEnabled());
    QVERIFY(!page->openDeviceModelDialog());

    QVERIFY(page->selectStation(u"DM-0001"_s));
    QVERIFY(button->isEnabled());
    cd::ui::DeviceModelDialog *dialog = page->openDeviceModelDialog();
    QVERIFY(dialog);
    QAbstractItemModelTester tester(dialog->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(dialog, &cd::ui::DeviceModelDialog::loaded);
    QVERIFY(loaded.wait(15000));
    QCOMPARE(loaded.first().first().toInt(), 3);
    const auto *model = dialog->model();
    QStringList variables;
    for (int row = 0; row < model->rowCount(); ++row)
        variables << model->index(row, cd::ui::DeviceModelTableModel::Variable).data().toString();
    QVERIFY2(variables.contains(u"HeartbeatInterval"_s), qPrintable(variables.join(u',')));
    const int connectorRow = int(variables.indexOf(u"ConnectorType"_s));
    QCOMPARE(model->index(connectorRow, cd::ui::DeviceModelTableModel::Component).data().toString(),
             u"EVSE 1 · Connector"_s);
    QCOMPARE(model->index(connectorRow, cd::ui::DeviceModelTableModel::Value).data().toString(), u"cType2"_s);

    dialog->setSearch(u"heartbeat"_s);
    QCOMPARE(dialog->filtered()->rowCount(), 1);
    QCOMPARE(dialog->findChild<QLabel *>(u"deviceModelSummary"_s)->text(), u"1 of 3 variables"_s);
    dialog->setSearch(QString());
    QCOMPARE(dialog->findChild<QLabel *>(u"deviceModelSummary"_s)->text(), u"3 variables"_s);

    // Asking for a full report hands the operator a GetBaseReport command for this station.
    dialog->findChild<QPushButton *>(u"deviceModelAskReport"_s)->click();
    auto *command = m_window->findChild<cd::ui::CommandDialog *>();
    QVERIFY(command);
    QCOMPARE(command->findChild<QComboBox *>(u"commandAction"_s)->currentText(), u"GetBaseReport"_s);
    QVERIFY(command->findChild<QPlainTextEdit *>(u"commandPayload"_s)->toPlainText().contains(u"FullInventory"_s));
    // Sent, the station answers and reports its configuration (NotifyReport); the dialog shows it.
    QSignalSpy commandDone(command, &cd::ui::CommandDialog::finished);
    command->send();
    QVERIFY(commandDone.wait(30000));
    QCOMPARE(commandDone.first().first().toString(), u"succeeded"_s);
    const auto reportedRows = [&database] {
        auto rows = cd::charging::ChargingQueries(database.shared()).deviceModel(u"DM-0001"_s);
        return rows && rows->has_value() ? int((*rows)->size()) : 0;
    };
    QTRY_VERIFY_WITH_TIMEOUT(reportedRows() > 3, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(reportedRows() == model->rowCount(), 15000);  // the dialog reloads itself
    bool reportedInterval = false;
    for (int row = 0; row < model->rowCount(); ++row) {
        reportedInterval = reportedInterval
            || (model->index(row, cd::ui::DeviceModelTableModel::Variable).data().toString() == u"MeterValueSampleInterval"_s
                && model->index(row, cd::ui::DeviceModelTableModel::Component).data().toString() == u"ChargingStation"_s);
    }
    QVERIFY(reportedInterval);
    command->close();
    dialog->close();
    stations201.stop();
    stations16.stop();
}

// The station's history: the states its connectors reported, a fault filter, and its
// connections.
void TestMainWindow::stationHistoryWithFaults()
{
    cd::test::TestDatabase database;
    CD_REQUIRE_DB(database);
    cd::runtime::StationServerControl control(database.shared(), labServerSettings());
    QVERIFY(control.start());
    QTRY_COMPARE(control.server().state(), cd::runtime::EmbeddedServer::State::Running);
    cd::sim::Simulator simulator(oneIdleStation(control, u"HIST"_s));
    simulator.start();
    QTRY_COMPARE_WITH_TIMEOUT(simulator.bootedCount(), 1, 30000);

    // Connector 2 reported a ground failure (what a StatusNotification Faulted leaves).
    auto station = cd::storage::StationStateRepository(database.db()).find(u"HIST-0001"_s);
    QVERIFY(station && station->has_value());
    cd::storage::ConnectorRepository connectors(database.db());
    auto connector = connectors.ensure((*station)->id, 2, 2);
    QVERIFY(connector);
    cd::storage::ConnectorStatusEntry fault;
    fault.connectorRowId = connector->id;
    fault.stationId = (*station)->id;
    fault.evseId = 2;
    fault.connectorId = 2;
    fault.status = u"Faulted"_s;
    fault.errorCode = u"GroundFailure"_s;
    fault.info = u"RCD tripped"_s;
    fault.stationAtMs = 1'764'979'200'123;
    fault.receivedMs = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(connectors.appendHistory(fault));
    // The boot is answered before the station reports its connectors: wait for both states.
    auto historySize = [&] {
        cd::storage::ConnectorHistoryFilter filter;
        filter.stationId = (*station)->id;
        auto history = connectors.history(filter);
        return history ? int(history->size()) : -1;
    };
    QTRY_VERIFY_WITH_TIMEOUT(historySize() >= 3, 15000);

    const auto windowGoesFirst = qScopeGuard([this] { m_window.reset(); });
    auto *page = showStations(database, control);
    QVERIFY(page);
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 1, 15000);
    QVERIFY(!m_window->findChild<QPushButton *>(u"stationHistory"_s)->isEnabled());
    QVERIFY(page->selectStation(u"HIST-0001"_s));
    QVERIFY(m_window->findChild<QPushButton *>(u"stationHistory"_s)->isEnabled());

    cd::ui::StationHistoryDialog *dialog = page->openHistoryDialog();
    QVERIFY(dialog);
    QAbstractItemModelTester tester(dialog->states(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(dialog, &cd::ui::StationHistoryDialog::loaded);
    QVERIFY(loaded.wait(15000));
    const int states = loaded.first().at(0).toInt();
    QVERIFY2(states >= 3, qPrintable(QString::number(states)));  // the boot's Available states and the fault
    QVERIFY(loaded.first().at(1).toInt() >= 1);                   // it connected
    QCOMPARE(dialog->connections()->index(0, 1).data().toString(), u"Connected"_s);
    QCOMPARE(dialog->states()->rowCount(), states);

    dialog->setFilter(std::nullopt, u"*"_s);
    QCOMPARE(dialog->states()->rowCount(), 1);
    const auto *model = dialog->states();
    QCOMPARE(model->index(0, cd::ui::ConnectorHistoryModel::State).data().toString(), u"faulted"_s);
    QCOMPARE(model->index(0, cd::ui::ConnectorHistoryModel::ErrorCode).data().toString(), u"GroundFailure"_s);
    QCOMPARE(model->index(0, cd::ui::ConnectorHistoryModel::StationTime).data().toString(),
             u"2025-12-06 00:00:00.123"_s);
    QVERIFY(model->index(0, 0).data(Qt::ForegroundRole).isValid());
    dialog->setFilter(1, u"GroundFailure"_s);
    QCOMPARE(dialog->states()->rowCount(), 0);  // the fault was on connector 2
    dialog->setFilter(2, u"GroundFailure"_s);
    QCOMPARE(dialog->states()->rowCount(), 1);
    dialog->setFilter(1, QString());
    QVERIFY(dialog->states()->rowCount() >= 1);
    for (int row = 0; row < dialog->states()->rowCount(); ++row)
        QCOMPARE(model->index(row, cd::ui::ConnectorHistoryModel::Connector).data().toString(), u"1"_s);
    dialog->close();
    simulator.stop();
}

void TestMainWindow::switchLanguageAtRuntime()
{
    QTest::keySequence(m_window.get(), cd::ui::NavigationModel::shortcutFor(Screen::Settings));
    QTRY_COMPARE(m_window->currentScreen(), Screen::Settings);

    auto *combo = m_window->findChild<QComboBox *>(u"languageCombo"_s);
    QVERIFY(combo);
    QVERIFY(combo->isVisible());
    QVERIFY(combo->isEnabled());
    QCOMPARE(combo->count(), 4);
    QCOMPARE(combo->currentData().toString(), u"en"_s);

    auto *fileMenu = m_window->findChild<QMenu *>(u"fileMenu"_s);
    auto *languageGroup = m_window->findChild<QLabel *>(u"languageHeading"_s);
    auto *keySource = m_window->findChild<QLabel *>(u"databaseKeySource"_s);
    QVERIFY(fileMenu && languageGroup && keySource);

    const QString englishNav = navigationText(Screen::Dashboard);
    const QString englishTitle = visiblePageTitle();
    const QString englishMenu = fileMenu->title();
    const QString englishGroup = languageGroup->text();
    const QString englishKeySource = keySource->text();
    QCOMPARE(englishNav, u"Dashboard"_s);
    QCOMPARE(englishTitle, u"Settings"_s);

    struct Expectation {
        QString code;
        QString dashboard;  // the navigation item, as the translators wrote it
    };
    const QList<Expectation> expectations = {
        {u"uk"_s, u"Огляд"_s},
        {u"ru"_s, u"Обзор"_s},
        {u"zh_CN"_s, u"概览"_s},
    };
    for (const Expectation &expected : expectations) {
        const int index = combo->findData(expected.code);
        QVERIFY(index >= 0);
        combo->setCurrentIndex(index);  // as if the operator picked it

        // The model answers in the new language at once; the widgets follow when their
        // QEvent::LanguageChange arrives.
        QCOMPARE(navigationText(Screen::Dashboard), expected.dashboard);
        QCOMPARE(m_translations->language(), expected.code);
        QTRY_COMPARE(visiblePageTitle(), navigationText(Screen::Settings));
        QVERIFY(visiblePageTitle() != englishTitle);
        QVERIFY(fileMenu->title() != englishMenu);
        QVERIFY(languageGroup->text() != englishGroup);
        QVERIFY(keySource->text() != englishKeySource);
        QCOMPARE(m_window->windowTitle(), u"ChargeDesk"_s);
        // Every placeholder page follows too, even the ones not on screen.
        auto *mapTitle = m_window->findChild<QWidget *>(u"mapPage"_s)->findChild<QLabel *>(u"pageTitle"_s);
        QCOMPARE(mapTitle->text(), navigationText(Screen::Map));

        // Remembered for the next start.
        QSettings settings(u"ChargeDesk"_s, u"ChargeDesk"_s);
        QCOMPARE(settings.value(u"ui/language"_s).toString(), expected.code);
        QCOMPARE(cd::i18n::savedLanguage(), expected.code);
        QCOMPARE(cd::i18n::startupLanguage(), expected.code);
    }

    combo->setCurrentIndex(combo->findData(u"en"_s));
    QCOMPARE(navigationText(Screen::Dashboard), englishNav);
    QTRY_COMPARE(visiblePageTitle(), englishTitle);
    QCOMPARE(fileMenu->title(), englishMenu);
    QCOMPARE(languageGroup->text(), englishGroup);
    QCOMPARE(keySource->text(), englishKeySource);
    QCOMPARE(cd::i18n::savedLanguage(), u"en"_s);

    // A change made elsewhere (not through the combo) shows in the combo.
    QVERIFY(m_translations->setLanguage(u"ru"_s));
    QCOMPARE(combo->currentData().toString(), u"ru"_s);
    QCOMPARE(cd::i18n::savedLanguage(), u"en"_s);  // only the operator's choice is remembered
}

void TestMainWindow::startupLanguage()
{
    clearSettings();
    QCOMPARE(cd::i18n::savedLanguage(), QString());
    QCOMPARE(cd::i18n::startupLanguage(), cd::i18n::languageForLocale(QLocale::system()));
    cd::i18n::saveLanguage(u"uk"_s);
    QCOMPARE(cd::i18n::startupLanguage(), u"uk"_s);
    QCOMPARE(cd::i18n::startupLanguage(u"zh-CN"_s), u"zh_CN"_s);  // --lang wins for one run
    QCOMPARE(cd::i18n::savedLanguage(), u"uk"_s);                 // and is not remembered
    QCOMPARE(cd::i18n::startupLanguage(u"xx"_s), u"uk"_s);
    cd::i18n::saveLanguage(u"klingon"_s);  // ignored
    QCOMPARE(cd::i18n::savedLanguage(), u"uk"_s);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
