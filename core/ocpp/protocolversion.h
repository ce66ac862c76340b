#pragma once
// The OCPP-J protocol versions this stack speaks, named by their WebSocket subprotocol.

#include <QString>
#include <QStringView>

#include <optional>

namespace cd::ocpp {

enum class ProtocolVersion {
    Ocpp16,   // "ocpp1.6"   (OCPP 1.6J incl. the security extension messages)
    Ocpp201,  // "ocpp2.0.1"
    Ocpp21,   // "ocpp2.1"   (schemas and framing only; no version adapter yet)
};

// The WebSocket subprotocol token, e.g. "ocpp1.6".
QString subprotocolName(ProtocolVersion version);

// Inverse of subprotocolName(); exact, case-sensitive match as RFC 6455 requires.
std::optional<ProtocolVersion> protocolVersionFromSubprotocol(QStringView subprotocol);

}  // namespace cd::ocpp
