#pragma once

#include "app/cli/cliapp.h"

namespace cd::cli {

// alerts list [--state open|acknowledged|resolved|active|all] [--last N] [--json];
// alerts ack|assign|resolve <id> [--to NAME] [--note TEXT]: the alert monitor's findings and the
// operator's actions on them (core/alerts), each into the alert's history and the audit log.
QList<Command> alertCommands();

}  // namespace cd::cli
