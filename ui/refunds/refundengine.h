#pragma once
// The console's one RefundService, alive as long as the Refunds screen (the whole console run) so
// the gateway's late answers still land, on the screen's worker thread: the database work runs
// there, the gateway lives there and answers through that thread's event loop. Made on first use
// with the gateway that `GatewayFactory` gives (the page's default: the gateway of Settings ›
// Payments; the HTTP one once its key came from the keychain). What a previous run left without an
// answer is sent again by the station server's runtime (ServerRuntime::refunds(), here or in
// chargedesk-server), which also takes the gateway's refund reports; the Retry button sends one
// application's records again from here.
//
// Everything here is touched only on the worker (through QueryRunner::run); the page holds it by a
// shared pointer and tears it down there before the runner goes (shutDown()).

#include "core/common/expected.h"
#include "core/refunds/refundservice.h"

#include <functional>
#include <memory>

namespace cd::payments {
class PaymentGateway;
class SecretStore;
}  // namespace cd::payments
namespace cd::storage {
class Database;
class QueryRunner;
}  // namespace cd::storage

namespace cd::ui {

class RefundEngine {
public:
    // Called on the worker: the gateway refunds go through, or nullptr (desk refunds only).
    using GatewayFactory = std::function<std::unique_ptr<payments::PaymentGateway>(const storage::Database &)>;

    // Empty `factory`: the gateway of Settings › Payments.
    explicit RefundEngine(GatewayFactory factory);
    ~RefundEngine();

    // On the worker. The service (made and resumed on first use; nullptr while the HTTP gateway's
    // key is still being read from the keychain) and why it is not there.
    refunds::RefundService *service(const storage::Database &db);
    QString unavailableReason() const { return m_unavailable; }
    // On the worker: when made, the service's answers reach `receiver` (queued to its thread).
    void setListener(std::function<void(refunds::RefundService &)> connectSignals)
    {
        m_connect = std::move(connectSignals);
    }
    QString gatewayName() const;
    // On the worker: destroys the service and the gateway.
    void shutDown();

private:
    void make(const storage::Database &db, std::unique_ptr<payments::PaymentGateway> gateway);

    GatewayFactory m_factory;
    std::function<void(refunds::RefundService &)> m_connect;
    bool m_started = false;
    QString m_unavailable;
    std::unique_ptr<payments::SecretStore> m_keychain;
    std::unique_ptr<payments::PaymentGateway> m_gateway;
    std::unique_ptr<refunds::RefundService> m_service;
};

}  // namespace cd::ui
