#pragma once
// What every protocol adapter of the simulator needs to read server commands and write
// station messages: command handlers that answer first and send what the command caused after,
// and small readers/writers for JSON payloads.

#include "core/sim/protocoladapter.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>

namespace cd::ocpp {
class RpcEndpoint;
}

namespace cd::sim::kit {

using Handler = std::function<nlohmann::json(const nlohmann::json &request, StationCommands &commands)>;

// Installs `handler` for `action`: it answers with the handler's payload; messages the command
// causes go out after the answer.
void on(ocpp::RpcEndpoint &endpoint, StationCommands &commands, const QString &action, Handler handler);

// A string member, or empty.
QString text(const nlohmann::json &object, const char *key);
// An int member, or nullopt (absent, not an integer, out of int range).
std::optional<int> integer(const nlohmann::json &object, const char *key);
// An ISO 8601 date-time member as UTC ms, or nullopt.
std::optional<qint64> time(const nlohmann::json &object, const char *key);
// {"status": value}
nlohmann::json status(const char *value);
const char *commandStatus(CommandStatus s);

// Answers both versions spell the same way.
const char *reservationStatus(ReservationStatus s);
const char *availabilityStatus(AvailabilityStatus s);
const char *triggerStatus(TriggerStatus s);
nlohmann::json dataTransferResult(const DataTransferAnswer &answer);
// A charging schedule's periods, limits to one decimal.
nlohmann::json schedulePeriods(const std::vector<SchedulePeriod> &periods);
// Reads a chargingSchedule object (unit, start, duration, periods) into `profile`, and the
// profile-level kind / recurrency / validity members of `p`.
void readProfileCommon(const nlohmann::json &p, const nlohmann::json &schedule, ChargingProfile &profile);
// "Transaction.Begin", "Sample.Periodic", ...
const char *contextName(SampleContext context);

// UTC ms as the ISO 8601 text OCPP uses.
std::string isoTime(qint64 ms);
// At most maxLength characters (OCPP CiString limits), as UTF-8.
std::string utf8(const QString &text, qsizetype maxLength);

}  // namespace cd::sim::kit
