#pragma once

#include "app/cli/cliapp.h"

namespace cd::cli {

// report bills --from DATE --to DATE [--sub-operator NAME] --format csv|xlsx|pdf|json --out FILE;
// report changes <export id> [--json]; report exports [--limit N] [--before ID] [--json].
// Streamed exports (core/reports) recorded with their snapshot, and what changed since an export.
// Progress goes to stderr when it is a terminal; Ctrl-C cancels and leaves no file.
QList<Command> reportCommands();

}  // namespace cd::cli
