#include "core/ocpp/v201/errorcode.h"

#include <array>
#include <utility>

namespace cd::ocpp::v201 {
namespace {

struct Entry {
    ErrorCode code;
    QStringView name;
    ErrorKind kind;
};

// The one to-string table for 2.0.1 (and 2.1).
constexpr std::array<Entry, 12> kTable{{
    {ErrorCode::FormatViolation, u"FormatViolation", ErrorKind::FormatViolation},
    {ErrorCode::GenericError, u"GenericError", ErrorKind::GenericError},
    {ErrorCode::InternalError, u"InternalError", ErrorKind::InternalError},
    {ErrorCode::MessageTypeNotSupported, u"MessageTypeNotSupported", ErrorKind::MessageTypeNotSupported},
    {ErrorCode::NotImplemented, u"NotImplemented", ErrorKind::NotImplemented},
    {ErrorCode::NotSupported, u"NotSupported", ErrorKind::NotSupported},
    {ErrorCode::OccurrenceConstraintViolation, u"OccurrenceConstraintViolation",
     ErrorKind::OccurrenceConstraintViolation},
    {ErrorCode::PropertyConstraintViolation, u"PropertyConstraintViolation", ErrorKind::PropertyConstraintViolation},
    {ErrorCode::ProtocolError, u"ProtocolError", ErrorKind::ProtocolError},
    {ErrorCode::RpcFrameworkError, u"RpcFrameworkError", ErrorKind::RpcFrameworkError},
    {ErrorCode::SecurityError, u"SecurityError", ErrorKind::SecurityError},
    {ErrorCode::TypeConstraintViolation, u"TypeConstraintViolation", ErrorKind::TypeConstraintViolation},
}};

// Other spellings accepted on receive (the 1.6 names; ocpp-rpc sends the misspelt
// "OccurenceConstraintViolation" in 2.0.1 too).
constexpr std::array<std::pair<QStringView, ErrorCode>, 2> kAliases{{
    {u"FormationViolation", ErrorCode::FormatViolation},
    {u"OccurenceConstraintViolation", ErrorCode::OccurrenceConstraintViolation},
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

}  // namespace cd::ocpp::v201
