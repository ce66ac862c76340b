#pragma once
// OCPP 1.6J actions (all six feature profiles plus the security extension) and their initiator.

#include "core/ocpp/actions.h"

#include <QStringView>

#include <span>

namespace cd::ocpp::v16 {

struct ActionInfo {
    QStringView name;
    Initiator initiator;
};

std::span<const ActionInfo> actions();

}  // namespace cd::ocpp::v16
