#include "app/cli/alertcommands.h"

#include "core/alerts/alertservice.h"
#include "core/common/timeformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace cd::cli {

namespace {

using alerts::Alert;
using alerts::AlertFilter;
using alerts::AlertService;
using alerts::AlertText;

QJsonValue optional(const std::optional<qint64> &value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

QJsonObject alertJson(const Alert &a)
{
    const QJsonDocument details = QJsonDocument::fromJson(a.details.toUtf8());
    return QJsonObject{{QStringLiteral("id"), a.id},
                       {QStringLiteral("kind"), AlertText::kindName(a.kind)},
                       {QStringLiteral("state"), AlertText::stateName(a.state)},
                       {QStringLiteral("chargePointId"), a.chargePointId},
                       {QStringLiteral("stationId"), optional(a.stationId)},
                       {QStringLiteral("connectorId"), a.connectorId ? QJsonValue(*a.connectorId) : QJsonValue()},
                       {QStringLiteral("sessionId"), optional(a.sessionId)},
                       {QStringLiteral("openedMs"), a.openedMs},
                       {QStringLiteral("lastSeenMs"), a.lastSeenMs},
                       {QStringLiteral("occurrences"), a.occurrences},
                       {QStringLiteral("acknowledgedBy"), a.acknowledgedBy},
                       {QStringLiteral("assignee"), a.assignee},
                       {QStringLiteral("resolvedBy"), a.resolvedBy},
                       {QStringLiteral("resolvedMs"), optional(a.resolvedMs)},
                       {QStringLiteral("summary"), a.summary()},
                       {QStringLiteral("description"), a.describe()},
                       {QStringLiteral("details"), details.isObject() ? QJsonValue(details.object()) : QJsonValue()}};
}

class AlertCommands {
    Q_DECLARE_TR_FUNCTIONS(cd::cli::AlertCommands)
public:
    static int list(CommandContext &c)
    {
        AlertFilter filter;
        const QString state = c.parser.value(QStringLiteral("state"));
        if (state.isEmpty() || state == u"active")
            filter.show = AlertFilter::Show::Active;
        else if (state == u"open")
            filter.show = AlertFilter::Show::Open;
        else if (state == u"acknowledged")
            filter.show = AlertFilter::Show::Acknowledged;
        else if (state == u"resolved")
            filter.show = AlertFilter::Show::Resolved;
        else if (state == u"all")
            filter.show = AlertFilter::Show::All;
        else
            return fail(c, Error{ExitCode::Usage, tr("--state must be open, acknowledged, resolved, active or all.")});
        filter.limit = 100;
        if (c.parser.isSet(QStringLiteral("last"))) {
            bool ok = false;
            filter.limit = c.parser.value(QStringLiteral("last")).toInt(&ok);
            if (!ok || filter.limit <= 0)
                return fail(c, Error{ExitCode::Usage, tr("--last must be a positive number.")});
        }
        auto rows = AlertService(*c.db).list(filter);
        if (!rows)
            return fail(c, rows.error());
        if (c.json) {
            QJsonArray array;
            for (const Alert &a : *rows)
                array.append(alertJson(a));
            c.out.json(array);
            return 0;
        }
        QList<QStringList> table;
        for (const Alert &a : *rows) {
            table.append({QString::number(a.id), AlertText::kindName(a.kind), a.place(), AlertText::stateName(a.state),
                          formatUtcMs(a.openedMs), QString::number(a.occurrences), a.assignee, a.describe()});
        }
        c.out.table({tr("Id"), tr("Kind"), tr("Station"), tr("State"), tr("Opened (UTC)"), tr("Times"), tr("Assigned to"),
                     tr("Details")},
                    table);
        return 0;
    }

    static int act(CommandContext &c, const QString &verb)
    {
        if (c.args.size() != 1)
            return fail(c, Error{ExitCode::Usage, tr("Give the alert's id.")});
        bool ok = false;
        const qint64 id = c.args.first().toLongLong(&ok);
        if (!ok || id <= 0)
            return fail(c, Error{ExitCode::Usage, tr("\"%1\" is not an alert id.").arg(c.args.first())});
        const QString note = c.parser.value(QStringLiteral("note"));
        AlertService service(*c.db);
        Expected<Alert> result = Error{};
        if (verb == u"ack") {
            result = service.acknowledge(id, c.actor, note);
        } else if (verb == u"assign") {
            if (!c.parser.isSet(QStringLiteral("to")))
                return fail(c, Error{ExitCode::Usage, tr("Say who gets the alert: --to NAME (an empty name unassigns it).")});
            result = service.assign(id, c.parser.value(QStringLiteral("to")), c.actor, note);
        } else {
            result = service.resolve(id, c.actor, note);
        }
        if (!result)
            return fail(c, result.error());
        if (c.json) {
            c.out.json(alertJson(*result));
            return 0;
        }
        c.out.line(tr("Alert %1: %2").arg(result->id).arg(AlertText::stateTitle(result->state))
                   + (result->assignee.isEmpty() ? QString() : QStringLiteral(" · ") + tr("assigned to %1").arg(result->assignee)));
        return 0;
    }
};

}  // namespace

QList<Command> alertCommands()
{
    return {
        {{QStringLiteral("alerts"), QStringLiteral("list")},
         QStringLiteral("[--state open|acknowledged|resolved|active|all] [--last N] [--json]"),
         AlertCommands::tr("Show alerts (default: open and acknowledged), newest first."), true, &AlertCommands::list},
        {{QStringLiteral("alerts"), QStringLiteral("ack")}, QStringLiteral("<id> [--note TEXT]"),
         AlertCommands::tr("Acknowledge an alert."), true,
         [](CommandContext &c) { return AlertCommands::act(c, QStringLiteral("ack")); }},
        {{QStringLiteral("alerts"), QStringLiteral("assign")}, QStringLiteral("<id> --to NAME [--note TEXT]"),
         AlertCommands::tr("Assign an alert to someone."), true,
         [](CommandContext &c) { return AlertCommands::act(c, QStringLiteral("assign")); }},
        {{QStringLiteral("alerts"), QStringLiteral("resolve")}, QStringLiteral("<id> --note TEXT"),
         AlertCommands::tr("Resolve an alert, saying what was done."), true,
         [](CommandContext &c) { return AlertCommands::act(c, QStringLiteral("resolve")); }},
    };
}

}  // namespace cd::cli
