#include "app/cli/commandcommands.h"

#include "core/commands/commandnotifications.h"
#include "core/commands/commandqueue.h"
#include "core/common/timeformat.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace cd::cli {

namespace {

using storage::CommandRecord;

QJsonObject toJson(const CommandRecord &c)
{
    auto parsed = [](const QString &text) {
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
        return doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(text.isEmpty() ? QJsonValue() : QJsonValue(text));
    };
    return {{QStringLiteral("id"), c.id},
            {QStringLiteral("chargePointId"), c.chargePointId},
            {QStringLiteral("action"), c.action},
            {QStringLiteral("payload"), parsed(c.payload)},
            {QStringLiteral("state"), CommandRecord::stateName(c.state)},
            {QStringLiteral("requestedBy"), c.requestedBy},
            {QStringLiteral("reason"), c.reason},
            {QStringLiteral("requestedMs"), c.requestedMs},
            {QStringLiteral("sentMs"), c.sentMs ? QJsonValue(*c.sentMs) : QJsonValue()},
            {QStringLiteral("completedMs"), c.completedMs ? QJsonValue(*c.completedMs) : QJsonValue()},
            {QStringLiteral("ownerNode"), c.ownerNode},
            {QStringLiteral("result"), parsed(c.result)}};
}

class CommandCommands {
    Q_DECLARE_TR_FUNCTIONS(cd::cli::CommandCommands)
public:
    // --param key=value: the value is JSON when it parses as JSON (numbers, true, objects),
    // text otherwise. Dotted keys build nested objects: csChargingProfiles.stackLevel=1.
    static Expected<nlohmann::json> payloadFrom(const QCommandLineParser &parser)
    {
        nlohmann::json payload = nlohmann::json::object();
        if (parser.isSet(QStringLiteral("payload"))) {
            payload = nlohmann::json::parse(parser.value(QStringLiteral("payload")).toStdString(), nullptr, false);
            if (payload.is_discarded() || !payload.is_object())
                return Error{ExitCode::Usage, tr("--payload must be a JSON object.")};
        }
        for (const QString &param : parser.values(QStringLiteral("param"))) {
            const qsizetype eq = param.indexOf(u'=');
            if (eq <= 0)
                return Error{ExitCode::Usage, tr("--param needs key=value, got \"%1\".").arg(param)};
            const QStringList path = param.left(eq).split(u'.');
            const std::string text = param.mid(eq + 1).toStdString();
            nlohmann::json value = nlohmann::json::parse(text, nullptr, false);
            if (value.is_discarded())
                value = text;
            nlohmann::json *node = &payload;
            for (qsizetype i = 0; i + 1 < path.size(); ++i)
                node = &(*node)[path[i].toStdString()];
            (*node)[path.last().toStdString()] = std::move(value);
        }
        return payload;
    }

    static int send(CommandContext &c)
    {
        if (c.args.size() != 2)
            return fail(c, Error{ExitCode::Usage, tr("Usage: chargedesk-cli command <chargePointId> <action> [--param key=value]…")});
        auto payload = payloadFrom(c.parser);
        if (!payload)
            return fail(c, payload.error());
        int timeoutS = 90;
        if (c.parser.isSet(QStringLiteral("timeout"))) {
            bool ok = false;
            timeoutS = c.parser.value(QStringLiteral("timeout")).toInt(&ok);
            if (!ok || timeoutS <= 0)
                return fail(c, Error{ExitCode::Usage, tr("--timeout must be a positive number of seconds.")});
        }

        commands::CommandQueue queue(*c.db);
        commands::CommandRequest request;
        request.chargePointId = c.args.at(0);
        request.action = c.args.at(1);
        request.payload = *payload;
        request.requestedBy = c.actor;
        request.reason = c.parser.value(QStringLiteral("reason"));
        request.waitIfOffline = c.parser.isSet(QStringLiteral("wait-offline"));
        auto id = queue.submit(request);
        if (!id)
            return fail(c, id.error());
        if (!c.json)
            c.out.error(tr("Command %1 queued; waiting for the station…").arg(*id));

        // Wait for the outcome: woken by NOTIFY on PostgreSQL, by a short poll on SQLCipher.
        commands::CommandNotifications wakeups(*c.db, std::chrono::milliseconds(200));
        QEventLoop loop;
        QTimer deadline;
        deadline.setSingleShot(true);
        QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
        auto check = [&] {
            auto record = queue.get(*id);
            if (!record || record->finished())
                loop.quit();
        };
        QObject::connect(&wakeups, &commands::CommandNotifications::commandFinished, &loop,
                         [&](qint64 finishedId) {
                             if (finishedId == 0 || finishedId == *id)
                                 check();
                         });
        deadline.start(timeoutS * 1000);
        QTimer::singleShot(0, &loop, check);
        loop.exec();

        auto record = queue.get(*id);
        if (!record)
            return fail(c, record.error());
        if (c.json)
            c.out.json(toJson(*record));
        else
            c.out.record({{tr("Command"), QString::number(record->id)},
                          {tr("State"), CommandRecord::stateName(record->state)},
                          {tr("Result"), record->result}});
        if (!record->finished()) {
            c.out.error(tr("No answer within %n second(s); the command stays queued.", nullptr, timeoutS));
            return static_cast<int>(ExitCode::Failure);
        }
        return record->state == CommandRecord::State::Succeeded ? 0 : static_cast<int>(ExitCode::Failure);
    }

    static int list(CommandContext &c)
    {
        const QString station = c.args.value(0);
        auto rows = storage::CommandRepository(*c.db).latest(c.parser.value(QStringLiteral("last")).toInt() > 0
                                                                 ? c.parser.value(QStringLiteral("last")).toInt()
                                                                 : 100,
                                                             station);
        if (!rows)
            return fail(c, rows.error());
        if (c.json) {
            QJsonArray array;
            for (const auto &r : *rows)
                array.append(toJson(r));
            c.out.json(array);
            return 0;
        }
        QList<QStringList> table;
        for (const auto &r : *rows)
            table.append({QString::number(r.id), formatUtcMs(r.requestedMs), r.chargePointId, r.action,
                          CommandRecord::stateName(r.state), r.requestedBy});
        c.out.table({tr("ID"), tr("Requested (UTC)"), tr("Station"), tr("Action"), tr("State"), tr("Operator")}, table);
        return 0;
    }
};

}  // namespace

QList<Command> commandCommands()
{
    return {{{QStringLiteral("command")},
             QStringLiteral("<chargePointId> <action> [--param k=v]… [--payload JSON] [--wait-offline] [--timeout S]"),
             CommandCommands::tr("Send an OCPP command to a station and wait for its answer (audited)."), true,
             &CommandCommands::send},
            {{QStringLiteral("command"), QStringLiteral("list")}, QStringLiteral("[chargePointId] [--last N] [--json]"),
             CommandCommands::tr("Show the newest commands and their outcomes."), true, &CommandCommands::list}};
}

}  // namespace cd::cli
