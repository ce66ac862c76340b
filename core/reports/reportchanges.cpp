#include "core/reports/reportchanges.h"

#include "core/reports/exportjob.h"
#include "core/reports/reportcatalog.h"
#include "core/storage/database.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace cd::reports {

namespace {

constexpr int kPage = 1000;

}  // namespace

QString ReportChangeText::name(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Added:
        return u"added"_s;
    case ChangeKind::Removed:
        return u"removed"_s;
    case ChangeKind::Changed:
        return u"changed"_s;
    }
    return {};
}

QString ReportChangeText::display(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Added:
        return tr("added");
    case ChangeKind::Removed:
        return tr("removed");
    case ChangeKind::Changed:
        return tr("changed");
    }
    return {};
}

ReportChangeQuery::ReportChangeQuery(const storage::Database &db) : m_db(db) {}

Expected<ReportChanges> ReportChangeQuery::changesSince(qint64 exportId, const std::function<void(qint64, qint64)> &progress,
                                                        const std::atomic<bool> *cancel) const
{
    ReportExportRepository exports(m_db);
    auto record = exports.find(exportId);
    if (!record)
        return record.error();
    if (!*record)
        return Error{ExitCode::Failure, tr("There is no report export %1.").arg(exportId)};
    auto snapshot = exports.snapshot(exportId);
    if (!snapshot)
        return snapshot.error();
    auto table = ReportCatalog::open(m_db, (*record)->report, (*record)->parameters);
    if (!table)
        return table.error();

    ReportChanges out;
    out.since = **record;
    out.columns = table->columns;
    out.rowsThen = qint64(snapshot->size());
    out.totalsThen = ReportTotals::fromJson(out.since.totals);
    std::vector<bool> seen(snapshot->size(), false);
    for (;;) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            return Error{ExitCode::Failure, ExportJob::cancelledMessage()};
        auto page = table->rows->nextPage(kPage);
        if (!page)
            return page.error();
        if (page->isEmpty())
            break;
        for (ReportRow &row : *page) {
            out.totalsNow.add(out.columns, row);
            const auto it = std::lower_bound(snapshot->begin(), snapshot->end(), SnapshotEntry{row.key, 0});
            const bool known = it != snapshot->end() && it->key == row.key;
            if (known) {
                seen[size_t(it - snapshot->begin())] = true;
                if (it->hash == rowHash(row))
                    continue;
            }
            RowChange change;
            change.kind = known ? ChangeKind::Changed : ChangeKind::Added;
            change.key = row.key;
            if (!row.values.isEmpty()) {
                if (const auto *text = std::get_if<QString>(&row.values.first()))
                    change.label = *text;
            }
            change.now = std::move(row);
            (known ? out.changed : out.added) += 1;
            out.changes.append(std::move(change));
        }
        if (progress)
            progress(out.totalsNow.rows, std::max(out.rowsThen, out.totalsNow.rows));
    }
    out.rowsNow = out.totalsNow.rows;

    QList<qint64> removedKeys;
    for (size_t i = 0; i < seen.size(); ++i) {
        if (!seen[i])
            removedKeys << (*snapshot)[i].key;
    }
    if (!removedKeys.isEmpty()) {
        auto labels = table->rows->keyLabels(removedKeys);
        if (!labels)
            return labels.error();
        for (qint64 key : removedKeys) {
            RowChange change;
            change.kind = ChangeKind::Removed;
            change.key = key;
            change.label = labels->value(key);
            change.now.key = key;
            out.changes.append(std::move(change));
        }
        out.removed = removedKeys.size();
    }
    return out;
}

}  // namespace cd::reports
