#pragma once
// Bill corrections for a window (the correction wizard): CorrectionEngine, the hold service and
// the gateway on a worker thread of their own, so the GUI thread never waits for the database or
// the gateway (as sessions::SessionActionService does for the session actions).
//
// plan(), apply() and versions() run there in the order they were asked; their results, and later
// the gateway's answer to an applied correction's card money call (moneyAnswered), come back on
// the thread that created the service. The gateway is the one Settings › Payments names at the
// time of the call; the HTTP gateway's secret key is read from the keychain (asynchronously)
// before an apply.

#include "core/access/actor.h"
#include "core/anomalies/correctionpreview.h"
#include "core/billing/tariff.h"
#include "core/common/expected.h"
#include "core/common/workerthread.h"
#include "core/payments/paymenttypes.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace cd::storage {
class Database;
}
namespace cd::payments {
class SecretStore;
}

namespace cd::anomalies {

class CorrectionService : public QObject {
    Q_OBJECT
public:
    // `secrets` (not owned; null: the OS keychain) gives the HTTP gateway's key.
    explicit CorrectionService(std::shared_ptr<storage::Database> db, payments::SecretStore *secrets = nullptr,
                               QObject *parent = nullptr);
    // Waits for the work already posted (its results are dropped).
    ~CorrectionService() override;

    using PlanDone = std::function<void(Expected<CorrectionPreview>)>;
    using ApplyDone = std::function<void(Expected<CorrectionResult>)>;
    using VersionsDone = std::function<void(Expected<QList<BillLines>>)>;
    using TariffsDone = std::function<void(Expected<QList<billing::Tariff>>)>;

    // Each `done` runs on this object's thread unless `receiver` is gone by then.
    void plan(const CorrectionRequest &request, QObject *receiver, PlanDone done);
    void apply(const CorrectionPreview &confirmed, const access::Actor &actor, const QString &reason, QObject *receiver,
               ApplyDone done);
    void versions(qint64 billId, QObject *receiver, VersionsDone done);
    // Every tariff version, newest first (the choice of RecomputeWithTariff).
    void tariffs(QObject *receiver, TariffsDone done);

Q_SIGNALS:
    // The gateway answered the card money call of an applied correction (CorrectionResult::moneyCallId).
    void moneyAnswered(qint64 callId, const cd::payments::GatewayResult &result);

private:
    struct Worker;
    void post(std::function<void(Worker &)> work);
    void applyWithKey(const CorrectionPreview &confirmed, const access::Actor &actor, const QString &reason,
                      const QString &secretKey, QPointer<QObject> receiver, ApplyDone done);

    std::shared_ptr<storage::Database> m_db;
    payments::SecretStore *m_secrets = nullptr;
    std::unique_ptr<payments::SecretStore> m_ownSecrets;
    std::unique_ptr<Worker> m_state;  // touched on the worker thread only
    WorkerThread m_worker;            // declared last: joined first
};

}  // namespace cd::anomalies
