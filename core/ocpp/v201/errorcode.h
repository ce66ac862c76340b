#pragma once
// OCPP 2.0.1 CALLERROR codes (OCPP-J 2.0.1 part 4, section 4.3) and their wire spelling.
// OCPP 2.1 uses the same table.

#include "core/ocpp/rpcerror.h"

#include <QString>
#include <QStringView>

#include <optional>

namespace cd::ocpp::v201 {

enum class ErrorCode {
    FormatViolation,
    GenericError,
    InternalError,
    MessageTypeNotSupported,
    NotImplemented,
    NotSupported,
    OccurrenceConstraintViolation,
    PropertyConstraintViolation,
    ProtocolError,
    RpcFrameworkError,
    SecurityError,
    TypeConstraintViolation,
};

// The wire spelling, e.g. "FormatViolation".
QString toString(ErrorCode code);

// Accepts the 2.0.1 spellings and their 1.6 twins (FormationViolation, OccurenceConstraintViolation).
std::optional<ErrorCode> errorCodeFromString(QStringView text);

ErrorCode fromKind(ErrorKind kind);
ErrorKind toKind(ErrorCode code);

}  // namespace cd::ocpp::v201
