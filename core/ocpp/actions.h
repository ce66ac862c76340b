#pragma once
// Who may send a CALL of a given action: the charging station, the central system, or both.

#include "core/ocpp/protocolversion.h"

#include <QStringList>
#include <QStringView>

#include <optional>

namespace cd::ocpp {

// The two ends of an OCPP-J connection. OCPP 1.6 says "Charge Point" / "Central System",
// 2.0.1 "Charging Station" / "CSMS"; the roles are the same.
enum class Role {
    CentralSystem,
    ChargingStation,
};

enum class Initiator {
    ChargingStation,
    CentralSystem,
    Either,  // DataTransfer
};

// std::nullopt when the version has no table for the action (unknown action, or OCPP 2.1,
// which has no table yet: callers then allow both directions).
std::optional<Initiator> actionInitiator(ProtocolVersion version, QStringView action);

// True when `role` may send a CALL of `action` (unknown actions are allowed here; the schema
// registry decides whether they exist).
bool mayInitiate(ProtocolVersion version, Role role, QStringView action);

// Every action in the version's table, sorted.
QStringList knownActions(ProtocolVersion version);

Role peerRole(Role role);

}  // namespace cd::ocpp
