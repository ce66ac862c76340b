// Settings › Payments (ui/settings/paymentssection): the secret key goes to the keychain (a test
// double for it), never into the settings file; "Test connection" asks the gateway asynchronously
// with the key typed in or the one kept, and says clearly what happened.

#include "stripetestserver.h"

#include "core/common/appsettings.h"
#include "core/payments/secretstore.h"
#include "ui/settings/paymentssection.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace cd;
using cd::payments::PaymentSettings;
using cd::test::StripeTestServer;

namespace {

// The OS keychain's test double (CI machines have none).
class MemorySecretStore final : public payments::SecretStore {
public:
    void read(const QString &name, ReadDone done) override
    {
        QMetaObject::invokeMethod(this, [this, name, done] { done(secrets.value(name)); }, Qt::QueuedConnection);
    }
    void write(const QString &name, const QString &secret, WriteDone done) override
    {
        QMetaObject::invokeMethod(
            this,
            [this, name, secret, done] {
                if (locked) {
                    done(Error{ExitCode::Failure, QStringLiteral("keychain locked")});
                    return;
                }
                secrets.insert(name, secret);
                done(Status());
            },
            Qt::QueuedConnection);
    }
    void remove(const QString &name, WriteDone done) override
    {
        secrets.remove(name);
        QMetaObject::invokeMethod(this, [done] { done(Status()); }, Qt::QueuedConnection);
    }
    QHash<QString, QString> secrets;
    bool locked = false;
};

}  // namespace

class TestPaymentsSection : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QSettings s = appSettings();
        s.clear();
        s.sync();
    }
    void manualIsTheDefault();
    void keyGoesToTheKeychainNotTheSettings();
    void lockedKeychainKeepsNothing();
    void testConnection();
    void plainHttpElsewhereIsRefused();
};

void TestPaymentsSection::manualIsTheDefault()
{
    MemorySecretStore secrets;
    ui::PaymentsSection section(&secrets);
    QCOMPARE(section.formSettings().gateway, PaymentSettings::Gateway::Manual);
    section.show();
    QVERIFY(!section.findChild<QLineEdit *>(QStringLiteral("paymentsSecretKey"))->isVisible());
    QSignalSpy finished(&section, &ui::PaymentsSection::finished);
    section.findChild<QPushButton *>(QStringLiteral("paymentsTest"))->click();
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(section.findChild<QLabel *>(QStringLiteral("paymentsStatus"))->text(),
             QStringLiteral("The manual gateway needs no connection: the operator takes the money at the desk."));
}

void TestPaymentsSection::keyGoesToTheKeychainNotTheSettings()
{
    MemorySecretStore secrets;
    {
        ui::PaymentsSection section(&secrets);
        section.show();
        auto *gateway = section.findChild<QComboBox *>(QStringLiteral("paymentsGateway"));
        gateway->setCurrentIndex(gateway->findData(int(PaymentSettings::Gateway::Http)));
        auto *url = section.findChild<QLineEdit *>(QStringLiteral("paymentsBaseUrl"));
        url->setText(QStringLiteral("https://pay.example.com"));
        auto *key = section.findChild<QLineEdit *>(QStringLiteral("paymentsSecretKey"));
        QVERIFY(key->isVisible());
        QCOMPARE(key->echoMode(), QLineEdit::Password);
        key->setText(QStringLiteral("sk_live_secret_1234"));
        auto *apply = section.findChild<QPushButton *>(QStringLiteral("paymentsApply"));
        QVERIFY(apply->isEnabled());
        QSignalSpy finished(&section, &ui::PaymentsSection::finished);
        apply->click();
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(secrets.secrets.value(QStringLiteral("payment-gateway:https://pay.example.com")),
                 QStringLiteral("sk_live_secret_1234"));
        QVERIFY(key->text().isEmpty());
        QCOMPARE(key->placeholderText(), QStringLiteral("Kept in the OS keychain; type to replace it"));
        QVERIFY(!apply->isEnabled());
    }
    const PaymentSettings saved = PaymentSettings::load(appSettings());
    QCOMPARE(saved.gateway, PaymentSettings::Gateway::Http);
    QCOMPARE(saved.baseUrl, QUrl(QStringLiteral("https://pay.example.com")));
    QCOMPARE(saved.keyStoredFor, saved.baseUrl);
    // The key itself is nowhere in the settings file.
    QFile file(appSettings().fileName());
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    QVERIFY(!file.readAll().contains("sk_live_secret_1234"));
}

void TestPaymentsSection::lockedKeychainKeepsNothing()
{
    MemorySecretStore secrets;
    secrets.locked = true;
    ui::PaymentsSection section(&secrets);
    auto *gateway = section.findChild<QComboBox *>(QStringLiteral("paymentsGateway"));
    gateway->setCurrentIndex(gateway->findData(int(PaymentSettings::Gateway::Http)));
    section.findChild<QLineEdit *>(QStringLiteral("paymentsSecretKey"))->setText(QStringLiteral("sk_test_x"));
    QSignalSpy finished(&section, &ui::PaymentsSection::finished);
    section.apply();
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(section.findChild<QLabel *>(QStringLiteral("paymentsStatus"))->text(), QStringLiteral("keychain locked"));
    QCOMPARE(PaymentSettings::load(appSettings()).gateway, PaymentSettings::Gateway::Manual);  // nothing saved
    QVERIFY(secrets.secrets.isEmpty());
}

void TestPaymentsSection::testConnection()
{
    StripeTestServer server;
    QVERIFY(server.listen());
    MemorySecretStore secrets;
    ui::PaymentsSection section(&secrets);
    auto *gateway = section.findChild<QComboBox *>(QStringLiteral("paymentsGateway"));
    gateway->setCurrentIndex(gateway->findData(int(PaymentSettings::Gateway::Http)));
    section.findChild<QLineEdit *>(QStringLiteral("paymentsBaseUrl"))->setText(server.baseUrl().toString());
    auto *status = section.findChild<QLabel *>(QStringLiteral("paymentsStatus"));
    QSignalSpy finished(&section, &ui::PaymentsSection::finished);

    // No key typed, none kept.
    section.testConnection();
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(status->text(), QStringLiteral("No key for this address in the OS keychain: type the secret key first."));
    QVERIFY(server.requests().isEmpty());

    // The kept key is used.
    secrets.secrets.insert(PaymentSettings::secretName(server.baseUrl()), QString::fromLatin1(StripeTestServer::kGoodKey));
    section.testConnection();
    QCOMPARE(status->text(), QStringLiteral("Asking the gateway…"));  // asynchronous: the answer comes later
    QVERIFY(!section.findChild<QPushButton *>(QStringLiteral("paymentsTest"))->isEnabled());
    QTRY_COMPARE(finished.size(), 2);
    QCOMPARE(status->text(), QStringLiteral("Connected: 127.0.0.1 accepted the key."));
    QCOMPARE(server.requests().last().header("authorization"), QByteArray("Bearer sk_test_chargedesk"));
    QVERIFY(section.findChild<QPushButton *>(QStringLiteral("paymentsTest"))->isEnabled());

    // A key typed in wins, and a wrong one is named as the problem.
    section.findChild<QLineEdit *>(QStringLiteral("paymentsSecretKey"))->setText(QStringLiteral("sk_test_wrong"));
    section.testConnection();
    QTRY_COMPARE(finished.size(), 3);
    QVERIFY2(status->text().startsWith(QStringLiteral("The payment gateway refused the secret key (HTTP 401)")),
             qPrintable(status->text()));
}

void TestPaymentsSection::plainHttpElsewhereIsRefused()
{
    MemorySecretStore secrets;
    ui::PaymentsSection section(&secrets);
    section.show();
    auto *gateway = section.findChild<QComboBox *>(QStringLiteral("paymentsGateway"));
    gateway->setCurrentIndex(gateway->findData(int(PaymentSettings::Gateway::Http)));
    section.findChild<QLineEdit *>(QStringLiteral("paymentsBaseUrl"))->setText(QStringLiteral("http://pay.example.com"));
    auto *error = section.findChild<QLabel *>(QStringLiteral("paymentsFormError"));
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), QStringLiteral("The address must start with https:// (plain http:// only to this computer)."));
    QVERIFY(!section.findChild<QPushButton *>(QStringLiteral("paymentsApply"))->isEnabled());
    QVERIFY(!section.findChild<QPushButton *>(QStringLiteral("paymentsTest"))->isEnabled());
}

int main(int argc, char **argv)
{
    // Settings of this test only, never the operator's.
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toLocal8Bit());
    QApplication app(argc, argv);
    TestPaymentsSection test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_payments_section.moc"
