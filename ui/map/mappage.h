#pragma once
// Map: where the stations stand and what they are doing, live (read again every few seconds on a
// worker thread while the screen is shown), narrowed by state, vendor and site. Stations hidden
// from the public map are not read at all (they stay in the lists and reports). A click opens the
// station's history. The tile layer follows Settings › Map.

#include "ui/shell/consoleservices.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QPushButton;
class QTimer;

namespace cd::storage {
class QueryRunner;
}

namespace cd::ui {

class MapView;
class PageHeader;
class StationFilterProxy;
class StationHistoryDialog;
class StationTableModel;
struct MapSettings;

class MapPage : public QWidget {
    Q_OBJECT
public:
    explicit MapPage(const ConsoleServices &services, QWidget *parent = nullptr);
    ~MapPage() override;

    MapView *view() const { return m_view; }
    StationTableModel *model() const { return m_model; }
    StationFilterProxy *proxy() const { return m_proxy; }
    // Loads the stations now (also done every few seconds while shown); loaded() follows.
    void refresh();
    void applyTileSettings(const MapSettings &settings);
    // The station's history; owned by this page.
    StationHistoryDialog *openStation(const QString &chargePointId);

signals:
    void loaded(int stationCount);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateChoices();
    void retranslateUi();

    ConsoleServices m_services;
    std::unique_ptr<storage::QueryRunner> m_runner;
    bool m_loading = false;
    bool m_fitted = false;  // the first stations loaded are shown whole, once
    qint64 m_loadedAtMs = 0;

    PageHeader *m_header = nullptr;
    QComboBox *m_show = nullptr;
    QComboBox *m_vendor = nullptr;
    QComboBox *m_site = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_fit = nullptr;
    QList<QLabel *> m_legend;
    MapView *m_view = nullptr;
    StationTableModel *m_model = nullptr;
    StationFilterProxy *m_proxy = nullptr;
    QTimer *m_timer = nullptr;
};

}  // namespace cd::ui
