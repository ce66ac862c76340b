#pragma once

#include "app/cli/cliapp.h"

namespace cd::cli {

// sub-operator add|list, site add|list|set-sub-operator, station set-site: where stations stand
// and who runs them, for the per-site and per-partner reports (audited).
QList<Command> siteCommands();

}  // namespace cd::cli
