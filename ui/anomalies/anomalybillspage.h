#pragma once
// Anomaly bills (issue #6 item 5): every bill with anomaly codes, filtered by code, station,
// firmware, period and status, page by page as the operator scrolls (100,000 open anomaly bills
// load no faster or slower than 100), sorted on the server; bulk selection (check boxes, "Select
// all matching" for the whole filter); the selected bill's anomalies and lines underneath; and
// "Correct…", which hands the chosen bills to the correction wizard (correctRequested). A
// Statistics tab counts the anomalies by code × station × firmware × period, exportable as CSV.
// Everything is read through core/anomalies on worker threads.

#include "core/anomalies/anomalybillqueries.h"
#include "ui/shell/consoleservices.h"

#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;
class QTabWidget;
class QTableView;

namespace cd::storage {
class QueryRunner;
}

namespace cd::ui {

class AnomalyBillDetail;
class AnomalyBillTableModel;
class AnomalyFilterBar;
class AnomalyStatisticsView;
class PageHeader;

class AnomalyBillsPage : public QWidget {
    Q_OBJECT
public:
    enum Tab { BillsTab, StatisticsTab };

    explicit AnomalyBillsPage(const ConsoleServices &services, QWidget *parent = nullptr);
    ~AnomalyBillsPage() override;

    AnomalyFilterBar *filterBar() const { return m_filterBar; }
    AnomalyBillTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    AnomalyBillDetail *detail() const { return m_detail; }
    AnomalyStatisticsView *statistics() const { return m_statistics; }
    void setCurrentTab(Tab tab);
    // The Bills tab with every open anomaly bill (the dashboard's figure): status Open, the
    // other filters as they are.
    void showOpenBills();

    // Loads the list again with the current filter and sort (the pages loaded so far; checks and
    // the selected bill stay); loaded() follows. Call it after bills were corrected.
    void refresh();
    // How many bills match the filter (-1 until counted).
    qint64 matchingCount() const { return m_matching; }

    // Bulk selection.
    void selectAllMatching();
    void clearSelection();
    qint64 selectedCount() const;
    // The bill of the current row, 0 without one.
    qint64 currentBill() const;
    bool selectSession(qint64 sessionId);

    // Emits correctRequested with the checked bills (all matching ones: after they are read), or
    // with the current row's bill when nothing is checked. What "Correct…" does.
    void requestCorrection();

signals:
    void loaded(int rowCount);
    void counted(qint64 matching);
    void detailLoaded(qint64 sessionId);
    // The bills to correct (the correction wizard listens).
    void correctRequested(QList<qint64> billIds);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslateUi();
    void filterChanged();
    void load(bool keepRows);
    void loadMore();
    void loadCount();
    void loadChoices();
    void loadDetail();
    void updateSelectionText();
    void sortRequested(int column, Qt::SortOrder order);

    std::shared_ptr<storage::Database> m_db;
    std::unique_ptr<storage::QueryRunner> m_runner;
    anomalies::AnomalyBillFilter m_filter;
    anomalies::AnomalyBillSort m_sort = anomalies::AnomalyBillSort::Session;
    bool m_descending = true;
    int m_generation = 0;  // a filter or sort change makes answers to older requests stale
    bool m_loading = false;
    bool m_loadedOnce = false;
    qint64 m_loadedAtMs = 0;
    qint64 m_matching = -1;
    QString m_error;

    PageHeader *m_header = nullptr;
    AnomalyFilterBar *m_filterBar = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_selectAll = nullptr;
    QPushButton *m_clear = nullptr;
    QPushButton *m_correct = nullptr;
    AnomalyBillTableModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    AnomalyBillDetail *m_detail = nullptr;
    AnomalyStatisticsView *m_statistics = nullptr;
};

}  // namespace cd::ui
