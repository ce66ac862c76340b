#include "ui/settings/stationserversection.h"

#include "core/runtime/stationservercontrol.h"
#include "ui/settings/settingsform.h"
#include "ui/widgets/style.h"
#include "ui/settings/stationserverstatus.h"
#include "ui/widgets/wrappinglabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

using namespace settingsform;

namespace {

}  // namespace

StationServerSection::StationServerSection(runtime::StationServerControl &control, QWidget *parent)
    : QWidget(parent), m_control(control)
{
    m_heading = sectionHeading(u"stationServerHeading"_s, this);
    QFrame *frame = card(u"stationServerGroup"_s, this);

    m_status = new WrappingLabel(frame);  // an address and a count: may need two lines
    m_status->setObjectName(u"stationServerStatus"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_demoNotice = noteLabel(u"stationServerDemoNotice"_s, frame);
    m_demoNotice->setVisible(m_control.demoMode());

    m_enabled = new QCheckBox(frame);
    m_enabled->setObjectName(u"stationServerEnabled"_s);

    m_listen = new QLineEdit(frame);
    m_listen->setObjectName(u"stationServerListen"_s);
    m_listen->setMaxLength(64);
    m_listen->setMinimumWidth(200);
    m_listen->setMaximumWidth(260);
    m_listenError = valueLabel(u"stationServerListenError"_s, frame);
    style::makeError(m_listenError);
    m_listenError->hide();

    m_profile = new QComboBox(frame);
    m_profile->setObjectName(u"stationServerSecurityProfile"_s);
    m_profile->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_profile->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    for (const server::SecurityProfile profile :
         {server::SecurityProfile::None, server::SecurityProfile::BasicAuth, server::SecurityProfile::TlsBasicAuth,
          server::SecurityProfile::TlsClientCertificate})
        m_profile->addItem(QString(), int(profile));
    QWidget *certificateField = fileField(m_certificate, m_certificateBrowse, u"stationServerTlsCertificate"_s);
    QWidget *keyField = fileField(m_key, m_keyBrowse, u"stationServerTlsKey"_s);
    QWidget *caField = fileField(m_ca, m_caBrowse, u"stationServerTlsCa"_s);

    m_acceptUnknown = new QCheckBox(frame);
    m_acceptUnknown->setObjectName(u"stationServerAcceptUnknown"_s);

    m_apply = new QPushButton(frame);
    m_apply->setObjectName(u"stationServerApply"_s);
    m_applyError = new WrappingLabel(frame);
    m_applyError->setObjectName(u"stationServerApplyError"_s);
    m_applyError->setTextFormat(Qt::PlainText);
    style::makeError(m_applyError);
    m_applyError->hide();
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_apply);
    buttons->addStretch(1);

    m_note = noteLabel(u"stationServerNote"_s, frame);

    QFormLayout *form = cardForm(frame);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);  // the status may wrap
    m_statusLabel = addRow(form, u"stationServerStatusLabel"_s, m_status);
    form->addRow(m_demoNotice);
    form->addRow(m_enabled);
    m_listenLabel = addRow(form, u"stationServerListenLabel"_s, m_listen);
    m_profileLabel = addRow(form, u"stationServerSecurityProfileLabel"_s, m_profile);
    m_certificateLabel = addRow(form, u"stationServerTlsCertificateLabel"_s, certificateField);
    m_keyLabel = addRow(form, u"stationServerTlsKeyLabel"_s, keyField);
    m_caLabel = addRow(form, u"stationServerTlsCaLabel"_s, caField);
    form->addRow(QString(), m_listenError);  // what keeps the form from being applied
    m_form = form;
    form->addRow(m_acceptUnknown);
    form->addRow(buttons);
    form->addRow(m_applyError);
    form->addRow(m_note);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(section(m_heading, frame));

    loadForm(m_control.settings());

    connect(m_enabled, &QCheckBox::toggled, this, &StationServerSection::updateState);
    connect(m_listen, &QLineEdit::textChanged, this, &StationServerSection::updateState);
    connect(m_profile, &QComboBox::currentIndexChanged, this, &StationServerSection::updateState);
    connect(m_acceptUnknown, &QCheckBox::toggled, this, &StationServerSection::updateState);
    for (QLineEdit *line : {m_certificate, m_key, m_ca})
        connect(line, &QLineEdit::textChanged, this, &StationServerSection::updateState);
    connect(m_certificateBrowse, &QPushButton::clicked, this, [this] { browse(m_certificate, m_certificateLabel->text()); });
    connect(m_keyBrowse, &QPushButton::clicked, this, [this] { browse(m_key, m_keyLabel->text()); });
    connect(m_caBrowse, &QPushButton::clicked, this, [this] { browse(m_ca, m_caLabel->text()); });
    connect(m_apply, &QPushButton::clicked, this, [this] { apply(); });
    connect(&m_control.server(), &runtime::EmbeddedServer::stateChanged, this, &StationServerSection::updateStatus);
    connect(&m_control.server(), &runtime::EmbeddedServer::statsChanged, this, &StationServerSection::updateStatus);

    retranslateUi();
}

runtime::StationServerSettings StationServerSection::formSettings() const
{
    runtime::StationServerSettings settings;
    settings.enabled = m_enabled->isChecked();
    settings.listen = m_listen->text().trimmed();
    settings.securityProfile = static_cast<server::SecurityProfile>(m_profile->currentData().toInt());
    settings.acceptUnknownStations = m_acceptUnknown->isChecked();
    if (server::usesTls(settings.securityProfile)) {
        settings.tls.certificate = m_certificate->text().trimmed();
        settings.tls.privateKey = m_key->text().trimmed();
        if (settings.securityProfile == server::SecurityProfile::TlsClientCertificate)
            settings.tls.caCertificates = m_ca->text().trimmed();
    }
    return settings;
}

void StationServerSection::loadForm(const runtime::StationServerSettings &settings)
{
    m_enabled->setChecked(settings.enabled);
    m_listen->setText(settings.listen);
    m_profile->setCurrentIndex(m_profile->findData(int(settings.securityProfile)));
    m_acceptUnknown->setChecked(settings.acceptUnknownStations);
    m_certificate->setText(settings.tls.certificate);
    m_key->setText(settings.tls.privateKey);
    m_ca->setText(settings.tls.caCertificates);
    updateState();
}

QWidget *StationServerSection::fileField(QLineEdit *&line, QPushButton *&browse, const QString &objectName)
{
    auto *field = new QWidget(this);
    auto *row = new QHBoxLayout(field);
    row->setContentsMargins(0, 0, 0, 0);
    line = new QLineEdit(field);
    line->setObjectName(objectName);
    line->setMinimumWidth(260);
    browse = new QPushButton(field);
    browse->setObjectName(objectName + u"Browse"_s);
    row->addWidget(line, 1);
    row->addWidget(browse);
    return field;
}

void StationServerSection::browse(QLineEdit *line, const QString &title)
{
    const QString file = QFileDialog::getOpenFileName(this, title, line->text(), tr("PEM files (*.pem *.crt *.key);;All files (*)"));
    if (!file.isEmpty())
        line->setText(file);
}

void StationServerSection::apply(bool confirmed)
{
    const runtime::StationServerSettings settings = formSettings();
    if (!confirmed && m_control.server().stats().connectedNow > 0 && !confirmRestart())
        return;
    const Status applied = m_control.apply(settings);
    m_applyError->setVisible(!applied);
    if (!applied)
        m_applyError->setText(applied.error().message);
    updateState();
    updateStatus();
}

bool StationServerSection::confirmRestart()
{
    const int connected = int(m_control.server().stats().connectedNow);
    QMessageBox box(QMessageBox::Question, tr("Restart the station server?"),
                    tr("%n station(s) are connected now. They are disconnected and connect again "
                       "by themselves; sessions in progress continue on the stations.",
                       nullptr, connected),
                    QMessageBox::Cancel, this);
    QPushButton *restart = box.addButton(tr("Restart"), QMessageBox::AcceptRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == restart;
}

void StationServerSection::updateState()
{
    const runtime::StationServerSettings settings = formSettings();
    const QString error = runtime::StationServerControl::validationError(settings);
    m_listenError->setText(error);
    m_listenError->setVisible(!error.isEmpty());
    const bool on = settings.enabled;
    m_listen->setEnabled(on);
    m_profile->setEnabled(on && !m_control.demoMode());
    m_acceptUnknown->setEnabled(on && !m_control.demoMode());
    const bool tls = server::usesTls(settings.securityProfile);
    m_form->setRowVisible(m_certificateLabel, tls);
    m_form->setRowVisible(m_keyLabel, tls);
    m_form->setRowVisible(m_caLabel, settings.securityProfile == server::SecurityProfile::TlsClientCertificate);
    m_apply->setEnabled(error.isEmpty() && settings != m_control.settings());
}

void StationServerSection::updateStatus()
{
    m_status->setText(StationServerStatus::detailText(m_control));
    QPalette palette = m_status->parentWidget()->palette();
    m_status->setPalette(palette);
    if (StationServerStatus::isProblem(m_control))
        style::makeError(m_status);
}

void StationServerSection::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void StationServerSection::retranslateUi()
{
    m_heading->setText(tr("Station server"));
    m_statusLabel->setText(tr("Status:"));
    m_demoNotice->setText(tr("Demo mode: simulated stations are connected, unknown stations are admitted "
                             "and no station passwords are asked for, whatever is set below."));
    m_enabled->setText(tr("Run the station server in this console"));
    m_listenLabel->setText(tr("Address and port:"));
    m_listen->setPlaceholderText(u"127.0.0.1:9000"_s);
    m_profileLabel->setText(tr("Security profile:"));
    m_profile->setItemText(0, tr("0 — no credentials (lab only)"));
    m_profile->setItemText(1, tr("1 — HTTP Basic auth with each station's password"));
    m_profile->setItemText(2, tr("2 — TLS (wss://) and each station's password"));
    m_profile->setItemText(3, tr("3 — TLS (wss://) with station certificates"));
    m_certificateLabel->setText(tr("Server certificate:"));
    m_keyLabel->setText(tr("Private key:"));
    m_caLabel->setText(tr("Stations' CA certificate:"));
    for (QPushButton *button : {m_certificateBrowse, m_keyBrowse, m_caBrowse})
        button->setText(tr("Browse…"));
    m_acceptUnknown->setText(tr("Register unknown stations when they connect (lab only)"));
    m_apply->setText(tr("Apply and restart"));
    m_note->setText(tr("Stations connect to ws://ADDRESS:PORT/ocpp/<station id> (wss:// with profiles 2 and 3). "
                       "Use 0.0.0.0 to accept stations from the network. With a shared PostgreSQL database, run "
                       "chargedesk-server on the server machine instead and switch this off in every console."));
    updateState();
    updateStatus();
}

}  // namespace cd::ui
