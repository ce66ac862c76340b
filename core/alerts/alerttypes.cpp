#include "core/alerts/alerttypes.h"

#include <QDateTime>
#include <QLocale>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using json = nlohmann::json;

namespace cd::alerts {

namespace {

struct KindName {
    AlertKind kind;
    QStringView name;
};

constexpr KindName kKindNames[] = {
    {AlertKind::StationOffline, u"station_offline"},
    {AlertKind::HeartbeatStale, u"heartbeat_stale"},
    {AlertKind::ConnectorFaulted, u"connector_faulted"},
    {AlertKind::FailedStart, u"failed_start"},
    {AlertKind::ChargingWithoutSession, u"charging_without_session"},
    {AlertKind::StopNotHonoured, u"stop_not_honoured"},
    {AlertKind::MeterJump, u"meter_jump"},
    {AlertKind::MeterReset, u"meter_reset"},
};

QString part(const std::optional<qint64> &value)
{
    return value ? QString::number(*value) : QString();
}

}  // namespace

const QList<AlertKind> &AlertText::allKinds()
{
    static const QList<AlertKind> kinds = [] {
        QList<AlertKind> out;
        for (const KindName &k : kKindNames)
            out.append(k.kind);
        return out;
    }();
    return kinds;
}

QString AlertText::kindName(AlertKind kind)
{
    for (const KindName &k : kKindNames) {
        if (k.kind == kind)
            return k.name.toString();
    }
    return {};
}

std::optional<AlertKind> AlertText::kindFromName(const QString &name)
{
    for (const KindName &k : kKindNames) {
        if (k.name == name)
            return k.kind;
    }
    return std::nullopt;
}

QString AlertText::stateName(AlertState state)
{
    switch (state) {
    case AlertState::Open:
        return u"open"_s;
    case AlertState::Acknowledged:
        return u"acknowledged"_s;
    case AlertState::Resolved:
        return u"resolved"_s;
    }
    return {};
}

std::optional<AlertState> AlertText::stateFromName(const QString &name)
{
    if (name == u"open")
        return AlertState::Open;
    if (name == u"acknowledged")
        return AlertState::Acknowledged;
    if (name == u"resolved")
        return AlertState::Resolved;
    return std::nullopt;
}

QString AlertText::kindTitle(AlertKind kind)
{
    switch (kind) {
    case AlertKind::StationOffline:
        return tr("Station offline");
    case AlertKind::HeartbeatStale:
        return tr("Heartbeat overdue");
    case AlertKind::ConnectorFaulted:
        return tr("Fault");
    case AlertKind::FailedStart:
        return tr("Start failed");
    case AlertKind::ChargingWithoutSession:
        return tr("Charging without an authorised session");
    case AlertKind::StopNotHonoured:
        return tr("Stop not honoured");
    case AlertKind::MeterJump:
        return tr("Meter jump");
    case AlertKind::MeterReset:
        return tr("Meter reset");
    }
    return {};
}

QString AlertText::stateTitle(AlertState state)
{
    switch (state) {
    case AlertState::Open:
        return tr("Open", "alert state");
    case AlertState::Acknowledged:
        return tr("Acknowledged", "alert state");
    case AlertState::Resolved:
        return tr("Resolved", "alert state");
    }
    return {};
}

QString AlertText::actionTitle(const QString &action)
{
    if (action == u"opened")
        return tr("Opened");
    if (action == u"seen_again")
        return tr("Seen again");
    if (action == u"acknowledged")
        return tr("Acknowledged");
    if (action == u"assigned")
        return tr("Assigned");
    if (action == u"resolved")
        return tr("Resolved");
    if (action == u"cleared")
        return tr("Condition cleared");
    return action;
}

bool AlertText::isCondition(AlertKind kind)
{
    switch (kind) {
    case AlertKind::StationOffline:
    case AlertKind::HeartbeatStale:
    case AlertKind::ConnectorFaulted:
    case AlertKind::ChargingWithoutSession:
        return true;
    case AlertKind::StopNotHonoured:
    case AlertKind::FailedStart:
    case AlertKind::MeterJump:
    case AlertKind::MeterReset:
        return false;
    }
    return false;
}

QString Alert::makeKey(AlertKind kind, std::optional<qint64> stationId, std::optional<int> connectorId,
                       std::optional<qint64> sessionId)
{
    return AlertText::kindName(kind) + u':' + part(stationId) + u':'
           + (connectorId ? QString::number(*connectorId) : QString()) + u':' + part(sessionId);
}

QString Alert::place() const
{
    QString where = chargePointId.isEmpty() && stationId ? QString::number(*stationId) : chargePointId;
    if (connectorId && *connectorId > 0)
        //: where an alert happened: %1 a station, %2 its connector number
        where = AlertText::tr("%1, connector %2").arg(where).arg(*connectorId);
    return where;
}

QString Alert::summary() const
{
    //: an alert in one line: %1 what happened ("Station offline"), %2 where ("CP-1, connector 2")
    return AlertText::tr("%1 · %2").arg(AlertText::kindTitle(kind), place());
}

QString Alert::describe() const
{
    const json d = json::parse(details.toStdString(), nullptr, false);
    auto num = [&d](const char *key) -> std::optional<qint64> {
        if (d.is_object() && d.contains(key) && d[key].is_number_integer())
            return d[key].get<qint64>();
        return std::nullopt;
    };
    auto str = [&d](const char *key) -> QString {
        if (d.is_object() && d.contains(key) && d[key].is_string())
            return QString::fromStdString(d[key].get<std::string>());
        return {};
    };
    const QLocale locale;
    auto when = [&locale](std::optional<qint64> ms) {
        return ms ? locale.toString(QDateTime::fromMSecsSinceEpoch(*ms), QLocale::ShortFormat) : QStringLiteral("—");
    };
    auto wh = [&locale](std::optional<qint64> value) {
        //: an energy register reading in kilowatt-hours
        return AlertText::tr("%1 kWh").arg(locale.toString(double(value.value_or(0)) / 1000.0, 'f', 3));
    };
    const QString session = str("sessionNumber");
    switch (kind) {
    case AlertKind::StationOffline:
        return AlertText::tr("Disconnected since %1").arg(when(num("disconnectedMs")));
    case AlertKind::HeartbeatStale:
        return AlertText::tr("Last heartbeat %1; expected every %n s", nullptr, int(num("intervalSeconds").value_or(0)))
            .arg(when(num("lastHeartbeatMs") ? num("lastHeartbeatMs") : num("connectedMs")));
    case AlertKind::ConnectorFaulted: {
        QString code = str("errorCode");
        if (const QString vendor = str("vendorError"); !vendor.isEmpty())
            code += u" / "_s + vendor;
        return AlertText::tr("Error %1, since %2").arg(code.isEmpty() ? QStringLiteral("—") : code, when(num("sinceMs")));
    }
    case AlertKind::FailedStart:
        if (str("source") == u"remote_start")
            return AlertText::tr("Remote start answered %1 (command %2)").arg(str("answer")).arg(num("commandId").value_or(0));
        return AlertText::tr("Session %1 ended as failed").arg(session);
    case AlertKind::ChargingWithoutSession:
        if (!session.isEmpty())
            return AlertText::tr("Session %1 started although the card was not authorised").arg(session);
        return AlertText::tr("The connector reports Charging with no open session, since %1").arg(when(num("sinceMs")));
    case AlertKind::StopNotHonoured: {
        std::optional<qint64> risen;
        if (d.is_object() && d.contains("event") && d["event"].is_object() && d["event"].contains("risenWh")
            && d["event"]["risenWh"].is_number_integer())
            risen = d["event"]["risenWh"].get<qint64>();
        return AlertText::tr("Session %1: the station accepted the stop but kept charging (%2 more)").arg(session, wh(risen));
    }
    case AlertKind::MeterJump:
    case AlertKind::MeterReset:
        //: %1 and %2 meter readings, %3 and %4 their times
        return AlertText::tr("Register %1 → %2 (%3 → %4)")
            .arg(wh(num("beforeWh")), wh(num("afterWh")), when(num("beforeAtMs")), when(num("afterAtMs")));
    }
    return {};
}

QString AlertDelivery::statusName(Status status)
{
    switch (status) {
    case Status::Pending:
        return u"pending"_s;
    case Status::Sending:
        return u"sending"_s;
    case Status::Sent:
        return u"sent"_s;
    case Status::Failed:
        return u"failed"_s;
    }
    return {};
}

AlertDelivery::Status AlertDelivery::statusFromName(const QString &name)
{
    if (name == u"sending")
        return Status::Sending;
    if (name == u"sent")
        return Status::Sent;
    if (name == u"failed")
        return Status::Failed;
    return Status::Pending;
}

}  // namespace cd::alerts
