#pragma once
// Dashboard: the network at a glance — stations online, offline, faulted and charging now;
// sessions, energy and amount today (the operator's day, from local midnight); anomaly bills
// waiting, alerts not yet resolved. Refreshed every few seconds on a worker thread. Each number is a button that opens
// the list behind it (figureOpened); the main window does the navigation.

#include "core/storage/dashboardrepository.h"
#include "ui/shell/consoleservices.h"

#include <QWidget>

#include <array>
#include <memory>

class QLabel;
class QTimer;

namespace cd::storage {
class QueryRunner;
}

namespace cd::ui {

class DashboardTile;
class PageHeader;

class DashboardPage : public QWidget {
    Q_OBJECT
public:
    enum class Figure {
        Online,
        Offline,
        Faulted,
        Charging,
        SessionsToday,
        EnergyToday,
        RevenueToday,
        AnomalyBills,
        OpenAlerts,
    };
    static constexpr int kFigureCount = 9;

    explicit DashboardPage(const ConsoleServices &services, QWidget *parent = nullptr);
    ~DashboardPage() override;

    // Reads the figures now (also done every few seconds); loaded() follows.
    void refresh();
    const storage::DashboardFigures &figures() const { return m_figures; }
    DashboardTile *tile(Figure figure) const { return m_tiles.at(static_cast<size_t>(figure)); }

signals:
    void loaded();
    void figureOpened(cd::ui::DashboardPage::Figure figure);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    std::unique_ptr<storage::QueryRunner> m_runner;
    bool m_loading = false;
    qint64 m_loadedAtMs = 0;
    storage::DashboardFigures m_figures;

    PageHeader *m_header = nullptr;
    QLabel *m_stationsTitle = nullptr;
    QLabel *m_todayTitle = nullptr;
    QLabel *m_waitingTitle = nullptr;
    QLabel *m_updated = nullptr;
    std::array<DashboardTile *, kFigureCount> m_tiles{};
    QTimer *m_timer = nullptr;
};

}  // namespace cd::ui
