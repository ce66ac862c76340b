#pragma once
// The entries of the Audit log screen, newest first: when, who, what, about what, why. Paged:
// when older entries exist, the view's fetchMore() asks for them (moreRequested).

#include "core/storage/auditlogrepository.h"

#include <QAbstractTableModel>
#include <QList>

namespace cd::ui {

class AuditTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { When, Operator, Action, Subject, Reason, ColumnCount };

    explicit AuditTableModel(QObject *parent = nullptr);

    // Replaces the rows (another filter, a refresh).
    void setEntries(QList<storage::AuditEntry> rows, bool hasMore);
    // Adds an older page at the end.
    void appendEntries(QList<storage::AuditEntry> rows, bool hasMore);
    bool hasMore() const { return m_hasMore; }
    const storage::AuditEntry *entry(int row) const;
    const QList<storage::AuditEntry> &entries() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;

    void retranslate();

Q_SIGNALS:
    // The next page is wanted: entries older than `beforeId`.
    void moreRequested(qint64 beforeId);

private:
    QList<storage::AuditEntry> m_rows;
    bool m_hasMore = false;
    bool m_fetching = false;
};

}  // namespace cd::ui
