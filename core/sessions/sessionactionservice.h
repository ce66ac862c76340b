#pragma once
// The operator's session actions for a window: SessionActions, the hold service and the gateway on
// a worker thread of their own, so the GUI thread never waits for the database or the gateway.
//
// plan() and apply() run there in the order they were asked; their results, and later the
// gateway's answer to an applied action's money call (moneyAnswered), come back on the thread
// that created the service. The gateway is the one Settings › Payments names at the time of the
// call; the HTTP gateway's secret key is read from the keychain (asynchronously) before an apply
// and kept for that base URL. A money call whose answer is lost stays in the journal and is sent
// again with the same key (HoldService), whichever process does it.

#include "core/access/actor.h"
#include "core/common/expected.h"
#include "core/common/workerthread.h"
#include "core/payments/paymentsettings.h"
#include "core/payments/paymenttypes.h"
#include "core/sessions/sessionaction.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace cd::storage {
class Database;
}
namespace cd::payments {
class SecretStore;
struct Actor;
}

namespace cd::sessions {

class SessionActionService : public QObject {
    Q_OBJECT
public:
    // `secrets` (not owned; null: the OS keychain) gives the HTTP gateway's key.
    explicit SessionActionService(std::shared_ptr<storage::Database> db, payments::SecretStore *secrets = nullptr,
                                  QObject *parent = nullptr);
    // Waits for the work already posted (its results are dropped); calls still waiting for the
    // gateway stay in the journal.
    ~SessionActionService() override;

    using PlanDone = std::function<void(Expected<ActionPlan>)>;
    using ApplyDone = std::function<void(Expected<ActionResult>)>;

    // The dry run. `done` runs unless `receiver` is gone by then.
    void plan(const ActionRequest &request, QObject *receiver, PlanDone done);
    // Does it (planned again on what is stored) as `actor` (SessionActions::requiredPermission; a
    // refusal comes back as the Error). `done` runs unless `receiver` is gone by then.
    void apply(const ActionRequest &request, const access::Actor &actor, const QString &reason, QObject *receiver,
               ApplyDone done);
    // The same for a bare name: allowed only while the database has no operators.
    void apply(const ActionRequest &request, const payments::Actor &actor, QObject *receiver, ApplyDone done);

Q_SIGNALS:
    // The gateway answered a money call of an applied action (ActionResult::moneyCallId).
    void moneyAnswered(qint64 callId, const cd::payments::GatewayResult &result);

private:
    struct Worker;
    // On the worker: the actions for these settings and key (the gateway made again when they changed).
    void post(std::function<void(Worker &)> work);
    void applyWithKey(const ActionRequest &request, const access::Actor &actor, const QString &reason,
                      const QString &secretKey, QPointer<QObject> receiver, ApplyDone done);

    std::shared_ptr<storage::Database> m_db;
    payments::SecretStore *m_secrets = nullptr;
    std::unique_ptr<payments::SecretStore> m_ownSecrets;
    std::unique_ptr<Worker> m_state;  // touched on the worker thread only
    WorkerThread m_worker;            // declared last: joined first
};

}  // namespace cd::sessions
