#pragma once

#include "app/cli/cliapp.h"

namespace cd::cli {

// account member list [--search TEXT] [--department ID] [--last N] [--json];
// account member show <id> [--json];
// account member create --name NAME [--phone P] [--email E] [--department ID] [--threshold AMOUNT];
// account member topup <id> --amount A [--currency C] [--receipt R] [--dry-run];
// account department list [--json];
// coupon rule list [--json]; coupon rule create --name N --trigger topup|new_member --amount A …;
// coupon list [--member ID] [--status issued|used|revoked] [--last N] [--json];
// coupon revoke <id> --reason TEXT. Members, departments and coupons (core/accounts), each change
// audited.
QList<Command> accountCommands();

}  // namespace cd::cli
