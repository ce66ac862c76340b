#pragma once

#include "app/cli/cliapp.h"

namespace cd::cli {

// The `bill` group's listings (other bill verbs live next to their features, e.g. `bill correct`):
// bill anomalies [--code N[,N…]] [--station ID] [--firmware V] [--from T --to T] [--status open|resolved|all]
//                [--search TEXT] [--limit N] [--json]: anomaly bills, newest session first;
// bill anomaly-stats [--by day|week|month] [same filters] [--json|--csv [--out FILE]]: anomaly bills by code ×
//                station × firmware × period with their share of the station's sessions (core/anomalies).
QList<Command> billCommands();

}  // namespace cd::cli
