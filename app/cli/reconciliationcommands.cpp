#include "app/cli/reconciliationcommands.h"

#include "core/common/timeformat.h"
#include "core/reconciliation/gatewayreceiptrepository.h"
#include "core/reconciliation/importvalues.h"
#include "core/reconciliation/meterreadingrepository.h"
#include "core/reconciliation/reportbuckets.h"
#include "core/reports/reporttable.h"

#include <QJsonArray>
#include <QJsonObject>

namespace cd::cli {

namespace {

using namespace reconciliation;
using namespace Qt::StringLiterals;

QJsonObject readingJson(const MeterReading &r)
{
    return QJsonObject{{u"id"_s, r.id},
                       {u"site"_s, r.site},
                       {u"siteId"_s, r.siteId},
                       {u"fromMs"_s, r.startMs},
                       {u"toMs"_s, r.endMs},
                       {u"energyWh"_s, r.energyWh},
                       {u"source"_s, r.source},
                       {u"note"_s, r.note},
                       {u"createdBy"_s, r.createdBy},
                       {u"createdMs"_s, r.createdMs}};
}

QString kwh(qint64 wh)
{
    return reports::ReportText::decimal(wh, 3);
}

class ReconciliationCommands {
    Q_DECLARE_TR_FUNCTIONS(cd::cli::ReconciliationCommands)
public:
    // --from/--to as the report commands read them: a date (--to includes that whole day) or an
    // ISO 8601 time (UTC when no zone is given; --to is then the exclusive end).
    static Expected<qint64> boundary(const CommandContext &c, const QString &name, bool end)
    {
        const QString value = c.parser.value(name).trimmed();
        if (value.isEmpty())
            return Error{ExitCode::Usage, tr("Say --%1 (a date such as 2026-11-01, or an ISO 8601 time).").arg(name)};
        const auto ms = parseTimeMs(value);
        if (!ms)
            return Error{ExitCode::Usage, tr("--%1: \"%2\" is not a date or an ISO 8601 time.").arg(name, value)};
        return end && value.size() == 10 ? *ms + kDayMs : *ms;
    }

    static int set(CommandContext &c)
    {
        MeterReadingInput input;
        input.site = c.parser.value(u"site"_s);
        if (input.site.trimmed().isEmpty())
            return fail(c, Error{ExitCode::Usage, tr("Say which site: --site NAME.")});
        auto from = boundary(c, u"from"_s, false);
        if (!from)
            return fail(c, from.error());
        auto to = boundary(c, u"to"_s, true);
        if (!to)
            return fail(c, to.error());
        input.startMs = *from;
        input.endMs = *to;
        if (c.parser.isSet(u"energy-kwh"_s)) {
            const auto wh = parseKwhToWh(c.parser.value(u"energy-kwh"_s));
            if (!wh)
                return fail(c, Error{ExitCode::Usage, tr("--energy-kwh is an energy in kWh with at most 3 decimals, e.g. "
                                                         "12345.678.")});
            input.energyWh = *wh;
        } else if (c.parser.isSet(u"energy-wh"_s)) {
            bool ok = false;
            input.energyWh = c.parser.value(u"energy-wh"_s).toLongLong(&ok);
            if (!ok)
                return fail(c, Error{ExitCode::Usage, tr("--energy-wh is a whole number of Wh.")});
        } else {
            return fail(c, Error{ExitCode::Usage, tr("Say what the meter recorded: --energy-kwh X or --energy-wh N.")});
        }
        input.note = c.parser.value(u"note"_s);
        auto written = MeterReadingRepository(*c.db).set(input, c.actor);
        if (!written)
            return fail(c, written.error());
        if (c.json) {
            QJsonObject o = readingJson(written->reading);
            o.insert(u"replaced"_s, written->replaced);
            if (written->replaced)
                o.insert(u"previousEnergyWh"_s, written->previousEnergyWh);
            c.out.json(o);
            return 0;
        }
        const MeterReading &r = written->reading;
        if (written->replaced)
            c.out.line(tr("Replaced the reading of %1 for %2 … %3: %4 kWh (was %5 kWh).")
                           .arg(r.site, formatUtcMs(r.startMs), formatUtcMs(r.endMs), kwh(r.energyWh),
                                kwh(written->previousEnergyWh)));
        else
            c.out.line(tr("Recorded the reading of %1 for %2 … %3: %4 kWh.")
                           .arg(r.site, formatUtcMs(r.startMs), formatUtcMs(r.endMs), kwh(r.energyWh)));
        return 0;
    }

    static int importReadings(CommandContext &c)
    {
        if (c.args.size() != 1)
            return fail(c, Error{ExitCode::Usage, tr("Say which file: reconcile meter-reading import FILE.")});
        auto imported = MeterReadingRepository(*c.db).importCsv(c.args.first(), c.actor);
        if (!imported)
            return fail(c, imported.error());
        if (c.json) {
            c.out.json(QJsonObject{{u"added"_s, imported->added}, {u"replaced"_s, imported->replaced}});
            return 0;
        }
        c.out.line(tr("Imported %n reading(s): %1 new, %2 replaced.", nullptr, imported->added + imported->replaced)
                       .arg(imported->added)
                       .arg(imported->replaced));
        return 0;
    }

    static int list(CommandContext &c)
    {
        qint64 fromMs = 0, toMs = 0;
        if (c.parser.isSet(u"from"_s) || c.parser.isSet(u"to"_s)) {
            auto from = boundary(c, u"from"_s, false);
            if (!from)
                return fail(c, from.error());
            auto to = boundary(c, u"to"_s, true);
            if (!to)
                return fail(c, to.error());
            fromMs = *from;
            toMs = *to;
        }
        auto readings = MeterReadingRepository(*c.db).list(c.parser.value(u"site"_s).trimmed(), fromMs, toMs);
        if (!readings)
            return fail(c, readings.error());
        if (c.json) {
            QJsonArray array;
            for (const MeterReading &r : std::as_const(*readings))
                array.append(readingJson(r));
            c.out.json(array);
            return 0;
        }
        QList<QStringList> rows;
        for (const MeterReading &r : std::as_const(*readings))
            rows.append({r.site, formatUtcMs(r.startMs), formatUtcMs(r.endMs), kwh(r.energyWh), r.source, r.note,
                         r.createdBy});
        c.out.table({tr("Site"), tr("From (UTC)"), tr("To (UTC)"), tr("Energy (kWh)"), tr("Source"), tr("Note"), tr("By")},
                    rows);
        return 0;
    }

    static int importReceipts(CommandContext &c)
    {
        if (c.args.size() != 1)
            return fail(c, Error{ExitCode::Usage, tr("Say which file: reconcile receipts import FILE --gateway NAME.")});
        auto imported =
            GatewayReceiptRepository(*c.db).importCsv(c.args.first(), c.parser.value(u"gateway"_s).trimmed(), c.actor);
        if (!imported)
            return fail(c, imported.error());
        if (c.json) {
            c.out.json(QJsonObject{{u"added"_s, imported->added}, {u"skipped"_s, imported->skipped}});
            return 0;
        }
        c.out.line(tr("Imported %n receipt(s); %1 already there.", nullptr, imported->added).arg(imported->skipped));
        return 0;
    }
};

}  // namespace

QList<Command> reconciliationCommands()
{
    using R = ReconciliationCommands;
    return {
        {{u"reconcile"_s, u"meter-reading"_s, u"set"_s},
         u"--site NAME --from DATE --to DATE --energy-kwh X|--energy-wh N [--note TEXT] [--json]"_s,
         R::tr("Record what a site's meter delivered in a period (the same period again replaces it)."), true, &R::set},
        {{u"reconcile"_s, u"meter-reading"_s, u"import"_s}, u"FILE [--json]"_s,
         R::tr("Import meter readings from CSV: site,from,to,energy_kwh[,note]; every line or none."), true,
         &R::importReadings},
        {{u"reconcile"_s, u"meter-reading"_s, u"list"_s}, u"[--site NAME] [--from DATE --to DATE] [--json]"_s,
         R::tr("List sites' meter readings."), true, &R::list},
        {{u"reconcile"_s, u"receipts"_s, u"import"_s}, u"FILE --gateway NAME [--json]"_s,
         R::tr("Import a payment gateway's statement: reference,amount,currency,received; every line or none."), true,
         &R::importReceipts},
    };
}

}  // namespace cd::cli
