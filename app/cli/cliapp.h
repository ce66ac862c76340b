#pragma once
// chargedesk-cli: scripting and accounting. `chargedesk-cli <group> <verb> [args] [options]`;
// every listing command takes --json.

#include "app/cli/commandcontext.h"

#include <QCoreApplication>

#include <functional>

namespace cd::cli {

struct Command {
    QStringList words;    // e.g. {"station", "list"}
    QString usage;        // arguments after the words, e.g. "<chargePointId>"
    QString summary;      // translated one-liner
    bool needsDatabase = true;
    std::function<int(CommandContext &)> run;
};

class CliApp {
    Q_DECLARE_TR_FUNCTIONS(cd::cli::CliApp)
public:
    CliApp();
    int run(const QStringList &arguments);

private:
    void addOptions(QCommandLineParser &parser) const;
    QString commandList() const;

    QList<Command> m_commands;
};

}  // namespace cd::cli
