#pragma once
// The fields of an operator command, read from the command's official request schema: each
// property a field (nested objects flattened, "firmware/location"), its kind, the values an
// enumeration allows, whether it is required. The console builds its form from these, so every
// command of both versions gets one, with the spec's own rules; lists (arrays) and open objects
// stay JSON. customData (vendor extensions) is left out.

#include "core/ocpp/protocolversion.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

namespace cd::commands {

struct CommandField {
    enum class Kind { Text, Integer, Number, Boolean, Choice, DateTime, Json };

    QString path;         // "/"-separated property names from the payload, e.g. "firmware/location"
    QStringList names;    // the same as a list: {"firmware", "location"}
    Kind kind = Kind::Text;
    QStringList choices;  // Choice: the enumeration
    bool required = false;  // required here and in every object above it
    int maxLength = 0;      // Text: 0 for none
};

// The fields of `action`'s request, in the schema's order. Empty for an unknown action.
QList<CommandField> commandFields(ocpp::ProtocolVersion version, const QString &action);

// The value at `path` in `payload` (null when absent).
nlohmann::json valueAt(const nlohmann::json &payload, const QString &path);
// Sets `value` at `path`, creating the objects above it; a null value removes the property (and
// objects it leaves empty).
void setValueAt(nlohmann::json &payload, const QString &path, const nlohmann::json &value);

}  // namespace cd::commands
