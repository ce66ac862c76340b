#include "app/cli/cliapp.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    return cd::cli::CliApp().run(QCoreApplication::arguments());
}
