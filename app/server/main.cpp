// chargedesk-server: the ChargeDesk core without a window, for running as a service.

#include "core/common/appsettings.h"
#include "core/common/shutdownsignals.h"
#include "core/i18n/language.h"
#include "core/i18n/languageoption.h"
#include "core/i18n/languagesettings.h"
#include "core/i18n/translationmanager.h"
#include "core/runtime/runtimeoptions.h"
#include "core/runtime/serverruntime.h"
#include "core/storage/database.h"
#include "core/storage/databaseoptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

namespace {
class ServerMain {
    Q_DECLARE_TR_FUNCTIONS(cd::ServerMain)
public:
    static int run(QCoreApplication &app)
    {
        QTextStream err(stderr);
        cd::i18n::TranslationManager translations(&app);
        translations.setLanguage(cd::i18n::startupLanguage(cd::i18n::languageArgument(QCoreApplication::arguments())));
        QCommandLineParser parser;
        parser.setApplicationDescription(tr("ChargeDesk headless server: the same core as the console, as a service."));
        parser.addHelpOption();
        parser.addVersionOption();
        cd::storage::DatabaseOptions::addTo(parser);
        parser.addOption(cd::i18n::languageOption());
        parser.addOption({QStringLiteral("migrate-only"), tr("Apply pending schema migrations, then exit.")});
        cd::runtime::RuntimeCommandLine::addTo(parser);
        parser.process(app);

        if (const QString lang = parser.value(QStringLiteral("lang")); !lang.isEmpty() && !cd::i18n::isSupportedLanguage(lang)) {
            err << cd::i18n::unsupportedLanguageMessage(lang) << '\n';
            return static_cast<int>(cd::ExitCode::Usage);
        }
        // The payment gateway as configured (QSettings "payments/", shared with the console on this
        // machine); its key and the webhook secret come from --payment-key-* / --payment-webhook-secret-*.
        cd::runtime::RuntimeOptions base;
        base.payments.settings = cd::payments::PaymentSettings::load(cd::appSettings());
        // The alert rules and their e-mail / webhook delivery (QSettings "alerts/"); the SMTP
        // password from the environment (CHARGEDESK_SMTP_PASSWORD).
        base.alerts = cd::alerts::AlertSettings::load(cd::appSettings());
        auto runtimeOptions = cd::runtime::RuntimeCommandLine::read(parser, base);
        if (!runtimeOptions) {
            err << runtimeOptions.error().message << '\n';
            return static_cast<int>(runtimeOptions.error().code);
        }
        auto config = cd::storage::DatabaseOptions::read(parser);
        if (!config) {
            err << config.error().message << '\n';
            return static_cast<int>(config.error().code);
        }
        auto db = cd::storage::Database::open(*config);
        if (!db) {
            err << db.error().message << '\n';
            return static_cast<int>(db.error().code);
        }
        err << tr("Database %1 (%2), schema version %3.")
                   .arg((*db)->config().displayName(), (*db)->engineDescription())
                   .arg((*db)->schemaVersion())
            << '\n';
        if (parser.isSet(QStringLiteral("migrate-only")))
            return 0;

        cd::runtime::ServerRuntime runtime(*db, *runtimeOptions);
        if (cd::Status started = runtime.start(); !started) {
            err << started.error().message << '\n';
            return static_cast<int>(cd::ExitCode::Failure);
        }
        const cd::server::SecurityProfile profile = runtimeOptions->server.securityProfile;
        err << tr("Stations connect to %1://%2:%3%4/<chargePointId> (security profile %5).")
                   .arg(cd::server::usesTls(profile) ? QStringLiteral("wss") : QStringLiteral("ws"),
                        runtimeOptions->address.toString())
                   .arg(runtime.port())
                   .arg(runtimeOptions->server.pathPrefix)
                   .arg(static_cast<int>(profile))
            << '\n';

        cd::ShutdownSignals shutdown;
        QObject::connect(&shutdown, &cd::ShutdownSignals::shutdownRequested, &app, [&err](int) {
            err << tr("Shutting down.") << '\n';
            err.flush();
            QCoreApplication::quit();
        });
        err << tr("ChargeDesk server is running. Stop it with Ctrl+C or SIGTERM.") << '\n';
        err.flush();
        return QCoreApplication::exec();
    }
};
}  // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("ChargeDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("ChargeDesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHARGEDESK_VERSION));
    return ServerMain::run(app);
}
