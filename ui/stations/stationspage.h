#pragma once
// Stations: every station with its live state (refreshed every few seconds on a worker thread),
// searchable, narrowed to online / offline / faulted / charging ones, and sortable; the selected station's connectors; and a command to the selected
// station through the command service, with the station's answer shown in the console.

#include "ui/shell/consoleservices.h"
#include "ui/stations/stationfilterproxy.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace cd::storage {
class QueryRunner;
}

namespace cd::ui {

class PageHeader;
class StationTableModel;

class StationsPage : public QWidget {
    Q_OBJECT
public:
    explicit StationsPage(const ConsoleServices &services, QWidget *parent = nullptr);
    ~StationsPage() override;

    StationTableModel *model() const { return m_model; }
    // Loads the list now (also done every few seconds); loaded() follows.
    void refresh();
    // Narrows the list to one group (the dashboard's numbers open it this way); clears the search.
    void showStations(StationFilterProxy::Show show);
    StationFilterProxy::Show shownStations() const;
    // Selects the station's row (for tests and for links from other screens).
    bool selectStation(const QString &chargePointId);
    // Opens the command dialog for the selected station; returns it (owned by this page).
    class CommandDialog *openCommandDialog();
    // Opens the device model of the selected station (OCPP 2.0.1 only); owned by this page.
    class DeviceModelDialog *openDeviceModelDialog();
    // The selected 1.6 station's configuration (read from the station); nullptr otherwise.
    class ConfigurationDialog *openConfigurationDialog();
    // Opens the selected station's connector state and connection history; owned by this page.
    class StationHistoryDialog *openHistoryDialog();
    // Opens the start latency comparison of every station; owned by this page.
    class StartLatencyDialog *openStartLatencyDialog();
    // The selected station's site and place on the map (Permission::StationsEdit); owned by this page.
    class PlacementDialog *openPlacementDialog();

signals:
    void loaded(int stationCount);

protected:
    void changeEvent(QEvent *event) override;

private:
    QString selectedStation() const;
    void updateSelectionDetail();
    void retranslateUi();

    ConsoleServices m_services;
    std::unique_ptr<storage::QueryRunner> m_runner;
    bool m_loading = false;
    qint64 m_loadedAtMs = 0;

    PageHeader *m_header = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_show = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_command = nullptr;
    QPushButton *m_deviceModel = nullptr;
    QPushButton *m_configuration = nullptr;
    QPushButton *m_history = nullptr;
    QPushButton *m_place = nullptr;
    QPushButton *m_latency = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_empty = nullptr;
    QLabel *m_detail = nullptr;
    StationTableModel *m_model = nullptr;
    StationFilterProxy *m_proxy = nullptr;
    QTimer *m_timer = nullptr;
};

}  // namespace cd::ui
