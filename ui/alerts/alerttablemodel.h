#pragma once
// The alert list of the Alerts screen: what, where, state, when it opened and was last seen, how
// often, who has it, and what the rule saw. Newest first. Paged: when more alerts exist than are
// loaded, the view's fetchMore() asks for the next page (moreRequested, older than the last row).

#include "core/alerts/alerttypes.h"

#include "ui/widgets/pagedtablemodel.h"

#include <QAbstractTableModel>
#include <QList>

namespace cd::ui {

class AlertTableModel : public PagedTableModel {
    Q_OBJECT
public:
    enum Column { Kind, Place, State, Opened, LastSeen, Occurrences, Assignee, Details, ColumnCount };
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int AlertIdRole = Qt::UserRole + 2;

    explicit AlertTableModel(QObject *parent = nullptr);

    // Replaces the rows (a live refresh or another filter).
    void setAlerts(QList<alerts::Alert> rows, bool hasMore);
    // Adds an older page at the end; alerts already listed are skipped.
    void appendAlerts(QList<alerts::Alert> rows, bool hasMore);
    const alerts::Alert *alert(int row) const;
    int rowOf(qint64 alertId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;


    void retranslate();

protected:
    qint64 pageBoundary() const override;  // older than the last alert

private:
    QList<alerts::Alert> m_rows;
};

// The history of one alert: when, who, what, the note. Oldest first.
class AlertHistoryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { When, Actor, Action, Note, ColumnCount };

    explicit AlertHistoryModel(QObject *parent = nullptr);

    void setHistory(QList<alerts::AlertHistoryEntry> entries);
    const QList<alerts::AlertHistoryEntry> &entries() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void retranslate();

private:
    QList<alerts::AlertHistoryEntry> m_rows;
};

}  // namespace cd::ui
