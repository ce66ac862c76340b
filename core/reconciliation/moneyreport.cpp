#include "core/reconciliation/moneyreport.h"

#include "core/reconciliation/billdaytotals.h"
#include "core/reconciliation/reportbuckets.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QMap>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace cd::reconciliation {

using namespace reports;
using storage::Sql;

namespace {

enum Column { PeriodStart, PeriodEnd, Currency, TopUps, DeskTopUps, Receipts, Consumption, Coupons, Refunds };

struct MoneyRow {
    BucketSpan span;
    QString currency;
    qint64 values[Refunds + 1] = {};
};

// Adds "SELECT day, currency, sum" rows to the column.
Status addSums(const storage::Database &db, const QString &sql, const ReportParameters &p, Column column,
               QMap<std::pair<qint64, QString>, MoneyRow> &rows)
{
    auto q = Sql::run(db.connection(), sql, {p.fromMs, p.toMs});
    if (!q)
        return q.error();
    while (q->next()) {
        const BucketSpan span = bucketOfDay(q->value(0).toLongLong(), p.bucket, p.fromMs, p.toMs);
        MoneyRow &row = rows[{span.startMs, q->value(1).toString()}];
        row.span = span;
        row.currency = q->value(1).toString();
        row.values[column] += q->value(2).toLongLong();
    }
    return {};
}

}  // namespace

ReportInfo MoneyReport::info()
{
    ReportInfo info;
    info.name = QString::fromLatin1(kName);
    info.title = tr("Money reconciliation");
    info.description = tr("Per currency: top-ups, the gateways' receipts, consumption, coupons and refunds as separate "
                          "columns.");
    info.parameters = {ReportParameterKind::Period, ReportParameterKind::Bucket};
    return info;
}

Expected<ReportTable> MoneyReport::open(const storage::Database &db, const ReportParameters &parameters)
{
    ReportTable table;
    table.name = QString::fromLatin1(kName);
    table.title = tr("Money reconciliation");
    table.parametersText = reports::ReportParameterText::scope(parameters);
    table.parametersJson = parameters.toJson();
    table.columns = {
        {u"period_start"_s, tr("From (UTC)"), ColumnType::TimeMs},
        {u"period_end"_s, tr("To (UTC)"), ColumnType::TimeMs},
        {u"currency"_s, tr("Currency"), ColumnType::Text},
        {u"topups"_s, tr("Top-ups"), ColumnType::Money, Currency},
        {u"desk_topups"_s, tr("Of them at the desk"), ColumnType::Money, Currency},
        {u"gateway_receipts"_s, tr("Gateway receipts"), ColumnType::Money, Currency},
        {u"consumption"_s, tr("Consumption"), ColumnType::Money, Currency},
        {u"coupons"_s, tr("Coupons"), ColumnType::Money, Currency},
        {u"refunds"_s, tr("Refunds"), ColumnType::Money, Currency},
    };
    table.chart = {ReportChart::Kind::Bar, PeriodStart, {TopUps, Receipts, Consumption, Refunds}};

    const storage::Database *dbp = &db;
    table.rows = std::make_unique<MemoryRowSource>([dbp, parameters]() -> Expected<QList<ReportRow>> {
        QMap<std::pair<qint64, QString>, MoneyRow> rows;
        const QString day = u" / 86400000"_s;
        if (Status st = addSums(*dbp,
                                u"SELECT created_ms"_s + day + u", currency, CAST(SUM(amount_minor) AS BIGINT) FROM topups "
                                "WHERE created_ms >= ? AND created_ms < ? GROUP BY created_ms"_s + day + u", currency"_s,
                                parameters, TopUps, rows);
            !st)
            return st.error();
        if (Status st = addSums(*dbp,
                                u"SELECT created_ms"_s + day + u", currency, CAST(SUM(amount_minor) AS BIGINT) FROM topups "
                                "WHERE created_ms >= ? AND created_ms < ? AND gateway = 'manual' GROUP BY created_ms"_s
                                    + day + u", currency"_s,
                                parameters, DeskTopUps, rows);
            !st)
            return st.error();
        if (Status st = addSums(*dbp,
                                u"SELECT received_ms"_s + day + u", currency, CAST(SUM(amount_minor) AS BIGINT) FROM "
                                "gateway_receipts WHERE received_ms >= ? AND received_ms < ? GROUP BY received_ms"_s
                                    + day + u", currency"_s,
                                parameters, Receipts, rows);
            !st)
            return st.error();
        if (Status st = addSums(*dbp,
                                u"SELECT r.updated_ms"_s + day + u", a.currency, CAST(SUM(r.amount_minor) AS BIGINT) "
                                "FROM refund_gateway_records r JOIN refund_applications a ON a.id = r.application_id "
                                "WHERE r.status = 'success' AND r.updated_ms >= ? AND r.updated_ms < ? "
                                "GROUP BY r.updated_ms"_s
                                    + day + u", a.currency"_s,
                                parameters, Refunds, rows);
            !st)
            return st.error();
        auto bills = BillDayTotals::query(*dbp, parameters.fromMs, parameters.toMs);
        if (!bills)
            return bills.error();
        for (const BillDayTotal &t : std::as_const(*bills)) {
            const BucketSpan span = bucketOfDay(t.day, parameters.bucket, parameters.fromMs, parameters.toMs);
            MoneyRow &row = rows[{span.startMs, t.currency}];
            row.span = span;
            row.currency = t.currency;
            row.values[Consumption] += t.totalMinor;
            row.values[Coupons] += t.couponMinor;
        }
        QList<ReportRow> out;
        for (const MoneyRow &r : std::as_const(rows)) {
            ReportRow row;
            row.key = stableKey(QString::number(r.span.index) + u'|' + r.currency);
            row.values = {r.span.startMs, r.span.endMs, r.currency};
            for (int c = TopUps; c <= Refunds; ++c)
                row.values << r.values[c];
            out.append(std::move(row));
        }
        return out;
    });
    return table;
}

}  // namespace cd::reconciliation
