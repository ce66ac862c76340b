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
    // Runs without --as even when the database has operators (db info, db migrate: the key is the gate).
    bool withoutLogin = false;
};

class CliApp {
    Q_DECLARE_TR_FUNCTIONS(cd::cli::CliApp)
public:
    CliApp();
    int run(const QStringList &arguments);
    // Every command, with its summary in the language installed now.
    static QList<Command> commands();

private:
    void addOptions(QCommandLineParser &parser) const;
    QString commandList() const;
    // Who acts (context.actor): the operator of --as once the password checks out; without --as a
    // bare name (--operator, or cli:<user>), which the services accept only while the database has
    // no operators. A command that is not `withoutLogin` is refused at once when operators exist
    // and no --as was given. 0, or the exit code.
    int resolveActor(const Command &command, CommandContext &context) const;
    // The role needs one of the command's screens (CommandScreens); 0, or the exit code.
    int checkScreens(const Command &command, CommandContext &context) const;

    QList<Command> m_commands;
};

}  // namespace cd::cli
