#pragma once
#include "app/cli/cliapp.h"
namespace cd::cli {
// tx finish | cancel-hold | finalize | set-energy | set-status | start | stop | reset: the
// operator's actions on a session (core/sessions), with --dry-run, --reason and --json.
QList<Command> txActionCommands();
}
