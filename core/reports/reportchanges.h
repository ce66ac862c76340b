#pragma once
// What changed in a report since an export (DOMAIN "Reconciliation", gdss_case#8: corrections
// applied after a report was sent never silently change history): the report runs again now with
// the export's parameters and each row's (key, content hash) is compared with the export's
// snapshot. Added: keys only now; removed: keys only then; changed: same key, other content (a
// bill corrected after the export). Streams the report page by page; memory is the snapshot
// (16 bytes a row) plus the changes. Blocking: call it on a worker.

#include "core/common/expected.h"
#include "core/reports/reportexportrepository.h"
#include "core/reports/reporttable.h"

#include <QCoreApplication>
#include <QList>

#include <atomic>
#include <functional>

namespace cd::storage {
class Database;
}

namespace cd::reports {

enum class ChangeKind { Added, Removed, Changed };

struct RowChange {
    ChangeKind kind = ChangeKind::Changed;
    qint64 key = 0;
    QString label;   // the first column now (e.g. the session number); for removed rows: keyLabels()
    ReportRow now;   // the row as it is now (empty values for removed rows)
};

struct ReportChanges {
    ReportExport since;            // the export compared with
    QList<ReportColumn> columns;   // the report's columns (for `now`)
    qint64 rowsThen = 0;
    qint64 rowsNow = 0;
    ReportTotals totalsThen;
    ReportTotals totalsNow;
    QList<RowChange> changes;      // in report order; removed rows last, by key
    qint64 added = 0;
    qint64 removed = 0;
    qint64 changed = 0;

    bool unchanged() const { return changes.isEmpty(); }
};

class ReportChangeText {
    Q_DECLARE_TR_FUNCTIONS(cd::reports::ReportChangeText)
public:
    static QString name(ChangeKind kind);      // "added", "removed", "changed" (JSON, CSV)
    static QString display(ChangeKind kind);   // translated
};

class ReportChangeQuery {
    Q_DECLARE_TR_FUNCTIONS(cd::reports::ReportChangeQuery)
public:
    explicit ReportChangeQuery(const storage::Database &db);

    Expected<ReportChanges> changesSince(qint64 exportId, const std::function<void(qint64, qint64)> &progress = {},
                                         const std::atomic<bool> *cancel = nullptr) const;

private:
    const storage::Database &m_db;
};

}  // namespace cd::reports
