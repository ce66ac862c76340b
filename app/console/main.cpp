// chargedesk: the desktop console. Parses the command line, opens the database and shows
// the main window; everything else lives in chargedesk_ui and chargedesk_core.

#include "core/access/accessservice.h"
#include "core/common/appsettings.h"
#include "core/common/expected.h"
#include "core/common/shutdownsignals.h"
#include "core/i18n/language.h"
#include "core/i18n/languageoption.h"
#include "core/i18n/languagesettings.h"
#include "core/i18n/translationmanager.h"
#include "core/runtime/runtimeoptions.h"
#include "core/runtime/stationservercontrol.h"
#include "core/sessions/sessionactionservice.h"
#include "core/storage/database.h"
#include "core/storage/databaseoptions.h"
#include "core/storage/queryrunner.h"
#include "ui/access/firstadministratordialog.h"
#include "ui/access/logindialog.h"
#include "ui/access/loginkeeper.h"
#include "ui/shell/appearance.h"
#include "ui/shell/consolecontext.h"
#include "ui/shell/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QSysInfo>

#include <cstdio>
#include <optional>

using namespace Qt::StringLiterals;

namespace cd::console {

class Main {
    Q_DECLARE_TR_FUNCTIONS(cd::console::Main)
public:
    static QString description()
    {
        return tr("ChargeDesk operator console for EV-charging networks.");
    }
    static QString openFailedTitle()
    {
        return tr("Cannot open the database");
    }
    static QString usageErrorTitle()
    {
        return tr("Invalid command line");
    }
    static QString noServerOption()
    {
        return tr("Do not run the station server in this console for this run (for example when "
                  "chargedesk-server serves the stations of a shared database).");
    }
    static QString demoOption()
    {
        return tr("Demo mode: simulated stations connect to this console's station server and charge "
                  "with the demo fleet card. Use it on a database of its own.");
    }
    static QString demoStationsOption()
    {
        return tr("Number of simulated stations in demo mode (default 10).");
    }
    static QString demoStationsError()
    {
        return tr("--demo-stations must be a whole number from 1 to 1000.");
    }
    static QString demoFailedTitle()
    {
        return tr("Cannot start demo mode");
    }
    static QString loginFailedTitle()
    {
        return tr("Cannot log in");
    }
    static QString loginNeedsScreen()
    {
        return tr("This database has operator accounts: log in in a console with a screen, or set "
                  "CHARGEDESK_LOGIN and CHARGEDESK_PASSWORD.");
    }
};

ui::ConsoleContext contextFor(const storage::Database &database)
{
    const storage::DatabaseConfig &config = database.config();
    ui::ConsoleContext context;
    context.engine = database.engineDescription();
    context.location = config.displayName();
    context.schemaVersion = database.schemaVersion();
    if (config.isPostgres()) {
        context.keySource = ui::ConsoleContext::KeySource::NotApplicable;
    } else {
        switch (config.keySource) {
        case storage::KeySource::Keychain:
            context.keySource = ui::ConsoleContext::KeySource::Keychain;
            break;
        case storage::KeySource::File:
            context.keySource = ui::ConsoleContext::KeySource::File;
            context.keySourceDetail = config.keyFile;
            break;
        case storage::KeySource::Environment:
            context.keySource = ui::ConsoleContext::KeySource::Environment;
            context.keySourceDetail = config.keyEnv;
            break;
        }
    }
    return context;
}

// A failure before the main window exists: said on stderr for a terminal or a log, and
// in a box for someone who started the console from a launcher.
int fail(const QString &title, const Error &error)
{
    std::fputs(qPrintable(error.message + u'\n'), stderr);
    // Without a screen (offscreen, minimal: tests, CI, a service) a modal box would wait forever.
    const QString platform = QGuiApplication::platformName();
    if (platform != u"offscreen" && platform != u"minimal")
        QMessageBox::critical(nullptr, title, error.message);
    return static_cast<int>(error.code);
}

// Who acts on a database without operator accounts: the account running the console.
QString operatorName()
{
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    return QStringLiteral("console:") + (user.isEmpty() ? QStringLiteral("unknown") : user);
}

// This console in the list of open logins.
QString clientName()
{
    return QStringLiteral("console@") + QSysInfo::machineHostName();
}

// Offscreen and minimal platforms (tests, CI, a service) have nobody to answer a dialog.
bool interactive()
{
    const QString platform = QGuiApplication::platformName();
    return platform != u"offscreen" && platform != u"minimal";
}

// "Continue without accounts" with "Do not ask again" ticked.
constexpr auto kWithoutAccountsKey = "access/continueWithoutAccounts";

struct SignIn {
    bool quit = false;                             // the operator chose Quit
    std::optional<access::LoginSession> session;  // nothing: without operator accounts
};

// Who works at this console. A database with operator accounts needs a login: the login dialog,
// or CHARGEDESK_LOGIN and CHARGEDESK_PASSWORD where there is no screen. Without accounts the
// first start offers to create the administrator (not in demo mode, not without a screen, not
// after "Do not ask again").
Expected<SignIn> signIn(const std::shared_ptr<storage::Database> &database, storage::QueryRunner &runner,
                        bool demo, const QString &notice, const QString &lastLogin, ShutdownSignals &shutdown)
{
    access::AccessService access(*database);
    const QString login = qEnvironmentVariable("CHARGEDESK_LOGIN");
    if (!login.isEmpty()) {
        auto session = access.login(login, qgetenv("CHARGEDESK_PASSWORD"), clientName());
        if (!session)
            return session.error();
        return SignIn{false, std::move(session.value())};
    }
    const Expected<bool> hasOperators = access.hasOperators();
    if (!hasOperators)
        return hasOperators.error();
    if (!*hasOperators) {
        if (demo || !interactive() || appSettings().value(QLatin1String(kWithoutAccountsKey)).toBool())
            return SignIn{};
        ui::FirstAdministratorDialog dialog(runner, clientName());
        QObject::connect(&shutdown, &ShutdownSignals::shutdownRequested, &dialog, &QDialog::reject);
        if (dialog.exec() != QDialog::Accepted)
            return SignIn{true, {}};
        if (!dialog.session() && dialog.dontAskAgain())
            appSettings().setValue(QLatin1String(kWithoutAccountsKey), true);
        return SignIn{false, dialog.session()};
    }
    if (!interactive())
        return Error{ExitCode::Forbidden, Main::loginNeedsScreen()};
    ui::LoginDialog dialog(runner, clientName());
    dialog.setNotice(notice);
    dialog.setLogin(lastLogin);
    QObject::connect(&shutdown, &ShutdownSignals::shutdownRequested, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return SignIn{true, {}};
    return SignIn{false, dialog.session()};
}

}  // namespace cd::console

int main(int argc, char *argv[])
{
    using namespace cd;

    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"ChargeDesk"_s);
    QApplication::setApplicationName(u"ChargeDesk"_s);
    QApplication::setApplicationVersion(QStringLiteral(CHARGEDESK_VERSION));

    // The language comes first so that --help and every error are already translated.
    const QString requestedLanguage = i18n::languageArgument(QApplication::arguments());
    i18n::TranslationManager translations(&app);
    translations.setLanguage(i18n::startupLanguage(requestedLanguage));
    ui::applyAppearance(app);
    // The console quits when its window closes, not when the last window does: between a log out
    // and the next login only the login dialog is open.
    QApplication::setQuitOnLastWindowClosed(false);

    QCommandLineParser parser;
    parser.setApplicationDescription(console::Main::description());
    parser.addHelpOption();
    parser.addVersionOption();
    storage::DatabaseOptions::addTo(parser);
    runtime::RuntimeCommandLine::addTo(parser);
    parser.addOption({u"no-server"_s, console::Main::noServerOption()});
    parser.addOption({u"demo"_s, console::Main::demoOption()});
    parser.addOption({u"demo-stations"_s, console::Main::demoStationsOption(), u"N"_s});
    parser.addOption(i18n::languageOption());
    parser.process(app);  // --help, --version and unknown options exit here

    if (!requestedLanguage.isEmpty() && !i18n::isSupportedLanguage(requestedLanguage)) {
        return console::fail(console::Main::usageErrorTitle(),
                             Error{ExitCode::Usage, i18n::unsupportedLanguageMessage(requestedLanguage)});
    }

    const Expected<storage::DatabaseConfig> config = storage::DatabaseOptions::read(parser);
    if (!config) {
        return console::fail(config.error().code == ExitCode::Usage ? console::Main::usageErrorTitle()
                                                                    : console::Main::openFailedTitle(),
                             config.error());
    }

    // Opening checks the key and applies pending migrations; the window appears after.
    const Expected<std::shared_ptr<storage::Database>> database = storage::Database::open(config.value());
    if (!database)
        return console::fail(console::Main::openFailedTitle(), database.error());

    // The station server: as saved in Settings, the command line overriding it for this run.
    runtime::StationServerControl stationServer(database.value(),
                                                runtime::StationServerSettings::load(appSettings()));
    runtime::DemoOptions demo;
    if (parser.isSet(u"demo-stations"_s)) {
        bool ok = false;
        demo.stations = parser.value(u"demo-stations"_s).toInt(&ok);
        if (!ok || demo.stations < 1 || demo.stations > 1000)
            return console::fail(console::Main::usageErrorTitle(),
                                 Error{ExitCode::Usage, console::Main::demoStationsError()});
    }
    if (parser.isSet(u"demo"_s)) {
        if (Status enabled = stationServer.enableDemo(demo); !enabled)
            return console::fail(console::Main::demoFailedTitle(), enabled.error());
    }
    if (!parser.isSet(u"no-server"_s)) {
        std::optional<runtime::RuntimeOptions> overrides;
        if (runtime::RuntimeCommandLine::anyGiven(parser)) {
            auto base = stationServer.settings().toRuntimeOptions();
            auto options = runtime::RuntimeCommandLine::read(parser, base ? *base : runtime::RuntimeOptions{});
            if (!options)
                return console::fail(console::Main::usageErrorTitle(), options.error());
            overrides = *options;
        }
        // A server that cannot listen (port taken) is reported in the window, not fatal.
        if (Status started = stationServer.start(overrides); !started)
            std::fputs(qPrintable(started.error().message + u'\n'), stderr);
    }

    sessions::SessionActionService sessionActions(database.value());
    storage::QueryRunner runner(database.value());
    // SIGTERM (a logout, a service manager) closes like the Quit menu: station links closed,
    // every answered message already committed.
    ShutdownSignals shutdown;
    QString notice;
    QString lastLogin;
    for (;;) {
        const Expected<console::SignIn> signedIn =
            console::signIn(database.value(), runner, parser.isSet(u"demo"_s), notice, lastLogin, shutdown);
        if (!signedIn)
            return console::fail(console::Main::loginFailedTitle(), signedIn.error());
        if (signedIn->quit)
            return 0;

        ui::ConsoleServices services;
        services.database = database.value();
        services.stationServer = &stationServer;
        services.sessionActions = &sessionActions;
        services.actor = signedIn->session ? signedIn->session->actor : access::Actor(console::operatorName());
        ui::MainWindow window(console::contextFor(*database.value()), &translations, services);
        std::unique_ptr<ui::LoginKeeper> keeper;
        if (signedIn->session) {
            keeper = std::make_unique<ui::LoginKeeper>(database.value(), *signedIn->session);
            QObject::connect(keeper.get(), &ui::LoginKeeper::ended, &window, &ui::MainWindow::endLogin);
            QObject::connect(keeper.get(), &ui::LoginKeeper::actorChanged, &window, &ui::MainWindow::noteRoleChanged);
        }
        QObject::connect(&shutdown, &ShutdownSignals::shutdownRequested, &window, &QWidget::close);
        QObject::connect(&window, &ui::MainWindow::closed, &app, &QCoreApplication::quit, Qt::QueuedConnection);
        window.show();
        const int code = QApplication::exec();
        if (!window.loggedOut())
            return code;  // the keeper logs out as it goes
        // Logged out, or the first administrator was just made in a console without accounts.
        notice = window.logOutReason();
        lastLogin = signedIn->session ? signedIn->session->actor.login() : QString();
    }
}
