#include "core/reconciliation/gatewayreceiptrepository.h"

#include "core/access/accessguard.h"
#include "core/payments/moneytext.h"
#include "core/reconciliation/csvtable.h"
#include "core/reconciliation/importvalues.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QFileInfo>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace cd::reconciliation {

using storage::Sql;

GatewayReceiptRepository::GatewayReceiptRepository(const storage::Database &db, const Clock &clock)
    : m_db(db), m_clock(clock)
{
}

Expected<ReceiptImport> GatewayReceiptRepository::importCsv(const QString &path, const QString &gateway,
                                                            const access::Actor &who)
{
    const QString actor = who.name();
    if (Status allowed = access::AccessGuard(m_db).require(who, access::Permission::ReconciliationImport); !allowed)
        return allowed.error();
    if (!isGatewayName(gateway))
        return Error{ExitCode::Usage, tr("Say which gateway the statement is from: --gateway NAME (letters, digits, "
                                         "\"_\", \".\", \"-\"; as the top-ups name it).")};
    auto table = CsvTable::readFile(path);
    if (!table)
        return table.error();
    const QStringList expected{u"reference"_s, u"amount"_s, u"currency"_s, u"received"_s};
    for (const QString &name : expected) {
        if (table->column(name) < 0)
            return CsvTable::missingColumn(name, expected);
    }
    const int refColumn = table->column(u"reference"_s), amountColumn = table->column(u"amount"_s),
              currencyColumn = table->column(u"currency"_s), receivedColumn = table->column(u"received"_s);
    const QString file = QFileInfo(path).fileName();
    const qint64 now = m_clock.nowMs();

    storage::Transaction tx(m_db.connection());
    if (Status st = tx.begin(); !st)
        return st.error();
    ReceiptImport result;
    for (const CsvRow &row : std::as_const(table->rows)) {
        const auto lineError = [&row](const QString &what) {
            return Error{ExitCode::Failure, tr("Line %1: %2").arg(row.line).arg(what)};
        };
        const QString reference = row.fields.at(refColumn);
        const QString currency = row.fields.at(currencyColumn).toUpper();
        if (!isReference(reference))
            return lineError(tr("the reference must be 1 to 128 printable characters."));
        if (!isCurrencyCode(currency))
            return lineError(tr("\"%1\" is not a currency code such as UAH.").arg(row.fields.at(currencyColumn)));
        const auto amount = payments::parseMoney(row.fields.at(amountColumn), payments::minorUnitDigits(currency));
        if (!amount || *amount <= 0)
            return lineError(tr("\"%1\" is not a positive amount in %2 (e.g. 12.50).").arg(row.fields.at(amountColumn), currency));
        const auto received = parseTimeMs(row.fields.at(receivedColumn));
        if (!received)
            return lineError(tr("\"%1\" is not a date or an ISO 8601 time.").arg(row.fields.at(receivedColumn)));

        auto existing = Sql::run(m_db.connection(),
                                 u"SELECT amount_minor, currency, received_ms FROM gateway_receipts WHERE gateway = ? "
                                 "AND reference = ?"_s,
                                 {gateway, reference});
        if (!existing)
            return existing.error();
        if (existing->next()) {
            if (existing->value(0).toLongLong() == *amount && existing->value(1).toString() == currency
                && existing->value(2).toLongLong() == *received) {
                ++result.skipped;
                continue;
            }
            return lineError(tr("receipt %1 of %2 was imported before with other values (%3); a gateway never "
                                "changes a receipt, so one of the statements is wrong.")
                                 .arg(reference, gateway,
                                      payments::moneyText(existing->value(0).toLongLong(), existing->value(1).toString())));
        }
        auto inserted = Sql::run(m_db.connection(),
                                 u"INSERT INTO gateway_receipts (gateway, reference, amount_minor, currency, received_ms, "
                                 "imported_ms, import_file, imported_by) VALUES (?,?,?,?,?,?,?,?)"_s,
                                 {gateway, reference, *amount, currency, *received, now, file, actor});
        if (!inserted)
            return inserted.error();
        ++result.added;
    }
    // One audit record per import: the file and what it added (the rows themselves name the file).
    storage::AuditEntry audit;
    audit.operatorName = actor;
    audit.action = u"gateway_receipts.import"_s;
    audit.entityType = u"gateway_receipts"_s;
    audit.entityId = gateway;
    audit.reason = tr("%1: %2 added, %3 already there").arg(file).arg(result.added).arg(result.skipped);
    if (auto id = storage::AuditLogRepository(m_db, m_clock).append(audit); !id)
        return id.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    return result;
}

}  // namespace cd::reconciliation
