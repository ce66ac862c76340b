#pragma once

#include "app/cli/cliapp.h"

namespace cd::cli {

// tariff list [--history] [--json]; tariff show <id> [--json]: tariffs and their versions
// (core/billing). bill show <session number | session id | bill id> [--json]: a session's current bill
// (or the bill with that id) with its lines and the explanation ("why 244.40?"), and its versions;
// bill issue <session number | id> [--reason TEXT]: bill a closed session by hand (sessions that
// ended before automatic billing began).
QList<Command> tariffCommands();

}  // namespace cd::cli
