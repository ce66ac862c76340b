#pragma once
// The Statistics tab of the Anomaly bills screen: anomaly bills by code × station × firmware ×
// day, week or month, with each cell's share of the station's sessions in the period, for the
// screen's filter; computed on a worker thread of its own (when the tab is shown and the filter
// or period changes), and exported to CSV on another thread with a progress bar.

#include "core/anomalies/anomalybillfilter.h"
#include "core/anomalies/anomalystatistics.h"

#include <QFutureWatcher>
#include <QTimeZone>
#include <QWidget>

#include <atomic>
#include <memory>

class QComboBox;
class QFileDialog;
class QLabel;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace cd::storage {
class Database;
class QueryRunner;
}

namespace cd::ui {

class AnomalyStatisticsModel;

class AnomalyStatisticsView : public QWidget {
    Q_OBJECT
public:
    explicit AnomalyStatisticsView(std::shared_ptr<storage::Database> db, QWidget *parent = nullptr);
    ~AnomalyStatisticsView() override;

    AnomalyStatisticsModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }

    // Computed again at once when the tab is visible, else the next time it is shown.
    void setFilter(const anomalies::AnomalyBillFilter &filter);
    anomalies::StatisticsPeriod period() const;
    void setPeriod(anomalies::StatisticsPeriod period);
    // Day boundaries in this zone (default: the system's).
    void setTimeZone(const QTimeZone &zone);
    // Computes now; loaded() follows.
    void refresh();
    bool isLoading() const { return m_loading; }

    // The file dialog of "Export CSV…" (not yet shown; open() it); its file is then written.
    QFileDialog *makeExportDialog();
    // Writes the table as it is now to `path` on a worker thread; exportFinished() follows.
    // False (nothing started) while an export runs or before statistics were computed.
    bool exportCsv(const QString &path);
    bool isExporting() const { return m_exporting; }

signals:
    void loaded(int rows);
    void exportFinished(bool ok, const QString &message);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateSummary();

    std::unique_ptr<storage::QueryRunner> m_runner;
    anomalies::AnomalyBillFilter m_filter;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    bool m_stale = true;
    bool m_loading = false;
    bool m_computed = false;
    int m_generation = 0;
    QString m_error;

    QLabel *m_periodLabel = nullptr;
    QComboBox *m_period = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_export = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_exportStatus = nullptr;
    AnomalyStatisticsModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_table = nullptr;

    bool m_exporting = false;
    std::shared_ptr<std::atomic_bool> m_cancelExport;
    QFutureWatcher<Status> m_exportWatcher;
    QString m_exportPath;
};

}  // namespace cd::ui
