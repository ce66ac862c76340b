#pragma once

#include "app/cli/cliapp.h"

namespace cd::cli {

// refund apply --member ID --amount A --reason TEXT [--keep-coupons] [--currency C];
// refund list [--status pending|approved|rejected] [--member ID] [--last N] [--before ID] [--json];
// refund approve <id> [--commission A] --reason TEXT [--timeout S];
// refund reject <id> --reason TEXT;
// refund show <id> [--json];
// refund confirm <record id> --reason TEXT [--receipt R] [--not-paid]  (a cash refund at the desk);
// refund retry <id> [--timeout S]  (gateway records whose answer never came, with the same key).
// Refund applications, their audit and their gateway records (core/refunds), each change audited.
// Amounts as everywhere in the CLI: 12.50 in the currency; JSON in minor units.
QList<Command> refundCommands();

}  // namespace cd::cli
