#pragma once
// OCPP 1.6J CALLERROR codes (OCPP-J 1.6 section 4.2.3) and their wire spelling.

#include "core/ocpp/rpcerror.h"

#include <QString>
#include <QStringView>

#include <optional>

namespace cd::ocpp::v16 {

enum class ErrorCode {
    NotImplemented,
    NotSupported,
    InternalError,
    ProtocolError,
    SecurityError,
    FormationViolation,
    PropertyConstraintViolation,
    OccurenceConstraintViolation,  // sic: the 1.6 specification's spelling
    TypeConstraintViolation,
    GenericError,
};

// The wire spelling, e.g. "FormationViolation".
QString toString(ErrorCode code);

// Accepts the 1.6 spellings and their 2.0.1 twins (FormatViolation, OccurrenceConstraintViolation).
std::optional<ErrorCode> errorCodeFromString(QStringView text);

ErrorCode fromKind(ErrorKind kind);
ErrorKind toKind(ErrorCode code);

}  // namespace cd::ocpp::v16
