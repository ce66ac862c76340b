#include "app/cli/auditcommands.h"

#include "core/access/auditbrowser.h"
#include "core/common/timeformat.h"
#include "core/storage/auditlogrepository.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>


namespace cd::cli {

namespace {

class AuditCommands {
    Q_DECLARE_TR_FUNCTIONS(cd::cli::AuditCommands)
public:
    static int list(CommandContext &c)
    {
        int last = 100;
        if (c.parser.isSet(QStringLiteral("last"))) {
            bool ok = false;
            last = c.parser.value(QStringLiteral("last")).toInt(&ok);
            if (!ok || last <= 0) {
                c.out.error(tr("--last must be a positive number."));
                return static_cast<int>(ExitCode::Usage);
            }
        }
        storage::AuditFilter filter;
        filter.limit = last;
        auto entries = access::AuditBrowser(*c.db).page(c.actor, filter);
        if (!entries)
            return fail(c, entries.error());
        if (c.json) {
            QJsonArray array;
            for (const auto &e : *entries) {
                array.append(QJsonObject{{QStringLiteral("id"), e.id},
                                         {QStringLiteral("atMs"), e.atMs},
                                         {QStringLiteral("operator"), e.operatorName},
                                         {QStringLiteral("action"), e.action},
                                         {QStringLiteral("entityType"), e.entityType},
                                         {QStringLiteral("entityId"), e.entityId},
                                         {QStringLiteral("subjectName"), e.subjectName},
                                         {QStringLiteral("reason"), e.reason},
                                         {QStringLiteral("before"), e.beforeState},
                                         {QStringLiteral("after"), e.afterState}});
            }
            c.out.json(array);
            return 0;
        }
        QList<QStringList> rows;
        for (const auto &e : *entries) {
            rows.append({formatUtcMs(e.atMs),
                         e.operatorName, e.action, QString(e.entityType + u':' + e.entityId
                                                                   + (e.subjectName.isEmpty() ? QString() : u" (" + e.subjectName + u')')), e.reason});
        }
        c.out.table({tr("When (UTC)"), tr("Operator"), tr("Action"), tr("Subject"), tr("Reason")}, rows);
        return 0;
    }
};

}  // namespace

QList<Command> auditCommands()
{
    return {{{QStringLiteral("audit"), QStringLiteral("list")}, QStringLiteral("[--last N] [--json]"),
             AuditCommands::tr("Show the newest audit log entries."), true, &AuditCommands::list}};
}

}  // namespace cd::cli
