#pragma once
// The entries of the Audit log screen, newest first: when, who, what, about what, why. Paged:
// when older entries exist, the view's fetchMore() asks for them (moreRequested).

#include "core/storage/auditlogrepository.h"

#include "ui/widgets/pagedtablemodel.h"

#include <QList>

namespace cd::ui {

class AuditTableModel : public PagedTableModel {
    Q_OBJECT
public:
    enum Column { When, Operator, Action, Subject, Reason, ColumnCount };

    explicit AuditTableModel(QObject *parent = nullptr);

    // Replaces the rows (another filter, a refresh).
    void setEntries(QList<storage::AuditEntry> rows, bool hasMore);
    // Adds an older page at the end.
    void appendEntries(QList<storage::AuditEntry> rows, bool hasMore);
    const storage::AuditEntry *entry(int row) const;
    const QList<storage::AuditEntry> &entries() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void retranslate();

protected:
    qint64 pageBoundary() const override;  // older than the last entry

private:
    QList<storage::AuditEntry> m_rows;
};

}  // namespace cd::ui
