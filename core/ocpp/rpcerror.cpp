#include "core/ocpp/rpcerror.h"

#include "core/ocpp/v16/errorcode.h"
#include "core/ocpp/v201/errorcode.h"

namespace cd::ocpp {

QString errorKindName(ErrorKind kind)
{
    return v201::toString(v201::fromKind(kind));
}

QString wireErrorCode(ProtocolVersion version, ErrorKind kind)
{
    switch (version) {
        case ProtocolVersion::Ocpp16:
            return v16::toString(v16::fromKind(kind));
        case ProtocolVersion::Ocpp201:
        case ProtocolVersion::Ocpp21:
            return v201::toString(v201::fromKind(kind));
    }
    return QStringLiteral("GenericError");
}

ErrorKind errorKindFromWire(QStringView code, bool *known)
{
    // The 2.0.1 table plus its aliases is a superset of every 1.6 spelling.
    const std::optional<v201::ErrorCode> parsed = v201::errorCodeFromString(code);
    if (known)
        *known = parsed.has_value();
    return parsed ? v201::toKind(*parsed) : ErrorKind::GenericError;
}

}  // namespace cd::ocpp
