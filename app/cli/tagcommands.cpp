#include "app/cli/tagcommands.h"

#include "app/cli/optionvalues.h"

#include "core/charging/chargingjson.h"
#include "core/charging/idtagadmin.h"
#include "core/common/timeformat.h"
#include "core/storage/idtagrepository.h"

#include <QJsonArray>
#include <QJsonObject>

namespace cd::cli {

namespace {

class TagCommands {
    Q_DECLARE_TR_FUNCTIONS(cd::cli::TagCommands)
public:
    static int add(CommandContext &c)
    {
        if (c.args.size() != 1)
            return fail(c, Error{ExitCode::Usage, tr("Usage: chargedesk-cli tag add <idTag> [--kind card|app|department] "
                                                     "[--status Accepted|Blocked|Expired] [--expires ISO-DATE] "
                                                     "[--parent TAG] [--max-sessions N]")});
        storage::IdTag tag;
        tag.idTag = c.args.first();
        if (c.parser.isSet(QStringLiteral("kind")))
            tag.kind = c.parser.value(QStringLiteral("kind"));
        if (c.parser.isSet(QStringLiteral("status")))
            tag.status = c.parser.value(QStringLiteral("status"));
        tag.parentIdTag = c.parser.value(QStringLiteral("parent"));
        const auto expires = OptionValues::timeMs(c.parser, QStringLiteral("expires"));
        if (!expires)
            return fail(c, expires.error());
        tag.expiryMs = *expires;
        if (c.parser.isSet(QStringLiteral("max-sessions"))) {
            bool ok = false;
            tag.maxConcurrentSessions = c.parser.value(QStringLiteral("max-sessions")).toInt(&ok);
            if (!ok || tag.maxConcurrentSessions < 1)
                return fail(c, Error{ExitCode::Usage, tr("--max-sessions must be a positive number.")});
        }

        auto id = charging::IdTagAdmin(*c.db, c.actor).add(tag, c.parser.value(QStringLiteral("reason")));
        if (!id)
            return fail(c, id.error());
        if (c.json)
            c.out.json(QJsonObject{{QStringLiteral("id"), *id}, {QStringLiteral("idTag"), tag.idTag}});
        else
            c.out.line(tr("Added id tag %1.").arg(tag.idTag));
        return 0;
    }

    static int list(CommandContext &c)
    {
        storage::IdTagFilter filter;
        filter.search = c.parser.value(QStringLiteral("search"));
        filter.limit = 100000;
        auto tags = storage::IdTagRepository(*c.db).list(filter);
        if (!tags)
            return fail(c, tags.error());
        if (c.json) {
            QJsonArray array;
            for (const auto &t : *tags)
                array.append(charging::json::idTag(t));
            c.out.json(array);
            return 0;
        }
        QList<QStringList> rows;
        for (const auto &t : *tags)
            rows.append({t.idTag, t.kind, t.status, t.expiryMs ? formatUtcMs(*t.expiryMs) : QString(), t.parentIdTag,
                         QString::number(t.maxConcurrentSessions)});
        c.out.table({tr("Id tag"), tr("Kind"), tr("Status"), tr("Expires (UTC)"), tr("Parent"), tr("Sessions at once")}, rows);
        return 0;
    }
};

}  // namespace

QList<Command> tagCommands()
{
    return {{{QStringLiteral("tag"), QStringLiteral("add")},
             QStringLiteral("<idTag> [--kind K] [--status S] [--expires DATE] [--parent TAG] [--max-sessions N]"),
             TagCommands::tr("Register an id tag (card, app token or department card; audited)."), true,
             &TagCommands::add},
            {{QStringLiteral("tag"), QStringLiteral("list")}, QStringLiteral("[--search TEXT] [--json]"),
             TagCommands::tr("List id tags."), true, &TagCommands::list}};
}

}  // namespace cd::cli
