#include "ui/settings/alertssection.h"

#include "core/common/appsettings.h"
#include "ui/settings/settingsform.h"
#include "ui/widgets/style.h"
#include "ui/widgets/wrappinglabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

using namespace settingsform;
using alerts::AlertDeliverySettings;
using alerts::AlertSettings;

namespace {

QSpinBox *spin(const QString &objectName, int low, int high, QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(objectName);
    box->setRange(low, high);
    box->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    return box;
}

QLineEdit *edit(const QString &objectName, QWidget *parent)
{
    auto *line = new QLineEdit(parent);
    line->setObjectName(objectName);
    line->setMaxLength(300);
    line->setMinimumWidth(260);
    return line;
}

}  // namespace

AlertsSection::AlertsSection(QWidget *parent) : QWidget(parent)
{
    const QSettings stored = appSettings();
    m_saved = AlertSettings::load(stored);

    m_heading = sectionHeading(u"alertsHeading"_s, this);
    QFrame *frame = card(u"alertsGroup"_s, this);

    m_offline = spin(u"alertsOfflineAfter"_s, 0, 7 * 86400, frame);
    m_heartbeat = spin(u"alertsHeartbeatFactor"_s, 1, 100, frame);
    m_meterJump = spin(u"alertsMeterJump"_s, 1, 10'000'000, frame);
    m_meterJump->setSingleStep(1000);
    m_email = new QCheckBox(frame);
    m_email->setObjectName(u"alertsEmail"_s);
    m_smtpHost = edit(u"alertsSmtpHost"_s, frame);
    m_smtpPort = spin(u"alertsSmtpPort"_s, 1, 65535, frame);
    m_security = new QComboBox(frame);
    m_security->setObjectName(u"alertsSmtpSecurity"_s);
    m_security->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_security->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_security->addItem(QString(), int(AlertDeliverySettings::SmtpSecurity::StartTls));
    m_security->addItem(QString(), int(AlertDeliverySettings::SmtpSecurity::Tls));
    m_security->addItem(QString(), int(AlertDeliverySettings::SmtpSecurity::None));
    m_smtpUser = edit(u"alertsSmtpUser"_s, frame);
    m_from = edit(u"alertsMailFrom"_s, frame);
    m_to = edit(u"alertsMailTo"_s, frame);
    m_webhook = new QCheckBox(frame);
    m_webhook->setObjectName(u"alertsWebhook"_s);
    m_webhookUrl = edit(u"alertsWebhookUrl"_s, frame);

    m_formError = valueLabel(u"alertsFormError"_s, frame);
    style::makeError(m_formError);
    m_formError->hide();
    m_apply = new QPushButton(frame);
    m_apply->setObjectName(u"alertsApply"_s);
    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(8);
    buttons->addWidget(m_apply);
    buttons->addStretch(1);
    m_status = new WrappingLabel(frame);
    m_status->setObjectName(u"alertsStatus"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->hide();
    m_note = noteLabel(u"alertsNote"_s, frame);

    QFormLayout *form = cardForm(frame);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_offlineLabel = addRow(form, u"alertsOfflineAfterLabel"_s, m_offline);
    m_heartbeatLabel = addRow(form, u"alertsHeartbeatFactorLabel"_s, m_heartbeat);
    m_meterJumpLabel = addRow(form, u"alertsMeterJumpLabel"_s, m_meterJump);
    form->addRow(QString(), m_email);
    m_smtpHostLabel = addRow(form, u"alertsSmtpHostLabel"_s, m_smtpHost);
    m_smtpPortLabel = addRow(form, u"alertsSmtpPortLabel"_s, m_smtpPort);
    m_securityLabel = addRow(form, u"alertsSmtpSecurityLabel"_s, m_security);
    m_smtpUserLabel = addRow(form, u"alertsSmtpUserLabel"_s, m_smtpUser);
    m_fromLabel = addRow(form, u"alertsMailFromLabel"_s, m_from);
    m_toLabel = addRow(form, u"alertsMailToLabel"_s, m_to);
    form->addRow(QString(), m_webhook);
    m_webhookUrlLabel = addRow(form, u"alertsWebhookUrlLabel"_s, m_webhookUrl);
    form->addRow(QString(), m_formError);
    form->addRow(buttons);
    form->addRow(m_status);
    form->addRow(m_note);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(section(m_heading, frame));

    const AlertSettings &s = m_saved;
    m_offline->setValue(s.rules.offlineAfterSeconds);
    m_heartbeat->setValue(s.rules.heartbeatStaleFactor);
    m_meterJump->setValue(int(s.rules.meterJumpWh));
    m_email->setChecked(s.delivery.emailEnabled);
    m_smtpHost->setText(s.delivery.smtpHost);
    m_smtpPort->setValue(s.delivery.smtpPort);
    m_security->setCurrentIndex(m_security->findData(int(s.delivery.smtpSecurity)));
    m_smtpUser->setText(s.delivery.smtpUser);
    m_from->setText(s.delivery.mailFrom);
    m_to->setText(s.delivery.mailTo.join(u", "_s));
    m_webhook->setChecked(s.delivery.webhookEnabled);
    m_webhookUrl->setText(s.delivery.webhookUrl.toString());

    for (QLineEdit *line : {m_smtpHost, m_smtpUser, m_from, m_to, m_webhookUrl})
        connect(line, &QLineEdit::textChanged, this, &AlertsSection::updateState);
    for (QCheckBox *box : {m_email, m_webhook})
        connect(box, &QCheckBox::toggled, this, &AlertsSection::updateState);
    connect(m_apply, &QPushButton::clicked, this, &AlertsSection::apply);
    retranslateUi();
}

AlertSettings AlertsSection::formSettings() const
{
    AlertSettings s = m_saved;
    s.rules.offlineAfterSeconds = m_offline->value();
    s.rules.heartbeatStaleFactor = m_heartbeat->value();
    s.rules.meterJumpWh = m_meterJump->value();
    s.delivery.emailEnabled = m_email->isChecked();
    s.delivery.smtpHost = m_smtpHost->text().trimmed();
    s.delivery.smtpPort = m_smtpPort->value();
    s.delivery.smtpSecurity = static_cast<AlertDeliverySettings::SmtpSecurity>(m_security->currentData().toInt());
    s.delivery.smtpUser = m_smtpUser->text().trimmed();
    s.delivery.mailFrom = m_from->text().trimmed();
    QStringList to;
    for (const QString &address : m_to->text().split(u',', Qt::SkipEmptyParts)) {
        if (!address.trimmed().isEmpty())
            to << address.trimmed();
    }
    s.delivery.mailTo = to;
    s.delivery.webhookEnabled = m_webhook->isChecked();
    s.delivery.webhookUrl = QUrl(m_webhookUrl->text().trimmed());
    return s;
}

bool AlertsSection::apply()
{
    const AlertSettings s = formSettings();
    if (const QString problem = s.delivery.validationError(); !problem.isEmpty()) {
        m_status->setText(problem);
        m_status->show();
        return false;
    }
    QSettings stored = appSettings();
    s.save(stored);
    m_saved = s;
    m_status->setText(tr("Saved. The station server uses them from its next start."));
    m_status->show();
    updateState();
    return true;
}

void AlertsSection::updateState()
{
    const bool email = m_email->isChecked();
    for (QWidget *w : std::initializer_list<QWidget *>{m_smtpHost, m_smtpPort, m_security, m_smtpUser, m_from, m_to})
        w->setEnabled(email);
    m_webhookUrl->setEnabled(m_webhook->isChecked());
    const QString problem = formSettings().delivery.validationError();
    m_formError->setText(problem);
    m_formError->setVisible(!problem.isEmpty());
    m_apply->setEnabled(problem.isEmpty());
}

void AlertsSection::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void AlertsSection::retranslateUi()
{
    m_heading->setText(tr("Alerts"));
    m_offlineLabel->setText(tr("Station offline after:"));
    m_offline->setSuffix(tr(" s"));
    m_heartbeatLabel->setText(tr("Heartbeat overdue after:"));
    //: a multiplier: the heartbeat is overdue after N times its interval
    m_heartbeat->setSuffix(tr(" × interval"));
    m_meterJumpLabel->setText(tr("Meter jump above:"));
    m_meterJump->setSuffix(tr(" Wh"));
    m_email->setText(tr("Send alerts by e-mail"));
    m_smtpHostLabel->setText(tr("SMTP server:"));
    m_smtpPortLabel->setText(tr("Port:"));
    m_securityLabel->setText(tr("Encryption:"));
    m_security->setItemText(0, tr("STARTTLS"));
    m_security->setItemText(1, tr("TLS"));
    m_security->setItemText(2, tr("None (this computer only)"));
    m_smtpUserLabel->setText(tr("User name:"));
    m_smtpUser->setPlaceholderText(tr("empty: no login"));
    m_fromLabel->setText(tr("From:"));
    m_toLabel->setText(tr("To:"));
    m_to->setPlaceholderText(tr("addresses, separated by commas"));
    m_webhook->setText(tr("Post alerts to a webhook"));
    m_webhookUrlLabel->setText(tr("Webhook address:"));
    m_webhookUrl->setPlaceholderText(u"https://"_s);
    m_apply->setText(tr("Apply"));
    m_note->setText(tr("The station server checks the rules every few seconds; each alert is sent once per channel "
                       "and tried again later when sending fails. The SMTP password is not kept here: the station "
                       "server reads it from the environment variable %1. Changes apply when the station server "
                       "starts again.")
                        .arg(AlertSettings::smtpPasswordEnvironmentVariable()));
    updateState();
}

}  // namespace cd::ui
