#pragma once
// Operations: charging sessions in five lists (Last 100, Today — created since local midnight —, Open, OLD & OPEN — open longer than a
// configurable age —, Suspicious), one search box (number, station, user, phone, card), the
// transaction card and, in two tabs, the session log and the chart (power, energy, current,
// voltage, SoC over time) of the selected session. Lists and the selected session's log and chart
// refresh every few seconds on a worker thread; the selection and the chart's zoom survive.

#include "core/charging/suspicioussessions.h"
#include "core/common/expected.h"
#include "core/sessions/sessionaction.h"
#include "ui/shell/consoleservices.h"

#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QSpinBox;
class QTabBar;
class QTabWidget;
class QTableView;
class QTimer;

namespace cd::storage {
class QueryRunner;
}

namespace cd::ui {

class PageHeader;
class SessionChart;
class SessionCard;
class SessionLogModel;
class SessionTableModel;

class OperationsPage : public QWidget {
    Q_OBJECT
public:
    enum Tab { Last100, Today, Open, OldOpen, Suspicious, TabCount };

    explicit OperationsPage(const ConsoleServices &services, QWidget *parent = nullptr);
    ~OperationsPage() override;

    SessionTableModel *model() const { return m_model; }
    SessionLogModel *logModel() const { return m_log; }
    SessionChart *chart() const { return m_chart; }
    Tab currentTab() const;
    void setCurrentTab(Tab tab);
    // Loads the current list now (also done every few seconds); loaded() follows.
    void refresh();
    // Selects the session's row; its card and log load (detailLoaded() follows).
    bool selectSession(qint64 sessionId);
    qint64 selectedSession() const;
    // Opens the dialog of `kind` for the selected session (the card's Actions menu does the same).
    void openAction(cd::sessions::ActionKind kind);

signals:
    void loaded(int sessionCount);
    void detailLoaded(qint64 sessionId);

protected:
    void changeEvent(QEvent *event) override;

private:
    // What a list shows: the tab, the search, OLD & OPEN's age and the local day's start.
    struct ListQuery {
        Tab tab = Last100;
        QString search;
        qint64 oldAfterMs = 0;
        qint64 todayStartMs = 0;
        bool operator==(const ListQuery &other) const;  // the day's start aside
    };
    static Expected<QList<charging::SuspiciousSession>> loadList(const std::shared_ptr<storage::Database> &db,
                                                                 const ListQuery &q, int offset, int limit);
    ListQuery listQuery() const;
    void loadMore(qint64 offset);  // the rows loaded (SessionTableModel::moreRequested)
    void loadDetail();
    void updateSummary();
    void retranslateUi();

    ConsoleServices m_services;
    std::unique_ptr<storage::QueryRunner> m_runner;
    std::optional<ListQuery> m_shown;  // what the model holds
    bool m_loading = false;
    bool m_reloadPending = false;
    bool m_detailLoading = false;
    qint64 m_loadedAtMs = 0;

    PageHeader *m_header = nullptr;
    QTabBar *m_tabs = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_ageLabel = nullptr;
    QSpinBox *m_age = nullptr;
    QLabel *m_summary = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_empty = nullptr;
    SessionCard *m_card = nullptr;
    QLabel *m_logTitle = nullptr;
    QTableView *m_logView = nullptr;
    QTabWidget *m_detailTabs = nullptr;  // the session log and the chart
    SessionChart *m_chart = nullptr;
    SessionTableModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    SessionLogModel *m_log = nullptr;
    QTimer *m_timer = nullptr;
    QTimer *m_searchDelay = nullptr;
};

}  // namespace cd::ui
