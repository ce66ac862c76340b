#pragma once
// Bills (table bills), versioned: version 1 is issued when the session ends (BillingService); a
// correction is a new row with version + 1 and supersedesBillId = the bill it corrects. Rows are
// never rewritten except settlement_state. inputs keeps {"input": BillInput, "result": BillResult}
// (JSON, billcalculator.h) so every bill explains itself as it was computed.

#include "core/billing/billcalculator.h"
#include "core/billing/settlement.h"
#include "core/common/expected.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace cd::storage {
class Database;
}

namespace cd::billing {

struct Bill {
    qint64 id = 0;
    qint64 sessionId = 0;
    int version = 1;
    std::optional<qint64> supersedesBillId;
    std::optional<qint64> tariffId;
    QString currency;
    qint64 energyWh = 0;
    std::optional<qint64> chargingStartedMs;
    std::optional<qint64> chargingEndedMs;
    std::optional<qint64> serviceEndedMs;
    qint64 energyFeeMinor = 0;
    qint64 serviceFeeMinor = 0;
    qint64 idleFeeMinor = 0;
    std::optional<qint64> couponId;
    qint64 couponDeductionMinor = 0;
    qint64 totalMinor = 0;
    std::optional<qint64> stationEnergyWh;    // what the station's own bill said, when it sent one
    std::optional<qint64> stationAmountMinor;
    SettlementState settlementState = SettlementState::Unsettled;
    QString inputs;                           // JSON text as stored
    QString correctionMethod;                 // "" for version 1
    QString reason;
    QString createdBy;
    qint64 createdMs = 0;

    // Parsed from `inputs`: the input and the lines as computed (nullopt when inputs is empty or
    // unreadable, e.g. a bill written by something else).
    std::optional<BillResult> detail;

    // A bill row from a calculation: amounts, times, tariff, coupon, inputs (JSON) and detail.
    static Bill fromResult(qint64 sessionId, const BillResult &result);
};

class BillRepository {
    Q_DECLARE_TR_FUNCTIONS(cd::billing::BillRepository)
public:
    explicit BillRepository(const storage::Database &db);

    Expected<std::optional<Bill>> find(qint64 billId) const;
    // The newest version of the session's bill; nullopt when it has none.
    Expected<std::optional<Bill>> current(qint64 sessionId) const;
    // Every version of the session's bill, oldest first (the version chain).
    Expected<QList<Bill>> versions(qint64 sessionId) const;
    // Inserts `bill` as given (session, version, supersedesBillId, amounts, inputs, createdBy,
    // createdMs, settlement state); the id of the new row. Call inside the caller's
    // storage::Transaction (UNIQUE (session_id, version): a second version 1 fails).
    Expected<qint64> insert(const Bill &bill);
    Status setSettlementState(qint64 billId, SettlementState state);
    // Closed sessions (stop_source set) last written (updated_ms, our clock) at or after
    // `updatedFromMs` that have no bill; oldest first.
    // `afterSessionId` pages: only sessions with a larger id.
    Expected<QList<qint64>> sessionsWithoutBill(qint64 updatedFromMs, qint64 afterSessionId = 0, int limit = 1000) const;

private:
    const storage::Database &m_db;
};

}  // namespace cd::billing
