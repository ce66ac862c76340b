#include "core/ocpp/v16/errorcode.h"

#include <array>
#include <utility>

namespace cd::ocpp::v16 {
namespace {

struct Entry {
    ErrorCode code;
    QStringView name;
    ErrorKind kind;
};

// The one to-string table for 1.6.
constexpr std::array<Entry, 10> kTable{{
    {ErrorCode::NotImplemented, u"NotImplemented", ErrorKind::NotImplemented},
    {ErrorCode::NotSupported, u"NotSupported", ErrorKind::NotSupported},
    {ErrorCode::InternalError, u"InternalError", ErrorKind::InternalError},
    {ErrorCode::ProtocolError, u"ProtocolError", ErrorKind::ProtocolError},
    {ErrorCode::SecurityError, u"SecurityError", ErrorKind::SecurityError},
    {ErrorCode::FormationViolation, u"FormationViolation", ErrorKind::FormatViolation},
    {ErrorCode::PropertyConstraintViolation, u"PropertyConstraintViolation", ErrorKind::PropertyConstraintViolation},
    {ErrorCode::OccurenceConstraintViolation, u"OccurenceConstraintViolation",
     ErrorKind::OccurrenceConstraintViolation},
    {ErrorCode::TypeConstraintViolation, u"TypeConstraintViolation", ErrorKind::TypeConstraintViolation},
    {ErrorCode::GenericError, u"GenericError", ErrorKind::GenericError},
}};

// Other spellings accepted on receive.
constexpr std::array<std::pair<QStringView, ErrorCode>, 2> kAliases{{
    {u"FormatViolation", ErrorCode::FormationViolation},
    {u"OccurrenceConstraintViolation", ErrorCode::OccurenceConstraintViolation},
}};

}  // namespace

QString toString(ErrorCode code)
{
    for (const Entry &e : kTable) {
        if (e.code == code)
            return e.name.toString();
    }
    return QStringLiteral("GenericError");
}

std::optional<ErrorCode> errorCodeFromString(QStringView text)
{
    for (const Entry &e : kTable) {
        if (e.name == text)
            return e.code;
    }
    for (const auto &[alias, code] : kAliases) {
        if (alias == text)
            return code;
    }
    return std::nullopt;
}

ErrorCode fromKind(ErrorKind kind)
{
    switch (kind) {
        case ErrorKind::MessageTypeNotSupported:
        case ErrorKind::RpcFrameworkError:
            // 1.6 has no framework-level codes: a frame that is not a well-formed RPC message is
            // "syntactically incorrect or not conform the PDU structure".
            return ErrorCode::FormationViolation;
        default:
            break;
    }
    for (const Entry &e : kTable) {
        if (e.kind == kind)
            return e.code;
    }
    return ErrorCode::GenericError;
}

ErrorKind toKind(ErrorCode code)
{
    for (const Entry &e : kTable) {
        if (e.code == code)
            return e.kind;
    }
    return ErrorKind::GenericError;
}

}  // namespace cd::ocpp::v16
