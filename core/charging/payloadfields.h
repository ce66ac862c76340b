#pragma once
// Reading fields of a schema-validated OCPP payload, for every version's message mapping: what
// the schema cannot check (date-times we cannot place, integers beyond our range) becomes an
// RpcError for the station.

#include "core/charging/metervalue.h"
#include "core/ocpp/outcome.h"
#include "core/ocpp/rpcerror.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <optional>

namespace cd::charging {

template <typename T>
using Parsed = ocpp::Outcome<T, ocpp::RpcError>;

// The string member `key`, or "" when absent or not a string.
QString payloadText(const nlohmann::json &object, const char *key);

ocpp::RpcError constraintViolation(const QString &what);

// An integer member within [min, max]; nullopt when absent, an error when out of range.
Parsed<std::optional<qint64>> payloadInteger(const nlohmann::json &object, const char *key, qint64 min, qint64 max);

// A date-time member as UTC epoch ms; nullopt when absent.
Parsed<std::optional<qint64>> payloadTimestamp(const nlohmann::json &object, const char *key);

// A sampledValue's measurand, phase, location and context with the OCPP defaults
// (Energy.Active.Import.Register, total, Outlet, Sample.Periodic); value and unit left empty.
MeterReading sampleDescription(const nlohmann::json &sampledValue, qint64 stationTimeMs);
// The unit of a value that names none: Wh (varh) for energy, "" otherwise.
QString defaultUnit(const QString &measurand);

}  // namespace cd::charging
