#pragma once
// Sends one OCPP command to a station and shows what the station answered. The operator picks
// the action (the ones the station's protocol has), edits its payload, gives a reason (kept in
// the audit log with the command), and the dialog waits for the answer without blocking the
// window.

#include <QDialog>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTimer;

namespace cd::storage {
class QueryRunner;
}
namespace cd::commands {
class CommandNotifications;
}

namespace cd::ui {

class CommandDialog : public QDialog {
    Q_OBJECT
public:
    // `protocol` is the station's subprotocol ("ocpp1.6", "ocpp2.0.1"). `runner` must outlive it.
    CommandDialog(QString chargePointId, const QString &protocol, storage::QueryRunner &runner, QString operatorName,
                  QWidget *parent = nullptr);
    ~CommandDialog() override;

    // Selects `action` and sets its payload (for tests and for shortcuts from the station detail).
    void prepare(const QString &action, const QString &payloadJson);
    void setReason(const QString &reason);
    // Queues the command (after the checks the Send button makes).
    void send();
    // The command's row id once queued.
    std::optional<qint64> commandId() const { return m_commandId; }

signals:
    void finished(const QString &state);

private:
    void loadTemplate(int index);
    void updateSendable();
    void checkResult();
    void showResult(const QString &state, const QString &result);

    QString m_chargePointId;
    storage::QueryRunner &m_runner;
    QString m_operatorName;
    std::optional<qint64> m_commandId;
    bool m_done = false;

    QComboBox *m_action = nullptr;
    QPlainTextEdit *m_payload = nullptr;
    QLineEdit *m_reason = nullptr;
    QLabel *m_problem = nullptr;
    QLabel *m_status = nullptr;
    QPlainTextEdit *m_result = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_send = nullptr;
    commands::CommandNotifications *m_wakeups = nullptr;
    QTimer *m_poll = nullptr;
};

}  // namespace cd::ui
