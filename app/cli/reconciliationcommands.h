#pragma once

#include "app/cli/cliapp.h"

namespace cd::cli {

// reconcile meter-reading set --site NAME --from DATE --to DATE --energy-kwh X [--note TEXT];
// reconcile meter-reading import FILE; reconcile meter-reading list [--site NAME] [--from --to];
// reconcile receipts import FILE --gateway NAME. All with --json. The reports themselves are
// `report energy|suspects|money|topup-matching|partners|revenue` (reportcommands.h).
QList<Command> reconciliationCommands();

}  // namespace cd::cli
