#include "core/ocpp/rpcreply.h"

#include "core/ocpp/rpcendpoint_p.h"

#include <QMetaObject>
#include <QThread>

namespace cd::ocpp {

namespace detail {

ReplyState::~ReplyState()
{
    if (!answered.exchange(true)) {
        deliver(RpcError::make(ErrorKind::InternalError,
                               QStringLiteral("The handler for %1 finished without an answer").arg(action)));
    }
}

void ReplyState::deliver(RpcEndpoint::Answer answer)
{
    QMutexLocker locker(&link->mutex);
    RpcEndpoint *endpoint = link->endpoint;
    if (!endpoint)
        return;
    if (QThread::currentThread() == endpoint->thread()) {
        // Same thread: the endpoint cannot vanish before the call below.
        locker.unlock();
        endpoint->answerIncoming(messageId, generation, std::move(answer));
        return;
    }
    // Another thread: post while holding the lock, so the endpoint is alive while posting; the
    // event is discarded if the endpoint is destroyed before it runs.
    QMetaObject::invokeMethod(
        endpoint,
        [endpoint, id = messageId, gen = generation, a = std::move(answer)]() mutable {
            endpoint->answerIncoming(id, gen, std::move(a));
        },
        Qt::QueuedConnection);
}

}  // namespace detail

Reply::Reply(std::shared_ptr<detail::ReplyState> state) : m_state(std::move(state)) {}

void Reply::result(nlohmann::json payload) const
{
    if (!m_state->answered.exchange(true))
        m_state->deliver(std::move(payload));
}

void Reply::error(RpcError error) const
{
    if (!m_state->answered.exchange(true))
        m_state->deliver(std::move(error));
}

bool Reply::answered() const
{
    return m_state->answered.load();
}

QString Reply::messageId() const
{
    return m_state->messageId;
}

QString Reply::action() const
{
    return m_state->action;
}

}  // namespace cd::ocpp
