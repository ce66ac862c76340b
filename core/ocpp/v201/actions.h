#pragma once
// OCPP 2.0.1 actions (every functional block) and their initiator.

#include "core/ocpp/actions.h"

#include <QStringView>

#include <span>

namespace cd::ocpp::v201 {

struct ActionInfo {
    QStringView name;
    Initiator initiator;
};

std::span<const ActionInfo> actions();

}  // namespace cd::ocpp::v201
