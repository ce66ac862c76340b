// Start / Stop / Reset: commands to the session's station through the command queue, named the way
// the station's protocol names them (1.6 RemoteStart/RemoteStopTransaction, 2.0.1
// RequestStart/RequestStopTransaction; Reset Soft/Hard in 1.6, OnIdle/Immediate in 2.0.1).

#include "core/charging/chargingtypes.h"
#include "core/commands/commandqueue.h"
#include "core/sessions/sessionactions.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QJsonDocument>

#include <limits>

#include <nlohmann/json.hpp>

namespace cd::sessions {

namespace {

bool isV201(const QString &protocol)
{
    return protocol.startsWith(u"ocpp2");
}

}  // namespace

void SessionActions::planCommand(const Context &c, const ActionRequest &request, ActionPlan &p) const
{
    const storage::Session &s = c.session;
    const bool v201 = isV201(c.protocol);
    switch (request.kind) {
    case ActionKind::Start: {
        const bool waiting = s.transactionId.isEmpty()
            && (s.status == u"created" || s.status == u"pending" || s.status == u"starting");
        if (!waiting) {
            p.refusals << tr("Session %1 is %2: only a session waiting for its start can be started.")
                              .arg(s.sessionNumber, s.status);
            return;
        }
        if (s.idTag.isEmpty()) {
            p.refusals << tr("Session %1 has no id tag to start with.").arg(s.sessionNumber);
            return;
        }
        if (v201) {
            if (s.id > std::numeric_limits<qint32>::max()) {
                p.refusals << tr("Session %1 cannot be started remotely: its id does not fit a remote start id.")
                                  .arg(s.sessionNumber);
                return;
            }
            p.commandAction = QStringLiteral("RequestStartTransaction");
            p.commandPayload = {{QStringLiteral("idToken"),
                                 QJsonObject{{QStringLiteral("idToken"), s.idTag}, {QStringLiteral("type"), QStringLiteral("ISO14443")}}},
                                {QStringLiteral("remoteStartId"), s.id}};
            if (s.evseId)
                p.commandPayload.insert(QStringLiteral("evseId"), *s.evseId);
        } else {
            p.commandAction = QStringLiteral("RemoteStartTransaction");
            p.commandPayload = {{QStringLiteral("idTag"), s.idTag}};
            if (s.connectorId)
                p.commandPayload.insert(QStringLiteral("connectorId"), *s.connectorId);
        }
        break;
    }
    case ActionKind::Stop: {
        if (s.transactionId.isEmpty() || !storage::SessionRepository::openStatuses().contains(s.status)) {
            p.refusals << (s.transactionId.isEmpty()
                               ? tr("Session %1 is %2 and has no transaction on the station: there is nothing to stop.")
                               : tr("Session %1 is %2: it is not running on the station."))
                              .arg(s.sessionNumber, s.status);
            return;
        }
        if (v201) {
            p.commandAction = QStringLiteral("RequestStopTransaction");
            p.commandPayload = {{QStringLiteral("transactionId"), s.transactionId}};
        } else {
            bool ok = false;
            const qint64 tx = s.transactionId.toLongLong(&ok);
            if (!ok) {
                p.refusals << tr("Session %1 has no numeric transaction id to stop.").arg(s.sessionNumber);
                return;
            }
            p.commandAction = QStringLiteral("RemoteStopTransaction");
            p.commandPayload = {{QStringLiteral("transactionId"), tx}};
        }
        p.notes << tr("The session ends when the station reports the stop.");
        break;
    }
    case ActionKind::Reset:
        p.commandAction = QStringLiteral("Reset");
        p.commandPayload = {{QStringLiteral("type"), v201 ? (request.hardReset ? QStringLiteral("Immediate") : QStringLiteral("OnIdle"))
                                                          : (request.hardReset ? QStringLiteral("Hard") : QStringLiteral("Soft"))}};
        p.notes << tr("A reset restarts the whole station and ends the transactions running on it.");
        break;
    default:
        break;
    }
}

Expected<ActionResult> SessionActions::applyCommand(const ActionRequest &request, const access::Actor &who,
                                                    const payments::Actor &actor)
{
    auto context = load(request.sessionId);
    if (!context)
        return context.error();
    storage::Session after;
    auto planned = approvedPlan(*context, request, after);
    if (!planned)
        return planned.error();
    ActionResult result;
    result.plan = *planned;

    commands::CommandRequest command;
    command.chargePointId = context->session.chargePointId;
    command.action = result.plan.commandAction;
    command.payload = nlohmann::json::parse(QJsonDocument(result.plan.commandPayload).toJson(QJsonDocument::Compact).toStdString());
    command.requestedBy = who;
    command.reason = actor.reason;
    auto id = commands::CommandQueue(m_db, m_clock).submit(command);  // audited there, with the reason
    if (!id)
        return id.error();
    result.commandId = *id;

    storage::SessionEvent event;
    event.sessionId = context->session.id;
    event.atMs = m_clock.nowMs();
    event.kind = sessionEventKind(request.kind);
    event.detail = QString::fromStdString(nlohmann::json{{"commandId", *id},
                                                         {"action", command.action.toStdString()},
                                                         {"payload", command.payload},
                                                         {"reason", actor.reason.toStdString()}}
                                              .dump());
    event.operatorName = actor.name;
    storage::Transaction tx(m_db.connection());
    if (Status s = tx.begin(); !s)
        return s.error();
    if (auto added = storage::SessionRepository(m_db).addEvent(event); !added)
        return added.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return result;
}

}  // namespace cd::sessions
