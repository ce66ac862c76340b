#pragma once
// Which anomaly bills an operator looks at (the Anomaly bills screen, `bill anomalies`,
// `bill anomaly-stats`): codes, station, firmware, period of the session's start, status and the
// session number. An anomaly bill is the current bill version of a session that has rows in
// bill_anomalies; "open" while one of them is unresolved.

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QVariantList>

#include <optional>

namespace cd::anomalies {

enum class AnomalyStatus {
    Open,      // at least one anomaly of the session is unresolved
    Resolved,  // every anomaly of the session was resolved (corrected)
    All,
};

// "open", "resolved", "all" (CLI, JSON); fromName: nullopt for anything else.
QString anomalyStatusName(AnomalyStatus status);
std::optional<AnomalyStatus> anomalyStatusFromName(const QString &name);

struct AnomalyBillFilter {
    QList<int> codes;                 // any of these codes (empty: every code)
    QString chargePointId;            // exactly this station (empty: every station)
    QString firmware;                 // stations with exactly this firmware (empty: any)
    std::optional<qint64> startedFromMs;  // sessions started at or after (UTC ms)
    std::optional<qint64> startedToMs;    // sessions started before (UTC ms)
    AnomalyStatus status = AnomalyStatus::Open;
    QString search;                   // part of the session number

    bool operator==(const AnomalyBillFilter &other) const = default;
};

// The WHERE conditions of a filter over `sessions s JOIN stations st`, joined with AND, and their
// values in order.
struct FilterSql {
    QString where;
    QVariantList values;
};
// `correlated`: the anomaly condition as EXISTS per session instead of an IN list of sessions —
// faster for walking the sessions newest first without other conditions (the default list), far
// slower with them (SQLite then often drives the scan from the stations).
// `sessionBound`: a condition on the anomalies' session id such as "< ?" with its value (the keyset
// cursor of a page in session order), so the IN list holds only the sessions past the cursor:
// SQLite walks that list in order, so without it a page deep in the list first skipped every
// session before the cursor (0.4 s instead of 0.05 s at 100,000 open bills).
struct SessionBound {
    QString comparison;  // "< ?" or "> ?"
    qint64 sessionId = 0;
};
FilterSql filterSql(const AnomalyBillFilter &filter, bool correlated = false,
                    const std::optional<SessionBound> &sessionBound = std::nullopt);
// Only the station, firmware and period conditions ("1 = 1" without them): statistics.
FilterSql sessionFilterSql(const AnomalyBillFilter &filter);

// The condition on one bill_anomalies row `a` that makes it count for the filter's status (and
// codes): open rows for Open; for Resolved, rows of sessions without an open row; for All, the
// open rows of a session when it has any, else all of them. Values in order.
FilterSql anomalyRowSql(const AnomalyBillFilter &filter, const QString &alias = QStringLiteral("a"));

}  // namespace cd::anomalies
