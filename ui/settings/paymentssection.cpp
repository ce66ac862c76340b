#include "ui/settings/paymentssection.h"

#include "core/common/appsettings.h"
#include "core/payments/httpgateway.h"
#include "core/payments/secretstore.h"
#include "ui/settings/settingsform.h"
#include "ui/widgets/style.h"
#include "ui/widgets/wrappinglabel.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

using namespace settingsform;
using payments::PaymentSettings;

namespace {

void setProblemColour(QLabel *label, bool problem)
{
    label->setPalette(label->parentWidget()->palette());
    if (problem)
        style::makeError(label);
}

}  // namespace

PaymentsSection::PaymentsSection(payments::SecretStore *secrets, QWidget *parent)
    : QWidget(parent), m_secrets(secrets)
{
    if (!m_secrets) {
        m_ownSecrets = std::make_unique<payments::KeychainSecretStore>();
        m_secrets = m_ownSecrets.get();
    }
    QSettings stored = appSettings();
    m_saved = PaymentSettings::load(stored);

    m_heading = sectionHeading(u"paymentsHeading"_s, this);
    QFrame *frame = card(u"paymentsGroup"_s, this);

    m_gateway = new QComboBox(frame);
    m_gateway->setObjectName(u"paymentsGateway"_s);
    m_gateway->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_gateway->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_gateway->addItem(QString(), int(PaymentSettings::Gateway::Manual));
    m_gateway->addItem(QString(), int(PaymentSettings::Gateway::Http));

    m_url = new QLineEdit(frame);
    m_url->setObjectName(u"paymentsBaseUrl"_s);
    m_url->setMaxLength(300);
    m_url->setMinimumWidth(260);

    m_key = new QLineEdit(frame);
    m_key->setObjectName(u"paymentsSecretKey"_s);
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setMaxLength(512);
    m_key->setMinimumWidth(260);

    m_formError = valueLabel(u"paymentsFormError"_s, frame);
    setProblemColour(m_formError, true);
    m_formError->hide();

    m_apply = new QPushButton(frame);
    m_apply->setObjectName(u"paymentsApply"_s);
    m_test = new QPushButton(frame);
    m_test->setObjectName(u"paymentsTest"_s);
    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(8);  // inside a form whose two spacings differ, a nested layout gets none
    buttons->addWidget(m_apply);
    buttons->addWidget(m_test);
    buttons->addStretch(1);

    m_status = new WrappingLabel(frame);
    m_status->setObjectName(u"paymentsStatus"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->hide();
    m_note = noteLabel(u"paymentsNote"_s, frame);

    QFormLayout *form = cardForm(frame);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_gatewayLabel = addRow(form, u"paymentsGatewayLabel"_s, m_gateway);
    m_urlLabel = addRow(form, u"paymentsBaseUrlLabel"_s, m_url);
    m_keyLabel = addRow(form, u"paymentsSecretKeyLabel"_s, m_key);
    form->addRow(QString(), m_formError);
    form->addRow(buttons);
    form->addRow(m_status);
    form->addRow(m_note);
    m_form = form;

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(section(m_heading, frame));

    m_gateway->setCurrentIndex(m_gateway->findData(int(m_saved.gateway)));
    m_url->setText(m_saved.baseUrl.toString());

    connect(m_gateway, &QComboBox::currentIndexChanged, this, &PaymentsSection::updateState);
    connect(m_url, &QLineEdit::textChanged, this, &PaymentsSection::updateState);
    connect(m_key, &QLineEdit::textChanged, this, &PaymentsSection::updateState);
    connect(m_apply, &QPushButton::clicked, this, &PaymentsSection::apply);
    connect(m_test, &QPushButton::clicked, this, &PaymentsSection::testConnection);

    retranslateUi();
}

PaymentsSection::~PaymentsSection() = default;

PaymentSettings PaymentsSection::formSettings() const
{
    PaymentSettings s = m_saved;
    s.gateway = static_cast<PaymentSettings::Gateway>(m_gateway->currentData().toInt());
    s.baseUrl = QUrl(m_url->text().trimmed());
    return s;
}

void PaymentsSection::updateState()
{
    const PaymentSettings s = formSettings();
    const bool http = s.gateway == PaymentSettings::Gateway::Http;
    m_form->setRowVisible(m_urlLabel, http);
    m_form->setRowVisible(m_keyLabel, http);
    const QString error = s.validationError();
    m_formError->setText(error);
    m_form->setRowVisible(m_formError, !error.isEmpty());
    m_formError->setVisible(!error.isEmpty());
    const bool keyStored = http && s.baseUrl.isValid() && s.keyStoredFor == s.baseUrl;
    m_key->setPlaceholderText(keyStored ? tr("Kept in the OS keychain; type to replace it") : tr("sk_live_… or sk_test_…"));
    m_apply->setEnabled(!m_busy && error.isEmpty() && (s != m_saved || !m_key->text().isEmpty()));
    m_test->setEnabled(!m_busy && error.isEmpty());
}

void PaymentsSection::showStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    setProblemColour(m_status, problem);
}

void PaymentsSection::apply()
{
    PaymentSettings s = formSettings();
    if (!s.validationError().isEmpty())
        return;
    const QString key = m_key->text().trimmed();
    if (s.gateway != PaymentSettings::Gateway::Http || key.isEmpty()) {
        saveSettings(s);
        showStatus(tr("Saved."), false);
        emit finished();
        return;
    }
    // The key first: only when the keychain has it do the settings say so.
    m_busy = true;
    updateState();
    showStatus(tr("Putting the key in the OS keychain…"), false);
    QPointer<PaymentsSection> self(this);
    m_secrets->write(PaymentSettings::secretName(s.baseUrl), key, [self, s](const Status &status) mutable {
        if (!self)
            return;
        self->m_busy = false;
        if (!status) {
            self->showStatus(status.error().message, true);
            self->updateState();
            emit self->finished();
            return;
        }
        s.keyStoredFor = s.baseUrl;
        self->m_key->clear();
        self->saveSettings(s);
        self->showStatus(tr("Saved. The key is in the OS keychain."), false);
        emit self->finished();
    });
}

void PaymentsSection::saveSettings(PaymentSettings settings)
{
    QSettings stored = appSettings();
    settings.save(stored);
    m_saved = settings;
    updateState();
}

void PaymentsSection::testConnection()
{
    const PaymentSettings s = formSettings();
    if (!s.validationError().isEmpty())
        return;
    if (s.gateway == PaymentSettings::Gateway::Manual) {
        showStatus(tr("The manual gateway needs no connection: the operator takes the money at the desk."), false);
        emit finished();
        return;
    }
    m_busy = true;
    updateState();
    showStatus(tr("Asking the gateway…"), false);
    const QString typed = m_key->text().trimmed();
    if (!typed.isEmpty()) {
        runTest(typed);
        return;
    }
    QPointer<PaymentsSection> self(this);
    m_secrets->read(PaymentSettings::secretName(s.baseUrl), [self](const Expected<QString> &secret) {
        if (!self)
            return;
        if (!secret) {
            self->m_busy = false;
            self->showStatus(secret.error().message, true);
            self->updateState();
            emit self->finished();
            return;
        }
        if (secret->isEmpty()) {
            self->m_busy = false;
            self->showStatus(tr("No key for this address in the OS keychain: type the secret key first."), true);
            self->updateState();
            emit self->finished();
            return;
        }
        self->runTest(*secret);
    });
}

void PaymentsSection::runTest(const QString &secretKey)
{
    const PaymentSettings s = formSettings();
    m_testGateway = std::make_unique<payments::HttpGateway>(s.httpConfig(secretKey));
    const QString host = s.baseUrl.host();
    m_testGateway->checkConnection([this, host](const payments::GatewayResult &r) {
        m_busy = false;
        if (r.done())
            showStatus(tr("Connected: %1 accepted the key.").arg(host), false);
        else
            showStatus(r.error, true);
        updateState();
        emit finished();
    });
}

void PaymentsSection::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void PaymentsSection::retranslateUi()
{
    m_heading->setText(tr("Payments"));
    m_gatewayLabel->setText(tr("Payment gateway:"));
    m_gateway->setItemText(0, tr("Manual — cash or a terminal at the desk"));
    m_gateway->setItemText(1, tr("Card gateway over HTTP (Stripe-compatible)"));
    m_urlLabel->setText(tr("Gateway address:"));
    m_url->setPlaceholderText(u"https://api.stripe.com"_s);
    m_keyLabel->setText(tr("Secret key:"));
    m_apply->setText(tr("Apply"));
    m_test->setText(tr("Test connection"));
    m_note->setText(tr("Holds reserve money on the customer's card before charging; finishing a session captures "
                       "part of the hold and releases the rest. The secret key is kept in the operating system's "
                       "keychain, never in a file. A change applies to holds made after it; a hold is always "
                       "finished with the gateway that made it."));
    updateState();
}

}  // namespace cd::ui
