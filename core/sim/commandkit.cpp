#include "core/sim/commandkit.h"

#include "core/common/timeformat.h"
#include "core/ocpp/rpcendpoint.h"

#include <QDateTime>

#include <cmath>
#include <limits>

namespace cd::sim::kit {

using nlohmann::json;

namespace {

class HoldOutgoing {
public:
    explicit HoldOutgoing(StationCommands &commands) : m_commands(commands) { m_commands.holdOutgoing(); }
    ~HoldOutgoing() { m_commands.releaseOutgoing(); }
    HoldOutgoing(const HoldOutgoing &) = delete;
    HoldOutgoing &operator=(const HoldOutgoing &) = delete;

private:
    StationCommands &m_commands;
};

}  // namespace

void on(ocpp::RpcEndpoint &endpoint, StationCommands &commands, const QString &action, Handler handler)
{
    endpoint.setHandler(action, [&commands, handler = std::move(handler)](const ocpp::IncomingCall &call,
                                                                          const ocpp::Reply &reply) {
        // Destroyed after reply.result(): what the command sent follows the answer.
        const HoldOutgoing hold(commands);
        reply.result(handler(call.payload, commands));
    });
}

QString text(const json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

std::optional<int> integer(const json &object, const char *key)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number_integer())
        return std::nullopt;
    const qint64 value = it->get<qint64>();
    if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max())
        return std::nullopt;
    return int(value);
}

std::optional<qint64> time(const json &object, const char *key)
{
    const QString value = text(object, key);
    if (value.isEmpty())
        return std::nullopt;
    const QDateTime parsed = QDateTime::fromString(value, Qt::ISODateWithMs);
    if (!parsed.isValid())
        return std::nullopt;
    return parsed.toMSecsSinceEpoch();
}

json status(const char *value)
{
    return {{"status", value}};
}

const char *commandStatus(CommandStatus s)
{
    return s == CommandStatus::Accepted ? "Accepted" : "Rejected";
}

const char *reservationStatus(ReservationStatus s)
{
    switch (s) {
    case ReservationStatus::Accepted: return "Accepted";
    case ReservationStatus::Faulted: return "Faulted";
    case ReservationStatus::Occupied: return "Occupied";
    case ReservationStatus::Rejected: return "Rejected";
    case ReservationStatus::Unavailable: return "Unavailable";
    }
    return "Rejected";
}

const char *availabilityStatus(AvailabilityStatus s)
{
    switch (s) {
    case AvailabilityStatus::Accepted: return "Accepted";
    case AvailabilityStatus::Rejected: return "Rejected";
    case AvailabilityStatus::Scheduled: return "Scheduled";
    }
    return "Rejected";
}

const char *triggerStatus(TriggerStatus s)
{
    switch (s) {
    case TriggerStatus::Accepted: return "Accepted";
    case TriggerStatus::Rejected: return "Rejected";
    case TriggerStatus::NotImplemented: return "NotImplemented";
    }
    return "Rejected";
}

json dataTransferResult(const DataTransferAnswer &answer)
{
    json result;
    switch (answer.status) {
    case DataTransferAnswer::Status::Accepted: result = status("Accepted"); break;
    case DataTransferAnswer::Status::Rejected: result = status("Rejected"); break;
    case DataTransferAnswer::Status::UnknownMessageId: result = status("UnknownMessageId"); break;
    case DataTransferAnswer::Status::UnknownVendorId: result = status("UnknownVendorId"); break;
    }
    if (answer.data)
        result["data"] = answer.data->toStdString();
    return result;
}

json schedulePeriods(const std::vector<SchedulePeriod> &periods)
{
    json out = json::array();
    for (const SchedulePeriod &p : periods) {
        json period = {{"startPeriod", p.startPeriodS}, {"limit", std::round(p.limit * 10.0) / 10.0}};
        if (p.numberPhases)
            period["numberPhases"] = *p.numberPhases;
        out.push_back(std::move(period));
    }
    return out;
}

void readProfileCommon(const json &p, const json &schedule, ChargingProfile &profile)
{
    profile.stackLevel = integer(p, "stackLevel").value_or(0);
    const QString kind = text(p, "chargingProfileKind");
    profile.kind = kind == u"Recurring" ? ProfileKind::Recurring
                 : kind == u"Relative"  ? ProfileKind::Relative
                                        : ProfileKind::Absolute;
    profile.weekly = text(p, "recurrencyKind") == u"Weekly";
    profile.validFromMs = time(p, "validFrom");
    profile.validToMs = time(p, "validTo");
    profile.unit = text(schedule, "chargingRateUnit") == u"A" ? RateUnit::Amperes : RateUnit::Watts;
    profile.startScheduleMs = time(schedule, "startSchedule");
    profile.durationS = integer(schedule, "duration");
    for (const json &period : schedule.value("chargingSchedulePeriod", json::array())) {
        SchedulePeriod sp;
        sp.startPeriodS = integer(period, "startPeriod").value_or(0);
        sp.limit = period.value("limit", 0.0);
        sp.numberPhases = integer(period, "numberPhases");
        profile.periods.push_back(sp);
    }
}

const char *contextName(SampleContext context)
{
    switch (context) {
    case SampleContext::TransactionBegin: return "Transaction.Begin";
    case SampleContext::Periodic: return "Sample.Periodic";
    case SampleContext::TransactionEnd: return "Transaction.End";
    case SampleContext::Trigger: return "Trigger";
    }
    return "Other";
}

std::string isoTime(qint64 ms)
{
    return formatUtcMs(ms).toStdString();
}

std::string utf8(const QString &text, qsizetype maxLength)
{
    return text.left(maxLength).toStdString();
}

}  // namespace cd::sim::kit
