// chargedesk-sim: simulated OCPP charge points against a server, for the demo, tests and load.
//   chargedesk-sim --url ws://127.0.0.1:9000/ocpp --stations 100 --time-scale 60 --duration 300
// Everything but the command line lives in core/sim (SimulatedStation, Simulator).

#include "simcommandline.h"
#include "simrunner.h"

#include "core/common/shutdownsignals.h"
#include "core/i18n/language.h"
#include "core/i18n/languageoption.h"
#include "core/i18n/languagesettings.h"
#include "core/i18n/translationmanager.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

namespace {
class SimMain {
    Q_DECLARE_TR_FUNCTIONS(cd::SimMain)
public:
    static int run(QCoreApplication &app)
    {
        QTextStream err(stderr);
        cd::i18n::TranslationManager translations(&app);
        translations.setLanguage(cd::i18n::startupLanguage(cd::i18n::languageArgument(QCoreApplication::arguments())));
        QCommandLineParser parser;
        parser.setApplicationDescription(
            tr("ChargeDesk charge-point simulator: runs simulated OCPP stations against a server."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOption(cd::i18n::languageOption());
        cd::simapp::SimCommandLine::addTo(parser);
        parser.process(app);

        if (const QString lang = parser.value(QStringLiteral("lang")); !lang.isEmpty() && !cd::i18n::isSupportedLanguage(lang)) {
            err << cd::i18n::unsupportedLanguageMessage(lang) << '\n';
            return static_cast<int>(cd::ExitCode::Usage);
        }
        cd::Expected<cd::simapp::RunOptions> options = cd::simapp::SimCommandLine::read(parser);
        if (!options) {
            err << options.error().message << '\n';
            return static_cast<int>(options.error().code);
        }

        cd::simapp::SimRunner runner(std::move(*options));
        QObject::connect(&runner, &cd::simapp::SimRunner::done, &app, [](int code) { QCoreApplication::exit(code); },
                         Qt::QueuedConnection);
        cd::ShutdownSignals shutdown;
        QObject::connect(&shutdown, &cd::ShutdownSignals::shutdownRequested, &runner, [&runner](int) { runner.finish(); });
        runner.start();
        return QCoreApplication::exec();
    }
};
}  // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("chargedesk-sim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHARGEDESK_VERSION));
    return SimMain::run(app);
}
