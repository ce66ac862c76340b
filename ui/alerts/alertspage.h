#pragma once
// Alerts: what the alert monitor found (station offline, heartbeat overdue, fault, failed start,
// charging without an authorised session, stop not honoured, meter jump or reset), newest first,
// filtered by state; Acknowledge, Assign… and Resolve… on the selected alert (each with a note,
// into the alert's history and the audit log); the selected alert's history underneath. Reads
// and acts through core/alerts on a worker thread; refreshed every few seconds.

#include "core/alerts/alertrepository.h"
#include "core/alerts/alertservice.h"
#include "core/common/expected.h"
#include "ui/alerts/alertactiondialog.h"
#include "ui/shell/consoleservices.h"

#include <QWidget>

#include <functional>
#include <memory>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;
class QTimer;

namespace cd::storage {
class QueryRunner;
}

namespace cd::ui {

class AlertHistoryModel;
class AlertTableModel;
class PageHeader;

class AlertsPage : public QWidget {
    Q_OBJECT
public:
    using Show = alerts::AlertFilter::Show;

    explicit AlertsPage(const ConsoleServices &services, QWidget *parent = nullptr);
    ~AlertsPage() override;

    AlertTableModel *model() const { return m_model; }
    AlertHistoryModel *historyModel() const { return m_history; }
    Show show() const;
    void setShow(Show show);
    // Loads the list now (also every few seconds); loaded() follows.
    void refresh();
    bool selectAlert(qint64 alertId);
    qint64 selectedAlert() const;  // 0: none

    // The dialog for the selected alert (nullptr without one); the action runs when it is accepted.
    AlertActionDialog *openAction(AlertActionDialog::Action action);
    // The actions themselves, on the selected alert; actionFinished() follows.
    void acknowledge(const QString &note);
    void assign(const QString &assignee, const QString &note);
    void resolve(const QString &note);

signals:
    void loaded(int alertCount);
    void detailLoaded(qint64 alertId);
    void actionFinished(bool ok, const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void loadMore(qint64 beforeId);
    void loadDetail();
    void showDetail();  // m_detailData in the current language
    void updateButtons();
    void run(std::function<Expected<alerts::Alert>(alerts::AlertService &)> action);

    std::unique_ptr<storage::QueryRunner> m_runner;
    access::Actor m_actor;
    bool m_loading = false;
    int m_generation = 0;  // a filter change makes answers to older requests stale

    PageHeader *m_header = nullptr;
    QLabel *m_showLabel = nullptr;
    QComboBox *m_filter = nullptr;
    QLabel *m_summary = nullptr;
    AlertTableModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QPushButton *m_acknowledge = nullptr;
    QPushButton *m_assign = nullptr;
    QPushButton *m_resolve = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_detailTitle = nullptr;
    QLabel *m_detail = nullptr;
    AlertHistoryModel *m_history = nullptr;
    std::optional<alerts::AlertDetail> m_detailData;  // of the selected alert, as last loaded
    QTableView *m_historyView = nullptr;
    QTimer *m_timer = nullptr;
};

}  // namespace cd::ui
