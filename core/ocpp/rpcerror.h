#pragma once
// Version-neutral RPC error: what went wrong, independent of how a protocol version spells it.
// The per-version wire codes live in v16/errorcode.h and v201/errorcode.h; a CALLERROR frame
// is made only by encodeCallError() (callerror.h).

#include "core/ocpp/protocolversion.h"

#include <QString>
#include <QStringView>

#include <nlohmann/json.hpp>

namespace cd::ocpp {

// The union of the OCPP 1.6J and 2.0.1 error codes, named with the 2.0.1 spelling.
// 1.6 FormationViolation == FormatViolation; 1.6 OccurenceConstraintViolation ==
// OccurrenceConstraintViolation. MessageTypeNotSupported and RpcFrameworkError exist only in
// 2.0.1+; the 1.6 table maps them to FormationViolation.
enum class ErrorKind {
    GenericError,
    NotImplemented,
    NotSupported,
    InternalError,
    ProtocolError,
    SecurityError,
    FormatViolation,
    PropertyConstraintViolation,
    OccurrenceConstraintViolation,
    TypeConstraintViolation,
    MessageTypeNotSupported,
    RpcFrameworkError,
};

// Neutral name (2.0.1 spelling), for logs and tests.
QString errorKindName(ErrorKind kind);

// The code a CALLERROR carries for `kind` in `version`, e.g. FormatViolation ->
// "FormationViolation" in 1.6 and "FormatViolation" in 2.0.1.
QString wireErrorCode(ProtocolVersion version, ErrorKind kind);

// Reads a received error code. Accepts every spelling of every version (FormationViolation and
// FormatViolation, OccurenceConstraintViolation and OccurrenceConstraintViolation, and the 2.0.1
// codes a 1.6 peer such as ocpp-rpc sends for framing errors). Unknown codes give GenericError
// and *known = false.
ErrorKind errorKindFromWire(QStringView code, bool *known = nullptr);

struct RpcError {
    ErrorKind kind = ErrorKind::GenericError;
    QString description;                                // short, for the peer and the log
    nlohmann::json details = nlohmann::json::object();  // always a JSON object on the wire

    static RpcError make(ErrorKind kind, QString description, nlohmann::json details = nlohmann::json::object())
    {
        return RpcError{kind, std::move(description), std::move(details)};
    }
};

}  // namespace cd::ocpp
