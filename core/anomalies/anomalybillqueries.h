#pragma once
// The list behind the Anomaly bills screen and `bill anomalies`: one row per session with
// anomalies, showing its current bill version (the highest), its station, site and firmware and
// the codes (e.g. 3, 6, 8) with their detail texts. Keyset-paged by a sort key and the session id,
// so the 100,000th row costs what the first does: a page is two statements (the rows, then the
// anomalies of those sessions), never one per row. Read-only; runs on the caller's connection.

#include "core/anomalies/anomalybillfilter.h"
#include "core/common/expected.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <memory>
#include <optional>

namespace cd::storage {
class Database;
}

namespace cd::anomalies {

// One row of bill_anomalies.
struct AnomalyRecord {
    qint64 id = 0;
    qint64 billId = 0;
    int code = 0;
    QString detail;  // what the detector saw, in words or JSON
    qint64 detectedMs = 0;
    std::optional<qint64> resolvedMs;
    std::optional<qint64> resolvedByBillId;

    bool isOpen() const { return !resolvedMs.has_value(); }
};

struct AnomalyBillRow {
    qint64 sessionId = 0;
    QString sessionNumber;
    std::optional<qint64> startedMs;
    std::optional<qint64> endedMs;

    qint64 stationId = 0;
    QString chargePointId;
    QString stationName;
    QString siteName;
    QString vendor;
    QString model;
    QString firmware;

    // The current bill version (0 / empty when the session has no bill row).
    qint64 billId = 0;
    int billVersion = 0;
    QString currency;
    qint64 energyWh = 0;
    qint64 energyFeeMinor = 0;
    qint64 serviceFeeMinor = 0;
    qint64 idleFeeMinor = 0;
    qint64 couponDeductionMinor = 0;
    qint64 totalMinor = 0;
    std::optional<qint64> stationEnergyWh;
    std::optional<qint64> stationAmountMinor;
    QString settlementState;  // unsettled, settled, provisional, held (bills.settlement_state)
    std::optional<qint64> chargingStartedMs;
    std::optional<qint64> chargingEndedMs;
    std::optional<qint64> serviceEndedMs;

    // The codes that make it an anomaly bill, ascending, no repeats: the open ones while any is
    // open, else all of them. detectedMs: when the first of those was found.
    QList<int> codes;
    qint64 detectedMs = 0;
    bool open = false;  // some anomaly is unresolved
    // Every anomaly row of the session (open and resolved, of every version), oldest first.
    QList<AnomalyRecord> anomalies;

    // "3,6,8"
    QString codesText() const;
};

// Server-side sort orders: a key of the row, then the session id (unique), so keyset paging
// never skips or repeats a row.
enum class AnomalyBillSort {
    Session,  // session id: the newest sessions first when descending
    Start,    // session start
    Station,  // charge point id
    Energy,   // the bill's energy
    Total,    // the bill's total
};

// Where the next page starts: the sort key and session id of the last row shown.
struct AnomalyBillCursor {
    QVariant key;
    qint64 sessionId = 0;
};

struct AnomalyBillPageRequest {
    AnomalyBillFilter filter;
    AnomalyBillSort sort = AnomalyBillSort::Session;
    bool descending = true;
    std::optional<AnomalyBillCursor> after;  // nullopt: the first page
    int limit = 200;
};

// The stations and firmware versions a filter can name.
struct AnomalyFilterChoices {
    QStringList chargePointIds;
    QStringList firmwares;
};

class AnomalyBillQueries {
public:
    explicit AnomalyBillQueries(const storage::Database &db);

    // Up to request.limit rows after request.after.
    Expected<QList<AnomalyBillRow>> page(const AnomalyBillPageRequest &request) const;
    // How many anomaly bills match.
    Expected<qint64> count(const AnomalyBillFilter &filter) const;
    // The current bill ids of every match, newest session first ("Select all matching").
    Expected<QList<qint64>> billIds(const AnomalyBillFilter &filter) const;
    // The row of one session (nullopt: it has no anomalies), whatever its status.
    Expected<std::optional<AnomalyBillRow>> row(qint64 sessionId) const;
    Expected<AnomalyFilterChoices> filterChoices() const;

    // The cursor that continues after `row` in `sort` order.
    static AnomalyBillCursor cursorAfter(const AnomalyBillRow &row, AnomalyBillSort sort);

private:
    Status attachAnomalies(QList<AnomalyBillRow> &rows, AnomalyStatus status) const;

    const storage::Database &m_db;
};

}  // namespace cd::anomalies
