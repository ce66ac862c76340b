#pragma once
// What payment gateways say they received (table gateway_receipts, migration 16), imported from a
// gateway's statement CSV with the header reference,amount,currency,received (amount in major
// units, "12.50"; received: a date or an ISO 8601 time, UTC). Every line or none (one transaction);
// the first bad line is the error, with its number. A receipt already imported with the same amount,
// currency and time is skipped (the same statement may be imported twice); with different values it
// is an error: a gateway never changes a receipt, so one of the files is wrong.

#include "core/access/actor.h"
#include "core/common/clock.h"
#include "core/common/expected.h"

#include <QCoreApplication>
#include <QString>

namespace cd::storage {
class Database;
}

namespace cd::reconciliation {

struct ReceiptImport {
    int added = 0;
    int skipped = 0;  // already imported, identical
};

class GatewayReceiptRepository {
    Q_DECLARE_TR_FUNCTIONS(cd::reconciliation::GatewayReceiptRepository)
public:
    GatewayReceiptRepository(const storage::Database &db, const Clock &clock = Clock::system());

    Expected<ReceiptImport> importCsv(const QString &path, const QString &gateway, const access::Actor &actor);

private:
    const storage::Database &m_db;
    const Clock &m_clock;
};

}  // namespace cd::reconciliation
