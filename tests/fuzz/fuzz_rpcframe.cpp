// Fuzz target: OCPP-J frame parser, payload validator and RPC endpoint on arbitrary input.
//
// Input: one selector byte, then the frame text. selector % 3 picks the protocol version
// (1.6, 2.0.1, 2.1), (selector / 3) % 2 the role (central system, charging station).
//
// Besides "no crash, no sanitizer report, no exception escapes", it checks invariants:
//  - a parsed CALL/CALLRESULT survives encode -> parse unchanged;
//  - a parse failure always has a description and a non-empty reply id;
//  - every frame the endpoint emits is itself a well-formed frame, and a CALLERROR carries a
//    code of the connection's version.
// A broken invariant calls abort(), which libFuzzer reports as a crash.
//
// Built with libFuzzer when the compiler is clang; otherwise linked with standalone_main.cpp.

#include "core/ocpp/payloadvalidator.h"
#include "core/ocpp/rpcendpoint.h"
#include "core/ocpp/rpcframe.h"
#include "core/ocpp/v16/errorcode.h"
#include "core/ocpp/v201/errorcode.h"

#include <QCoreApplication>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <memory>

using namespace cd::ocpp;

namespace {

void require(bool condition)
{
    if (!condition)
        std::abort();
}

void checkEmittedFrame(ProtocolVersion version, const QString &text)
{
    const FrameParse parsed = parseFrame(text);
    require(parsed.ok());
    if (const auto *error = std::get_if<CallErrorFrame>(&parsed.value())) {
        if (version == ProtocolVersion::Ocpp16)
            require(v16::errorCodeFromString(error->errorCode) &&
                    v16::toString(*v16::errorCodeFromString(error->errorCode)) == error->errorCode);
        else
            require(v201::errorCodeFromString(error->errorCode) &&
                    v201::toString(*v201::errorCodeFromString(error->errorCode)) == error->errorCode);
    }
}

struct Fixture {
    QObject context;
    std::array<std::unique_ptr<RpcEndpoint>, 6> endpoints;  // [version + 3 * role]

    Fixture()
    {
        for (int i = 0; i < 6; ++i) {
            EndpointOptions options;
            options.version = ProtocolVersion(i % 3);
            options.role = i / 3 == 0 ? Role::CentralSystem : Role::ChargingStation;
            options.limits.maxFrameBytes = qsizetype(64) * 1024;
            options.messageIdGenerator = [] { return QStringLiteral("f"); };  // seeds answer "f"
            auto endpoint = std::make_unique<RpcEndpoint>(options);
            const ProtocolVersion version = options.version;
            QObject::connect(endpoint.get(), &RpcEndpoint::textToSend, &context,
                             [version](const QString &text) { checkEmittedFrame(version, text); });
            // Answers every call with an empty object: valid for some actions, blocked for others.
            endpoint->setDefaultHandler(
                [](const IncomingCall &, const Reply &reply) { reply.result(nlohmann::json::object()); });
            endpoints[std::size_t(i)] = std::move(endpoint);
        }
    }
};

Fixture *fixture = nullptr;

void fuzzParser(ProtocolVersion version, std::string_view text)
{
    FrameLimits limits;
    limits.maxFrameBytes = qsizetype(64) * 1024;
    const FrameParse parsed = parseFrame(text, limits);
    if (!parsed.ok()) {
        const FrameError &error = parsed.error();
        require(!error.description.isEmpty());
        require(!error.replyMessageId().isEmpty());
        (void)wireErrorCode(version, errorKindFor(error.fault, version));
        return;
    }
    const Frame &frame = parsed.value();
    static const PayloadValidator validator;
    if (const auto *call = std::get_if<CallFrame>(&frame)) {
        const FrameParse again = parseFrame(encodeCall(*call));
        require(again.ok());
        const auto &back = std::get<CallFrame>(again.value());
        require(back.messageId == call->messageId && back.action == call->action && back.payload == call->payload);
        (void)validator.validate(version, call->action, PayloadKind::Request, call->payload);
        (void)validator.validate(version, call->action, PayloadKind::Response, call->payload);
    } else if (const auto *result = std::get_if<CallResultFrame>(&frame)) {
        const FrameParse again = parseFrame(encodeCallResult(*result));
        require(again.ok() && std::get<CallResultFrame>(again.value()).payload == result->payload);
    }
}

void fuzzEndpoint(std::size_t index, std::string_view text)
{
    RpcEndpoint &endpoint = *fixture->endpoints[index];
    // One outgoing call in flight (id "f"), so responses have something to match.
    const QString action =
        endpoint.role() == Role::CentralSystem ? QStringLiteral("ClearCache") : QStringLiteral("Heartbeat");
    endpoint.call(action, nlohmann::json::object(), [](const CallOutcome &) {});
    endpoint.receiveText(QString::fromUtf8(text.data(), qsizetype(text.size())));
    endpoint.abort(QStringLiteral("next input"));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    static Fixture f;
    fixture = &f;
    (void)SchemaRegistry::builtin();  // load the schemas once, outside the timed runs
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    const std::uint8_t selector = data[0];
    const std::string_view text(reinterpret_cast<const char *>(data + 1), size - 1);
    const auto version = ProtocolVersion(selector % 3);
    fuzzParser(version, text);
    fuzzEndpoint(std::size_t(selector % 3 + 3 * ((selector / 3) % 2)), text);
    return 0;
}
