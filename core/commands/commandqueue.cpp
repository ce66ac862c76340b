#include "core/commands/commandqueue.h"

#include "core/access/accessguard.h"
#include "core/commands/commandnotifications.h"
#include "core/ocpp/actions.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"
#include "core/storage/stationrepository.h"

#include <QSqlQuery>
#include <QVariant>

namespace cd::commands {

using storage::CommandRecord;

QStringList CommandQueue::commandActions(ocpp::ProtocolVersion version)
{
    QStringList actions;
    for (const QString &action : ocpp::knownActions(version)) {
        if (ocpp::mayInitiate(version, ocpp::Role::CentralSystem, action))
            actions << action;
    }
    return actions;
}

CommandQueue::CommandQueue(const storage::Database &db, const Clock &clock) : m_db(db), m_clock(clock) {}

Expected<qint64> CommandQueue::submit(const CommandRequest &request)
{
    if (Status allowed = access::AccessGuard(m_db).require(request.requestedBy, access::Permission::StationsCommand); !allowed)
        return allowed.error();
    if (!storage::StationRepository::isValidChargePointId(request.chargePointId))
        return Error{ExitCode::Usage, tr("\"%1\" is not a valid charge point id.").arg(request.chargePointId.left(60))};
    if (request.action.isEmpty() || request.action.size() > 64)
        return Error{ExitCode::Usage, tr("A command needs an OCPP action name.")};
    if (!request.payload.is_object())
        return Error{ExitCode::Usage, tr("A command's payload must be a JSON object.")};

    auto online = storage::Sql::run(m_db.connection(),
                                    QStringLiteral("SELECT connected_since_ms, protocol FROM stations WHERE charge_point_id = ?"),
                                    {request.chargePointId});
    if (!online)
        return online.error();
    if (!online->next())
        return Error{ExitCode::Failure, tr("No station with the id %1.").arg(request.chargePointId)};
    const bool connected = !online->isNull(0);
    // A station that has connected has a protocol: the command must be one it takes.
    if (const auto version = ocpp::protocolVersionFromSubprotocol(online->value(1).toString());
        version && !ocpp::knownActions(*version).isEmpty()) {
        const std::optional<ocpp::Initiator> initiator = ocpp::actionInitiator(*version, request.action);
        if (!initiator || *initiator == ocpp::Initiator::ChargingStation) {
            return Error{ExitCode::Usage, tr("%1 is not a command a %2 station takes. It takes: %3.")
                                              .arg(request.action, ocpp::subprotocolName(*version),
                                                   commandActions(*version).join(QStringLiteral(", ")))};
        }
    }

    CommandRecord record;
    record.chargePointId = request.chargePointId;
    record.action = request.action;
    record.payload = QString::fromStdString(request.payload.dump());
    record.requestedBy = request.requestedBy.name();
    record.reason = request.reason;
    record.waitIfOffline = request.waitIfOffline;

    storage::Transaction tx(m_db.connection());
    if (Status s = tx.begin(); !s)
        return s.error();
    storage::CommandRepository repo(m_db, m_clock);
    auto id = repo.enqueue(record);
    if (!id)
        return id.error();
    if (!connected && !request.waitIfOffline) {
        const nlohmann::json result = {{"error", "StationOffline"},
                                       {"description", tr("The station is offline; the command was not sent.").toStdString()}};
        if (Status s = repo.complete(*id, CommandRecord::State::Expired, QString::fromStdString(result.dump())); !s)
            return s.error();
    }
    storage::AuditEntry audit;
    audit.operatorId = request.requestedBy.operatorId();
    audit.operatorName = request.requestedBy.name();
    audit.action = QStringLiteral("command.submit");
    audit.entityType = QStringLiteral("station");
    audit.entityId = request.chargePointId;
    audit.reason = request.reason;
    audit.afterState = QString::fromStdString(
        nlohmann::json{{"command", *id}, {"action", request.action.toStdString()}, {"payload", request.payload}}.dump());
    if (auto a = storage::AuditLogRepository(m_db, m_clock).append(audit); !a)
        return a.error();
    if (Status s = tx.commit(); !s)
        return s.error();

    if (connected || request.waitIfOffline)
        CommandNotifications::announceQueued(m_db, request.chargePointId);
    else
        CommandNotifications::announceFinished(m_db, *id);
    return *id;
}

Expected<CommandRecord> CommandQueue::get(qint64 id) const
{
    auto found = storage::CommandRepository(m_db, m_clock).find(id);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ExitCode::Failure, tr("No command with the id %1.").arg(id)};
    return **found;
}

}  // namespace cd::commands
