#pragma once
// Browses the device model an OCPP 2.0.1 station reported (NotifyReport): every component and
// variable with its value, searchable. Loaded on the runner's worker thread; "Ask for a full
// report" hands the operator a GetBaseReport command to send (the station then reports anew).

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace cd::storage {
class QueryRunner;
}

namespace cd::ui {

class DeviceModelTableModel;

class DeviceModelDialog : public QDialog {
    Q_OBJECT
public:
    // `runner` must outlive the dialog.
    DeviceModelDialog(QString chargePointId, storage::QueryRunner &runner, QWidget *parent = nullptr);

    DeviceModelTableModel *model() const { return m_model; }
    QSortFilterProxyModel *filtered() const { return m_proxy; }
    void setSearch(const QString &text);
    // Reads the station's device model again; loaded() follows.
    void reload();

signals:
    void loaded(int variableCount);
    // The operator wants the station to report its whole device model again.
    void fullReportRequested(const QString &chargePointId);

private:
    void updateSummary();

    QString m_chargePointId;
    storage::QueryRunner &m_runner;
    bool m_loaded = false;
    QString m_error;

    QLineEdit *m_search = nullptr;
    QLabel *m_summary = nullptr;
    QTableView *m_table = nullptr;
    QPushButton *m_reload = nullptr;
    QPushButton *m_askReport = nullptr;
    DeviceModelTableModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
};

}  // namespace cd::ui
