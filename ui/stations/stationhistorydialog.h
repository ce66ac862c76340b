#pragma once
// A station's history: every connector state it reported, filterable by connector and by fault
// (all states, faults only, or one error code), and when it connected and disconnected, with the
// reason. Loaded on the runner's worker thread; Reload reads it again.

#include "core/storage/stationeventrepository.h"

#include <QDialog>
#include <QList>

class QComboBox;
class QLabel;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace cd::storage {
class QueryRunner;
struct ConnectorStatusEntry;
}

namespace cd::ui {

class ConnectorHistoryModel;

class StationHistoryDialog : public QDialog {
    Q_OBJECT
public:
    // `runner` must outlive the dialog.
    StationHistoryDialog(QString chargePointId, storage::QueryRunner &runner, QWidget *parent = nullptr);
    ~StationHistoryDialog() override;

    ConnectorHistoryModel *states() const { return m_states; }
    QStandardItemModel *connections() const { return m_connections; }
    // Connector filter (nullopt: all) and fault filter: "" all states, "*" faults only, or an
    // error code.
    void setFilter(std::optional<int> connectorId, const QString &fault);
    void reload();

signals:
    void loaded(int stateCount, int connectionEventCount);

private:
    void applyFilter();
    void fillFilters();
    void showConnections(const QList<storage::StationEvent> &events);

    QString m_chargePointId;
    storage::QueryRunner &m_runner;
    QList<storage::ConnectorStatusEntry> m_all;

    QComboBox *m_connector = nullptr;
    QComboBox *m_fault = nullptr;
    QLabel *m_summary = nullptr;
    QTableView *m_stateTable = nullptr;
    QTableView *m_connectionTable = nullptr;
    QPushButton *m_reload = nullptr;
    ConnectorHistoryModel *m_states = nullptr;
    QStandardItemModel *m_connections = nullptr;
};

}  // namespace cd::ui
