#pragma once
// The core services a console window works with. app/console fills it; screens that need data
// show their empty state when the database is absent (widget tests of the shell).

#include "core/access/actor.h"

#include <memory>

namespace cd::storage {
class Database;
}
namespace cd::runtime {
class StationServerControl;
}
namespace cd::sessions {
class SessionActionService;
}

namespace cd::ui {

struct ConsoleServices {
    std::shared_ptr<storage::Database> database;              // read and written through core services
    runtime::StationServerControl *stationServer = nullptr;  // this console's own station server; not owned
    sessions::SessionActionService *sessionActions = nullptr;  // the operator's session actions; not owned
    // Who acts: the operator who logged in (the core services check their role before they write)
    // or, on a database without operator accounts, a bare name for the audit log.
    access::Actor actor;
};

}  // namespace cd::ui
