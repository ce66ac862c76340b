// Drives the real main window offscreen: navigation by view, keyboard and shortcuts,
// the honest empty states, the Settings screen (with a real station server) and the runtime
// language switch.

#include "core/i18n/language.h"
#include "core/i18n/languagesettings.h"
#include "core/i18n/translationmanager.h"
#include "core/runtime/stationservercontrol.h"
#include "support/testdatabase.h"
#include "ui/settings/stationserversection.h"
#include "ui/shell/appearance.h"
#include "ui/shell/mainwindow.h"
#include "ui/shell/navigationmodel.h"
#include "uitestsupport.h"

#include <QAbstractItemModelTester>
#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <memory>

using namespace Qt::StringLiterals;
using cd::ui::Screen;
using cd::ui::Screens;

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
    void switchLanguageAtRuntime();
    void startupLanguage();

private:
    QListView *navigation() const;
    QStackedWidget *pages() const;
    QString navigationText(Screen screen) const;
    QString visiblePageTitle() const;
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
        QTest::keyClick(m_window.get(), Qt::Key(Qt::Key_1 + int(i)), Qt::ControlModifier);
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
    cd::runtime::StationServerSettings settings;
    settings.listen = u"127.0.0.1:0"_s;
    settings.securityProfile = cd::server::SecurityProfile::None;
    settings.acceptUnknownStations = true;
    cd::runtime::StationServerControl control(database.shared(), settings);
    QVERIFY(control.start());
    const auto windowGoesFirst = qScopeGuard([this] { m_window.reset(); });  // it points at `control`
    m_window.reset();
    m_window = std::make_unique<cd::ui::MainWindow>(cd::test::sampleConsoleContext(), m_translations.get(), &control);
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

void TestMainWindow::switchLanguageAtRuntime()
{
    QTest::keyClick(m_window.get(), Qt::Key_8, Qt::ControlModifier);
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
