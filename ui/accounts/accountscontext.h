#pragma once
// What every tab of the Accounts screen works with: the screen's worker (database work runs there,
// never on the GUI thread), who acts (for the audit log) and the installation's currency (Settings ›
// Payments), in which balances are shown and amounts entered.

#include "core/access/actor.h"
#include <QString>

namespace cd::storage {
class QueryRunner;
}

namespace cd::ui {

struct AccountsContext {
    storage::QueryRunner *runner = nullptr;  // not owned
    access::Actor actor;
    QString currency;
};

}  // namespace cd::ui
