#include "app/cli/billcommands.h"

#include "app/cli/optionvalues.h"
#include "core/anomalies/anomalybillqueries.h"
#include "core/anomalies/anomalycode.h"
#include "core/anomalies/anomalystatistics.h"
#include "core/anomalies/anomalystatisticscsv.h"
#include "core/common/timeformat.h"
#include "core/payments/moneytext.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

namespace cd::cli {

namespace {

using anomalies::AnomalyBillFilter;
using anomalies::AnomalyBillQueries;
using anomalies::AnomalyBillRow;

constexpr int kDefaultLimit = 100;
constexpr int kPage = 1000;

QJsonValue optional(const std::optional<qint64> &value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

QString kwh(qint64 wh)
{
    return QStringLiteral("%1.%2").arg(wh / 1000).arg(std::abs(wh % 1000), 3, 10, QLatin1Char('0'));
}

QJsonObject rowJson(const AnomalyBillRow &r)
{
    QJsonArray codes;
    for (int code : r.codes)
        codes.append(code);
    QJsonArray records;
    for (const anomalies::AnomalyRecord &a : r.anomalies) {
        records.append(QJsonObject{{QStringLiteral("id"), a.id},
                                   {QStringLiteral("billId"), a.billId},
                                   {QStringLiteral("code"), a.code},
                                   {QStringLiteral("name"), anomalies::anomalyCodeText(a.code)},
                                   {QStringLiteral("detail"), a.detail},
                                   {QStringLiteral("detectedMs"), a.detectedMs},
                                   {QStringLiteral("resolvedMs"), optional(a.resolvedMs)},
                                   {QStringLiteral("resolvedByBillId"), optional(a.resolvedByBillId)}});
    }
    return QJsonObject{{QStringLiteral("sessionId"), r.sessionId},
                       {QStringLiteral("sessionNumber"), r.sessionNumber},
                       {QStringLiteral("billId"), r.billId ? QJsonValue(r.billId) : QJsonValue()},
                       {QStringLiteral("billVersion"), r.billVersion},
                       {QStringLiteral("chargePointId"), r.chargePointId},
                       {QStringLiteral("site"), r.siteName},
                       {QStringLiteral("vendor"), r.vendor},
                       {QStringLiteral("model"), r.model},
                       {QStringLiteral("firmware"), r.firmware},
                       {QStringLiteral("startedMs"), optional(r.startedMs)},
                       {QStringLiteral("endedMs"), optional(r.endedMs)},
                       {QStringLiteral("energyWh"), r.energyWh},
                       {QStringLiteral("stationEnergyWh"), optional(r.stationEnergyWh)},
                       {QStringLiteral("totalMinor"), r.totalMinor},
                       {QStringLiteral("currency"), r.currency},
                       {QStringLiteral("settlementState"), r.settlementState},
                       {QStringLiteral("codes"), codes},
                       {QStringLiteral("open"), r.open},
                       {QStringLiteral("detectedMs"), r.detectedMs},
                       {QStringLiteral("anomalies"), records}};
}

class BillCommands {
    Q_DECLARE_TR_FUNCTIONS(cd::cli::BillCommands)
public:
    // The filter options every bill listing shares.
    static Expected<AnomalyBillFilter> filter(const CommandContext &c)
    {
        AnomalyBillFilter f;
        for (const QString &value : c.parser.values(QStringLiteral("code"))) {
            for (const QString &part : value.split(u',', Qt::SkipEmptyParts)) {
                bool ok = false;
                const int code = part.trimmed().toInt(&ok);
                if (!ok || !anomalies::anomalyCodeFromInt(code))
                    return Error{ExitCode::Usage, tr("\"%1\" is not an anomaly code (1–9, 11).").arg(part.trimmed())};
                if (!f.codes.contains(code))
                    f.codes.append(code);
            }
        }
        f.chargePointId = c.parser.value(QStringLiteral("station"));
        f.firmware = c.parser.value(QStringLiteral("firmware"));
        f.search = c.parser.value(QStringLiteral("search"));
        if (c.parser.isSet(QStringLiteral("status"))) {
            const auto status = anomalies::anomalyStatusFromName(c.parser.value(QStringLiteral("status")));
            if (!status)
                return Error{ExitCode::Usage, tr("--status must be open, resolved or all.")};
            f.status = *status;
        }
        auto from = OptionValues::timeMs(c.parser, QStringLiteral("from"));
        if (!from)
            return from.error();
        auto to = OptionValues::timeMs(c.parser, QStringLiteral("to"));
        if (!to)
            return to.error();
        f.startedFromMs = *from;
        f.startedToMs = *to;
        return f;
    }

    static int list(CommandContext &c)
    {
        auto f = filter(c);
        if (!f)
            return fail(c, f.error());
        auto limit = OptionValues::positive(c.parser, QStringLiteral("limit"), kDefaultLimit);
        if (!limit)
            return fail(c, limit.error());
        // Page by page with the same keyset as the console, whatever --limit asks for.
        AnomalyBillQueries queries(*c.db);
        anomalies::AnomalyBillPageRequest request;
        request.filter = *f;
        QList<AnomalyBillRow> rows;
        while (rows.size() < *limit) {
            request.limit = int(std::min<qsizetype>(kPage, *limit - rows.size()));
            auto page = queries.page(request);
            if (!page)
                return fail(c, page.error());
            rows.append(*page);
            if (page->size() < request.limit)
                break;
            request.after = AnomalyBillQueries::cursorAfter(page->last(), request.sort);
        }
        if (c.json) {
            QJsonArray array;
            for (const AnomalyBillRow &r : rows)
                array.append(rowJson(r));
            c.out.json(array);
            return 0;
        }
        QList<QStringList> table;
        for (const AnomalyBillRow &r : rows) {
            table.append({r.sessionNumber, r.billId ? QString::number(r.billId) : QString(), r.chargePointId, r.firmware,
                          r.codesText(), r.startedMs ? formatUtcMs(*r.startedMs) : QString(), kwh(r.energyWh),
                          payments::moneyText(r.totalMinor, r.currency), r.settlementState});
        }
        c.out.table({tr("Session"), tr("Bill"), tr("Station"), tr("Firmware"), tr("Codes"), tr("Started (UTC)"),
                      tr("kWh"), tr("Total"), tr("Settlement")},
                     table);
        return 0;
    }

    static int stats(CommandContext &c)
    {
        auto f = filter(c);
        if (!f)
            return fail(c, f.error());
        anomalies::StatisticsPeriod period = anomalies::StatisticsPeriod::Month;
        if (c.parser.isSet(QStringLiteral("by"))) {
            const auto by = anomalies::statisticsPeriodFromName(c.parser.value(QStringLiteral("by")));
            if (!by)
                return fail(c, Error{ExitCode::Usage, tr("--by must be day, week or month.")});
            period = *by;
        }
        const bool csv = c.parser.isSet(QStringLiteral("csv"));
        if (csv && c.json)
            return fail(c, Error{ExitCode::Usage, tr("Choose one of --json and --csv.")});
        const QTimeZone zone = QTimeZone::systemTimeZone();
        auto stats = anomalies::AnomalyStatisticsQuery(*c.db).compute(*f, period, zone);
        if (!stats)
            return fail(c, stats.error());
        if (csv) {
            const QString path = c.parser.value(QStringLiteral("out"));
            if (!path.isEmpty()) {
                if (Status st = anomalies::AnomalyStatisticsCsv::writeFile(*stats, path); !st)
                    return fail(c, st.error());
                return 0;
            }
            QFile out;
            if (!out.open(stdout, QIODevice::WriteOnly))
                return fail(c, Error{ExitCode::Failure, out.errorString()});
            if (Status st = anomalies::AnomalyStatisticsCsv::write(*stats, out); !st)
                return fail(c, st.error());
            out.flush();
            return 0;
        }
        if (c.json) {
            QJsonArray rows;
            for (const anomalies::AnomalyStatisticsRow &r : stats->rows) {
                rows.append(QJsonObject{
                    {QStringLiteral("period"), anomalies::AnomalyStatisticsQuery::periodLabel(r.periodStart, period)},
                    {QStringLiteral("periodStart"), r.periodStart.toString(Qt::ISODate)},
                    {QStringLiteral("code"), r.code},
                    {QStringLiteral("anomaly"), anomalies::anomalyCodeText(r.code)},
                    {QStringLiteral("chargePointId"), r.chargePointId},
                    {QStringLiteral("vendor"), r.vendor},
                    {QStringLiteral("model"), r.model},
                    {QStringLiteral("firmware"), r.firmware},
                    {QStringLiteral("anomalyBills"), r.anomalyBills},
                    {QStringLiteral("sessions"), r.sessions},
                    {QStringLiteral("sharePercent"), anomalies::basisPointsText(r.shareBasisPoints())}});
            }
            c.out.json(QJsonObject{{QStringLiteral("by"), anomalies::statisticsPeriodName(period)},
                                   {QStringLiteral("timeZone"), QString::fromUtf8(zone.id())},
                                   {QStringLiteral("status"), anomalies::anomalyStatusName(f->status)},
                                   {QStringLiteral("anomalyBills"), stats->anomalyBills},
                                   {QStringLiteral("rows"), rows}});
            return 0;
        }
        QList<QStringList> table;
        for (const anomalies::AnomalyStatisticsRow &r : stats->rows) {
            table.append({anomalies::AnomalyStatisticsQuery::periodLabel(r.periodStart, period), QString::number(r.code),
                          anomalies::anomalyCodeText(r.code), r.chargePointId, r.firmware,
                          QString::number(r.anomalyBills), QString::number(r.sessions),
                          anomalies::basisPointsText(r.shareBasisPoints()) + u'%'});
        }
        c.out.table({tr("Period"), tr("Code"), tr("Anomaly"), tr("Station"), tr("Firmware"), tr("Anomaly bills"),
                     tr("Sessions"), tr("Share")},
                    table);
        //: %1 a number of bills, %2 a time zone such as Europe/Kyiv
        c.out.line(tr("%1 anomaly bills; periods in %2.").arg(stats->anomalyBills).arg(QString::fromUtf8(zone.id())));
        return 0;
    }
};

}  // namespace

QList<Command> billCommands()
{
    return {
        {{QStringLiteral("bill"), QStringLiteral("anomalies")},
         QStringLiteral("[--code N] [--station ID] [--firmware V] [--from T --to T] [--status open|resolved|all] "
                        "[--search TEXT] [--limit N] [--json]"),
         BillCommands::tr("Show anomaly bills (default: open ones), newest session first."), true, &BillCommands::list},
        {{QStringLiteral("bill"), QStringLiteral("anomaly-stats")},
         QStringLiteral("[--by day|week|month] [--code N] [--station ID] [--from T --to T] [--status …] "
                        "[--json|--csv [--out FILE]]"),
         BillCommands::tr("Count anomaly bills by code, station, firmware and period, with their share of sessions."),
         true, &BillCommands::stats},
    };
}

}  // namespace cd::cli
