#pragma once
// The central system assembled: the charging system (admission, OCPP adapters, group commit),
// the command executor, and the WebSocket server that hands them each station link.
// Lives in one thread; create, start and destroy it there.

#include "core/charging/sessionobserver.h"
#include "core/common/expected.h"
#include "core/runtime/runtimeoptions.h"
#include "core/server/stationlink.h"

#include <QObject>

#include <memory>

namespace cd::storage {
class Database;
}
namespace cd::alerts {
class AlertMonitor;
class AlertDispatcher;
}
namespace cd::anomalies {
class AbandonedSessionSweeper;
class AnomalyTaggerImpl;
}
namespace cd::billing {
class SessionBilling;
}
namespace cd::charging {
class ChargingSystem;
}
namespace cd::commands {
class CommandExecutor;
}
namespace cd::payments {
class PaymentRuntime;
class SecretStore;
}
namespace cd::refunds {
class RefundService;
}
namespace cd::server {
class CentralSystem;
struct ConnectionStats;
}

namespace cd::runtime {

class ServerRuntime : public QObject {
    Q_OBJECT
public:
    // `keychain` answers the payment secrets kept in the keychain (not owned; nullptr: the OS
    // keychain); tests pass their own.
    ServerRuntime(std::shared_ptr<storage::Database> db, RuntimeOptions options, QObject *parent = nullptr,
                  payments::SecretStore *keychain = nullptr);
    // Closes every station link first, then drains the commit queue: nothing answered is lost.
    ~ServerRuntime() override;

    Status start();
    quint16 port() const;
    const RuntimeOptions &options() const { return m_options; }

    server::CentralSystem &centralSystem() { return *m_server; }
    charging::ChargingSystem &charging() { return *m_charging; }
    commands::CommandExecutor &commandExecutor() { return *m_executor; }
    payments::PaymentRuntime &payments() { return *m_payments; }
    // Bills every session that ends (set its anomaly tagger here).
    billing::SessionBilling &billing() { return *m_billing; }
    alerts::AlertMonitor &alertMonitor() { return *m_alerts; }
    // Refunds through the payment gateway once it is ready (nullptr before): it sends again what
    // a previous run left without an answer, and takes the gateway's refund reports.
    refunds::RefundService *refunds() { return m_refunds.get(); }

Q_SIGNALS:
    // The refund service started; `resent` records went out again (resumePending()).
    void refundsReady(int resent);

private:
    void startRefunds();

    std::shared_ptr<storage::Database> m_db;
    RuntimeOptions m_options;
    std::unique_ptr<charging::ChargingSystem> m_charging;
    std::unique_ptr<commands::CommandExecutor> m_executor;
    std::unique_ptr<payments::PaymentRuntime> m_payments;
    std::unique_ptr<refunds::RefundService> m_refunds;  // on m_payments' gateway: destroyed before it
    std::unique_ptr<anomalies::AnomalyTaggerImpl> m_anomalyTagger;  // outlives m_billing, which calls it
    std::unique_ptr<billing::SessionBilling> m_billing;
    std::unique_ptr<anomalies::AbandonedSessionSweeper> m_abandoned;
    charging::SessionObserverFanout m_sessionObservers;  // payments, then billing
    server::SessionHandlerFanout m_fanout;
    std::unique_ptr<server::CentralSystem> m_server;
    std::unique_ptr<alerts::AlertMonitor> m_alerts;  // evaluates the alert rules every few seconds
    std::unique_ptr<alerts::AlertDispatcher> m_alertDelivery;  // e-mail / webhook; only when configured
};

}  // namespace cd::runtime
