#pragma once
// What every tab of the Operators screen works with: the screen's worker (AccessService runs
// there, never on the GUI thread), who acts, and the access options new password hashes use.

#include "core/access/accessservice.h"
#include "core/access/actor.h"
#include "core/common/expected.h"
#include "core/storage/queryrunner.h"

#include <QObject>

#include <functional>

namespace cd::ui {

class ActionDialog;

struct OperatorsContext {
    storage::QueryRunner *runner = nullptr;  // not owned
    access::Actor actor;
    access::AccessOptions options;

    // Whether the actor's role (as it was at login) allows changes here; the service decides.
    bool canManage() const { return actor.allows(access::Permission::OperatorsManage); }

    // Reads through an AccessService on the worker; `done` gets the answer unless `receiver` is gone.
    template <typename T>
    void read(QObject *receiver, std::function<Expected<T>(access::AccessService &)> work,
              std::function<void(Expected<T>)> done) const;

    // The change `dialog` asked for (its submitted()), on the worker: the dialog shows the answer
    // (closes, or shows the refusal), then `succeeded` runs when it worked.
    void change(QObject *receiver, ActionDialog *dialog, std::function<Status(access::AccessService &)> work,
                std::function<void()> succeeded) const;
};

template <typename T>
void OperatorsContext::read(QObject *receiver, std::function<Expected<T>(access::AccessService &)> work,
                            std::function<void(Expected<T>)> done) const
{
    runner->run<Expected<T>>(
        receiver,
        [work = std::move(work), options = options](const std::shared_ptr<storage::Database> &db) {
            access::AccessService service(*db, options);
            return work(service);
        },
        std::move(done));
}

}  // namespace cd::ui
