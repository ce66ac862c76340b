#include "core/ocpp/rpcendpoint.h"

#include "core/common/clock.h"
#include "core/ocpp/callerror.h"
#include "core/ocpp/rpcendpoint_p.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QUuid>

namespace cd::ocpp {
namespace {

Q_LOGGING_CATEGORY(lcRpc, "cd.ocpp.rpc", QtWarningMsg)

using nlohmann::json;

constexpr qsizetype kMaxNameInText = 64;

QString shortName(const QString &name)
{
    return name.size() > kMaxNameInText ? name.left(kMaxNameInText) + QChar(0x2026) : name;
}

QString roleName(Role role)
{
    return role == Role::CentralSystem ? QStringLiteral("central system") : QStringLiteral("charging station");
}

// Answer for a CALL whose message id is already being processed.
ErrorKind duplicateIdKind(ProtocolVersion version)
{
    return version == ProtocolVersion::Ocpp16 ? ErrorKind::ProtocolError : ErrorKind::RpcFrameworkError;
}

}  // namespace

RpcEndpoint::RpcEndpoint(EndpointOptions options, QObject *parent)
    : QObject(parent),
      m_options(std::move(options)),
      m_registry(m_options.registry ? *m_options.registry : SchemaRegistry::builtin()),
      m_clock(m_options.clock ? *m_options.clock : Clock::system()),
      m_validator(m_registry),
      m_link(std::make_shared<detail::EndpointLink>())
{
    m_link->endpoint = this;
    m_callTimer.setSingleShot(true);
    connect(&m_callTimer, &QTimer::timeout, this, &RpcEndpoint::onCallTimeout);
    m_rejectTimer.setSingleShot(true);
    m_rejectTimer.setInterval(0);
    connect(&m_rejectTimer, &QTimer::timeout, this, &RpcEndpoint::flushRejected);
}

RpcEndpoint::~RpcEndpoint()
{
    {
        QMutexLocker locker(&m_link->mutex);
        m_link->endpoint = nullptr;
    }
    try {
        abort(QStringLiteral("RPC endpoint destroyed"));
    } catch (...) {  // completions are already guarded; nothing may leave a destructor
    }
}

void RpcEndpoint::setHandler(const QString &action, CallHandler handler)
{
    m_handlers[action] = std::move(handler);
}

void RpcEndpoint::removeHandler(const QString &action)
{
    m_handlers.remove(action);
}

void RpcEndpoint::setDefaultHandler(CallHandler handler)
{
    m_defaultHandler = std::move(handler);
}

// ---- incoming --------------------------------------------------------------------------------

void RpcEndpoint::receiveText(const QString &text)
{
    FrameParse parsed = parseFrame(text, m_options.limits);
    if (!parsed.ok()) {
        const FrameError &error = parsed.error();
        const bool answersOurCall = !error.replyExpected() && m_inFlight && !error.messageId.isEmpty() &&
                                    error.messageId == m_inFlight->messageId;
        const QString problem = frameFaultName(error.fault) + QStringLiteral(": ") + error.description;
        observe(FrameDirection::Incoming, text, error.messageType, error.messageId,
                answersOurCall ? m_inFlight->action : QString(), problem);
        if (error.fault == FrameFault::Empty)
            return;
        reportIssue(QStringLiteral("Malformed frame (%1)").arg(problem));
        if (error.replyExpected())
            replyWithError(error.replyMessageId(), {},
                           RpcError::make(errorKindFor(error.fault, version()), error.description));
        else if (answersOurCall)
            handleMalformedResponse(error);
        return;
    }

    Frame &frame = parsed.value();
    const QString &messageId = messageIdOf(frame);
    if (auto *call = std::get_if<CallFrame>(&frame)) {
        observe(FrameDirection::Incoming, text, MessageType::Call, messageId, call->action, {});
        handleCall(std::move(*call));
        return;
    }
    const bool known = m_inFlight && m_inFlight->messageId == messageId;
    observe(FrameDirection::Incoming, text, messageTypeOf(frame), messageId, known ? m_inFlight->action : QString(),
            known ? QString() : QStringLiteral("no outstanding call with this message id"));
    if (!known) {
        // A late answer after a timeout, or a confused peer: nothing to complete, nothing to answer.
        reportIssue(QStringLiteral("Ignored a response for unknown message id '%1'").arg(shortName(messageId)));
        return;
    }
    handleResponse(frame);
}

void RpcEndpoint::handleCall(CallFrame call)
{
    const QString &id = call.messageId;
    if (m_pendingIncoming.contains(id)) {
        replyWithError(id, call.action,
                       RpcError::make(duplicateIdKind(version()),
                                      QStringLiteral("Already processing a call with message id '%1'").arg(id)));
        return;
    }
    if (!m_registry.hasAction(version(), call.action)) {
        replyWithError(
            id, call.action,
            RpcError::make(ErrorKind::NotImplemented, QStringLiteral("Action '%1' is not defined in %2")
                                                          .arg(shortName(call.action), subprotocolName(version()))));
        return;
    }
    if (m_options.enforceInitiator && !mayInitiate(version(), peerRole(role()), call.action)) {
        replyWithError(
            id, call.action,
            RpcError::make(ErrorKind::NotSupported,
                           QStringLiteral("A %1 does not accept %2 calls").arg(roleName(role()), call.action)));
        return;
    }
    const auto own = m_handlers.constFind(call.action);
    const CallHandler handler = own != m_handlers.constEnd() ? *own : m_defaultHandler;
    if (!handler) {
        replyWithError(
            id, call.action,
            RpcError::make(ErrorKind::NotSupported, QStringLiteral("Action '%1' is not supported").arg(call.action)));
        return;
    }
    normalizeIntegralNumbers(call.payload);
    if (m_options.validateIncoming) {
        if (std::optional<RpcError> invalid =
                m_validator.validate(version(), call.action, PayloadKind::Request, call.payload)) {
            reportIssue(QStringLiteral("Rejected %1 call '%2': %3").arg(call.action, id, invalid->description));
            replyWithError(id, call.action, *invalid);
            return;
        }
    }

    m_pendingIncoming.insert(id, PendingIncoming{call.action});
    const Reply reply(std::make_shared<detail::ReplyState>(m_link, id, call.action, m_generation));
    const IncomingCall incoming{call.messageId, call.action, std::move(call.payload)};
    try {
        handler(incoming, reply);
    } catch (const std::exception &e) {  // boundary: a throwing handler becomes InternalError
        qCWarning(lcRpc, "handler for %s threw: %s", qUtf8Printable(incoming.action), e.what());
        reply.error(RpcError::make(ErrorKind::InternalError, QStringLiteral("Internal error")));
    } catch (...) {
        reply.error(RpcError::make(ErrorKind::InternalError, QStringLiteral("Internal error")));
    }
}

void RpcEndpoint::answerIncoming(const QString &messageId, quint64 generation, Answer answer)
{
    if (generation != m_generation)
        return;  // the connection this call came in on is gone
    const auto it = m_pendingIncoming.find(messageId);
    if (it == m_pendingIncoming.end())
        return;
    const QString action = it->action;
    m_pendingIncoming.erase(it);

    if (auto *error = std::get_if<RpcError>(&answer)) {
        replyWithError(messageId, action, *error);
        return;
    }
    json &payload = std::get<json>(answer);
    std::optional<RpcError> invalid;
    if (!payload.is_object()) {
        invalid = RpcError::make(ErrorKind::TypeConstraintViolation, QStringLiteral("payload must be object"));
    } else if (m_options.validateOutgoing) {
        invalid = m_validator.validate(version(), action, PayloadKind::Response, payload);
    }
    if (invalid) {
        // Never put an invalid answer on the wire; the peer learns only that we failed.
        reportIssue(
            QStringLiteral("Blocked invalid %1 response '%2': %3").arg(action, messageId, invalid->description));
        replyWithError(
            messageId, action,
            RpcError::make(
                ErrorKind::InternalError,
                QStringLiteral("Internal error: the %1 response did not pass schema validation").arg(action)));
        return;
    }
    sendFrame(encodeCallResult(CallResultFrame{messageId, std::move(payload)}), MessageType::CallResult, messageId,
              action);
}

void RpcEndpoint::replyWithError(const QString &messageId, const QString &action, const RpcError &error)
{
    // The only caller of encodeCallError(): every CALLERROR this endpoint sends is made here.
    sendFrame(encodeCallError(version(), messageId, error), MessageType::CallError, messageId, action);
}

// ---- outgoing --------------------------------------------------------------------------------

QString RpcEndpoint::call(const QString &action, json payload, CallCompletion done,
                          std::optional<std::chrono::milliseconds> timeout)
{
    OutgoingCall call{m_options.messageIdGenerator ? m_options.messageIdGenerator()
                                                   : QUuid::createUuid().toString(QUuid::WithoutBraces),
                      action, std::move(payload), std::move(done), timeout.value_or(m_options.callTimeout)};
    QString id = call.messageId;

    if (!isValidMessageId(id.toStdString(), m_options.limits.maxMessageIdLength)) {
        reject(std::move(call),
               RpcError::make(ErrorKind::InternalError, QStringLiteral("Invalid message id generated")));
    } else if (!call.payload.is_object()) {
        reject(std::move(call),
               RpcError::make(ErrorKind::TypeConstraintViolation, QStringLiteral("payload must be object")));
    } else if (!m_registry.hasAction(version(), action)) {
        reject(
            std::move(call),
            RpcError::make(
                ErrorKind::NotImplemented,
                QStringLiteral("Action '%1' is not defined in %2").arg(shortName(action), subprotocolName(version()))));
    } else if (m_options.enforceInitiator && !mayInitiate(version(), role(), action)) {
        reject(std::move(call),
               RpcError::make(ErrorKind::NotSupported,
                              QStringLiteral("A %1 does not send %2 calls").arg(roleName(role()), action)));
    } else if (std::optional<RpcError> invalid =
                   m_options.validateOutgoing
                       ? m_validator.validate(version(), action, PayloadKind::Request, call.payload)
                       : std::nullopt) {
        reject(std::move(call), *invalid);
    } else if (queuedCallCount() >= m_options.maxQueuedCalls) {
        reject(std::move(call), RpcError::make(ErrorKind::GenericError, QStringLiteral("Too many queued calls")));
    } else {
        m_queue.push_back(std::move(call));
        sendNextCall();
    }
    return id;
}

void RpcEndpoint::sendNextCall()
{
    if (m_inFlight || m_queue.empty())
        return;
    m_inFlight = std::move(m_queue.front());
    m_queue.pop_front();
    m_callTimer.start(m_inFlight->timeout);
    // The peer may answer synchronously (an in-process pair): state is settled before sending.
    const QString id = m_inFlight->messageId;
    const QString action = m_inFlight->action;
    sendFrame(encodeCall(CallFrame{id, action, m_inFlight->payload}), MessageType::Call, id, action);
}

void RpcEndpoint::handleResponse(const Frame &frame)
{
    OutgoingCall call = takeInFlight();
    std::optional<CallOutcome> outcome;
    if (const auto *error = std::get_if<CallErrorFrame>(&frame)) {
        RpcError rpcError{errorKindFromWire(error->errorCode), error->errorDescription, error->errorDetails};
        outcome.emplace(failure(CallFailure::Reason::CallError, std::move(rpcError), error->errorCode));
    } else {
        json payload = std::get<CallResultFrame>(frame).payload;
        normalizeIntegralNumbers(payload);
        std::optional<RpcError> invalid;
        if (m_options.validateIncoming)
            invalid = m_validator.validate(version(), call.action, PayloadKind::Response, payload);
        if (invalid) {
            reportIssue(
                QStringLiteral("Invalid %1 response '%2': %3").arg(call.action, call.messageId, invalid->description));
            outcome.emplace(failure(CallFailure::Reason::InvalidResponse, std::move(*invalid)));
        } else {
            outcome.emplace(std::move(payload));
        }
    }
    // The next call goes out before this completion runs, so a call() made from the completion
    // queues behind the ones already waiting (FIFO).
    QPointer<RpcEndpoint> self(this);
    sendNextCall();
    if (self)
        finish(call, *outcome);
}

void RpcEndpoint::handleMalformedResponse(const FrameError &error)
{
    OutgoingCall call = takeInFlight();
    const CallFailure f = failure(CallFailure::Reason::InvalidResponse,
                                  RpcError::make(errorKindFor(error.fault, version()), error.description));
    QPointer<RpcEndpoint> self(this);
    sendNextCall();
    if (self)
        finish(call, f);
}

void RpcEndpoint::onCallTimeout()
{
    if (!m_inFlight)
        return;
    OutgoingCall call = takeInFlight();
    reportIssue(QStringLiteral("%1 call '%2' timed out after %3 ms")
                    .arg(call.action, call.messageId)
                    .arg(call.timeout.count()));
    const CallFailure f = failure(
        CallFailure::Reason::Timeout,
        RpcError::make(ErrorKind::GenericError, QStringLiteral("No answer within %1 ms").arg(call.timeout.count())));
    QPointer<RpcEndpoint> self(this);
    sendNextCall();
    if (self)
        finish(call, f);
}

RpcEndpoint::OutgoingCall RpcEndpoint::takeInFlight()
{
    m_callTimer.stop();
    OutgoingCall call = std::move(*m_inFlight);
    m_inFlight.reset();
    return call;
}

void RpcEndpoint::finish(OutgoingCall &call, const CallOutcome &outcome)
{
    CallCompletion done = std::move(call.done);
    call.done = nullptr;
    if (!done)
        return;
    try {
        done(outcome);
    } catch (const std::exception &e) {  // boundary: nothing escapes into the event loop
        qCWarning(lcRpc, "completion of %s threw: %s", qUtf8Printable(call.action), e.what());
    } catch (...) {
        qCWarning(lcRpc, "completion of %s threw", qUtf8Printable(call.action));
    }
}

void RpcEndpoint::reject(OutgoingCall call, RpcError error)
{
    reportIssue(QStringLiteral("Refused to send %1: %2").arg(shortName(call.action), error.description));
    CallFailure f = failure(CallFailure::Reason::Rejected, std::move(error));
    m_rejected.emplace_back(std::move(call), std::move(f));
    m_rejectTimer.start();  // completions never run inside call()
}

void RpcEndpoint::flushRejected()
{
    QPointer<RpcEndpoint> self(this);
    while (self && !m_rejected.empty()) {
        auto [call, f] = std::move(m_rejected.front());
        m_rejected.erase(m_rejected.begin());
        finish(call, f);
    }
}

CallFailure RpcEndpoint::failure(CallFailure::Reason reason, RpcError error, QString receivedCode) const
{
    CallFailure f;
    f.reason = reason;
    f.errorCode = receivedCode.isEmpty() ? wireErrorCode(version(), error.kind) : std::move(receivedCode);
    f.error = std::move(error);
    return f;
}

void RpcEndpoint::abort(const QString &reason)
{
    ++m_generation;
    m_pendingIncoming.clear();
    m_callTimer.stop();
    m_rejectTimer.stop();

    std::vector<std::pair<OutgoingCall, CallFailure>> pending = std::move(m_rejected);
    m_rejected.clear();
    const CallFailure aborted = failure(CallFailure::Reason::Aborted, RpcError::make(ErrorKind::GenericError, reason));
    if (m_inFlight)
        pending.emplace_back(takeInFlight(), aborted);
    while (!m_queue.empty()) {
        pending.emplace_back(std::move(m_queue.front()), aborted);
        m_queue.pop_front();
    }
    for (auto &[call, f] : pending)
        finish(call, f);
}

// ---- wire and spy ----------------------------------------------------------------------------

void RpcEndpoint::sendFrame(const std::string &utf8, MessageType type, const QString &messageId, const QString &action)
{
    const QString text = QString::fromStdString(utf8);
    observe(FrameDirection::Outgoing, text, type, messageId, action, {});
    Q_EMIT textToSend(text);
}

void RpcEndpoint::observe(FrameDirection direction, const QString &text, std::optional<MessageType> type,
                          const QString &messageId, const QString &action, const QString &problem)
{
    Q_EMIT frameObserved(FrameRecord{direction, m_clock.nowMs(), text, type, messageId, action, problem});
}

void RpcEndpoint::reportIssue(const QString &description)
{
    qCInfo(lcRpc, "%s", qUtf8Printable(description));
    Q_EMIT protocolIssue(description);
}

}  // namespace cd::ocpp
