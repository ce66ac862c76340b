#include "core/reconciliation/topupmatchingreport.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>

#include <algorithm>
#include <climits>

using namespace Qt::StringLiterals;

namespace cd::reconciliation {

using namespace reports;
using storage::Sql;

namespace {

enum Column {
    StatusColumn,
    Gateway,
    Reference,
    TopUp,
    TopUpTime,
    TopUpAmount,
    TopUpCurrency,
    ReceiptTime,
    ReceiptAmount,
    ReceiptCurrency
};

ReportValue valueOrNull(const QVariant &v, bool text = false)
{
    if (v.isNull())
        return {};
    if (text)
        return v.toString();
    return v.toLongLong();
}

}  // namespace

ReportInfo TopUpMatchingReport::info()
{
    ReportInfo info;
    info.name = QString::fromLatin1(kName);
    info.title = tr("Top-ups against gateway receipts");
    info.description = tr("Every top-up matched to its gateway receipt: the top-ups without a receipt, the receipts "
                          "without a top-up and the ones whose amount or currency differs.");
    info.parameters = {ReportParameterKind::Period};
    return info;
}

Expected<ReportTable> TopUpMatchingReport::open(const storage::Database &db, const ReportParameters &parameters)
{
    const QVariantList period{parameters.fromMs, parameters.toMs};
    auto matched = Sql::run(db.connection(),
                            u"SELECT COUNT(*) FROM topups t JOIN gateway_receipts r ON r.gateway = t.gateway AND "
                            "r.reference = t.gateway_receipt WHERE t.created_ms >= ? AND t.created_ms < ? AND "
                            "t.gateway <> 'manual' AND r.amount_minor = t.amount_minor AND r.currency = t.currency"_s,
                            period);
    if (!matched)
        return matched.error();
    const qint64 matchedCount = matched->next() ? matched->value(0).toLongLong() : 0;

    ReportTable table;
    table.name = QString::fromLatin1(kName);
    table.title = tr("Top-ups against gateway receipts");
    table.parametersText = reports::ReportParameterText::scope(parameters) + u", "_s
                           + tr("%n top-up(s) matched their receipts", nullptr, int(std::min<qint64>(matchedCount, INT_MAX)));
    table.parametersJson = parameters.toJson();
    table.columns = {
        {u"status"_s, tr("Status"), ColumnType::Text, -1,
         {{u"topup_without_receipt"_s, tr("No receipt for the top-up")},
          {u"amount_differs"_s, tr("Amounts differ")},
          {u"currency_differs"_s, tr("Currencies differ")},
          {u"receipt_without_topup"_s, tr("Receipt without a top-up")}}},
        {u"gateway"_s, tr("Gateway"), ColumnType::Text},
        {u"reference"_s, tr("Reference"), ColumnType::Text},
        {u"topup"_s, tr("Top-up"), ColumnType::Integer},
        {u"topup_time"_s, tr("Top-up time (UTC)"), ColumnType::TimeMs},
        {u"topup_amount"_s, tr("Top-up amount"), ColumnType::Money, TopUpCurrency},
        {u"topup_currency"_s, tr("Top-up currency"), ColumnType::Text},
        {u"receipt_time"_s, tr("Receipt time (UTC)"), ColumnType::TimeMs},
        {u"receipt_amount"_s, tr("Receipt amount"), ColumnType::Money, ReceiptCurrency},
        {u"receipt_currency"_s, tr("Receipt currency"), ColumnType::Text},
    };
    const storage::Database *dbp = &db;
    table.rows = std::make_unique<MemoryRowSource>([dbp, period]() -> Expected<QList<ReportRow>> {
        QList<ReportRow> rows;
        auto topUps = Sql::run(dbp->connection(),
                               u"SELECT t.id, t.gateway, t.gateway_receipt, t.created_ms, t.amount_minor, t.currency, "
                               "r.id, r.received_ms, r.amount_minor, r.currency FROM topups t LEFT JOIN gateway_receipts r "
                               "ON r.gateway = t.gateway AND r.reference = t.gateway_receipt "
                               "WHERE t.created_ms >= ? AND t.created_ms < ? AND t.gateway <> 'manual' "
                               "AND (r.id IS NULL OR r.amount_minor <> t.amount_minor OR r.currency <> t.currency) "
                               "ORDER BY t.created_ms, t.id"_s,
                               period);
        if (!topUps)
            return topUps.error();
        while (topUps->next()) {
            QString status = u"topup_without_receipt"_s;
            if (!topUps->value(6).isNull())
                status = topUps->value(9).toString() != topUps->value(5).toString() ? u"currency_differs"_s
                                                                                     : u"amount_differs"_s;
            ReportRow row;
            row.key = topUps->value(0).toLongLong() * 2;
            row.values = {status,
                          topUps->value(1).toString(),
                          topUps->value(2).toString(),
                          topUps->value(0).toLongLong(),
                          topUps->value(3).toLongLong(),
                          topUps->value(4).toLongLong(),
                          topUps->value(5).toString(),
                          valueOrNull(topUps->value(7)),
                          valueOrNull(topUps->value(8)),
                          valueOrNull(topUps->value(9), true)};
            rows.append(std::move(row));
        }
        auto receipts = Sql::run(dbp->connection(),
                                 u"SELECT r.id, r.gateway, r.reference, r.received_ms, r.amount_minor, r.currency "
                                 "FROM gateway_receipts r WHERE r.received_ms >= ? AND r.received_ms < ? AND NOT EXISTS "
                                 "(SELECT 1 FROM topups t WHERE t.gateway = r.gateway AND t.gateway_receipt = r.reference) "
                                 "ORDER BY r.received_ms, r.id"_s,
                                 period);
        if (!receipts)
            return receipts.error();
        while (receipts->next()) {
            ReportRow row;
            row.key = receipts->value(0).toLongLong() * 2 + 1;
            row.values = {u"receipt_without_topup"_s,
                          receipts->value(1).toString(),
                          receipts->value(2).toString(),
                          ReportValue(),
                          ReportValue(),
                          ReportValue(),
                          ReportValue(),
                          receipts->value(3).toLongLong(),
                          receipts->value(4).toLongLong(),
                          receipts->value(5).toString()};
            rows.append(std::move(row));
        }
        return rows;
    });
    return table;
}

}  // namespace cd::reconciliation
