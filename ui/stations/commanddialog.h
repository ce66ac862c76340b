#pragma once
// Sends one OCPP command to a station and shows what the station answered. The operator picks
// the action (the ones the station's protocol has), fills its form (built from the command's
// schema; the JSON tab shows and edits the same payload), gives a reason (kept in the audit log
// with the command), and the dialog waits for the answer without blocking the window. A firmware
// update or a diagnostics / log upload the station accepted then shows its progress from the
// station's status notifications until it is done or failed.

#include "core/access/actor.h"
#include "core/common/expected.h"
#include "core/ocpp/protocolversion.h"

#include <QDialog>

#include <nlohmann/json.hpp>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTimer;

namespace cd::storage {
class QueryRunner;
}
namespace cd::commands {
class CommandCall;
}

namespace cd::ui {

class CommandForm;

class CommandDialog : public QDialog {
    Q_OBJECT
public:
    // `protocol` is the station's subprotocol ("ocpp1.6", "ocpp2.0.1"). `runner` must outlive it.
    CommandDialog(QString chargePointId, const QString &protocol, storage::QueryRunner &runner, access::Actor actor,
                  QWidget *parent = nullptr);
    ~CommandDialog() override;

    // Selects `action` and sets its payload (for tests and for shortcuts from the station detail).
    void prepare(const QString &action, const QString &payloadJson);
    void setReason(const QString &reason);
    // Queues the command (after the checks the Send button makes).
    void send();
    // The command's row id once queued.
    std::optional<qint64> commandId() const { return m_commandId; }

    CommandForm *form() const { return m_form; }

signals:
    void finished(const QString &state);
    // A progress report of the accepted firmware update or upload was shown.
    void progressShown(const QString &status);

private:
    void loadTemplate(int index);
    void updateSendable();
    void showResult(const QString &state, const QString &result);
    // The payload of the tab shown (form or JSON).
    Expected<nlohmann::json> currentPayload() const;
    void syncTabs(int shownTab);
    void watchProgress();
    void checkProgress();

    QString m_chargePointId;
    storage::QueryRunner &m_runner;
    access::Actor m_actor;
    std::optional<qint64> m_commandId;

    ocpp::ProtocolVersion m_version = ocpp::ProtocolVersion::Ocpp16;
    qint64 m_sentMs = 0;
    QComboBox *m_action = nullptr;
    QTabWidget *m_tabs = nullptr;
    CommandForm *m_form = nullptr;
    QPlainTextEdit *m_payload = nullptr;
    QLabel *m_progressText = nullptr;
    QProgressBar *m_progress = nullptr;
    QTimer *m_progressPoll = nullptr;
    QLineEdit *m_reason = nullptr;
    QLabel *m_problem = nullptr;
    QLabel *m_status = nullptr;
    QPlainTextEdit *m_result = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_send = nullptr;
    commands::CommandCall *m_call = nullptr;
};

}  // namespace cd::ui
