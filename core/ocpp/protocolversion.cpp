#include "core/ocpp/protocolversion.h"

namespace cd::ocpp {

QString subprotocolName(ProtocolVersion version)
{
    switch (version) {
        case ProtocolVersion::Ocpp16:
            return QStringLiteral("ocpp1.6");
        case ProtocolVersion::Ocpp201:
            return QStringLiteral("ocpp2.0.1");
        case ProtocolVersion::Ocpp21:
            return QStringLiteral("ocpp2.1");
    }
    return {};
}

std::optional<ProtocolVersion> protocolVersionFromSubprotocol(QStringView subprotocol)
{
    for (const ProtocolVersion v : {ProtocolVersion::Ocpp16, ProtocolVersion::Ocpp201, ProtocolVersion::Ocpp21}) {
        if (subprotocol == subprotocolName(v))
            return v;
    }
    return std::nullopt;
}

}  // namespace cd::ocpp
