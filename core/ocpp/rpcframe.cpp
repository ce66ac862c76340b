#include "core/ocpp/rpcframe.h"

#include <cmath>

namespace cd::ocpp {
namespace {

using nlohmann::json;

qsizetype codePointCount(std::string_view utf8)
{
    qsizetype n = 0;
    for (const char c : utf8) {
        if ((static_cast<unsigned char>(c) & 0xC0u) != 0x80u)
            ++n;
    }
    return n;
}

// Nesting depth of arrays/objects, counted without parsing (strings skipped), so a hostile
// frame is rejected before nlohmann builds it.
bool deeperThan(std::string_view text, int maxDepth)
{
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    for (const char c : text) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
            case '"':
                inString = true;
                break;
            case '[':
            case '{':
                if (++depth > maxDepth)
                    return true;
                break;
            case ']':
            case '}':
                --depth;
                break;
            default:
                break;
        }
    }
    return false;
}

std::optional<double> numberValue(const json &j)
{
    if (j.is_number_unsigned())
        return static_cast<double>(j.get<std::uint64_t>());
    if (j.is_number_integer())
        return static_cast<double>(j.get<std::int64_t>());
    if (j.is_number_float())
        return j.get<double>();
    return std::nullopt;
}

QString fromUtf8(const json &j)
{
    return QString::fromStdString(j.get_ref<const std::string &>());
}

FrameError fail(FrameFault fault, QString description, std::optional<MessageType> type = {}, QString messageId = {})
{
    return FrameError{fault, std::move(description), type, std::move(messageId)};
}

std::size_t expectedElements(MessageType type)
{
    switch (type) {
        case MessageType::Call:
            return 4;
        case MessageType::CallResult:
            return 3;
        case MessageType::CallError:
            return 5;
    }
    return 0;
}

}  // namespace

MessageType messageTypeOf(const Frame &frame)
{
    switch (frame.index()) {
        case 0:
            return MessageType::Call;
        case 1:
            return MessageType::CallResult;
        default:
            return MessageType::CallError;
    }
}

const QString &messageIdOf(const Frame &frame)
{
    return std::visit([](const auto &f) -> const QString & { return f.messageId; }, frame);
}

bool FrameError::replyExpected() const
{
    if (fault == FrameFault::Empty)
        return false;
    return !messageType || *messageType == MessageType::Call;
}

QString FrameError::replyMessageId() const
{
    return messageId.isEmpty() ? QStringLiteral("-1") : messageId;
}

bool isValidMessageId(std::string_view utf8, int maxLength)
{
    const qsizetype n = codePointCount(utf8);
    return n >= 1 && n <= maxLength;
}

FrameParse parseFrame(const QString &text, const FrameLimits &limits)
{
    const QByteArray utf8 = text.toUtf8();
    return parseFrame(std::string_view(utf8.constData(), std::size_t(utf8.size())), limits);
}

FrameParse parseFrame(std::string_view utf8, const FrameLimits &limits)
{
    if (utf8.empty())
        return fail(FrameFault::Empty, QStringLiteral("Empty message"));
    if (qsizetype(utf8.size()) > limits.maxFrameBytes) {
        return fail(FrameFault::TooLarge, QStringLiteral("Message of %1 bytes exceeds the limit of %2 bytes")
                                              .arg(qsizetype(utf8.size()))
                                              .arg(limits.maxFrameBytes));
    }
    if (deeperThan(utf8, limits.maxDepth)) {
        return fail(FrameFault::TooDeep, QStringLiteral("Message nesting exceeds %1 levels").arg(limits.maxDepth));
    }

    json root;
    try {
        root = json::parse(utf8.begin(), utf8.end(), nullptr, /*allow_exceptions=*/false);
    } catch (const std::exception &) {  // boundary: nothing from nlohmann escapes
        root = json(json::value_t::discarded);
    }
    if (root.is_discarded())
        return fail(FrameFault::NotJson, QStringLiteral("Message must be a JSON structure"));
    if (!root.is_array())
        return fail(FrameFault::NotArray, QStringLiteral("Message must be a JSON array"));
    if (root.empty())
        return fail(FrameFault::BadMessageTypeId, QStringLiteral("Message type id is missing"));

    const std::optional<double> typeNumber = numberValue(root[0]);
    if (!typeNumber)
        return fail(FrameFault::BadMessageTypeId, QStringLiteral("Message type id must be a number"));
    std::optional<MessageType> type;
    if (*typeNumber == 2.0)
        type = MessageType::Call;
    else if (*typeNumber == 3.0)
        type = MessageType::CallResult;
    else if (*typeNumber == 4.0)
        type = MessageType::CallError;
    else
        return fail(FrameFault::UnknownMessageType, QStringLiteral("Unsupported message type id"));

    if (root.size() < 2)
        return fail(FrameFault::MissingElements, QStringLiteral("Message id is missing"), type);
    const json &idValue = root[1];
    if (!idValue.is_string() || !isValidMessageId(idValue.get_ref<const std::string &>(), limits.maxMessageIdLength)) {
        return fail(FrameFault::BadMessageId,
                    QStringLiteral("Message id must be a string of 1 to %1 characters").arg(limits.maxMessageIdLength),
                    type);
    }
    QString messageId = fromUtf8(idValue);

    const std::size_t needed = expectedElements(*type);
    if (root.size() < needed) {
        return fail(FrameFault::MissingElements,
                    QStringLiteral("Message has %1 elements, %2 expected").arg(root.size()).arg(needed), type,
                    messageId);
    }
    if (root.size() > needed) {
        return fail(FrameFault::ExtraElements,
                    QStringLiteral("Message has %1 elements, %2 expected").arg(root.size()).arg(needed), type,
                    messageId);
    }

    switch (*type) {
        case MessageType::Call: {
            const json &action = root[2];
            if (!action.is_string() || action.get_ref<const std::string &>().empty())
                return fail(FrameFault::BadAction, QStringLiteral("Action must be a non-empty string"), type,
                            messageId);
            if (!root[3].is_object())
                return fail(FrameFault::PayloadNotObject, QStringLiteral("Payload must be a JSON object"), type,
                            messageId);
            return Frame{CallFrame{std::move(messageId), fromUtf8(action), std::move(root[3])}};
        }
        case MessageType::CallResult:
            if (!root[2].is_object())
                return fail(FrameFault::PayloadNotObject, QStringLiteral("Payload must be a JSON object"), type,
                            messageId);
            return Frame{CallResultFrame{std::move(messageId), std::move(root[2])}};
        case MessageType::CallError:
            if (!root[2].is_string() || root[2].get_ref<const std::string &>().empty())
                return fail(FrameFault::BadErrorCode, QStringLiteral("Error code must be a non-empty string"), type,
                            messageId);
            if (!root[3].is_string())
                return fail(FrameFault::BadErrorDescription, QStringLiteral("Error description must be a string"), type,
                            messageId);
            if (!root[4].is_object())
                return fail(FrameFault::BadErrorDetails, QStringLiteral("Error details must be a JSON object"), type,
                            messageId);
            return Frame{
                CallErrorFrame{std::move(messageId), fromUtf8(root[2]), fromUtf8(root[3]), std::move(root[4])}};
    }
    return fail(FrameFault::UnknownMessageType, QStringLiteral("Unsupported message type id"));
}

ErrorKind errorKindFor(FrameFault fault, ProtocolVersion version)
{
    if (version == ProtocolVersion::Ocpp16) {
        return fault == FrameFault::MissingElements ? ErrorKind::ProtocolError : ErrorKind::FormatViolation;
    }
    switch (fault) {
        case FrameFault::UnknownMessageType:
            return ErrorKind::MessageTypeNotSupported;
        case FrameFault::PayloadNotObject:
            return ErrorKind::FormatViolation;
        default:
            return ErrorKind::RpcFrameworkError;
    }
}

QString frameFaultName(FrameFault fault)
{
    switch (fault) {
        case FrameFault::Empty:
            return QStringLiteral("Empty");
        case FrameFault::TooLarge:
            return QStringLiteral("TooLarge");
        case FrameFault::TooDeep:
            return QStringLiteral("TooDeep");
        case FrameFault::NotJson:
            return QStringLiteral("NotJson");
        case FrameFault::NotArray:
            return QStringLiteral("NotArray");
        case FrameFault::BadMessageTypeId:
            return QStringLiteral("BadMessageTypeId");
        case FrameFault::UnknownMessageType:
            return QStringLiteral("UnknownMessageType");
        case FrameFault::BadMessageId:
            return QStringLiteral("BadMessageId");
        case FrameFault::MissingElements:
            return QStringLiteral("MissingElements");
        case FrameFault::ExtraElements:
            return QStringLiteral("ExtraElements");
        case FrameFault::BadAction:
            return QStringLiteral("BadAction");
        case FrameFault::PayloadNotObject:
            return QStringLiteral("PayloadNotObject");
        case FrameFault::BadErrorCode:
            return QStringLiteral("BadErrorCode");
        case FrameFault::BadErrorDescription:
            return QStringLiteral("BadErrorDescription");
        case FrameFault::BadErrorDetails:
            return QStringLiteral("BadErrorDetails");
    }
    return QStringLiteral("Unknown");
}

std::string dumpJson(const json &value)
{
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string encodeCall(const CallFrame &frame)
{
    return dumpJson(json::array({static_cast<int>(MessageType::Call), frame.messageId.toStdString(),
                                 frame.action.toStdString(), frame.payload}));
}

std::string encodeCallResult(const CallResultFrame &frame)
{
    return dumpJson(
        json::array({static_cast<int>(MessageType::CallResult), frame.messageId.toStdString(), frame.payload}));
}

}  // namespace cd::ocpp
