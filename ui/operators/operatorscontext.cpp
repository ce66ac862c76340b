#include "ui/operators/operatorscontext.h"

#include "ui/operators/actiondialog.h"

#include <QPointer>

namespace cd::ui {

void OperatorsContext::change(QObject *receiver, ActionDialog *dialog,
                              std::function<Status(access::AccessService &)> work,
                              std::function<void()> succeeded) const
{
    runner->run<Status>(
        receiver,
        [work = std::move(work), options = options](const std::shared_ptr<storage::Database> &db) {
            access::AccessService service(*db, options);
            return work(service);
        },
        [dialog = QPointer<ActionDialog>(dialog), succeeded = std::move(succeeded)](Status status) {
            if (dialog)
                dialog->finish(status);
            if (status.ok() && succeeded)
                succeeded();
        });
}

}  // namespace cd::ui
