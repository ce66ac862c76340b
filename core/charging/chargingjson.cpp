#include "core/charging/chargingjson.h"

#include "core/charging/chargingtypes.h"
#include "core/charging/timestamps.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace cd::charging::json {

namespace {

QJsonValue ms(const std::optional<qint64> &value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

QJsonValue iso(const std::optional<qint64> &value)
{
    return value ? QJsonValue(formatTimestampMs(*value)) : QJsonValue();
}

QJsonValue number(const std::optional<qint64> &value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

QJsonValue number(const std::optional<int> &value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

// Event details are JSON text: embed them as objects.
QJsonValue detail(const QString &text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    return doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(text);
}

template <typename T, typename F>
QJsonArray array(const QList<T> &items, F convert)
{
    QJsonArray out;
    for (const T &item : items)
        out.append(convert(item));
    return out;
}

}  // namespace

QJsonObject session(const storage::Session &s)
{
    const auto status = sessionStatusFromName(s.status);
    return {
        {QStringLiteral("id"), s.id},
        {QStringLiteral("sessionNumber"), s.sessionNumber},
        {QStringLiteral("chargePointId"), s.chargePointId},
        {QStringLiteral("evseId"), number(s.evseId)},
        {QStringLiteral("connectorId"), number(s.connectorId)},
        {QStringLiteral("transactionId"), s.transactionId.isEmpty() ? QJsonValue() : QJsonValue(s.transactionId)},
        {QStringLiteral("idTag"), s.idTag},
        {QStringLiteral("memberId"), number(s.memberId)},
        {QStringLiteral("departmentId"), number(s.departmentId)},
        {QStringLiteral("status"), s.status},
        {QStringLiteral("statusText"), status ? ChargingText::describeSessionStatus(*status) : s.status},
        {QStringLiteral("holdStatus"), s.holdStatus},
        {QStringLiteral("paymentStatus"), s.paymentStatus},
        {QStringLiteral("meterStartWh"), number(s.meterStartWh)},
        {QStringLiteral("meterStopWh"), number(s.meterStopWh)},
        {QStringLiteral("energyWh"), s.energyWh},
        {QStringLiteral("amountMinor"), s.amountMinor},
        {QStringLiteral("currency"), s.currency},
        {QStringLiteral("startAuthorization"), s.startAuthStatus},
        {QStringLiteral("stopReason"), s.stopReason},
        {QStringLiteral("stopReasonText"), s.stopReason.isEmpty() ? QString() : ChargingText::describeStopReason(s.stopReason)},
        {QStringLiteral("stopSource"), s.stopSource},
        {QStringLiteral("lastMeterWh"), number(s.lastMeterWh)},
        {QStringLiteral("createdMs"), s.createdMs},
        {QStringLiteral("created"), formatTimestampMs(s.createdMs)},
        {QStringLiteral("startedMs"), ms(s.startedMs)},
        {QStringLiteral("started"), iso(s.startedMs)},
        {QStringLiteral("chargingStartedMs"), ms(s.chargingStartedMs)},
        {QStringLiteral("chargingEndedMs"), ms(s.chargingEndedMs)},
        {QStringLiteral("endedMs"), ms(s.endedMs)},
        {QStringLiteral("ended"), iso(s.endedMs)},
        {QStringLiteral("updatedMs"), s.updatedMs},
    };
}

QJsonObject sessionEvent(const storage::SessionEvent &e)
{
    return {{QStringLiteral("atMs"), e.atMs},
            {QStringLiteral("at"), formatTimestampMs(e.atMs)},
            {QStringLiteral("kind"), e.kind},
            {QStringLiteral("detail"), detail(e.detail)},
            {QStringLiteral("operator"), e.operatorName.isEmpty() ? QJsonValue() : QJsonValue(e.operatorName)}};
}

QJsonObject meterSample(const storage::MeterSample &s)
{
    return {{QStringLiteral("stationAtMs"), s.stationAtMs},
            {QStringLiteral("stationAt"), formatTimestampMs(s.stationAtMs)},
            {QStringLiteral("receivedMs"), s.receivedMs},
            {QStringLiteral("connectorId"), number(s.connectorId)},
            {QStringLiteral("measurand"), s.measurand},
            {QStringLiteral("phase"), s.phase},
            {QStringLiteral("location"), s.location},
            {QStringLiteral("context"), s.context},
            {QStringLiteral("unit"), s.unit},
            {QStringLiteral("valueMilli"), s.valueMilli}};
}

QJsonObject message(const storage::MessageLogEntry &m)
{
    return {{QStringLiteral("atMs"), m.atMs},
            {QStringLiteral("at"), formatTimestampMs(m.atMs)},
            {QStringLiteral("direction"), m.direction},
            {QStringLiteral("messageType"), m.messageType},
            {QStringLiteral("messageId"), m.messageId},
            {QStringLiteral("action"), m.action},
            {QStringLiteral("errorCode"), m.errorCode},
            {QStringLiteral("problem"), m.problem},
            {QStringLiteral("sessionId"), number(m.sessionId)},
            {QStringLiteral("raw"), m.raw}};
}

QJsonObject sessionDetail(const SessionDetail &d)
{
    QJsonObject out = session(d.session);
    out.insert(QStringLiteral("events"), array(d.events, sessionEvent));
    out.insert(QStringLiteral("meterSamples"), array(d.samples, meterSample));
    out.insert(QStringLiteral("messages"), array(d.messages, message));
    return out;
}

QJsonObject station(const StationOverview &o)
{
    const storage::StationState &s = o.station;
    QJsonArray connectors;
    for (const ConnectorOverview &c : o.connectors) {
        connectors.append(QJsonObject{{QStringLiteral("evseId"), c.connector.evseId},
                                      {QStringLiteral("connectorId"), c.connector.connectorId},
                                      {QStringLiteral("status"), c.connector.status},
                                      {QStringLiteral("errorCode"), c.connector.errorCode},
                                      {QStringLiteral("vendorError"), c.connector.vendorError},
                                      {QStringLiteral("statusAtMs"), ms(c.connector.statusAtMs)},
                                      {QStringLiteral("statusAt"), iso(c.connector.statusAtMs)},
                                      {QStringLiteral("openSessionId"), number(c.openSessionId)},
                                      {QStringLiteral("openSessionNumber"), c.openSessionNumber}});
    }
    return {{QStringLiteral("chargePointId"), s.chargePointId},
            {QStringLiteral("name"), s.name},
            {QStringLiteral("online"), s.online()},
            {QStringLiteral("connectedSinceMs"), ms(s.connectedSinceMs)},
            {QStringLiteral("disconnectedMs"), ms(s.disconnectedMs)},
            {QStringLiteral("registrationStatus"), s.registrationStatus},
            {QStringLiteral("securityProfile"), s.securityProfile},
            {QStringLiteral("passwordSet"), !s.passwordHash.isEmpty()},
            {QStringLiteral("protocol"), s.protocol},
            {QStringLiteral("vendor"), s.identity.vendor},
            {QStringLiteral("model"), s.identity.model},
            {QStringLiteral("serialNumber"), s.identity.serialNumber},
            {QStringLiteral("firmware"), s.identity.firmware},
            {QStringLiteral("lastBootMs"), ms(s.lastBootMs)},
            {QStringLiteral("lastHeartbeatMs"), ms(s.lastHeartbeatMs)},
            {QStringLiteral("hidden"), s.hidden},
            {QStringLiteral("openSessions"), o.openSessions},
            {QStringLiteral("connectors"), connectors}};
}

QJsonObject statusEntry(const storage::ConnectorStatusEntry &e)
{
    return {{QStringLiteral("connectorId"), e.connectorId},
            {QStringLiteral("status"), e.status},
            {QStringLiteral("errorCode"), e.errorCode},
            {QStringLiteral("info"), e.info},
            {QStringLiteral("stationAtMs"), ms(e.stationAtMs)},
            {QStringLiteral("stationAt"), iso(e.stationAtMs)},
            {QStringLiteral("receivedMs"), e.receivedMs}};
}

QJsonObject stationEvent(const storage::StationEvent &e)
{
    return {{QStringLiteral("atMs"), e.atMs},
            {QStringLiteral("at"), formatTimestampMs(e.atMs)},
            {QStringLiteral("stationAtMs"), ms(e.stationAtMs)},
            {QStringLiteral("kind"), e.kind},
            {QStringLiteral("detail"), detail(e.detail)},
            {QStringLiteral("sessionId"), number(e.sessionId)}};
}

QJsonObject idTag(const storage::IdTag &t)
{
    return {{QStringLiteral("id"), t.id},
            {QStringLiteral("idTag"), t.idTag},
            {QStringLiteral("kind"), t.kind},
            {QStringLiteral("status"), t.status},
            {QStringLiteral("memberId"), number(t.memberId)},
            {QStringLiteral("departmentId"), number(t.departmentId)},
            {QStringLiteral("parentIdTag"), t.parentIdTag},
            {QStringLiteral("expiryMs"), ms(t.expiryMs)},
            {QStringLiteral("expiry"), iso(t.expiryMs)},
            {QStringLiteral("maxConcurrentSessions"), t.maxConcurrentSessions},
            {QStringLiteral("createdMs"), t.createdMs}};
}

QJsonObject deviceVariable(const storage::DeviceVariable &v)
{
    const auto flag = [](const std::optional<bool> &b) { return b ? QJsonValue(*b) : QJsonValue(); };
    return {{QStringLiteral("component"), v.component},
            {QStringLiteral("componentInstance"), v.componentInstance},
            {QStringLiteral("evseId"), number(v.evseId)},
            {QStringLiteral("connectorId"), number(v.connectorId)},
            {QStringLiteral("variable"), v.variable},
            {QStringLiteral("variableInstance"), v.variableInstance},
            {QStringLiteral("attributeType"), v.attributeType},
            {QStringLiteral("value"), v.value ? QJsonValue(*v.value) : QJsonValue()},
            {QStringLiteral("mutability"), v.mutability},
            {QStringLiteral("persistent"), flag(v.persistent)},
            {QStringLiteral("constant"), flag(v.constant)},
            {QStringLiteral("dataType"), v.dataType},
            {QStringLiteral("unit"), v.unit},
            {QStringLiteral("valuesList"), v.valuesList},
            {QStringLiteral("reportRequestId"), number(v.reportRequestId)},
            {QStringLiteral("updatedMs"), v.updatedMs}};
}

}  // namespace cd::charging::json
