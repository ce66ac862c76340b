#pragma once

#include "app/cli/cliapp.h"

namespace cd::cli {

// operator add|list|set-role|set-max-logins|disable|enable|passwd, role add|list|grant|revoke|
// delete|permissions, login-sessions list|end: who may use ChargeDesk and what each role may do
// (core/access; every change audited). `operator add` while no operator exists adds the first
// administrator; from then on every database command needs --as LOGIN.
QList<Command> operatorCommands();

}  // namespace cd::cli
