// The command dialog's forms, built from the official request schemas: every command the console
// offers, in both versions, round-trips through its form into a schema-valid payload; fields have
// the schema's kinds, enumerations and required marks; a bad value is named before anything is
// queued; and a firmware update a real (simulated) station accepts shows its progress from the
// station's status notifications until it is installed.

#include "core/commands/commandform.h"
#include "core/commands/commandtemplates.h"
#include "core/commands/transferprogress.h"
#include "core/ocpp/payloadvalidator.h"
#include "core/runtime/stationservercontrol.h"
#include "core/sim/simulator.h"
#include "support/testdatabase.h"
#include "ui/shell/mainwindow.h"
#include "ui/stations/commanddialog.h"
#include "ui/stations/commandform.h"
#include "ui/stations/configurationdialog.h"
#include "ui/stations/configurationmodel.h"
#include "ui/stations/stationspage.h"
#include "ui/stations/stationtablemodel.h"
#include "uitestsupport.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QPushButton>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using cd::commands::CommandField;
using cd::ocpp::ProtocolVersion;

namespace {

// A console's own station server with one simulated 1.6 station (<prefix>-0001, selected on the
// Stations screen of a main window).
struct Lab {
    cd::test::TestDatabase database;
    std::unique_ptr<cd::runtime::StationServerControl> control;
    std::unique_ptr<cd::sim::Simulator> simulator;
    std::unique_ptr<cd::ui::MainWindow> window;
    cd::ui::StationsPage *page = nullptr;

    ~Lab()
    {
        window.reset();
        if (simulator)
            simulator->stop();
    }

    // nullptr (with a warning) when any part does not come up.
    static std::unique_ptr<Lab> start(const QString &prefix, double timeScale, cd::i18n::TranslationManager *translations)
    {
        auto lab = std::make_unique<Lab>();
        if (!lab->database.ok()) {
            qWarning() << "no database:" << lab->database.error();
            return nullptr;
        }
        cd::runtime::StationServerSettings settings;
        settings.listen = u"127.0.0.1:0"_s;
        settings.securityProfile = cd::server::SecurityProfile::None;
        settings.acceptUnknownStations = true;
        lab->control = std::make_unique<cd::runtime::StationServerControl>(lab->database.shared(), settings);
        if (!lab->control->start()
            || !QTest::qWaitFor([&] { return lab->control->server().state() == cd::runtime::EmbeddedServer::State::Running; }, 15000))
            return nullptr;
        cd::sim::SimulatorOptions options;
        options.serverUrl = lab->control->server().localStationUrl();
        options.idPrefix = prefix;
        options.sessions = false;
        options.timeScale = timeScale;
        lab->simulator = std::make_unique<cd::sim::Simulator>(options);
        lab->simulator->start();
        if (!QTest::qWaitFor([&] { return lab->simulator->bootedCount() == 1; }, 30000))
            return nullptr;
        cd::ui::ConsoleServices services;
        services.database = lab->database.shared();
        services.stationServer = lab->control.get();
        services.actor = u"console:test"_s;
        lab->window = std::make_unique<cd::ui::MainWindow>(cd::test::sampleConsoleContext(), translations, services);
        lab->window->show();
        lab->window->showScreen(cd::ui::Screen::Stations);
        lab->page = lab->window->findChild<cd::ui::StationsPage *>();
        if (!lab->page || !QTest::qWaitFor([&] { return lab->page->model()->rowCount() == 1; }, 15000)
            || !lab->page->selectStation(prefix + u"-0001"_s))
            return nullptr;
        return lab;
    }
};

}  // namespace

class TestCommandForm : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void everyCommandHasAForm_data();
    void everyCommandHasAForm();
    void fieldsFollowTheSchema();
    void badValuesAreNamed();
    void transferProgress();
    void firmwareUpdateShowsProgress();
    void configurationOfA16Station();
    void configurationAnswers();

private:
    std::unique_ptr<cd::i18n::TranslationManager> m_translations;
};

void TestCommandForm::initTestCase()
{
    m_translations = cd::test::startConsoleTest();
    QVERIFY(m_translations);
}

void TestCommandForm::cleanupTestCase()
{
    cd::test::clearConsoleSettings();
}

void TestCommandForm::everyCommandHasAForm_data()
{
    QTest::addColumn<int>("version");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("payload");
    for (const ProtocolVersion version : {ProtocolVersion::Ocpp16, ProtocolVersion::Ocpp201}) {
        for (const cd::commands::CommandTemplate &t : cd::commands::commandTemplates(version)) {
            QTest::addRow("%s %s", version == ProtocolVersion::Ocpp16 ? "1.6" : "2.0.1", qPrintable(t.action))
                << int(version) << t.action << QString::fromStdString(t.payload.dump());
        }
    }
}

void TestCommandForm::everyCommandHasAForm()
{
    QFETCH(int, version);
    QFETCH(QString, action);
    QFETCH(QString, payload);
    const auto v = ProtocolVersion(version);
    const nlohmann::json example = nlohmann::json::parse(payload.toStdString());
    // The example itself is what the station's schema allows.
    const auto refused = cd::ocpp::PayloadValidator().validate(v, action, cd::ocpp::PayloadKind::Request, example);
    QVERIFY2(!refused, refused ? qPrintable(refused->description) : "");

    cd::ui::CommandForm form;
    form.setCommand(v, action, example);
    if (!example.empty())
        QVERIFY(form.fieldCount() > 0);
    const auto made = form.payload();
    QVERIFY2(made, made ? "" : qPrintable(made.error().message));
    QCOMPARE(QString::fromStdString(made->dump()), QString::fromStdString(example.dump()));
}

void TestCommandForm::fieldsFollowTheSchema()
{
    // 1.6 Reset: one required enumeration.
    const QList<CommandField> reset = cd::commands::commandFields(ProtocolVersion::Ocpp16, u"Reset"_s);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(reset.first().path, u"type"_s);
    QCOMPARE(reset.first().kind, CommandField::Kind::Choice);
    QCOMPARE(reset.first().choices, (QStringList{u"Hard"_s, u"Soft"_s}));
    QVERIFY(reset.first().required);

    // 2.0.1 UpdateFirmware: the nested firmware object flattened; location required, times ISO.
    const QList<CommandField> update = cd::commands::commandFields(ProtocolVersion::Ocpp201, u"UpdateFirmware"_s);
    QStringList paths;
    for (const CommandField &f : update)
        paths << f.path;
    QVERIFY2(paths.contains(u"firmware/location"_s) && paths.contains(u"requestId"_s), qPrintable(paths.join(u',')));
    QVERIFY(!paths.contains(u"customData"_s));
    for (const CommandField &f : update) {
        if (f.path == u"firmware/location")
            QVERIFY(f.required && f.kind == CommandField::Kind::Text && f.maxLength == 512);
        if (f.path == u"firmware/retrieveDateTime")
            QVERIFY(f.required && f.kind == CommandField::Kind::DateTime);
        if (f.path == u"retries")
            QVERIFY(!f.required && f.kind == CommandField::Kind::Integer);
    }
    // The labels are words, in the operator's language, with the required mark.
    cd::ui::CommandForm form;
    form.setCommand(ProtocolVersion::Ocpp201, u"UpdateFirmware"_s, nlohmann::json::object());
    QCOMPARE(cd::ui::CommandFieldText::label({u"firmware"_s, u"location"_s}), u"Firmware › Address (URL)"_s);
    QVERIFY(qobject_cast<QLineEdit *>(form.editor(u"firmware/location"_s)));
    QCOMPARE(qobject_cast<QLineEdit *>(form.editor(u"firmware/location"_s))->maxLength(), 512);
    // Optional fields left empty stay out; nested objects are rebuilt.
    qobject_cast<QLineEdit *>(form.editor(u"requestId"_s))->setText(u"7"_s);
    qobject_cast<QLineEdit *>(form.editor(u"firmware/location"_s))->setText(u"https://fw.example.com/v2.bin"_s);
    qobject_cast<QLineEdit *>(form.editor(u"firmware/retrieveDateTime"_s))->setText(u"2030-01-01T00:00:00Z"_s);
    const auto made = form.payload();
    QVERIFY2(made, made ? "" : qPrintable(made.error().message));
    QCOMPARE(QString::fromStdString(made->dump()),
             u"{\"firmware\":{\"location\":\"https://fw.example.com/v2.bin\",\"retrieveDateTime\":\"2030-01-01T00:00:00Z\"},\"requestId\":7}"_s);
}

void TestCommandForm::badValuesAreNamed()
{
    cd::ui::CommandForm form;
    form.setCommand(ProtocolVersion::Ocpp16, u"ReserveNow"_s,
                    {{"connectorId", 1}, {"expiryDate", "2030-01-01T00:00:00Z"}, {"idTag", "TAG"}, {"reservationId", 1}});
    qobject_cast<QLineEdit *>(form.editor(u"expiryDate"_s))->setText(u"tomorrow"_s);
    auto made = form.payload();
    QVERIFY(!made);
    QVERIFY2(made.error().message.startsWith(u"Expires: a UTC time"_s), qPrintable(made.error().message));
    qobject_cast<QLineEdit *>(form.editor(u"expiryDate"_s))->setText(u"2030-01-01T00:00:00Z"_s);
    qobject_cast<QLineEdit *>(form.editor(u"idTag"_s))->clear();
    made = form.payload();
    QVERIFY(!made);
    QCOMPARE(made.error().message, u"Card (idTag): required."_s);
    // A value the schema forbids (idTag longer than 20) cannot even be typed.
    qobject_cast<QLineEdit *>(form.editor(u"idTag"_s))->setText(u"ABCDEFGHIJKLMNOPQRSTUVWXYZ"_s);
    QCOMPARE(qobject_cast<QLineEdit *>(form.editor(u"idTag"_s))->text().size(), 20);
}

void TestCommandForm::transferProgress()
{
    using cd::commands::transferProgress;
    QCOMPARE(cd::commands::progressEventKind(u"UpdateFirmware"_s), u"firmware_status"_s);
    QCOMPARE(cd::commands::progressEventKind(u"Reset"_s), QString());
    const auto downloading = transferProgress(u"UpdateFirmware"_s, u"Downloading"_s);
    const auto installed = transferProgress(u"UpdateFirmware"_s, u"Installed"_s);
    QVERIFY(downloading.step > 0 && downloading.step < installed.step && !downloading.finished);
    QVERIFY(installed.finished && !installed.failed && installed.step == installed.steps);
    QVERIFY(transferProgress(u"UpdateFirmware"_s, u"InvalidSignature"_s).failed);
    QVERIFY(transferProgress(u"GetDiagnostics"_s, u"Uploaded"_s).finished);
    QVERIFY(transferProgress(u"GetLog"_s, u"UploadFailure"_s).failed);
    QVERIFY(!transferProgress(u"GetLog"_s, u"Uploading"_s).finished);
}

void TestCommandForm::firmwareUpdateShowsProgress()
{
    auto lab = Lab::start(u"FW"_s, 60.0, m_translations.get());  // a download and an install in seconds
    QVERIFY(lab);
    cd::ui::StationsPage *page = lab->page;
    cd::ui::CommandDialog *dialog = page->openCommandDialog();
    QVERIFY(dialog);
    dialog->show();
    auto *action = dialog->findChild<QComboBox *>(u"commandAction"_s);
    action->setCurrentIndex(action->findText(u"UpdateFirmware"_s));
    auto *form = dialog->form();
    QVERIFY(form->isVisible());  // the form is what the operator sees first
    qobject_cast<QLineEdit *>(form->editor(u"location"_s))->setText(u"https://firmware.example.com/fw-2.1.bin"_s);
    qobject_cast<QLineEdit *>(form->editor(u"retrieveDate"_s))->setText(u"2020-01-01T00:00:00Z"_s);  // at once
    // The JSON tab shows the same payload.
    auto *tabs = dialog->findChild<QTabWidget *>(u"commandTabs"_s);
    tabs->setCurrentIndex(1);
    QVERIFY(dialog->findChild<QPlainTextEdit *>(u"commandPayload"_s)->toPlainText().contains(u"fw-2.1.bin"_s));
    tabs->setCurrentIndex(0);
    dialog->setReason(u"security fix"_s);
    QSignalSpy finished(dialog, &cd::ui::CommandDialog::finished);
    QSignalSpy progress(dialog, &cd::ui::CommandDialog::progressShown);
    dialog->send();
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().first().toString(), u"succeeded"_s);
    auto *bar = dialog->findChild<QProgressBar *>(u"commandProgress"_s);
    QVERIFY(bar && bar->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty() && progress.last().first().toString() == u"Installed"_s, 60000);
    QCOMPARE(bar->value(), bar->maximum());
    QVERIFY2(dialog->findChild<QLabel *>(u"commandProgressText"_s)->text().startsWith(u"Done: the station reported Installed"_s),
             qPrintable(dialog->findChild<QLabel *>(u"commandProgressText"_s)->text()));
    dialog->close();
}

void TestCommandForm::configurationAnswers()
{
    const auto parsed = cd::commands::ConfigurationText::parse(
        u"{\"configurationKey\":[{\"key\":\"b\",\"readonly\":true,\"value\":\"2\"},{\"key\":\"A\",\"readonly\":false}],"
        "\"unknownKey\":[\"Nope\"]}"_s);
    QVERIFY(parsed);
    QCOMPARE(parsed->keys.size(), 2);
    QCOMPARE(parsed->keys.at(0).key, u"A"_s);  // sorted without case
    QVERIFY(!parsed->keys.at(0).valueKnown);
    QVERIFY(parsed->keys.at(1).readonly && parsed->keys.at(1).value == u"2"_s);
    QCOMPARE(parsed->unknownKeys, QStringList{u"Nope"_s});
    QVERIFY(!cd::commands::ConfigurationText::parse(u"[1,2]"_s));
    bool ok = true;
    cd::commands::ConfigurationText::changeOutcome(u"{\"status\":\"Rejected\"}"_s, &ok);
    QVERIFY(!ok);
    cd::commands::ConfigurationText::changeOutcome(u"{\"status\":\"RebootRequired\"}"_s, &ok);
    QVERIFY(ok);
}

void TestCommandForm::configurationOfA16Station()
{
    auto lab = Lab::start(u"CFG"_s, 1.0, m_translations.get());
    QVERIFY(lab);
    cd::ui::StationsPage *page = lab->page;
    QVERIFY(lab->window->findChild<QPushButton *>(u"stationConfiguration"_s)->isEnabled());
    QVERIFY(!page->openDeviceModelDialog());  // a 1.6 station has a configuration, not a device model
    cd::ui::ConfigurationDialog *dialog = page->openConfigurationDialog();
    QVERIFY(dialog);
    QSignalSpy loaded(dialog, &cd::ui::ConfigurationDialog::loaded);
    QAbstractItemModelTester tester(dialog->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    dialog->show();
    QVERIFY(loaded.wait(30000));
    QVERIFY(dialog->model()->rowCount() > 20);
    const int heartbeat = dialog->model()->rowOf(u"HeartbeatInterval"_s);
    QVERIFY(heartbeat >= 0);
    QVERIFY(!dialog->model()->key(heartbeat)->readonly);
    QCOMPARE(dialog->findChild<QLabel *>(u"configurationSummary"_s)->text().startsWith(
                 u"%1 keys, read at"_s.arg(dialog->model()->rowCount())), true);

    // A read-only key cannot be changed.
    QVERIFY(dialog->selectKey(u"NumberOfConnectors"_s));
    QVERIFY(!dialog->findChild<QLineEdit *>(u"configurationValue"_s)->isEnabled());
    QVERIFY(!dialog->findChild<QPushButton *>(u"configurationChange"_s)->isEnabled());

    // A writable one: a new value with a reason; the station takes it and the list shows it.
    QVERIFY(dialog->selectKey(u"HeartbeatInterval"_s));
    auto *value = dialog->findChild<QLineEdit *>(u"configurationValue"_s);
    QVERIFY(value->isEnabled());
    value->setText(u"123"_s);
    QVERIFY(!dialog->findChild<QPushButton *>(u"configurationChange"_s)->isEnabled());  // no reason yet
    dialog->findChild<QLineEdit *>(u"configurationReason"_s)->setText(u"slower heartbeat on a metered SIM"_s);
    QVERIFY(dialog->findChild<QPushButton *>(u"configurationChange"_s)->isEnabled());
    QSignalSpy changed(dialog, &cd::ui::ConfigurationDialog::changed);
    loaded.clear();
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"configurationChange"_s), Qt::LeftButton);
    QVERIFY(changed.wait(30000));
    QVERIFY2(changed.first().first().toBool(), qPrintable(changed.first().at(1).toString()));
    QVERIFY(loaded.wait(30000));
    QCOMPARE(dialog->model()->key(dialog->model()->rowOf(u"HeartbeatInterval"_s))->value, u"123"_s);
    // Both commands went through the command service, audited with their reasons.
    QCOMPARE(lab->database.db().connection().isOpen(), true);
    QSqlQuery audit(lab->database.db().connection());
    QVERIFY(audit.exec(u"SELECT COUNT(*) FROM audit_log WHERE reason = 'slower heartbeat on a metered SIM'"_s) && audit.next());
    QCOMPARE(audit.value(0).toInt(), 1);
    dialog->close();
}

QTEST_MAIN(TestCommandForm)
#include "tst_commandform.moc"
