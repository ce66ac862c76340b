#pragma once
// OCPP-J RPC framing, version-neutral: parse and serialize
//   CALL       [2, "<messageId>", "<Action>", {payload}]
//   CALLRESULT [3, "<messageId>", {payload}]
//   CALLERROR  [4, "<messageId>", "<errorCode>", "<errorDescription>", {errorDetails}]
// Parsing never throws: malformed input gives a FrameError naming the fault, the message id if
// it could be read, and whether the peer expects an answer. Which CALLERROR code a fault maps to
// depends on the protocol version: errorKindFor(). CALLERROR frames are written only by
// encodeCallError() in callerror.h.

#include "core/ocpp/outcome.h"
#include "core/ocpp/protocolversion.h"
#include "core/ocpp/rpcerror.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace cd::ocpp {

enum class MessageType : int {
    Call = 2,
    CallResult = 3,
    CallError = 4,
};

struct CallFrame {
    QString messageId;
    QString action;
    nlohmann::json payload = nlohmann::json::object();
};

struct CallResultFrame {
    QString messageId;
    nlohmann::json payload = nlohmann::json::object();
};

struct CallErrorFrame {
    QString messageId;
    QString errorCode;  // as received; see errorKindFromWire()
    QString errorDescription;
    nlohmann::json errorDetails = nlohmann::json::object();
};

using Frame = std::variant<CallFrame, CallResultFrame, CallErrorFrame>;

MessageType messageTypeOf(const Frame &frame);
const QString &messageIdOf(const Frame &frame);

struct FrameLimits {
    qsizetype maxFrameBytes = qsizetype(1024) * 1024;  // UTF-8 bytes of the whole text frame
    int maxDepth = 32;                                 // nesting of arrays/objects, the frame array is depth 1
    int maxMessageIdLength = 36;                       // characters (Unicode code points), per OCPP-J
};

enum class FrameFault {
    Empty,                // zero-length text: ignored, never answered (as ocpp-rpc does)
    TooLarge,             // over FrameLimits::maxFrameBytes
    TooDeep,              // over FrameLimits::maxDepth
    NotJson,              // not parseable JSON (incl. invalid UTF-8, trailing garbage)
    NotArray,             // top level is not an array
    BadMessageTypeId,     // missing or not a number
    UnknownMessageType,   // a number other than 2, 3, 4
    BadMessageId,         // not a string, empty, or longer than maxMessageIdLength
    MissingElements,      // fewer elements than the message type needs
    ExtraElements,        // more elements than the message type allows
    BadAction,            // CALL action not a non-empty string
    PayloadNotObject,     // CALL/CALLRESULT payload not a JSON object
    BadErrorCode,         // CALLERROR code not a non-empty string
    BadErrorDescription,  // CALLERROR description not a string
    BadErrorDetails,      // CALLERROR details not an object
};

struct FrameError {
    FrameFault fault = FrameFault::NotJson;
    QString description;
    std::optional<MessageType> messageType;  // when element 0 was a known type id
    QString messageId;                       // when element 1 was a valid message id, else empty

    // Only a (possible) CALL is answered: never a CALLRESULT/CALLERROR, never an empty frame.
    bool replyExpected() const;
    // The id to answer with: the frame's own id, or "-1" when it could not be read.
    QString replyMessageId() const;
};

using FrameParse = Outcome<Frame, FrameError>;

FrameParse parseFrame(std::string_view utf8, const FrameLimits &limits = {});
FrameParse parseFrame(const QString &text, const FrameLimits &limits = {});

// The error kind a fault is answered with in `version`:
//   1.6:    FormationViolation, except MissingElements -> ProtocolError ("payload incomplete")
//   2.0.1+: RpcFrameworkError, except UnknownMessageType -> MessageTypeNotSupported and
//           PayloadNotObject -> FormatViolation
ErrorKind errorKindFor(FrameFault fault, ProtocolVersion version);

// Stable names for logs and tests, e.g. "BadMessageId".
QString frameFaultName(FrameFault fault);

// True for a valid message id: a string of 1..maxLength code points.
bool isValidMessageId(std::string_view utf8, int maxLength = 36);

// Serialization. Payloads must be JSON objects (the endpoint checks before calling).
std::string encodeCall(const CallFrame &frame);
std::string encodeCallResult(const CallResultFrame &frame);

// Compact JSON text, invalid UTF-8 replaced rather than thrown on.
std::string dumpJson(const nlohmann::json &value);

}  // namespace cd::ocpp
