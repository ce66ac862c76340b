#include "core/sim/simulatorstats.h"

namespace cd::sim {

double SimulatorStats::callsPerSecond() const
{
    return elapsedMs > 0 ? double(callResults + callErrors) * 1000.0 / double(elapsedMs) : 0.0;
}

double SimulatorStats::messagesPerSecond() const
{
    return elapsedMs > 0 ? double(messagesSent + messagesReceived) * 1000.0 / double(elapsedMs) : 0.0;
}

QJsonObject latencyToJson(const LatencySummary &summary)
{
    return QJsonObject{{QStringLiteral("count"), summary.count},   {QStringLiteral("p50Us"), summary.p50Us},
                       {QStringLiteral("p90Us"), summary.p90Us},   {QStringLiteral("p99Us"), summary.p99Us},
                       {QStringLiteral("maxUs"), summary.maxUs},   {QStringLiteral("meanUs"), summary.meanUs}};
}

QJsonObject SimulatorStats::toJson() const
{
    QJsonObject errors;
    for (auto it = errorsByCode.cbegin(); it != errorsByCode.cend(); ++it)
        errors.insert(it.key(), it.value());
    QJsonObject byAction;
    for (auto it = latencyByAction.cbegin(); it != latencyByAction.cend(); ++it)
        byAction.insert(it.key(), latencyToJson(it.value()));
    return QJsonObject{
        {QStringLiteral("elapsedMs"), elapsedMs},
        {QStringLiteral("simulatedMs"), simulatedMs},
        {QStringLiteral("stations"), stations},
        {QStringLiteral("connected"), connected},
        {QStringLiteral("booted"), booted},
        {QStringLiteral("everConnected"), everConnected},
        {QStringLiteral("neverConnected"), neverConnected},
        {QStringLiteral("activeSessions"), activeSessions},
        {QStringLiteral("sessionsStarted"), sessionsStarted},
        {QStringLiteral("sessionsRefused"), sessionsRefused},
        {QStringLiteral("sessionsFinished"), sessionsFinished},
        {QStringLiteral("energyWh"), energyWh},
        {QStringLiteral("messagesSent"), messagesSent},
        {QStringLiteral("messagesReceived"), messagesReceived},
        {QStringLiteral("messagesPerSecond"), messagesPerSecond()},
        {QStringLiteral("callsSent"), callsSent},
        {QStringLiteral("callResults"), callResults},
        {QStringLiteral("callErrors"), callErrors},
        {QStringLiteral("callTimeouts"), callTimeouts},
        {QStringLiteral("callsPerSecond"), callsPerSecond()},
        {QStringLiteral("callsReceived"), callsReceived},
        {QStringLiteral("callsAnswered"), callsAnswered},
        {QStringLiteral("callsRefused"), callsRefused},
        {QStringLiteral("connects"), connects},
        {QStringLiteral("reconnects"), reconnects},
        {QStringLiteral("connectFailures"), connectFailures},
        {QStringLiteral("disconnects"), disconnects},
        {QStringLiteral("transactionMessagesDropped"), transactionMessagesDropped},
        {QStringLiteral("queuedTransactionMessages"), queuedTransactionMessages},
        {QStringLiteral("errorsByCode"), errors},
        {QStringLiteral("lastConnectError"), lastConnectError},
        {QStringLiteral("latency"), latencyToJson(latency)},
        {QStringLiteral("latencyByAction"), byAction},
    };
}

}  // namespace cd::sim
