#pragma once
// Private to RpcEndpoint and Reply: how a Reply finds its endpoint, from any thread, safely
// after the endpoint is gone.

#include "core/ocpp/rpcendpoint.h"

#include <QMutex>

#include <atomic>

namespace cd::ocpp::detail {

// Shared by an endpoint and its Replies; the endpoint clears `endpoint` when it is destroyed.
struct EndpointLink {
    QMutex mutex;
    RpcEndpoint *endpoint = nullptr;
};

struct ReplyState {
    std::shared_ptr<EndpointLink> link;
    QString messageId;
    QString action;
    quint64 generation = 0;
    std::atomic<bool> answered{false};

    ReplyState(std::shared_ptr<EndpointLink> endpointLink, QString id, QString actionName, quint64 gen)
        : link(std::move(endpointLink)), messageId(std::move(id)), action(std::move(actionName)), generation(gen)
    {
    }
    ReplyState(const ReplyState &) = delete;
    ReplyState &operator=(const ReplyState &) = delete;
    ~ReplyState();  // answers InternalError when nobody answered

    void deliver(RpcEndpoint::Answer answer);
};

}  // namespace cd::ocpp::detail
