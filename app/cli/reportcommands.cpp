#include "app/cli/reportcommands.h"

#include "app/cli/optionvalues.h"
#include "core/common/clock.h"
#include "core/common/shutdownsignals.h"
#include "core/common/timeformat.h"
#include "core/payments/moneytext.h"
#include "core/reports/billsreport.h"
#include "core/reports/reportcatalog.h"
#include "core/reports/exportjob.h"
#include "core/reports/pdf/reportwriters.h"
#include "core/reports/reportchanges.h"
#include "core/reports/reportexportrepository.h"
#include "core/storage/siterepository.h"
#include "core/storage/sqlhelpers.h"

#include <QDate>
#include <QEventLoop>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <atomic>
#include <cstdio>
#include <thread>

#ifdef Q_OS_WIN
#include <io.h>
#else
#include <unistd.h>
#endif

namespace cd::cli {

namespace {

using namespace reports;
using namespace Qt::StringLiterals;

constexpr int kDefaultLimit = 50;

bool stderrIsTerminal()
{
#ifdef Q_OS_WIN
    return _isatty(_fileno(stderr));
#else
    return isatty(fileno(stderr));
#endif
}

QJsonObject totalsJson(const ReportTotals &totals)
{
    return QJsonDocument::fromJson(totals.toJson().toUtf8()).object();
}

QJsonObject exportJson(const ReportExport &e)
{
    return QJsonObject{{u"id"_s, e.id},
                       {u"report"_s, e.report},
                       {u"parameters"_s, QJsonDocument::fromJson(e.parameters.toUtf8()).object()},
                       {u"format"_s, e.format},
                       {u"file"_s, e.fileName},
                       {u"rows"_s, e.rowCount},
                       {u"totals"_s, QJsonDocument::fromJson(e.totals.toUtf8()).object()},
                       {u"createdBy"_s, e.createdBy},
                       {u"createdMs"_s, e.createdMs}};
}

QJsonObject rowJson(const QList<ReportColumn> &columns, const ReportRow &row)
{
    QJsonObject o;
    for (int i = 0; i < columns.size(); ++i) {
        const ReportValue value = row.values.value(i);
        QJsonValue v;
        if (const auto *number = std::get_if<qint64>(&value))
            v = *number;
        else if (const auto *text = std::get_if<QString>(&value))
            v = *text;
        o.insert(ReportText::jsonKey(columns[i]), v);
    }
    return o;
}

// "12.50 UAH" per currency, "; " between them.
QString moneyTotals(const ReportTotals &totals, const QString &column)
{
    QStringList parts;
    const QMap<QString, qint64> perCurrency = totals.money.value(column);
    for (auto it = perCurrency.cbegin(); it != perCurrency.cend(); ++it)
        parts << ReportText::decimal(it.value(), payments::minorUnitDigits(it.key())) + u' ' + it.key();
    return parts.join(u"; "_s);
}

class ReportCommands {
    Q_DECLARE_TR_FUNCTIONS(cd::cli::ReportCommands)
public:
    // --from/--to: a date (2026-11-01; --to includes that whole day) or an ISO 8601 time in UTC
    // (2026-11-01T00:00:00Z; --to is then the exclusive end).
    static Expected<qint64> boundary(const CommandContext &c, const QString &name, bool end)
    {
        const QString value = c.parser.value(name);
        if (value.isEmpty())
            return Error{ExitCode::Usage, tr("Say --%1 (a date such as 2026-11-01, or an ISO 8601 time).").arg(name)};
        const QDate date = QDate::fromString(value, Qt::ISODate);
        if (date.isValid() && value.size() == 10)
            return QDateTime(end ? date.addDays(1) : date, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        auto at = OptionValues::timeMs(c.parser, name);
        if (!at)
            return at.error();
        return at->value_or(0);
    }

    // --sub-operator: a sub-operator's name, or its id; the name.
    static Expected<QString> subOperator(const CommandContext &c)
    {
        const QString value = c.parser.value(u"sub-operator"_s).trimmed();
        if (value.isEmpty())
            return QString();
        auto id = storage::SiteRepository(*c.db).subOperatorId(value);
        if (!id)
            return id.error();
        auto name = storage::Sql::run(c.db->connection(), u"SELECT name FROM sub_operators WHERE id = ?"_s, {*id});
        if (!name)
            return name.error();
        return name->next() ? name->value(0).toString() : value;
    }

    // The report's parameters from the command line: --from/--to, --sub-operator, --site,
    // --group-by, --bucket, --threshold-percent (each report reads the ones it takes).
    static Expected<ReportParameters> parameters(const CommandContext &c, const ReportInfo &info)
    {
        ReportParameters p;
        if (info.parameters.contains(ReportParameterKind::Period)) {
            auto from = boundary(c, u"from"_s, false);
            if (!from)
                return from.error();
            auto to = boundary(c, u"to"_s, true);
            if (!to)
                return to.error();
            p.fromMs = *from;
            p.toMs = *to;
        }
        auto sub = subOperator(c);
        if (!sub)
            return sub.error();
        p.subOperator = *sub;
        p.site = c.parser.value(u"site"_s).trimmed();
        p.groupBy = c.parser.value(u"group-by"_s).trimmed().replace(u'-', u'_');
        if (p.groupBy.isEmpty() && !info.groupByChoices.isEmpty())
            p.groupBy = info.groupByChoices.first();
        p.bucket = c.parser.value(u"bucket"_s).trimmed();
        if (c.parser.isSet(u"threshold-percent"_s)) {
            bool ok = false;
            p.thresholdPercent = c.parser.value(u"threshold-percent"_s).toInt(&ok);
            if (!ok || p.thresholdPercent < 0)
                return Error{ExitCode::Usage, tr("--threshold-percent is a whole number of percent, e.g. 85.")};
        }
        return p;
    }

    // `report <name>`: with --out, a streamed export recorded with its snapshot; without, the
    // rows printed (a table, or JSON with --json).
    static int run(CommandContext &c, const QString &name)
    {
        const std::optional<ReportInfo> info = ReportCatalog::info(name);
        if (!info)
            return fail(c, Error{ExitCode::Usage, ReportCatalog::tr("There is no report named \"%1\".").arg(name)});
        auto p = parameters(c, *info);
        if (!p)
            return fail(c, p.error());
        auto table = ReportCatalog::open(*c.db, name, *p);
        if (!table)
            return fail(c, table.error());
        const QString out = c.parser.value(u"out"_s);
        if (out.isEmpty())
            return print(c, *table);
        return exportTo(c, *table, out);
    }

    static int print(CommandContext &c, ReportTable &table)
    {
        QJsonArray array;
        QList<QStringList> cells;
        for (;;) {
            auto page = table.rows->nextPage(1000);
            if (!page)
                return fail(c, page.error());
            if (page->isEmpty())
                break;
            for (const ReportRow &row : std::as_const(*page)) {
                if (c.json) {
                    array.append(rowJson(table.columns, row));
                    continue;
                }
                QStringList line;
                for (int i = 0; i < table.columns.size(); ++i)
                    line << ReportText::plain(table.columns, row, i);
                cells.append(line);
            }
        }
        if (c.json) {
            c.out.json(QJsonObject{{u"report"_s, table.name},
                                   {u"parameters"_s, QJsonDocument::fromJson(table.parametersJson.toUtf8()).object()},
                                   {u"rows"_s, array}});
            return 0;
        }
        c.out.line(table.title + u" — "_s + table.parametersText);
        QStringList headers;
        for (const ReportColumn &column : std::as_const(table.columns))
            headers << column.title;
        c.out.table(headers, cells);
        return 0;
    }

    static int exportTo(CommandContext &c, ReportTable &table, const QString &out)
    {
        const QString formatName = c.parser.value(u"format"_s);
        if (formatName.isEmpty())
            return fail(c, Error{ExitCode::Usage, tr("Say --format csv, xlsx, pdf or json.")});
        const auto format = ReportFormatText::fromName(formatName);
        if (!format)
            return fail(c, Error{ExitCode::Usage, ReportFormatText::unknownFormatMessage(formatName)});
        if (*format == ReportFormat::Pdf && !qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
            return fail(c, Error{ExitCode::Failure,
                                 tr("This chargedesk-cli cannot draw PDF files (it runs without the GUI libraries' "
                                    "application object). Export csv, xlsx or json, or the PDF from the console.")});

        ExportOptions options;
        options.path = out;
        options.format = *format;
        options.actor = c.actor;
        std::unique_ptr<ReportWriter> writer = reportWriterFor(*format);
        const bool showProgress = stderrIsTerminal();
        std::atomic<bool> cancel{false};
        std::optional<Expected<ExportResult>> result;

        // The export runs on a thread of its own (with its own connection); this thread waits in
        // an event loop so that Ctrl-C cancels it cleanly (no half file).
        QEventLoop loop;
        ShutdownSignals shutdown;
        QObject::connect(&shutdown, &ShutdownSignals::shutdownRequested, &loop, [&cancel] { cancel = true; });
        std::thread worker([&] {
            ExportJob job(*c.db, Clock::system());
            auto r = job.run(table, *writer, options, [showProgress](qint64 done, qint64 total) {
                if (!showProgress)
                    return;
                const int percent = total > 0 ? int(done * 100 / total) : 100;
                std::fprintf(stderr, "\r%s", qPrintable(tr("%1 of %2 rows (%3 %)").arg(done).arg(total).arg(percent)));
                std::fflush(stderr);
            }, &cancel);
            c.db->releaseThreadConnection();
            result.emplace(std::move(r));
            QMetaObject::invokeMethod(&loop, &QEventLoop::quit, Qt::QueuedConnection);
        });
        loop.exec();
        worker.join();
        if (showProgress)
            std::fputs("\n", stderr);
        if (!*result)
            return fail(c, result->error());
        const ExportResult &r = result->value();
        if (c.json) {
            c.out.json(QJsonObject{{u"exportId"_s, r.exportId},
                                   {u"file"_s, r.path},
                                   {u"format"_s, ReportFormatText::name(*format)},
                                   {u"rows"_s, r.rows},
                                   {u"totals"_s, totalsJson(r.totals)},
                                   {u"elapsedMs"_s, r.elapsedMs}});
            return 0;
        }
        c.out.line(tr("Wrote %n row(s) to %1 (export %2).", nullptr, int(std::min<qint64>(r.rows, INT_MAX)))
                       .arg(r.path)
                       .arg(r.exportId));
        return 0;
    }

    static int changes(CommandContext &c)
    {
        bool ok = false;
        const qint64 id = c.args.value(0).toLongLong(&ok);
        if (!ok || id <= 0)
            return fail(c, Error{ExitCode::Usage, tr("Say which export: report changes <export id>.")});
        auto changes = ReportChangeQuery(*c.db).changesSince(id);
        if (!changes)
            return fail(c, changes.error());
        const ReportChanges &r = *changes;
        if (c.json) {
            QJsonArray rows;
            for (const RowChange &change : r.changes) {
                QJsonObject o{{u"change"_s, ReportChangeText::name(change.kind)},
                              {u"key"_s, change.key},
                              {u"label"_s, change.label}};
                if (change.kind != ChangeKind::Removed)
                    o.insert(u"row"_s, rowJson(r.columns, change.now));
                rows.append(o);
            }
            c.out.json(QJsonObject{{u"export"_s, exportJson(r.since)},
                                   {u"rowsThen"_s, r.rowsThen},
                                   {u"rowsNow"_s, r.rowsNow},
                                   {u"added"_s, r.added},
                                   {u"removed"_s, r.removed},
                                   {u"changed"_s, r.changed},
                                   {u"totalsThen"_s, totalsJson(r.totalsThen)},
                                   {u"totalsNow"_s, totalsJson(r.totalsNow)},
                                   {u"changes"_s, rows}});
            return 0;
        }
        c.out.line(tr("Export %1 (%2, %3, %4 by %5): %6 rows then, %7 now.")
                       .arg(r.since.id)
                       .arg(r.since.report, r.since.format, formatUtcMs(r.since.createdMs), r.since.createdBy)
                       .arg(r.rowsThen)
                       .arg(r.rowsNow));
        for (const ReportColumn &column : r.columns) {
            if (column.type == ColumnType::Money) {
                c.out.line(tr("%1: %2 then, %3 now.")
                               .arg(column.title, moneyTotals(r.totalsThen, column.id), moneyTotals(r.totalsNow, column.id)));
            }
        }
        if (r.unchanged()) {
            c.out.line(tr("Nothing changed since the export."));
            return 0;
        }
        c.out.line(tr("%1 changed, %2 added, %3 removed.").arg(r.changed).arg(r.added).arg(r.removed));
        QStringList headers{tr("Change")};
        for (const ReportColumn &column : r.columns)
            headers << column.title;
        QList<QStringList> table;
        for (const RowChange &change : r.changes) {
            QStringList cells{ReportChangeText::display(change.kind)};
            if (change.kind == ChangeKind::Removed) {
                cells << change.label;
            } else {
                for (int i = 0; i < r.columns.size(); ++i)
                    cells << ReportText::plain(r.columns, change.now, i);
            }
            table.append(cells);
        }
        c.out.table(headers, table);
        return 0;
    }

    static int exports(CommandContext &c)
    {
        auto limit = OptionValues::positive(c.parser, u"limit"_s, kDefaultLimit);
        if (!limit)
            return fail(c, limit.error());
        const qint64 before = c.parser.value(u"before"_s).toLongLong();
        auto list = ReportExportRepository(*c.db).list(*limit, before);
        if (!list)
            return fail(c, list.error());
        if (c.json) {
            QJsonArray array;
            for (const ReportExport &e : *list)
                array.append(exportJson(e));
            c.out.json(array);
            return 0;
        }
        QList<QStringList> table;
        for (const ReportExport &e : *list) {
            const ReportTotals totals = ReportTotals::fromJson(e.totals);
            table.append({QString::number(e.id), e.report, e.format, QString::number(e.rowCount),
                          moneyTotals(totals, u"total"_s), formatUtcMs(e.createdMs), e.createdBy, e.fileName});
        }
        c.out.table({tr("Export"), tr("Report"), tr("Format"), tr("Rows"), tr("Total"), tr("Created (UTC)"), tr("By"),
                     tr("File")},
                    table);
        return 0;
    }
};

}  // namespace

QList<Command> reportCommands()
{
    using R = ReportCommands;
    QList<Command> commands;
    for (const ReportInfo &info : ReportCatalog::reports()) {
        QStringList usage;
        if (info.parameters.contains(ReportParameterKind::Period))
            usage << u"--from DATE --to DATE"_s;
        if (info.parameters.contains(ReportParameterKind::SubOperator))
            usage << u"[--sub-operator NAME]"_s;
        if (info.parameters.contains(ReportParameterKind::Site))
            usage << u"[--site NAME]"_s;
        if (info.parameters.contains(ReportParameterKind::GroupBy)) {
            QStringList choices = info.groupByChoices;
            choices.removeAll(QString());
            usage << u"[--group-by "_s + choices.join(u'|').replace(u'_', u'-') + u"]"_s;
        }
        if (info.parameters.contains(ReportParameterKind::Bucket))
            usage << u"[--bucket day|week|month]"_s;
        if (info.parameters.contains(ReportParameterKind::ThresholdPercent))
            usage << u"[--threshold-percent N]"_s;
        usage << u"[--format csv|xlsx|pdf|json --out FILE] [--json]"_s;
        const QString name = info.name;
        commands.append({{u"report"_s, name}, usage.join(u' '), info.description + u' '
                             + R::tr("With --out the export is recorded with a snapshot."),
                         true, [name](CommandContext &c) { return R::run(c, name); }});
    }
    commands << QList<Command>{
        {{u"report"_s, u"changes"_s}, u"<export id> [--json]"_s,
         R::tr("Show what changed in a report since an export (added, removed, corrected rows)."), true, &R::changes},
        {{u"report"_s, u"exports"_s}, u"[--limit N] [--before ID] [--json]"_s, R::tr("List report exports, newest first."),
         true, &R::exports},
    };
    return commands;
}

}  // namespace cd::cli
