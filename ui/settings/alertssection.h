#pragma once
// Settings › Alerts: the thresholds of the alert rules and where alerts go besides the console —
// e-mail over SMTP and a webhook (QSettings "alerts/", core/alerts/alertsettings.h). The SMTP
// password is not kept here: the station server reads it from the environment variable
// CHARGEDESK_SMTP_PASSWORD. The station server reads these settings when it starts.

#include "core/alerts/alertsettings.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace cd::ui {

class AlertsSection : public QWidget {
    Q_OBJECT
public:
    explicit AlertsSection(QWidget *parent = nullptr);

    // What the form says now (not yet applied).
    alerts::AlertSettings formSettings() const;
    // Saves the form when it is valid; the status line says how it went.
    bool apply();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateState();

    alerts::AlertSettings m_saved;

    QLabel *m_heading = nullptr;
    QSpinBox *m_offline = nullptr;
    QSpinBox *m_heartbeat = nullptr;
    QSpinBox *m_meterJump = nullptr;
    QCheckBox *m_email = nullptr;
    QLineEdit *m_smtpHost = nullptr;
    QSpinBox *m_smtpPort = nullptr;
    QComboBox *m_security = nullptr;
    QLineEdit *m_smtpUser = nullptr;
    QLineEdit *m_from = nullptr;
    QLineEdit *m_to = nullptr;
    QCheckBox *m_webhook = nullptr;
    QLineEdit *m_webhookUrl = nullptr;
    QLabel *m_offlineLabel = nullptr;
    QLabel *m_heartbeatLabel = nullptr;
    QLabel *m_meterJumpLabel = nullptr;
    QLabel *m_smtpHostLabel = nullptr;
    QLabel *m_smtpPortLabel = nullptr;
    QLabel *m_securityLabel = nullptr;
    QLabel *m_smtpUserLabel = nullptr;
    QLabel *m_fromLabel = nullptr;
    QLabel *m_toLabel = nullptr;
    QLabel *m_webhookUrlLabel = nullptr;
    QLabel *m_formError = nullptr;
    QPushButton *m_apply = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_note = nullptr;
};

}  // namespace cd::ui
