// chargedesk-sim: charge-point simulator. The OCPP stations arrive with the OCPP server
// work; until then it answers --help and --version and says plainly that it cannot run yet.

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
        cd::i18n::TranslationManager translations(&app);
        translations.setLanguage(cd::i18n::startupLanguage(cd::i18n::languageArgument(QCoreApplication::arguments())));
        QCommandLineParser parser;
        parser.setApplicationDescription(
            tr("ChargeDesk charge-point simulator: runs simulated OCPP stations against a server."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOption(cd::i18n::languageOption());
        parser.addOption({QStringLiteral("url"), tr("Server URL, e.g. ws://127.0.0.1:9000/ocpp."), tr("url")});
        parser.addOption({QStringLiteral("stations"), tr("Number of stations to simulate."), tr("N")});
        parser.process(app);
        QTextStream(stderr) << tr("The simulator cannot run stations yet: this build has no OCPP client.") << '\n';
        return 2;
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
