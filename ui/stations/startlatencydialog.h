#pragma once
// Start latency: how long stations take from the start of a session to charging, compared by
// vendor / model / firmware and per station, over a chosen period (zpd_case#20). Loaded on the
// runner's worker thread.

#include <QDialog>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace cd::storage {
class QueryRunner;
}

namespace cd::ui {

class StartLatencyModel;

class StartLatencyDialog : public QDialog {
    Q_OBJECT
public:
    // `runner` must outlive the dialog.
    explicit StartLatencyDialog(storage::QueryRunner &runner, QWidget *parent = nullptr);
    ~StartLatencyDialog() override;

    StartLatencyModel *models() const { return m_models; }
    StartLatencyModel *stations() const { return m_stations; }
    // The period: the last `days` days up to now.
    void setPeriodDays(int days);
    void reload();

signals:
    void loaded(int modelCount, int stationCount);

private:
    storage::QueryRunner &m_runner;
    QComboBox *m_period = nullptr;
    QLabel *m_summary = nullptr;
    QTableView *m_modelTable = nullptr;
    QTableView *m_stationTable = nullptr;
    QPushButton *m_reload = nullptr;
    StartLatencyModel *m_models = nullptr;
    StartLatencyModel *m_stations = nullptr;
};

}  // namespace cd::ui
