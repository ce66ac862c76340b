#pragma once
// Settings › Payments: which gateway takes the holds (manual / cash at the desk, or a card gateway
// over HTTP in the shape of Stripe), the gateway's address and its secret key. The key goes to the
// OS keychain, never to the settings file; "Test connection" asks the gateway asynchronously.

#include "core/payments/paymentsettings.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace cd::payments {
class PaymentGateway;
class SecretStore;
}  // namespace cd::payments

namespace cd::ui {

class PaymentsSection : public QWidget {
    Q_OBJECT
public:
    // `secrets` may be null: the OS keychain is used (owned by the section). Not owned otherwise.
    explicit PaymentsSection(payments::SecretStore *secrets = nullptr, QWidget *parent = nullptr);
    ~PaymentsSection() override;

    // What the form says now (not yet applied).
    payments::PaymentSettings formSettings() const;
    // Saves the form; a key typed in goes to the keychain first (asynchronously).
    void apply();
    // Asks the gateway in the form (with the key typed in, or the one in the keychain).
    void testConnection();

Q_SIGNALS:
    // An apply or a test finished (the status line says how).
    void finished();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateState();
    void saveSettings(payments::PaymentSettings settings);
    void runTest(const QString &secretKey);
    void showStatus(const QString &text, bool problem);

    payments::SecretStore *m_secrets;
    std::unique_ptr<payments::SecretStore> m_ownSecrets;
    std::unique_ptr<payments::PaymentGateway> m_testGateway;
    payments::PaymentSettings m_saved;

    QLabel *m_heading = nullptr;
    QLabel *m_gatewayLabel = nullptr;
    QComboBox *m_gateway = nullptr;
    QLabel *m_urlLabel = nullptr;
    QLineEdit *m_url = nullptr;
    QLabel *m_keyLabel = nullptr;
    QLineEdit *m_key = nullptr;
    QLabel *m_formError = nullptr;
    QFormLayout *m_form = nullptr;
    QPushButton *m_apply = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_note = nullptr;
    bool m_busy = false;
};

}  // namespace cd::ui
