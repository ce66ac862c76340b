#include "app/cli/sessioncommands.h"

#include "app/cli/optionvalues.h"

#include "core/charging/chargingjson.h"
#include "core/charging/chargingqueries.h"
#include "core/common/timeformat.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace cd::cli {

namespace {

class SessionCommands {
    Q_DECLARE_TR_FUNCTIONS(cd::cli::SessionCommands)
public:
    static int list(CommandContext &c)
    {
        charging::ChargingQueries queries(c.db);
        const auto lastOption = OptionValues::positive(c.parser, QStringLiteral("last"), 100);
        if (!lastOption)
            return fail(c, lastOption.error());
        const int last = *lastOption;
        Expected<QList<storage::Session>> rows = QList<storage::Session>();
        if (c.parser.isSet(QStringLiteral("old-open"))) {
            qint64 hours = 24;
            if (c.parser.isSet(QStringLiteral("older-than-hours")))
                hours = c.parser.value(QStringLiteral("older-than-hours")).toLongLong();
            if (hours <= 0)
                return fail(c, Error{ExitCode::Usage, tr("--older-than-hours must be a positive number.")});
            rows = queries.oldOpenSessions(hours * 3600 * 1000, last);
        } else if (c.parser.isSet(QStringLiteral("open"))) {
            rows = queries.openSessions(last);
        } else if (c.parser.isSet(QStringLiteral("search"))) {
            storage::SessionFilter filter;
            const QString text = c.parser.value(QStringLiteral("search"));
            filter.idTag = text;
            filter.limit = last;
            rows = queries.sessions(filter);
            if (rows && rows->isEmpty()) {
                if (auto one = queries.findSession(text); one && one->has_value())
                    rows = QList<storage::Session>{**one};
            }
        } else {
            rows = queries.lastSessions(last);
        }
        if (!rows)
            return fail(c, rows.error());
        if (c.json) {
            QJsonArray array;
            for (const auto &s : *rows)
                array.append(charging::json::session(s));
            c.out.json(array);
            return 0;
        }
        QList<QStringList> table;
        for (const auto &s : *rows) {
            table.append({s.sessionNumber, formatUtcMs(s.createdMs), s.chargePointId,
                          s.connectorId ? QString::number(*s.connectorId) : QString(), s.idTag, s.status,
                          QString::number(s.energyWh), s.stopReason});
        }
        c.out.table({tr("Session"), tr("Created (UTC)"), tr("Station"), tr("Connector"), tr("Id tag"), tr("Status"),
                     tr("Energy, Wh"), tr("Stop reason")},
                    table);
        return 0;
    }

    static int show(CommandContext &c)
    {
        if (c.args.size() != 1)
            return fail(c, Error{ExitCode::Usage, tr("Usage: chargedesk-cli tx show <session id or number>")});
        charging::ChargingQueries queries(c.db);
        auto found = queries.findSession(c.args.first());
        if (!found)
            return fail(c, found.error());
        if (!found->has_value())
            return fail(c, Error{ExitCode::Failure, tr("No session %1.").arg(c.args.first())});
        auto detail = queries.sessionDetail((*found)->id);
        if (!detail)
            return fail(c, detail.error());
        if (!detail->has_value())
            return fail(c, Error{ExitCode::Failure, tr("No session %1.").arg(c.args.first())});
        const charging::SessionDetail &d = **detail;
        if (c.json) {
            c.out.json(charging::json::sessionDetail(d));
            return 0;
        }
        const storage::Session &s = d.session;
        c.out.record({{tr("Session"), s.sessionNumber},
                      {tr("Station"), s.chargePointId},
                      {tr("Connector"), s.connectorId ? QString::number(*s.connectorId) : QString()},
                      {tr("Transaction"), s.transactionId},
                      {tr("Id tag"), s.idTag},
                      {tr("Status"), s.status},
                      {tr("Energy, Wh"), QString::number(s.energyWh)},
                      {tr("Stop reason"), s.stopReason}});
        c.out.line(QString());
        QList<QStringList> events;
        for (const auto &e : d.events)
            events.append({formatUtcMs(e.atMs), e.kind, e.detail});
        c.out.table({tr("When (UTC)"), tr("Event"), tr("Detail")}, events);
        c.out.line(tr("%n OCPP message(s), %1 meter sample(s); --json shows them.", nullptr,
                      static_cast<int>(d.messages.size()))
                       .arg(d.samples.size()));
        return 0;
    }
};

}  // namespace

QList<Command> sessionCommands()
{
    return {{{QStringLiteral("tx"), QStringLiteral("list")},
             QStringLiteral("[--last N] [--open] [--old-open [--older-than-hours H]] [--search TEXT] [--json]"),
             SessionCommands::tr("List sessions: the newest, the open ones, or the old open ones."), true,
             &SessionCommands::list},
            {{QStringLiteral("tx"), QStringLiteral("show")}, QStringLiteral("<id or number> [--json]"),
             SessionCommands::tr("Show one session with its events, meter samples and OCPP messages."), true,
             &SessionCommands::show}};
}

}  // namespace cd::cli
