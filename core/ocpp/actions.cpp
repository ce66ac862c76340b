#include "core/ocpp/actions.h"

#include "core/ocpp/v16/actions.h"
#include "core/ocpp/v201/actions.h"

#include <algorithm>

namespace cd::ocpp {
namespace {

template <typename Table>
std::optional<Initiator> lookup(const Table &table, QStringView action)
{
    for (const auto &info : table) {
        if (info.name == action)
            return info.initiator;
    }
    return std::nullopt;
}

template <typename Table>
QStringList names(const Table &table)
{
    QStringList out;
    out.reserve(qsizetype(table.size()));
    for (const auto &info : table)
        out.append(info.name.toString());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

std::optional<Initiator> actionInitiator(ProtocolVersion version, QStringView action)
{
    switch (version) {
        case ProtocolVersion::Ocpp16:
            return lookup(v16::actions(), action);
        case ProtocolVersion::Ocpp201:
            return lookup(v201::actions(), action);
        case ProtocolVersion::Ocpp21:
            return std::nullopt;
    }
    return std::nullopt;
}

bool mayInitiate(ProtocolVersion version, Role role, QStringView action)
{
    const std::optional<Initiator> initiator = actionInitiator(version, action);
    if (!initiator || *initiator == Initiator::Either)
        return true;
    return role == Role::ChargingStation ? *initiator == Initiator::ChargingStation
                                         : *initiator == Initiator::CentralSystem;
}

QStringList knownActions(ProtocolVersion version)
{
    switch (version) {
        case ProtocolVersion::Ocpp16:
            return names(v16::actions());
        case ProtocolVersion::Ocpp201:
            return names(v201::actions());
        case ProtocolVersion::Ocpp21:
            return {};
    }
    return {};
}

Role peerRole(Role role)
{
    return role == Role::CentralSystem ? Role::ChargingStation : Role::CentralSystem;
}

}  // namespace cd::ocpp
