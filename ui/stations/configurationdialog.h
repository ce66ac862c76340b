#pragma once
// An OCPP 1.6 station's configuration: read from the station itself (GetConfiguration, through
// the command service, audited), listed and searchable; a key the station lets change gets a new
// value with a reason (ChangeConfiguration), and the list is read again when the station took it.

#include "core/access/actor.h"
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

class ConfigurationModel;

class ConfigurationDialog : public QDialog {
    Q_OBJECT
public:
    // `runner` must outlive the dialog.
    ConfigurationDialog(QString chargePointId, storage::QueryRunner &runner, access::Actor actor,
                        QWidget *parent = nullptr);

    ConfigurationModel *model() const { return m_model; }
    // Asks the station for its configuration again; loaded() follows.
    void reload();
    // Selects `key` (for tests and shortcuts).
    bool selectKey(const QString &key);
    // Sends the value and reason typed for the selected key; changed() follows.
    void changeSelected();

signals:
    void loaded(int keyCount);
    void changed(bool accepted, const QString &message);

private:
    QString selectedKey() const;
    void updateEditor();
    void showMessage(const QString &text, bool error);

    QString m_chargePointId;
    storage::QueryRunner &m_runner;
    access::Actor m_actor;
    bool m_reading = false;
    bool m_changing = false;

    QLineEdit *m_search = nullptr;
    QLabel *m_summary = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_keyLabel = nullptr;
    QLineEdit *m_value = nullptr;
    QLineEdit *m_reason = nullptr;
    QPushButton *m_change = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_reload = nullptr;
    ConfigurationModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
};

}  // namespace cd::ui
