// Renders every main screen in every language at 1280x800 to PNG files under
// <build>/screenshots/<lang>/<NN>-<screen>.png, and fails when a ChargeDesk text went
// untranslated (a lookup no catalogue answered) or a visible text is clipped.

#include "clippingcheck.h"
#include "core/access/accessservice.h"
#include "core/accounts/accountservice.h"
#include "core/accounts/couponservice.h"
#include "core/alerts/alertrepository.h"
#include "core/billing/billingservice.h"
#include "core/billing/tariffrepository.h"
#include "core/refunds/refundservice.h"
#include "core/i18n/translationmanager.h"
#include "core/runtime/stationservercontrol.h"
#include "core/sessions/sessionactionservice.h"
#include "core/sim/simulator.h"
#include "core/storage/database.h"
#include "core/storage/idtagrepository.h"
#include "core/storage/queryrunner.h"
#include "core/storage/stationrepository.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"
#include "missingtranslationrecorder.h"
#include "support/anomalybillseeder.h"
#include "support/testdatabase.h"
#include "ui/access/firstadministratordialog.h"
#include "ui/access/logindialog.h"
#include "ui/accounts/accountspage.h"
#include "ui/accounts/departmentstab.h"
#include "ui/accounts/departmenttreemodel.h"
#include "ui/accounts/memberstab.h"
#include "ui/accounts/membertablemodel.h"
#include "ui/accounts/tariffstab.h"
#include "ui/accounts/texttablemodel.h"
#include "ui/accounts/topupdialog.h"
#include "ui/alerts/alertactiondialog.h"
#include "ui/refunds/refundspage.h"
#include "ui/reports/reportchartview.h"
#include "ui/reports/reportparameterform.h"
#include "ui/reports/reportspage.h"
#include "ui/reports/reporttablemodel.h"
#include "ui/alerts/alertspage.h"
#include "ui/alerts/alerttablemodel.h"
#include "ui/anomalies/anomalybillspage.h"
#include "ui/anomalies/anomalybilltablemodel.h"
#include "ui/anomalies/anomalystatisticsmodel.h"
#include "ui/anomalies/anomalystatisticsview.h"
#include "ui/anomalies/correctionmethodpage.h"
#include "ui/anomalies/correctionwizard.h"
#include "ui/charts/sessionchart.h"
#include "ui/charts/sessionchartview.h"
#include "ui/operations/operationspage.h"
#include "ui/operations/sessionactiondialog.h"
#include "ui/operations/sessionlogmodel.h"
#include "ui/operations/sessiontablemodel.h"
#include "ui/operators/operatorspage.h"
#include "ui/operators/operatorstab.h"
#include "ui/operators/operatortablemodel.h"
#include "ui/shell/appearance.h"
#include "ui/map/mappage.h"
#include "ui/map/mapview.h"
#include "ui/shell/mainwindow.h"
#include "ui/stations/commanddialog.h"
#include "ui/stations/configurationdialog.h"
#include "ui/stations/devicemodeldialog.h"
#include "ui/stations/placementdialog.h"
#include "ui/stations/startlatencydialog.h"
#include "ui/stations/stationhistorydialog.h"
#include "ui/stations/stationspage.h"
#include "ui/stations/stationtablemodel.h"
#include "uitestsupport.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QDebug>
#include <QDialog>
#include <QDir>
#include <QHash>
#include <QImage>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QMenuBar>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPointer>
#include <QRadioButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTimeZone>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using cd::ui::Screen;
using cd::ui::Screens;

class TestScreenshots : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void render_data();
    void render();

private:
    QStringList staleTexts(const QString &language);
    void seedAlerts();
    // Anomaly bills on the simulated stations (after the Operations screen chose its session).
    void seedAnomalyBills();
    void seedAccounts();
    // Refund applications in each state for the Refunds screen; m_shownRefund the approved one.
    void seedRefunds();
    // Puts the simulated stations on the map: five in Kyiv (a cluster), three in other cities.
    void placeStations();
    // Operator accounts in each built-in role and a custom one, two of them logged in; the
    // administrator's login session (the console runs as her: the status bar shows it).
    cd::access::LoginSession seedOperators();
    cd::access::LoginSession m_administrator;
    qint64 m_shownRefund = 0;
    // The Reports screen: a report with a chart when the catalogue has one, else the bills, run
    // over the last three weeks (the anomaly bills' sessions).
    void showReport();
    // A new zpd_case#4 bill (idle fee 148.00) of a member for the correction wizard; its id.
    qint64 correctionBill();

    cd::test::MissingTranslationRecorder m_recorder;
    // What each visible widget said in English, to catch texts a language switch left alone.
    QHash<const QObject *, QString> m_englishTexts;
    std::unique_ptr<cd::i18n::TranslationManager> m_translations;
    // The console's station server runs, so Settings and the status bar show a live one.
    std::unique_ptr<cd::test::TestDatabase> m_database;
    std::unique_ptr<cd::runtime::StationServerControl> m_stationServer;
    std::unique_ptr<cd::sim::Simulator> m_simulator;  // stations for the Stations screen
    std::unique_ptr<cd::sessions::SessionActionService> m_sessionActions;
    std::unique_ptr<cd::ui::MainWindow> m_window;
    QDir m_outputDir;
};

void TestScreenshots::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // First installed, last asked: it only hears the lookups every real catalogue missed.
    QVERIFY(QCoreApplication::installTranslator(&m_recorder));
    cd::ui::applyAppearance(*qApp);
    m_translations = std::make_unique<cd::i18n::TranslationManager>(qApp);
    QVERIFY(m_translations->setLanguage(u"en"_s));

    m_outputDir = QDir(QStringLiteral(CHARGEDESK_SCREENSHOT_DIR));
    QVERIFY(m_outputDir.mkpath(u"."_s));

    m_database = std::make_unique<cd::test::TestDatabase>();
    CD_REQUIRE_DB(*m_database);
    cd::runtime::StationServerSettings settings;
    settings.listen = u"127.0.0.1:0"_s;
    settings.securityProfile = cd::server::SecurityProfile::None;
    settings.acceptUnknownStations = true;
    m_stationServer = std::make_unique<cd::runtime::StationServerControl>(m_database->shared(), settings);
    QVERIFY(m_stationServer->start());
    QTRY_COMPARE(m_stationServer->server().state(), cd::runtime::EmbeddedServer::State::Running);
    cd::sim::SimulatorOptions simulation;
    simulation.serverUrl = m_stationServer->server().localStationUrl();
    simulation.stationCount = 8;
    simulation.idPrefix = u"KYIV"_s;
    // Drivers arrive within seconds (30× simulated time) so the Operations screen shows real
    // sessions with their meter values; the Stations screen shows them charging.
    simulation.sessions = true;
    simulation.station.idTags = {u"CARD-OLENA"_s, u"CARD-TARAS"_s, u"FLEET-0007"_s};
    {
        // The drivers' cards, two of them belonging to members, so the transaction card shows a user.
        const QList<std::pair<QString, QString>> members = {{u"Olena Kovalenko"_s, u"+380501112233"_s},
                                                            {u"Taras Melnyk"_s, u"+380671234567"_s}};
        for (int i = 0; i < simulation.station.idTags.size(); ++i) {
            cd::storage::IdTag tag;
            tag.idTag = simulation.station.idTags.at(i);
            tag.maxConcurrentSessions = 20;
            if (i < members.size()) {
                auto member = cd::storage::Sql::run(
                    m_database->db().connection(),
                    u"INSERT INTO members (name, phone, created_ms) VALUES (?,?,?)"_s
                        + m_database->db().dialect().returningIdClause(),
                    {members.at(i).first, members.at(i).second, QDateTime::currentMSecsSinceEpoch()});
                QVERIFY(member);
                tag.memberId = m_database->db().dialect().insertedId(*member);
            }
            QVERIFY(cd::storage::IdTagRepository(m_database->db()).add(tag, QDateTime::currentMSecsSinceEpoch()));
        }
    }
    simulation.timeScale = 30.0;
    simulation.sessionInterval = std::chrono::seconds(60);
    m_simulator = std::make_unique<cd::sim::Simulator>(simulation);
    m_simulator->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_simulator->bootedCount(), 8, 60000);
    seedAlerts();
    seedAccounts();
    seedRefunds();
    placeStations();

    // Last: once operator accounts exist, a bare name may change nothing.
    m_administrator = seedOperators();
    QVERIFY(m_administrator.actor.isOperator());

    cd::ui::ConsoleServices services;
    services.database = m_database->shared();
    services.stationServer = m_stationServer.get();
    services.actor = m_administrator.actor;
    m_sessionActions = std::make_unique<cd::sessions::SessionActionService>(m_database->shared());
    services.sessionActions = m_sessionActions.get();
    m_window = std::make_unique<cd::ui::MainWindow>(cd::test::sampleConsoleContext(), m_translations.get(), services);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    auto *stations = m_window->findChild<cd::ui::StationsPage *>();
    QVERIFY(stations);
    QTRY_COMPARE_WITH_TIMEOUT(stations->model()->rowCount(), 8, 30000);
    QVERIFY(m_window->mapPage());
    QTRY_COMPARE_WITH_TIMEOUT(m_window->mapPage()->view()->points().size(), 8, 30000);
    QVERIFY(stations->selectStation(u"KYIV-0003"_s));
    auto *operations = m_window->findChild<cd::ui::OperationsPage *>();
    QVERIFY(operations);
    QTRY_VERIFY_WITH_TIMEOUT(operations->model()->rowCount() >= 4, 60000);
    auto *alertsPage = m_window->findChild<cd::ui::AlertsPage *>();
    QVERIFY(alertsPage);
    QTRY_VERIFY_WITH_TIMEOUT(alertsPage->model()->rowCount() >= 3, 30000);
    QVERIFY(alertsPage->selectAlert(alertsPage->model()->alert(alertsPage->model()->rowCount() - 1)->id));  // the acknowledged one
    QTRY_VERIFY_WITH_TIMEOUT(alertsPage->historyModel()->rowCount() >= 3, 10000);
    // A session with a few meter callbacks in its log.
    QTest::qWait(3000);
    QTRY_VERIFY_WITH_TIMEOUT(operations->selectSession(operations->model()->row(operations->model()->rowCount() - 1)->session.id), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(operations->logModel()->rowCount() >= 3, 30000);
    auto *accountsPage = m_window->findChild<cd::ui::AccountsPage *>();
    QVERIFY(accountsPage);
    QTRY_VERIFY_WITH_TIMEOUT(accountsPage->membersTab()->model()->rowCount() >= 4, 10000);
    // A member seedAccounts() topped up (the operations fixture has members of its own).
    qint64 iryna = 0;
    for (int row = 0; row < accountsPage->membersTab()->model()->rowCount(); ++row) {
        if (accountsPage->membersTab()->model()->member(row)->name == u"Iryna Bondarenko")
            iryna = accountsPage->membersTab()->model()->member(row)->id;
    }
    QVERIFY(accountsPage->membersTab()->selectMember(iryna));
    QTRY_VERIFY2_WITH_TIMEOUT(accountsPage->membersTab()->topUpsModel()->rowCount() >= 1,
                              qPrintable(accountsPage->membersTab()->detailText()), 10000);
    // Refunds: the approved application selected, its history and desk records shown.
    auto *refundsPage = m_window->findChild<cd::ui::RefundsPage *>();
    QVERIFY(refundsPage);
    QTRY_VERIFY_WITH_TIMEOUT(refundsPage->applications().size() >= 3, 10000);
    QVERIFY(refundsPage->selectApplication(m_shownRefund));
    QTRY_VERIFY_WITH_TIMEOUT(refundsPage->selectedDetail() && refundsPage->selectedDetail()->application.id == m_shownRefund, 10000);
    // Operators: Dmytro's locked login selected, with Unlock… next to it.
    auto *operatorsPage = m_window->findChild<cd::ui::OperatorsPage *>();
    QVERIFY(operatorsPage);
    QTRY_VERIFY_WITH_TIMEOUT(operatorsPage->operatorsTab()->model()->rowCount() >= 5, 10000);
    QVERIFY(operatorsPage->operatorsTab()->selectOperator(u"dmytro"_s));
    seedAnomalyBills();
    showReport();
    QCOMPARE(m_window->size(), QSize(1280, 800));
}

void TestScreenshots::cleanupTestCase()
{
    m_window.reset();
    m_sessionActions.reset();
    m_simulator.reset();
    m_stationServer.reset();
    m_database.reset();
    m_translations.reset();
    QCoreApplication::removeTranslator(&m_recorder);
}

void TestScreenshots::render_data()
{
    QTest::addColumn<QString>("language");
    for (const QString &language : {u"en"_s, u"uk"_s, u"ru"_s, u"zh_CN"_s})
        QTest::newRow(qPrintable(language)) << language;
}

void TestScreenshots::render()
{
    QFETCH(QString, language);

    m_recorder.takeMissing();  // start clean for this language
    QVERIFY(m_translations->setLanguage(language));
    QCoreApplication::sendPostedEvents();  // LanguageChange reaches every widget
    QCoreApplication::processEvents();

    QDir dir(m_outputDir.filePath(language));
    QVERIFY(dir.mkpath(u"."_s));

    QStringList clipped;
    QStringList stale;
    for (const Screen screen : Screens::all()) {
        m_window->showScreen(screen);
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();  // layouts settle

        // A screen that reloads when shown may still be laying out what just arrived: look again
        // once it had time to settle before calling a text clipped.
        QStringList offenders = cd::test::clippedTexts(m_window.get());
        if (!offenders.isEmpty()) {
            QTest::qWait(500);
            offenders = cd::test::clippedTexts(m_window.get());
        }
        for (const QString &offender : std::as_const(offenders))
            clipped << Screens::key(screen) + u": "_s + offender;
        for (const QString &offender : staleTexts(language))
            stale << Screens::key(screen) + u": "_s + offender;

        const QPixmap shot = m_window->grab();
        QCOMPARE(shot.size() / shot.devicePixelRatio(), QSize(1280, 800));
        const QString file = dir.filePath(u"%1-%2.png"_s.arg(Screens::indexOf(screen) + 1, 2, 10, QChar(u'0'))
                                              .arg(Screens::key(screen)));
        QVERIFY2(shot.save(file, "PNG"), qPrintable(file));
    }
    {
        // Operations with the Chart tab of the selected session, a point's callout shown.
        m_window->showScreen(Screen::Operations);
        auto *detailTabs = m_window->findChild<QTabWidget *>(u"sessionDetailTabs"_s);
        auto *chart = m_window->findChild<cd::ui::SessionChart *>();
        QVERIFY(detailTabs && chart);
        detailTabs->setCurrentWidget(chart);
        QTRY_VERIFY_WITH_TIMEOUT(!chart->isEmptyStateShown() && chart->view()->data().series.constFirst().points.size() >= 6, 60000);
        QCoreApplication::processEvents();
        const auto &series = chart->view()->data().series;
        if (const auto at = chart->view()->viewportPosition(series.constFirst().key(), int(series.constFirst().points.size()) * 2 / 3))
            chart->view()->hoverAt(*at);
        for (const QString &offender : cd::test::clippedTexts(m_window.get()))
            clipped << u"operations-chart: "_s + offender;
        for (const QString &offender : staleTexts(language))
            stale << u"operations-chart: "_s + offender;
        const QString file = dir.filePath(u"%1-operations-chart.png"_s.arg(Screens::indexOf(Screen::Operations) + 1, 2, 10, QChar(u'0')));
        QVERIFY2(m_window->grab().save(file, "PNG"), qPrintable(file));
        detailTabs->setCurrentIndex(0);
    }
    {
        // Accounts › Departments, Coupons and Tariffs (Members is the screen's own shot).
        m_window->showScreen(Screen::Accounts);
        auto *accounts = m_window->findChild<cd::ui::AccountsPage *>();
        QVERIFY(accounts);
        const struct {
            cd::ui::AccountsPage::Tab tab;
            QString name;
        } tabs[] = {{cd::ui::AccountsPage::Departments, u"accounts-departments"_s},
                    {cd::ui::AccountsPage::Coupons, u"accounts-coupons"_s},
                    {cd::ui::AccountsPage::Tariffs, u"accounts-tariffs"_s}};
        for (const auto &t : tabs) {
            accounts->setCurrentTab(t.tab);
            QTest::qWait(1000);  // the tab reloads on a worker thread
            if (t.tab == cd::ui::AccountsPage::Departments)
                accounts->departmentsTab()->selectDepartment(accounts->departmentsTab()->model()->departments().constFirst().id);
            if (t.tab == cd::ui::AccountsPage::Tariffs && !accounts->tariffsTab()->tariffs().isEmpty())
                accounts->tariffsTab()->selectTariff(accounts->tariffsTab()->tariffs().constFirst().id);
            QTest::qWait(500);
            QCoreApplication::processEvents();
            for (const QString &offender : cd::test::clippedTexts(m_window.get()))
                clipped << t.name + u": "_s + offender;
            for (const QString &offender : staleTexts(language))
                stale << t.name + u": "_s + offender;
            const QString file = dir.filePath(u"%1-%2.png"_s.arg(Screens::indexOf(Screen::Accounts) + 1, 2, 10, QChar(u'0')).arg(t.name));
            QVERIFY2(m_window->grab().save(file, "PNG"), qPrintable(file));
        }
        accounts->setCurrentTab(cd::ui::AccountsPage::Members);
    }
    {
        // Anomaly bills › Statistics (the Bills tab is the screen's own shot).
        m_window->showScreen(Screen::AnomalyBills);
        cd::ui::AnomalyBillsPage *anomalies = m_window->anomalyBillsPage();
        QVERIFY(anomalies);
        anomalies->setCurrentTab(cd::ui::AnomalyBillsPage::StatisticsTab);
        QTRY_VERIFY_WITH_TIMEOUT(!anomalies->statistics()->isLoading() && anomalies->statistics()->model()->rowCount() > 0, 30000);
        QCoreApplication::processEvents();
        for (const QString &offender : cd::test::clippedTexts(m_window.get()))
            clipped << u"anomaly-bills-statistics: "_s + offender;
        for (const QString &offender : staleTexts(language))
            stale << u"anomaly-bills-statistics: "_s + offender;
        const QString file = dir.filePath(u"%1-anomaly-bills-statistics.png"_s.arg(Screens::indexOf(Screen::AnomalyBills) + 1, 2, 10, QChar(u'0')));
        QVERIFY2(m_window->grab().save(file, "PNG"), qPrintable(file));
        anomalies->setCurrentTab(cd::ui::AnomalyBillsPage::BillsTab);
    }
    {
        // Settings scrolled down to Settings › Alerts and to Settings › Map.
        m_window->showScreen(Screen::Settings);
        auto *scroll = m_window->findChild<QScrollArea *>(u"settingsScroll"_s);
        QVERIFY(scroll);
        for (const auto &[sectionName, shotName] : {std::pair{u"alertsSection"_s, u"settings-alerts"_s},
                                                    std::pair{u"mapSection"_s, u"settings-map"_s}}) {
            auto *section = m_window->findChild<QWidget *>(sectionName);
            QVERIFY(section);
            scroll->verticalScrollBar()->setValue(section->mapTo(scroll->widget(), QPoint(0, 0)).y());
            QCoreApplication::processEvents();
            for (const QString &offender : cd::test::clippedTexts(m_window.get()))
                clipped << shotName + u": "_s + offender;
            for (const QString &offender : staleTexts(language))
                stale << shotName + u": "_s + offender;
            const QString file = dir.filePath(
                u"%1-%2.png"_s.arg(Screens::indexOf(Screen::Settings) + 1, 2, 10, QChar(u'0')).arg(shotName));
            QVERIFY2(m_window->grab().save(file, "PNG"), qPrintable(file));
        }
        scroll->verticalScrollBar()->setValue(0);
    }
    {
        // The dialogs, each in a PNG of its own, under the same checks. They are made in this
        // language, so a text left in English shows as untranslated, not as stale.
        const int stationsIndex = Screens::indexOf(Screen::Stations) + 1;
        const int operationsIndex = Screens::indexOf(Screen::Operations) + 1;
        const auto shoot = [&](QDialog *dialog, int screenIndex, const QString &name) {
            QVERIFY(dialog);
            QPointer<QDialog> guard(dialog);
            dialog->resize(dialog->size().expandedTo(dialog->sizeHint()));  // as the dialog sizes itself
            dialog->show();
            QVERIFY(QTest::qWaitForWindowExposed(dialog));
            QTest::qWait(1500);  // its data loads on a worker thread
            QCoreApplication::processEvents();
            for (const QString &offender : cd::test::clippedTexts(dialog))
                clipped << name + u": "_s + offender;
            const QString file = dir.filePath(u"%1-dialog-%2.png"_s.arg(screenIndex, 2, 10, QChar(u'0')).arg(name));
            QVERIFY2(dialog->grab().save(file, "PNG"), qPrintable(file));
            dialog->close();
            delete guard.data();
        };
        m_window->showScreen(Screen::Stations);
        auto *stations = m_window->findChild<cd::ui::StationsPage *>();
        QVERIFY(stations && stations->selectStation(u"KYIV-0003"_s));
        shoot(stations->openHistoryDialog(), stationsIndex, u"station-history"_s);
        cd::ui::CommandDialog *command = stations->openCommandDialog();
        QVERIFY(command);
        command->prepare(u"UpdateFirmware"_s,
                         u"{\"location\": \"https://firmware.example.com/sim-2.0.bin\", \"retrieveDate\": \"2030-01-01T02:00:00Z\", \"retries\": 3}"_s);
        shoot(command, stationsIndex, u"command"_s);
        shoot(stations->openStartLatencyDialog(), stationsIndex, u"start-latency"_s);
        shoot(stations->openConfigurationDialog(), stationsIndex, u"configuration"_s);
        shoot(stations->openPlacementDialog(), stationsIndex, u"placement"_s);

        m_window->showScreen(Screen::Operations);
        auto *operations = m_window->findChild<cd::ui::OperationsPage *>();
        QVERIFY(operations && operations->selectedSession());
        operations->openAction(cd::sessions::ActionKind::Finish);
        auto *finish = m_window->findChild<cd::ui::SessionActionDialog *>();
        QVERIFY(finish);
        QTRY_VERIFY2_WITH_TIMEOUT(finish->plan().has_value(),
                                  qPrintable(finish->findChild<QLabel *>(u"actionRefusals"_s)->text()), 10000);
        shoot(finish, operationsIndex, u"session-finish"_s);

        {
            // Anomaly bills › Correct…: the wizard's method page, the preview of a zpd_case#4 bill
            // (move the service end to the charging end) and the result, each a PNG.
            const qint64 bill = correctionBill();
            QVERIFY(bill > 0);
            QPointer<cd::ui::CorrectionWizard> wizard = m_window->openCorrectionWizard({bill});
            QVERIFY(wizard);
            wizard->setConfirmation([](QWidget *, const QString &) { return true; });
            wizard->resize(wizard->size().expandedTo(wizard->sizeHint()).expandedTo(QSize(900, 660)));
            QVERIFY(QTest::qWaitForWindowExposed(wizard));
            const int anomaliesIndex = Screens::indexOf(Screen::AnomalyBills) + 1;
            const auto shootWizard = [&](const QString &name) {
                QCoreApplication::processEvents();
                for (const QString &offender : cd::test::clippedTexts(wizard))
                    clipped << name + u": "_s + offender;
                const QString file = dir.filePath(u"%1-dialog-%2.png"_s.arg(anomaliesIndex, 2, 10, QChar(u'0')).arg(name));
                QVERIFY2(wizard->grab().save(file, "PNG"), qPrintable(file));
            };
            qobject_cast<cd::ui::CorrectionMethodPage *>(wizard->page(cd::ui::CorrectionWizard::MethodPage))
                ->button(cd::anomalies::CorrectionMethod::MoveServiceEndToChargingEnd)
                ->setChecked(true);
            shootWizard(u"correction-method"_s);
            QSignalSpy shown(wizard.data(), &cd::ui::CorrectionWizard::previewsShown);
            wizard->next();
            QVERIFY(shown.count() > 0 || shown.wait(15000));
            QTest::keyClicks(wizard->findChild<QPlainTextEdit *>(u"correctionReason"_s), u"The car left when charging ended"_s);
            shootWizard(u"correction-preview"_s);
            QSignalSpy finished(wizard.data(), &cd::ui::CorrectionWizard::finishedApplying);
            wizard->next();
            QVERIFY(finished.count() > 0 || finished.wait(15000));
            shootWizard(u"correction-result"_s);
            wizard->close();
            QTRY_VERIFY(wizard.isNull());
        }

        m_window->showScreen(Screen::Alerts);
        auto *alertsPage = m_window->findChild<cd::ui::AlertsPage *>();
        QVERIFY(alertsPage && alertsPage->selectedAlert() != 0);
        shoot(alertsPage->openAction(cd::ui::AlertActionDialog::Action::Assign), Screens::indexOf(Screen::Alerts) + 1,
              u"alert-assign"_s);

        // Accounts › Members › Top up… at its confirmation.
        m_window->showScreen(Screen::Accounts);
        auto *accountsPage = m_window->findChild<cd::ui::AccountsPage *>();
        QVERIFY(accountsPage);
        cd::ui::TopUpDialog *topUp = accountsPage->membersTab()->openTopUp();
        QVERIFY(topUp);
        topUp->setAmountText(u"600"_s);
        QTest::mouseClick(topUp->primaryButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(topUp->step(), cd::ui::TopUpDialog::Step::Confirm, 10000);
        shoot(topUp, Screens::indexOf(Screen::Accounts) + 1, u"top-up"_s);

        // The console's sign-in: the login dialog (a wrong password tried) and the first start.
        const int operatorsIndex = Screens::indexOf(Screen::Operators) + 1;
        cd::storage::QueryRunner runner(m_database->shared());
        auto *login = new cd::ui::LoginDialog(runner, u"console@screenshots"_s);
        login->setLogin(u"olena"_s);
        auto *password = login->findChild<QLineEdit *>(u"loginPassword"_s);
        QVERIFY(password);
        password->setText(u"not-her-password"_s);
        login->findChild<QDialogButtonBox *>(u"loginButtons"_s)->button(QDialogButtonBox::Ok)->click();
        QTRY_VERIFY_WITH_TIMEOUT(login->findChild<QLabel *>(u"loginError"_s)->isVisibleTo(login), 15000);
        shoot(login, operatorsIndex, u"login"_s);
        shoot(new cd::ui::FirstAdministratorDialog(runner, u"console@screenshots"_s), operatorsIndex,
              u"first-administrator"_s);
    }
    clipped.removeDuplicates();
    stale.removeDuplicates();

    const QStringList missing = m_recorder.takeMissing();
    QString report;
    if (!missing.isEmpty())
        report += u"\nUntranslated in %1 (context | source):\n  "_s.arg(language) + missing.join(u"\n  "_s);
    if (!stale.isEmpty())
        report += u"\nStill in English in %1 (not retranslated on QEvent::LanguageChange):\n  "_s.arg(language)
                  + stale.join(u"\n  "_s);
    if (!clipped.isEmpty())
        report += u"\nClipped in %1:\n  "_s.arg(language) + clipped.join(u"\n  "_s);
    if (!report.isEmpty())
        qCritical().noquote() << report;  // in full: QVERIFY2 would cut a long list
    QVERIFY2(report.isEmpty(), "untranslated or clipped texts, listed above");
}

// Members, departments, coupon rules and a time-of-use tariff for the Accounts screen.
void TestScreenshots::seedAccounts()
{
    using namespace cd::accounts;
    const cd::storage::Database &db = m_database->db();
    const QString who = u"Olena Kovalenko"_s;
    AccountService service(db);
    CouponService coupons(db);
    CouponRule welcome;
    welcome.name = u"Welcome 5.00"_s;
    welcome.trigger = CouponTrigger::NewMember;
    welcome.amountMinor = 500;
    welcome.minSpendMinor = 2000;
    welcome.validDays = 30;
    QVERIFY(coupons.createRule(welcome, who).ok());
    CouponRule big;
    big.name = u"Top up 500, get 60"_s;
    big.minTopUpMinor = 50000;
    big.amountMinor = 6000;
    big.validDays = 60;
    QVERIFY(coupons.createRule(big, who).ok());
    // A December campaign at one station: spend there earns a coupon usable only there.
    auto station = cd::storage::Sql::run(db.connection(), u"SELECT id FROM stations WHERE charge_point_id = 'KYIV-0003'"_s);
    QVERIFY(station && station->next());
    CouponRule campaign;
    campaign.name = u"December at KYIV-0003"_s;
    campaign.trigger = CouponTrigger::Spend;
    campaign.minTotalSpendMinor = 100000;
    campaign.amountMinor = 5000;
    campaign.stationId = station->value(0).toLongLong();
    campaign.validFromMs = 1'796'083'200'000;  // 2026-12-01 UTC
    campaign.validToMs = 1'798'761'600'000;    // 2027-01-01 UTC
    QVERIFY(coupons.createRule(campaign, who).ok());
    auto company = service.createDepartment({u"Kyiv Logistics"_s, std::nullopt, false, 10000}, who);
    QVERIFY(company.ok());
    auto vans = service.createDepartment({u"Delivery vans"_s, company->id, true, 0}, who);
    QVERIFY(vans.ok());
    QVERIFY(service.createDepartment({u"Office cars"_s, company->id, false, 500}, who).ok());
    QVERIFY(service.topUpDepartment(company->id, {2500000, u"UAH"_s, u"manual"_s, u"INV-2026-118"_s}, who).ok());
    QVERIFY(service.addDepartmentCard(vans->id, u"VANS-POOL-01"_s, 6, who).ok());
    const struct {
        QString name, phone, email;
        std::optional<qint64> department;
        qint64 topUp;
    } people[] = {{u"Iryna Bondarenko"_s, u"+380931234567"_s, u"iryna@example.com"_s, std::nullopt, 60000},
                  {u"Andrii Shevchenko"_s, u"+380661112244"_s, QString(), vans->id, 20000},
                  {u"Mykola Tkachenko"_s, u"+380503335577"_s, u"mykola.t@example.com"_s, std::nullopt, 0},
                  {u"Sofiia Lysenko"_s, u"+380677654321"_s, QString(), company->id, 15000}};
    for (const auto &p : people) {
        auto member = service.createMember({p.name, p.phone, p.email, p.department, 100}, who);
        QVERIFY2(member.ok(), qPrintable(member.error().message));
        if (p.topUp > 0)
            QVERIFY(service.topUpMember(member->member.id, {p.topUp, u"UAH"_s, u"manual"_s, QString()}, who).ok());
    }
    cd::billing::Tariff tariff;
    tariff.name = u"Kyiv time-of-use"_s;
    tariff.currency = u"UAH"_s;
    tariff.timeZone = u"Europe/Kyiv"_s;
    tariff.validFromMs = QDateTime::currentMSecsSinceEpoch() - 86'400'000;
    tariff.energyPriceMinorPerKwh = 850;
    tariff.serviceFeeMinorPerKwh = 150;
    tariff.idleFeeMinorPerMinute = 80;
    tariff.idleFreeMinutes = 15;
    tariff.periods = {{cd::billing::PeriodKind::Peak, 18 * 60, 22 * 60, 1250},
                      {cd::billing::PeriodKind::Valley, 23 * 60, 7 * 60, 450}};
    auto saved = cd::billing::TariffRepository(db).save(tariff, who, u"screenshots"_s);
    QVERIFY2(saved.ok(), qPrintable(saved.error().message));
}

// Refund applications of the members seedAccounts() topped up (cash at the desk): one approved with a
// commission and paid back at the desk (shown selected), one pending, one rejected.
void TestScreenshots::placeStations()
{
    const QList<std::pair<double, double>> places = {
        {50.4663, 30.5151}, {50.4668, 30.5160}, {50.5013, 30.4979}, {50.4275, 30.5449}, {50.4501, 30.6200},
        {49.8419, 24.0316}, {46.4297, 30.7617}, {49.9935, 36.2304}};
    cd::storage::StationRepository stations(m_database->db());
    for (int i = 0; i < places.size(); ++i) {
        const QString id = u"KYIV-%1"_s.arg(i + 1, 4, 10, QChar(u'0'));
        QVERIFY2(stations.setLocation(id, places.at(i).first, places.at(i).second), qPrintable(id));
    }
}

cd::access::LoginSession TestScreenshots::seedOperators()
{
    cd::access::AccessService access(m_database->db());
    auto created = access.createFirstAdministrator({u"anna"_s, u"Anna Koval"_s, "anna-password-1", {}, 2});
    if (!created) {
        qWarning("%s", qPrintable(created.error().message));
        return {};
    }
    auto anna = access.login(u"anna"_s, "anna-password-1", u"console@desk-1"_s);
    if (!anna)
        return {};
    const QList<cd::access::NewOperator> operators = {
        {u"olena"_s, u"Olena Kovalenko"_s, "olena-password-2", u"accountant"_s, 1},
        {u"taras"_s, u"Taras Melnyk"_s, "taras-password-3", u"support"_s, 2},
        {u"iryna"_s, u"Iryna Bondarenko"_s, "iryna-password-4", u"site_manager"_s, 1},
        {u"dmytro"_s, u"Dmytro Shevchuk"_s, "dmytro-password-5", u"support"_s, 1},
    };
    for (const cd::access::NewOperator &op : operators) {
        if (!access.createOperator(anna->actor, op, u"new team member"_s))
            return {};
    }
    if (!access.createRole(anna->actor, u"night_shift"_s,
                           {u"screen.dashboard"_s, u"screen.operations"_s, u"sessions.finish"_s, u"stations.command"_s},
                           u"weekend cover"_s))
        return {};
    if (!access.setRole(anna->actor, u"dmytro"_s, u"night_shift"_s, u"nights from December"_s).ok())
        return {};
    if (!access.setDisabled(anna->actor, u"iryna"_s, true, u"on leave"_s).ok())
        return {};
    if (!access.login(u"taras"_s, "taras-password-3", u"console@support-2"_s))
        return {};
    for (int i = 0; i < 5; ++i)  // Dmytro's login locked by wrong passwords: "Locked until …"
        (void)access.authenticate(u"dmytro"_s, "dmytro-forgot-it");
    return *anna;
}

void TestScreenshots::seedRefunds()
{
    using namespace cd::refunds;
    const cd::storage::Database &db = m_database->db();
    RefundService refunds(db, nullptr);
    const auto memberId = [&db](const QString &name) -> qint64 {
        auto q = cd::storage::Sql::run(db.connection(), u"SELECT id FROM members WHERE name = ?"_s, {name});
        return q && q->next() ? q->value(0).toLongLong() : 0;
    };
    const auto apply = [&refunds](qint64 member, qint64 amount, const QString &reason) -> qint64 {
        RefundRequest r;
        r.memberId = member;
        r.amountMinor = amount;
        r.currency = u"UAH"_s;
        r.reason = reason;
        auto applied = refunds.apply(r, u"Olena Kovalenko"_s);
        return applied ? applied->id : 0;
    };
    const qint64 approved = apply(memberId(u"Iryna Bondarenko"_s), 25000, u"Moving to Lviv"_s);
    const qint64 rejected = apply(memberId(u"Sofiia Lysenko"_s), 10000, u"Charged twice"_s);
    const qint64 pending = apply(memberId(u"Andrii Shevchenko"_s), 12000, u"Leaving the company"_s);
    QVERIFY(approved != 0 && rejected != 0 && pending != 0);
    auto approval = refunds.approve(approved, 1000, u"Taras Melnyk"_s, u"Commission as in the contract"_s);
    QVERIFY2(approval.ok(), approval.ok() ? "" : qPrintable(approval.error().message));
    for (const RefundGatewayRecord &r : approval->records)
        QVERIFY(refunds.confirmDesk(r.id, true, u"D-0042"_s, u"Taras Melnyk"_s, u"Paid in cash"_s).ok());
    QVERIFY(refunds.reject(rejected, u"Taras Melnyk"_s, u"Second charge was a hold, released"_s).ok());
    m_shownRefund = approved;
}

// Alerts for the Alerts screen: events (the live monitor leaves them alone) in each state, with
// their history.
void TestScreenshots::seedAlerts()
{
    using namespace cd::alerts;
    const cd::storage::Database &db = m_database->db();
    AlertRepository repo(db);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto stationId = [&db](const QString &cpid) {
        auto q = cd::storage::Sql::run(db.connection(), u"SELECT id FROM stations WHERE charge_point_id = ?"_s, {cpid});
        return q && q->next() ? std::optional<qint64>(q->value(0).toLongLong()) : std::nullopt;
    };
    struct Seed {
        AlertKind kind;
        QString station;
        int connector;
        AlertState state;
        qint64 ageMs;
        int occurrences;
        QString details;
        QString assignee;
    };
    const Seed seeds[] = {
        {AlertKind::ConnectorFaulted, u"KYIV-0006"_s, 2, AlertState::Resolved, 5 * 3'600'000, 1,
         u"{\"errorCode\":\"GroundFailure\",\"vendorError\":\"E17\",\"sinceMs\":%1}"_s.arg(now - 5 * 3'600'000), {}},
        {AlertKind::FailedStart, u"KYIV-0002"_s, 1, AlertState::Acknowledged, 3 * 3'600'000, 3,
         u"{\"source\":\"remote_start\",\"commandId\":118,\"answer\":\"Rejected\"}"_s, u"Taras Melnyk"_s},
        {AlertKind::MeterJump, u"KYIV-0005"_s, 1, AlertState::Open, 40 * 60'000, 1,
         u"{\"beforeWh\":0,\"afterWh\":48215,\"deltaWh\":48215,\"beforeAtMs\":%1,\"afterAtMs\":%2}"_s
             .arg(now - 41 * 60'000)
             .arg(now - 40 * 60'000),
         {}},
        {AlertKind::StopNotHonoured, u"KYIV-0003"_s, 1, AlertState::Open, 12 * 60'000, 1,
         u"{\"sessionNumber\":\"S-000417\",\"event\":{\"risenWh\":1840}}"_s, {}},
    };
    for (const Seed &s : seeds) {
        Alert a;
        a.kind = s.kind;
        a.stationId = stationId(s.station);
        a.chargePointId = s.station;
        a.connectorId = s.connector;
        a.dedupeKey = Alert::makeKey(s.kind, a.stationId, a.connectorId) + u":seed"_s;
        a.state = s.state;
        a.active = s.state != AlertState::Resolved;
        a.openedMs = now - s.ageMs;
        a.lastSeenMs = now - s.ageMs / 3;
        a.occurrences = s.occurrences;
        a.details = s.details;
        a.assignee = s.assignee;
        a.updatedMs = now;
        if (s.state == AlertState::Resolved) {
            a.resolvedMs = now - s.ageMs / 2;
            a.resolvedBy = systemActor();
            a.clearedMs = a.resolvedMs;
        }
        if (s.state == AlertState::Acknowledged) {
            a.acknowledgedMs = now - s.ageMs / 2;
            a.acknowledgedBy = u"Olena Kovalenko"_s;
        }
        auto id = repo.insert(a);
        QVERIFY2(id.ok(), qPrintable(id.error().message));
        AlertHistoryEntry h;
        h.alertId = *id;
        h.atMs = a.openedMs;
        h.actor = systemActor();
        h.action = u"opened"_s;
        h.toState = u"open"_s;
        QVERIFY(repo.appendHistory(h).ok());
        if (s.state == AlertState::Acknowledged) {
            h.atMs = *a.acknowledgedMs;
            h.actor = a.acknowledgedBy;
            h.action = u"acknowledged"_s;
            h.fromState = u"open"_s;
            h.toState = u"acknowledged"_s;
            h.note = u"Card reader replaced yesterday; watching the next starts"_s;
            QVERIFY(repo.appendHistory(h).ok());
            h.atMs += 60'000;
            h.action = u"assigned"_s;
            h.fromState = h.toState;
            h.note = u"Taras Melnyk · site visit on Monday"_s;
            QVERIFY(repo.appendHistory(h).ok());
        }
        if (s.state == AlertState::Resolved) {
            h.atMs = *a.resolvedMs;
            h.actor = systemActor();
            h.action = u"cleared"_s;
            h.fromState = u"open"_s;
            h.toState = u"resolved"_s;
            h.note.clear();
            QVERIFY(repo.appendHistory(h).ok());
        }
    }
}

qint64 TestScreenshots::correctionBill()
{
    const cd::storage::Database &db = m_database->db();
    const auto insert = [&db](const QString &sql, const QVariantList &values) -> qint64 {
        auto q = cd::storage::Sql::run(db.connection(), sql + db.dialect().returningIdClause(), values);
        return q ? db.dialect().insertedId(*q) : 0;
    };
    // zpd_case#4: charging 08:00:57–08:13:57, unplugged 11:34:17; 0.47 + 0.21 per kWh, 0.80 per idle
    // minute after 15 free minutes, on a station of its own with its own tariff.
    const qint64 start = QDateTime(QDate(2019, 9, 13), QTime(8, 0, 57), Qt::UTC).toMSecsSinceEpoch();
    static qint64 station = 0;
    static qint64 member = 0;
    if (station == 0) {
        station = insert(u"INSERT INTO stations (charge_point_id, name, created_ms) VALUES ('44030900210000200002', "
                         "'Shiyan 108 Logistics Park', ?)"_s,
                         {start});
        member = insert(u"INSERT INTO members (name, phone, balance_minor, created_ms) VALUES (?,?,?,?)"_s,
                        {u"Li Wei"_s, u"18818902723"_s, 50000, start});
        cd::billing::Tariff t;
        t.name = u"Shiyan 108"_s;
        t.scope = cd::billing::TariffScope::Station;
        t.scopeId = station;
        t.currency = u"CNY"_s;
        t.validFromMs = start - 86'400'000;
        t.energyPriceMinorPerKwh = 47;
        t.serviceFeeMinorPerKwh = 21;
        t.idleFeeMinorPerMinute = 80;
        t.idleFreeMinutes = 15;
        if (!cd::billing::TariffRepository(db).save(t, m_administrator.actor, u"zpd_case#4"_s))
            return 0;
    }
    cd::storage::Session s;
    s.stationId = station;
    s.connectorId = 1;
    s.memberId = member;
    s.status = u"finished"_s;
    s.meterStartWh = 100'000;
    s.meterStopWh = 105'000;
    s.energyWh = 5000;
    s.stopReason = u"EVDisconnected"_s;
    s.stopSource = u"station"_s;
    s.startedMs = start;
    s.chargingStartedMs = start;
    s.chargingEndedMs = start + 13 * 60'000;
    s.endedMs = start + (3 * 60 + 33) * 60'000 + 20'000;
    auto created = cd::storage::SessionRepository(db).create(s, start);
    if (!created)
        return 0;
    auto issued = cd::billing::BillingService(db).issue(created->id);
    if (!issued)
        return 0;
    insert(u"INSERT INTO bill_anomalies (bill_id, session_id, code, detail, detected_ms) VALUES (?,?,6,'',?)"_s,
           {issued->billId, created->id, start});
    return issued->billId;
}

void TestScreenshots::seedAnomalyBills()
{
    // Bills the calculator computed, on the simulated stations over the last weeks, with the codes
    // seen in the field (code 8 the most common), a few clean ones for the shares, two corrected.
    const cd::storage::Database &db = m_database->db();
    cd::test::AnomalyFixture fixture(db);
    const qint64 day = 86'400'000;
    const qint64 today = QDate::currentDate().startOfDay().toMSecsSinceEpoch();
    auto stationId = [&db](int n) {
        auto q = cd::storage::Sql::run(db.connection(), u"SELECT id FROM stations WHERE charge_point_id = ?"_s,
                                       {u"KYIV-%1"_s.arg(n, 4, 10, QChar(u'0'))});
        return q && q->next() ? q->value(0).toLongLong() : 0;
    };
    struct Seed {
        int station;
        int daysAgo;
        int hour;
        qint64 energyWh;
        int chargingMinutes;
        int idleMinutes;
        std::optional<qint64> stationEnergyWh;
        // The codes with their stored sentences: empty, as from a server that did not write them.
        // The screen shows what the detectors find now, in the screen's language (made-up
        // sentences would stay in the one language they were written in).
        QList<std::pair<int, QString>> codes;
        bool corrected;
    };
    const QList<Seed> seeds = {
        {3, 2, 9, 48210, 140, 6, 12050, {{8, u""_s}}, false},
        {3, 4, 18, 31500, 95, 4, 0, {{8, u""_s}, {3, u""_s}}, false},
        {3, 6, 7, 22100, 80, 3, std::nullopt, {}, false},
        {3, 9, 12, 18000, 70, 5, std::nullopt, {}, false},
        {5, 1, 20, 2350, 12, 185, std::nullopt, {{6, u""_s}}, false},
        {5, 3, 8, 27600, 110, 9, 6900, {{8, u""_s}}, true},
        {5, 8, 14, 15400, 60, 2, std::nullopt, {}, false},
        {2, 2, 11, 0, 30, 10, std::nullopt, {{1, u""_s}, {11, u""_s}}, false},
        {2, 5, 16, 19800, 75, 6, std::nullopt, {}, false},
        {7, 3, 10, 9400, 50, 4, 9400, {{9, u""_s}}, false},
        {7, 11, 13, 40100, 150, 7, 40100, {{4, u""_s}}, true},
        {7, 12, 17, 21000, 85, 3, std::nullopt, {}, false},
        {1, 6, 19, 12600, 55, 3, std::nullopt, {{7, u""_s}}, false},
        {1, 7, 9, 16300, 65, 5, std::nullopt, {}, false},
        {6, 4, 15, 35200, 130, 8, 33100, {{8, u""_s}, {2, u""_s}}, false},
        {4, 10, 8, 25700, 100, 5, 6100, {{8, u""_s}}, false},
        {8, 13, 21, 8800, 40, 240, std::nullopt, {{6, u""_s}, {5, u""_s}}, false},
    };
    for (const Seed &s : seeds) {
        const qint64 station = stationId(s.station);
        QVERIFY(station > 0);
        const qint64 start = today - s.daysAgo * day + s.hour * 3'600'000;
        const qint64 session = fixture.computedSession(station, start, s.energyWh, s.chargingMinutes, s.idleMinutes,
                                                       s.stationEnergyWh, s.codes.isEmpty() ? u"settled"_s : u"held"_s);
        QVERIFY2(session > 0, qPrintable(fixture.error()));
        for (const auto &[code, detail] : s.codes)
            QVERIFY2(fixture.anomaly(session, code, start + (s.chargingMinutes + s.idleMinutes + 2) * 60'000, detail),
                     qPrintable(fixture.error()));
        if (s.corrected)
            QVERIFY2(fixture.correct(session, start + day, s.energyWh, s.energyWh * 1250 / 1000), qPrintable(fixture.error()));
    }
    cd::ui::AnomalyBillsPage *page = m_window->anomalyBillsPage();
    QVERIFY(page);
    page->refresh();
    QTRY_VERIFY2_WITH_TIMEOUT(page->model()->rowCount() >= 9, qPrintable(QString::number(page->model()->rowCount())), 10000);  // 11 with codes, 2 corrected
    QVERIFY(page->model()->setData(page->model()->index(1, cd::ui::AnomalyBillTableModel::Session), Qt::Checked,
                                   Qt::CheckStateRole));
    QVERIFY(page->model()->setData(page->model()->index(3, cd::ui::AnomalyBillTableModel::Session), Qt::Checked,
                                   Qt::CheckStateRole));
    QVERIFY(page->selectSession(page->model()->row(0)->sessionId));
    QSignalSpy detail(page, &cd::ui::AnomalyBillsPage::detailLoaded);
    QVERIFY(detail.wait(10000));
}

void TestScreenshots::showReport()
{
    auto *page = m_window->findChild<cd::ui::ReportsPage *>();
    QVERIFY(page);
    const qint64 day = 86'400'000;
    const qint64 today = QDate::currentDate().startOfDay(QTimeZone::utc()).toMSecsSinceEpoch();
    // The reports that draw a chart first, as far as the catalogue has them.
    for (const QString &name : {u"peak-hours"_s, u"utilisation"_s, u"downtime"_s, u"bills"_s}) {
        if (!page->selectReport(name))
            continue;
        page->parameterForm()->setPeriod(today - 20 * day, today + day);
        QSignalSpy shown(page, &cd::ui::ReportsPage::reportShown);
        page->run();
        if (!shown.wait(30000) || page->tableModel()->rowCount() == 0)
            continue;
        if (page->isChartShown() || name == u"bills")
            return;
    }
    QFAIL("no report showed rows");
}

QStringList TestScreenshots::staleTexts(const QString &language)
{
    // Names and data that read the same in every language.
    static const QStringList sameEverywhere = {u"brandName"_s, u"databaseEngine"_s, u"databaseSchemaVersion"_s,
                                               u"languageCombo"_s, u"tileValue"_s /* a dashboard number */,
                                               u"periodDash"_s /* Reports: the dash between two dates */,
                                               u"mapZoomIn"_s, u"mapZoomOut"_s /* the map's + and − */};
    QStringList offenders;
    const QList<QWidget *> widgets = m_window->findChildren<QWidget *>();
    for (const QWidget *widget : widgets) {
        if (!widget->isVisible() || sameEverywhere.contains(widget->objectName()))
            continue;
        QString text;
        if (auto *label = qobject_cast<const QLabel *>(widget))
            text = label->text();
        else if (auto *button = qobject_cast<const QAbstractButton *>(widget))
            text = button->text();
        if (text.isEmpty())
            continue;
        if (language == u"en"_s) {
            m_englishTexts.insert(widget, text);
        } else if (m_englishTexts.value(widget) == text) {
            offenders << (widget->objectName().isEmpty() ? QString::fromLatin1(widget->metaObject()->className())
                                                         : widget->objectName())
                             + u" \""_s + text + u'"';
        }
    }
    for (QAction *action : m_window->menuBar()->actions()) {
        if (language == u"en"_s)
            m_englishTexts.insert(action, action->text());
        else if (m_englishTexts.value(action) == action->text())
            offenders << u"menu \""_s + action->text() + u'"';
    }
    return offenders;
}

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
