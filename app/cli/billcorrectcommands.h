#pragma once
#include "app/cli/cliapp.h"
namespace cd::cli {
// bill correct <bill-id> --method estimate|station|manual|service-end|tariff|revert: a bill
// correction (core/anomalies/correctionengine.h) with --dry-run (the preview of every effect),
// --reason and --json.
QList<Command> billCorrectCommands();
}
