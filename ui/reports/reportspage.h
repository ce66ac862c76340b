#pragma once
// Reports (issue #7 item 4, the console side): every report of ReportCatalog, generic over the
// catalogue (no code per report). On the left the reports (title, what it tells) and the questions
// the selected one asks (ReportParameterForm); Run shows its table a page at a time (Show more)
// with the question as the report states it, and its chart when it has one. Export… writes the
// whole report to CSV, XLSX, PDF or JSON (ReportExporter: a worker thread, progress, Cancel).
// The Exports tab lists what was exported and what changed since (ReportExportsTab).
//
// The opened report's rows come from a cursor on the screen's worker connection: the table lives
// there (OpenReport) and is only touched in work posted to that worker.

#include "core/reports/reportparameters.h"
#include "core/reports/reporttable.h"
#include "core/reports/reportwriter.h"
#include "ui/shell/consoleservices.h"

#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QLabel;
class QListView;
class QPushButton;
class QStandardItemModel;
class QTabWidget;
class QTableView;

namespace cd::storage {
class QueryRunner;
}

namespace cd::ui {

class PageHeader;
class ReportChartView;
class ReportExporter;
class ReportExportsTab;
class ReportParameterForm;
class ReportTableModel;

class ReportsPage : public QWidget {
    Q_OBJECT
public:
    static constexpr int kPageSize = 1000;

    enum Tab { ReportTab, ExportsTab };

    struct ExportTarget {
        QString path;
        reports::ReportFormat format = reports::ReportFormat::Csv;
    };
    // Where Export… writes: the file dialog by default; tests return a path.
    using ExportTargetChooser = std::function<std::optional<ExportTarget>(const QString &suggestedFileName)>;

    explicit ReportsPage(const ConsoleServices &services, QWidget *parent = nullptr);
    ~ReportsPage() override;

    QStandardItemModel *reportsModel() const { return m_reports; }
    bool selectReport(const QString &name);
    QString selectedReport() const;
    ReportParameterForm *parameterForm() const { return m_form; }
    ReportTableModel *tableModel() const { return m_model; }
    ReportChartView *chartView() const { return m_chart; }
    bool isChartShown() const;
    bool isLoading() const { return m_loading; }
    bool hasMore() const { return m_totalRows > shownRows(); }
    qint64 totalRows() const { return m_totalRows; }
    int shownRows() const;
    QString parametersText() const;
    QString statusText() const;
    ReportExporter *exporter() const { return m_exporter; }
    ReportExportsTab *exportsTab() const { return m_exportsTab; }
    void setCurrentTab(Tab tab);

    // Runs the selected report with the form's parameters; its first page replaces the table.
    void run();
    // The next page; false when there is none or a load is on its way.
    bool showMore();
    // Export… of the shown report; false when none is shown, an export runs or no file was chosen.
    bool exportReport();
    void setExportTargetChooser(ExportTargetChooser chooser) { m_chooseTarget = std::move(chooser); }
    // A message box after each export (off in tests: the result is the exportFinished signal).
    void setExportMessagesShown(bool shown) { m_showMessages = shown; }

    void retranslateUi();

signals:
    void reportShown(int rows);
    void rowsAppended(int rows);
    void exportFinished(bool ok, qint64 exportId, const QString &message);

protected:
    void changeEvent(QEvent *event) override;
    // Opening the screen offers the sub-operators and sites added elsewhere meanwhile.
    void showEvent(QShowEvent *event) override;

private:
    struct OpenReport;
    void build();
    void loadChoices();
    void fillReports();
    void reportChanged();
    void updateState();
    void showChart();
    void runReport(const QString &name, const reports::ReportParameters &parameters);
    std::optional<ExportTarget> chooseTarget(const QString &suggestedFileName);
    void exported(bool ok, qint64 exportId, const QString &path, qint64 rows, const QString &message);


    std::shared_ptr<storage::Database> m_database;
    std::unique_ptr<storage::QueryRunner> m_runner;
    std::shared_ptr<OpenReport> m_open;  // on the runner's worker only
    ExportTargetChooser m_chooseTarget;
    bool m_showMessages = true;

    // The report shown (as of its last Run).
    QString m_shownName;
    QString m_shownTitle;
    QString m_shownParametersJson;
    reports::ReportParameters m_shownParameters;
    QString m_parametersText;
    reports::ReportChart m_chartHint;
    qint64 m_totalRows = 0;
    bool m_loading = false;
    int m_generation = 0;
    QString m_error;

    PageHeader *m_header = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_reportsTitle = nullptr;
    QStandardItemModel *m_reports = nullptr;
    QListView *m_reportList = nullptr;
    QLabel *m_description = nullptr;
    QLabel *m_parametersTitle = nullptr;
    ReportParameterForm *m_form = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_export = nullptr;
    QLabel *m_tableTitle = nullptr;
    QLabel *m_parameters = nullptr;
    ReportTableModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    ReportChartView *m_chart = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_more = nullptr;
    ReportExporter *m_exporter = nullptr;
    ReportExportsTab *m_exportsTab = nullptr;
};

}  // namespace cd::ui
