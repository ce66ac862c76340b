#pragma once
// The answer to one incoming CALL, handed to the action's handler.

#include "core/ocpp/rpcerror.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>

namespace cd::ocpp {

class RpcEndpoint;

namespace detail {
struct ReplyState;
}

struct IncomingCall {
    QString messageId;
    QString action;
    nlohmann::json payload;  // schema-checked; integral floats (1.0) already rewritten as integers
};

// Copyable handle; the first result() or error() wins, later ones are ignored. Answering later
// is fine (commit to the database first, then answer). Safe to use from any thread: the answer
// is carried to the endpoint's thread. If every copy is dropped unanswered, the peer gets an
// InternalError. After the endpoint was aborted or destroyed, answers are dropped.
class Reply {
public:
    // Sends a CALLRESULT after checking `payload` against the action's response schema; a
    // payload that fails is not sent: the peer gets InternalError (as strict ocpp-rpc does) and
    // the endpoint emits protocolIssue().
    void result(nlohmann::json payload) const;
    // Sends a CALLERROR with the version's spelling of error.kind.
    void error(RpcError error) const;

    bool answered() const;
    QString messageId() const;
    QString action() const;

private:
    friend class RpcEndpoint;
    explicit Reply(std::shared_ptr<detail::ReplyState> state);
    std::shared_ptr<detail::ReplyState> m_state;
};

using CallHandler = std::function<void(const IncomingCall &call, const Reply &reply)>;

}  // namespace cd::ocpp
