#pragma once

#include "app/cli/clioutput.h"

#include "core/access/actor.h"
#include "core/storage/database.h"

#include <QCommandLineParser>
#include <QStringList>

namespace cd::cli {

// What a command gets: the parsed options, its positional arguments after the command
// words, and where to print.
struct CommandContext {
    const QCommandLineParser &parser;
    QStringList args;
    CliOutput &out;
    bool json = false;
    QString operatorName;  // who is acting, for the audit log (context.actor's name)
    // Who is acting, for the services' permission checks (CliApp::resolveActor).
    access::Actor actor;
    std::shared_ptr<storage::Database> db;  // opened when the command needs it
};

// Prints the error and returns its exit code: `return fail(c, result.error());`.
inline int fail(CommandContext &c, const Error &e)
{
    c.out.error(e.message);
    return static_cast<int>(e.code);
}

}  // namespace cd::cli
