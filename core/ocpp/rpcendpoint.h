#pragma once
// RpcEndpoint: one OCPP-J connection's RPC layer, transport-agnostic. Feed it received text
// frames (receiveText), send what it emits (textToSend). It
//  - parses and checks frames (rpcframe.h) and answers malformed CALLs with the right CALLERROR;
//  - dispatches incoming CALLs to the handler registered for the action, after schema
//    validation; the handler answers through a Reply, now or later; answers are validated too;
//  - sends outgoing CALLs one at a time (at most one outstanding CALL; the rest wait FIFO), each
//    with a timeout, matches CALLRESULT/CALLERROR by message id, validates results;
//  - reports every frame in and out to the spy signal frameObserved() for the message log.
// Every CALLERROR it sends is made by encodeCallError() (callerror.h) via one private method.
// Works for either role: the central system (server) or a charging station (simulator).
//
// Thread affinity: use an endpoint from the thread it lives in (Reply may be used anywhere).
// Completions and handlers run on that thread; to dispose of an endpoint from one of them,
// use deleteLater().

#include "core/ocpp/actions.h"
#include "core/ocpp/outcome.h"
#include "core/ocpp/payloadvalidator.h"
#include "core/ocpp/protocolversion.h"
#include "core/ocpp/rpcerror.h"
#include "core/ocpp/rpcframe.h"
#include "core/ocpp/rpcreply.h"
#include "core/ocpp/schemaregistry.h"

#include <QHash>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QTimer>

#include <nlohmann/json.hpp>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <variant>
#include <vector>

namespace cd {
class Clock;
}

namespace cd::ocpp {

namespace detail {
struct EndpointLink;
}

enum class FrameDirection {
    Incoming,
    Outgoing,
};

// One frame as it crossed the endpoint: what the message log stores.
struct FrameRecord {
    FrameDirection direction = FrameDirection::Incoming;
    qint64 timestampMs = 0;                  // UTC epoch ms, from the endpoint's clock
    QString text;                            // the raw frame
    std::optional<MessageType> messageType;  // when known
    QString messageId;                       // when readable
    QString action;                          // the CALL's action, or the action a response answers
    QString problem;                         // why the frame was rejected or ignored; empty if fine
};

struct CallFailure {
    enum class Reason {
        CallError,        // the peer answered with a CALLERROR
        InvalidResponse,  // the CALLRESULT failed schema validation or was malformed
        Timeout,          // no answer in time
        Rejected,         // never sent: unknown action, not this role's to send, invalid payload, queue full
        Aborted,          // the connection went away (abort() or destruction) first
    };
    Reason reason = Reason::Aborted;
    RpcError error;     // kind, description, details
    QString errorCode;  // the code as received (CallError), else the version's code for error.kind
};

using CallOutcome = Outcome<nlohmann::json, CallFailure>;
// Runs exactly once per call(), on the endpoint's thread, never from inside call().
using CallCompletion = std::function<void(const CallOutcome &outcome)>;

struct EndpointOptions {
    Role role = Role::CentralSystem;
    ProtocolVersion version = ProtocolVersion::Ocpp16;
    FrameLimits limits;
    std::chrono::milliseconds callTimeout{30000};
    bool validateIncoming = true;  // CALL payloads and CALLRESULT payloads received
    bool validateOutgoing = true;  // CALL payloads and CALLRESULT payloads sent
    bool enforceInitiator = true;  // only CALLs the sender's role may send, both directions
    qsizetype maxQueuedCalls = 1000;
    const SchemaRegistry *registry = nullptr;  // nullptr: SchemaRegistry::builtin()
    const Clock *clock = nullptr;              // nullptr: Clock::system()
    // Message ids for outgoing CALLs (1..36 characters, unique per connection); nullptr: random
    // UUIDs. For reproducible simulator runs and tests.
    std::function<QString()> messageIdGenerator;
};

class RpcEndpoint : public QObject {
    Q_OBJECT

public:
    explicit RpcEndpoint(EndpointOptions options, QObject *parent = nullptr);
    // Completes every outstanding call with Aborted (their completions must not touch this).
    ~RpcEndpoint() override;

    const EndpointOptions &options() const { return m_options; }
    ProtocolVersion version() const { return m_options.version; }
    Role role() const { return m_options.role; }

    // Handler for incoming CALLs of `action` (replaces an earlier one).
    void setHandler(const QString &action, CallHandler handler);
    void removeHandler(const QString &action);
    // Handler for actions without their own; without either, a CALL gets NotSupported.
    void setDefaultHandler(CallHandler handler);

    // Sends a CALL, or queues it behind the one outstanding. Returns its message id. `done` runs
    // exactly once: with the CALLRESULT payload, or a CallFailure.
    QString call(const QString &action, nlohmann::json payload, CallCompletion done,
                 std::optional<std::chrono::milliseconds> timeout = std::nullopt);

    bool callInFlight() const { return m_inFlight.has_value(); }
    qsizetype queuedCallCount() const { return qsizetype(m_queue.size()); }
    qsizetype pendingIncomingCount() const { return m_pendingIncoming.size(); }

public Q_SLOTS:
    // One received text frame.
    void receiveText(const QString &text);
    // The connection is gone: queued and outstanding calls complete with Aborted, answers still
    // owed to the peer are dropped. The endpoint stays usable (e.g. after a reconnect).
    void abort(const QString &reason);

Q_SIGNALS:
    // A frame to put on the wire (connect to QWebSocket::sendTextMessage).
    void textToSend(const QString &text);
    // The spy: every frame in and out, in order, including rejected ones.
    void frameObserved(const cd::ocpp::FrameRecord &record);
    // Traffic that was rejected, blocked or ignored (unknown response id, invalid answer, ...).
    void protocolIssue(const QString &description);

private:
    friend struct detail::ReplyState;

    struct OutgoingCall {
        QString messageId;
        QString action;
        nlohmann::json payload;
        CallCompletion done;
        std::chrono::milliseconds timeout{0};
    };
    struct PendingIncoming {
        QString action;
    };
    using Answer = std::variant<nlohmann::json, RpcError>;

    void handleCall(CallFrame call);
    void handleResponse(const Frame &frame);
    void handleMalformedResponse(const FrameError &error);
    void answerIncoming(const QString &messageId, quint64 generation, Answer answer);
    void replyWithError(const QString &messageId, const QString &action, const RpcError &error);
    void sendFrame(const std::string &utf8, MessageType type, const QString &messageId, const QString &action);
    void observe(FrameDirection direction, const QString &text, std::optional<MessageType> type,
                 const QString &messageId, const QString &action, const QString &problem);
    void reportIssue(const QString &description);

    void sendNextCall();
    void onCallTimeout();
    OutgoingCall takeInFlight();
    void finish(OutgoingCall &call, const CallOutcome &outcome);
    void reject(OutgoingCall call, RpcError error);
    void flushRejected();
    CallFailure failure(CallFailure::Reason reason, RpcError error, QString receivedCode = {}) const;

    EndpointOptions m_options;
    const SchemaRegistry &m_registry;
    const Clock &m_clock;
    PayloadValidator m_validator;
    std::shared_ptr<detail::EndpointLink> m_link;

    QHash<QString, CallHandler> m_handlers;
    CallHandler m_defaultHandler;
    QHash<QString, PendingIncoming> m_pendingIncoming;
    quint64 m_generation = 0;

    std::deque<OutgoingCall> m_queue;
    std::optional<OutgoingCall> m_inFlight;
    std::vector<std::pair<OutgoingCall, CallFailure>> m_rejected;
    QTimer m_callTimer;
    QTimer m_rejectTimer;
};

}  // namespace cd::ocpp

Q_DECLARE_METATYPE(cd::ocpp::FrameRecord)
