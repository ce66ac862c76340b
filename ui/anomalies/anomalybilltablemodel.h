#pragma once
// The anomaly bill list of the Anomaly bills screen: session, station, codes, start, energy,
// total, settlement, firmware, site, when the anomaly was found. Paged: when more bills match
// than are loaded, the view's fetchMore() asks for the next page (moreRequested). Sorted on the
// server: a click on a sortable header asks for it (sortRequested).
//
// Bulk selection lives here, by bill id, with a check box in the first column: bills checked one
// by one, or "all matching" (every bill the filter matches, also those not loaded yet) minus
// the ones unchecked since.

#include "core/anomalies/anomalybillqueries.h"

#include "ui/widgets/pagedtablemodel.h"

#include <QList>
#include <QSet>

namespace cd::ui {

class AnomalyBillTableModel : public PagedTableModel {
    Q_OBJECT
public:
    enum Column { Session, Station, Codes, Start, Energy, Total, Settlement, Firmware, Site, Detected, ColumnCount };
    static constexpr int SessionIdRole = Qt::UserRole + 1;
    static constexpr int BillIdRole = Qt::UserRole + 2;

    explicit AnomalyBillTableModel(QObject *parent = nullptr);

    // Replaces the rows (another filter or sort, a refresh). Checks of bills still listed stay.
    void setRows(QList<anomalies::AnomalyBillRow> rows, bool hasMore);
    // Adds the next page at the end; sessions already listed are skipped.
    void appendRows(QList<anomalies::AnomalyBillRow> rows, bool hasMore);
    // Replaces one row by session id (its detail was reloaded); false when it is not listed.
    bool updateRow(const anomalies::AnomalyBillRow &row);
    const anomalies::AnomalyBillRow *row(int row) const;
    int rowOfSession(qint64 sessionId) const;

    // The column's server-side sort; nullopt for a column the server does not sort by.
    static std::optional<anomalies::AnomalyBillSort> sortFor(int column);
    static int columnFor(anomalies::AnomalyBillSort sort);
    // "held" -> "Held" in the current language (unknown names as they are).
    static QString settlementTitle(const QString &state);

    // Bulk selection.
    qint64 checkedCount() const;  // with "all matching": the matching count minus the unchecked
    bool allMatching() const { return m_allMatching; }
    // Every bill the filter matches (`matching` of them), loaded or not.
    void checkAllMatching(qint64 matching);
    void setMatchingCount(qint64 matching);  // the count changed while all are checked
    void setChecked(qint64 billId, bool checked);
    bool isChecked(qint64 billId) const;
    void clearChecks();
    // Without "all matching": the checked bills, in the order they were checked.
    QList<qint64> checkedBillIds() const { return m_checked; }
    // With "all matching": the bills unchecked since.
    QSet<qint64> uncheckedBillIds() const { return m_unchecked; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void sort(int column, Qt::SortOrder order) override;

    void retranslate();

signals:
    void sortRequested(int column, Qt::SortOrder order);
    void checksChanged();

private:
    void emitCheckColumnChanged();

    QList<anomalies::AnomalyBillRow> m_rows;
    QList<qint64> m_checked;
    bool m_allMatching = false;
    qint64 m_matching = 0;
    QSet<qint64> m_unchecked;
};

}  // namespace cd::ui
