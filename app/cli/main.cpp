#include "app/cli/cliapp.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include <cstring>

namespace {

// `--format pdf` (or --format=pdf): a PDF report lays out text with QtGui's fonts, so that command
// runs a QGuiApplication on the offscreen platform (no display needed); every other command stays a
// plain QCoreApplication.
bool wantsPdf(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--format=pdf") == 0)
            return true;
        if (std::strcmp(argv[i], "--format") == 0 && i + 1 < argc && std::strcmp(argv[i + 1], "pdf") == 0)
            return true;
    }
    return false;
}

}  // namespace

int main(int argc, char *argv[])
{
    if (wantsPdf(argc, argv)) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QGuiApplication app(argc, argv);
        return cd::cli::CliApp().run(QCoreApplication::arguments());
    }
    QCoreApplication app(argc, argv);
    return cd::cli::CliApp().run(QCoreApplication::arguments());
}
