#include "core/commands/commandexecutor.h"

#include "core/commands/commandnotifications.h"
#include "core/ocpp/rpcendpoint.h"
#include "core/storage/commandrepository.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QLoggingCategory>

namespace cd::commands {

Q_LOGGING_CATEGORY(lcCommands, "chargedesk.commands")

using storage::CommandRecord;
using storage::CommandRepository;

namespace {

QString failureJson(const QString &code, const QString &description)
{
    return QString::fromStdString(
        nlohmann::json{{"error", code.toStdString()}, {"description", description.toStdString()}}.dump());
}

QString reasonName(ocpp::CallFailure::Reason reason)
{
    switch (reason) {
    case ocpp::CallFailure::Reason::CallError:
        return QStringLiteral("CallError");
    case ocpp::CallFailure::Reason::InvalidResponse:
        return QStringLiteral("InvalidResponse");
    case ocpp::CallFailure::Reason::Timeout:
        return QStringLiteral("Timeout");
    case ocpp::CallFailure::Reason::Rejected:
        return QStringLiteral("NotSent");
    case ocpp::CallFailure::Reason::Aborted:
        return QStringLiteral("ConnectionLost");
    }
    return QStringLiteral("Unknown");
}

}  // namespace

CommandExecutor::CommandExecutor(const storage::Database &db, ExecutorOptions options, const Clock &clock,
                                 QObject *parent)
    : QObject(parent), m_db(db), m_options(std::move(options)), m_clock(clock)
{
}

CommandExecutor::~CommandExecutor() = default;

void CommandExecutor::start()
{
    if (Status s = CommandRepository(m_db, m_clock)
                       .failOrphaned(m_options.nodeName, failureJson(QStringLiteral("ServerRestarted"),
                                                                     QStringLiteral("The server restarted before the station answered.")));
        !s) {
        qCWarning(lcCommands) << s.error().message;
    }
    m_notifications = new CommandNotifications(m_db, m_options.pollInterval, this);
    connect(m_notifications, &CommandNotifications::commandQueued, this, &CommandExecutor::dispatch);
}

void CommandExecutor::stationConnected(server::StationLink &link)
{
    const QString id = link.chargePointId();
    m_links.insert(id, &link);
    dispatch(id);
}

void CommandExecutor::stationDisconnected(server::StationLink &link, const QString &)
{
    const QString id = link.chargePointId();
    const auto it = m_links.constFind(id);
    if (it == m_links.constEnd() || it->data() != &link)
        return;  // already replaced by a newer connection
    m_links.remove(id);
}

void CommandExecutor::dispatch(const QString &chargePointId)
{
    if (!chargePointId.isEmpty() && !m_links.contains(chargePointId))
        return;  // held by another process, or offline and waiting
    CommandRepository repo(m_db, m_clock);
    auto queued = repo.queued(chargePointId);
    if (!queued) {
        qCWarning(lcCommands) << queued.error().message;
        return;
    }
    for (const CommandRecord &command : *queued) {
        QPointer<server::StationLink> link = m_links.value(command.chargePointId);
        if (!link)
            continue;
        auto claimed = repo.claim(command.id, m_options.nodeName);
        if (!claimed) {
            qCWarning(lcCommands) << claimed.error().message;
            continue;
        }
        if (*claimed)
            execute(*link, command);
    }
}

void CommandExecutor::execute(server::StationLink &link, const CommandRecord &command)
{
    nlohmann::json payload = nlohmann::json::parse(command.payload.toStdString(), nullptr, false);
    auto finish = [this, id = command.id](CommandRecord::State state, const QString &result) {
        if (Status s = CommandRepository(m_db, m_clock).complete(id, state, result); !s)
            qCWarning(lcCommands) << s.error().message;
        CommandNotifications::announceFinished(m_db, id);
        emit commandFinished(id);
    };
    if (payload.is_discarded() || !payload.is_object()) {
        finish(CommandRecord::State::Failed,
               failureJson(QStringLiteral("InvalidPayload"), QStringLiteral("The stored payload is not a JSON object.")));
        return;
    }
    qCInfo(lcCommands) << "sending" << command.action << "to" << command.chargePointId << "command" << command.id;
    QPointer<CommandExecutor> self(this);
    link.endpoint().call(
        command.action, std::move(payload),
        [self, finish](const ocpp::CallOutcome &outcome) {
            if (!self)
                return;
            if (outcome.ok()) {
                finish(CommandRecord::State::Succeeded, QString::fromStdString(outcome.value().dump()));
                return;
            }
            const ocpp::CallFailure &failure = outcome.error();
            const QString code = failure.reason == ocpp::CallFailure::Reason::CallError ? failure.errorCode
                                                                                         : reasonName(failure.reason);
            finish(CommandRecord::State::Failed, failureJson(code, failure.error.description));
        },
        m_options.callTimeout);
}

}  // namespace cd::commands
