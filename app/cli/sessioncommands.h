#pragma once
#include "app/cli/cliapp.h"
namespace cd::cli {
QList<Command> sessionCommands();
}
