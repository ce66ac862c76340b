#include "core/alerts/alertmessage.h"

#include "core/common/timeformat.h"

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using json = nlohmann::json;

namespace cd::alerts {

AlertMessage AlertMessage::email(const Alert &alert)
{
    AlertMessage m;
    //: the subject of an alert e-mail; %1 the alert in one line ("Fault · CP-1, connector 1")
    m.subject = AlertText::tr("[ChargeDesk] %1").arg(alert.summary());
    QStringList lines;
    lines << alert.summary() << alert.describe() << QString();
    lines << AlertText::tr("Alert: %1 (%2)").arg(alert.id).arg(AlertText::kindName(alert.kind));
    lines << AlertText::tr("State: %1").arg(AlertText::stateTitle(alert.state));
    lines << AlertText::tr("Opened: %1 UTC").arg(formatUtcMs(alert.openedMs));
    if (alert.occurrences > 1)
        lines << AlertText::tr("Seen %n time(s), last at %1 UTC", nullptr, alert.occurrences).arg(formatUtcMs(alert.lastSeenMs));
    if (alert.sessionId)
        lines << AlertText::tr("Session id: %1").arg(*alert.sessionId);
    lines << QString() << AlertText::tr("Acknowledge, assign and resolve it on the Alerts screen of ChargeDesk.");
    m.body = lines.join(u'\n');
    return m;
}

QByteArray AlertMessage::webhookJson(const Alert &alert)
{
    auto optional = [](const auto &value) { return value ? json(*value) : json(nullptr); };
    json details = json::parse(alert.details.toStdString(), nullptr, false);
    if (details.is_discarded())
        details = json::object();
    const json body = {{"id", alert.id},
                       {"kind", AlertText::kindName(alert.kind).toStdString()},
                       {"title", AlertText::kindTitle(alert.kind).toStdString()},
                       {"state", AlertText::stateName(alert.state).toStdString()},
                       {"chargePointId", alert.chargePointId.toStdString()},
                       {"stationId", optional(alert.stationId)},
                       {"connectorId", optional(alert.connectorId)},
                       {"sessionId", optional(alert.sessionId)},
                       {"openedMs", alert.openedMs},
                       {"openedAt", formatUtcMs(alert.openedMs).toStdString()},
                       {"lastSeenMs", alert.lastSeenMs},
                       {"occurrences", alert.occurrences},
                       {"assignee", alert.assignee.toStdString()},
                       {"summary", alert.summary().toStdString()},
                       {"description", alert.describe().toStdString()},
                       {"details", details}};
    return QByteArray::fromStdString(body.dump());
}

}  // namespace cd::alerts
