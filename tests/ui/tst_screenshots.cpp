// Renders every main screen in every language at 1280x800 to PNG files under
// <build>/screenshots/<lang>/<NN>-<screen>.png, and fails when a ChargeDesk text went
// untranslated (a lookup no catalogue answered) or a visible text is clipped.

#include "clippingcheck.h"
#include "core/alerts/alertrepository.h"
#include "ui/alerts/alertactiondialog.h"
#include "ui/alerts/alertspage.h"
#include "ui/alerts/alerttablemodel.h"
#include "core/i18n/translationmanager.h"
#include "core/runtime/stationservercontrol.h"
#include "core/sessions/sessionactionservice.h"
#include "core/sim/simulator.h"
#include "core/storage/database.h"
#include "core/storage/idtagrepository.h"
#include "core/storage/sqlhelpers.h"
#include "support/testdatabase.h"
#include "missingtranslationrecorder.h"
#include "ui/shell/appearance.h"
#include "ui/operations/operationspage.h"
#include "ui/operations/sessionactiondialog.h"
#include "ui/operations/sessionlogmodel.h"
#include "ui/operations/sessiontablemodel.h"
#include "ui/charts/sessionchart.h"
#include "ui/charts/sessionchartview.h"
#include <QTabWidget>
#include "ui/shell/mainwindow.h"
#include "ui/stations/commanddialog.h"
#include "ui/stations/configurationdialog.h"
#include "ui/stations/devicemodeldialog.h"
#include "ui/stations/startlatencydialog.h"
#include "ui/stations/stationhistorydialog.h"
#include "ui/stations/stationspage.h"
#include "ui/stations/stationtablemodel.h"
#include "uitestsupport.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QPointer>
#include <QHash>
#include <QLabel>
#include <QMenuBar>
#include <QDateTime>
#include <QDebug>
#include <QDir>
#include <QImage>
#include <QPixmap>
#include <QScrollArea>
#include <QScrollBar>
#include <QStandardPaths>
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

    cd::ui::ConsoleServices services;
    services.database = m_database->shared();
    services.stationServer = m_stationServer.get();
    services.operatorName = u"screenshots"_s;
    m_sessionActions = std::make_unique<cd::sessions::SessionActionService>(m_database->shared());
    services.sessionActions = m_sessionActions.get();
    m_window = std::make_unique<cd::ui::MainWindow>(cd::test::sampleConsoleContext(), m_translations.get(), services);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    auto *stations = m_window->findChild<cd::ui::StationsPage *>();
    QVERIFY(stations);
    QTRY_COMPARE_WITH_TIMEOUT(stations->model()->rowCount(), 8, 30000);
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

        for (const QString &offender : cd::test::clippedTexts(m_window.get()))
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
        // Settings scrolled down to Settings › Alerts.
        m_window->showScreen(Screen::Settings);
        auto *scroll = m_window->findChild<QScrollArea *>(u"settingsScroll"_s);
        auto *alertsSection = m_window->findChild<QWidget *>(u"alertsSection"_s);
        QVERIFY(scroll && alertsSection);
        scroll->verticalScrollBar()->setValue(alertsSection->mapTo(scroll->widget(), QPoint(0, 0)).y());
        QCoreApplication::processEvents();
        for (const QString &offender : cd::test::clippedTexts(m_window.get()))
            clipped << u"settings-alerts: "_s + offender;
        for (const QString &offender : staleTexts(language))
            stale << u"settings-alerts: "_s + offender;
        const QString file = dir.filePath(u"%1-settings-alerts.png"_s.arg(Screens::indexOf(Screen::Settings) + 1, 2, 10, QChar(u'0')));
        QVERIFY2(m_window->grab().save(file, "PNG"), qPrintable(file));
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

        m_window->showScreen(Screen::Operations);
        auto *operations = m_window->findChild<cd::ui::OperationsPage *>();
        QVERIFY(operations && operations->selectedSession());
        operations->openAction(cd::sessions::ActionKind::Finish);
        auto *finish = m_window->findChild<cd::ui::SessionActionDialog *>();
        QVERIFY(finish);
        QTRY_VERIFY2_WITH_TIMEOUT(finish->plan().has_value(),
                                  qPrintable(finish->findChild<QLabel *>(u"actionRefusals"_s)->text()), 10000);
        shoot(finish, operationsIndex, u"session-finish"_s);

        m_window->showScreen(Screen::Alerts);
        auto *alertsPage = m_window->findChild<cd::ui::AlertsPage *>();
        QVERIFY(alertsPage && alertsPage->selectedAlert() != 0);
        shoot(alertsPage->openAction(cd::ui::AlertActionDialog::Action::Assign), Screens::indexOf(Screen::Alerts) + 1,
              u"alert-assign"_s);
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

QStringList TestScreenshots::staleTexts(const QString &language)
{
    // Names and data that read the same in every language.
    static const QStringList sameEverywhere = {u"brandName"_s, u"databaseEngine"_s, u"databaseSchemaVersion"_s,
                                               u"languageCombo"_s, u"tileValue"_s /* a dashboard number */};
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
