#pragma once
// The operator commands a station of each OCPP version takes, each with a starting payload that
// shows the fields it needs (what the console's command dialog offers).

#include "core/ocpp/protocolversion.h"

#include <QList>
#include <QString>

#include <nlohmann/json.hpp>

namespace cd::commands {

struct CommandTemplate {
    QString action;                  // as the version names it, e.g. "Reset"
    nlohmann::json payload;          // a schema-valid example to edit
};

// In the order an operator reaches for them: the everyday ones first.
QList<CommandTemplate> commandTemplates(ocpp::ProtocolVersion version);

}  // namespace cd::commands
