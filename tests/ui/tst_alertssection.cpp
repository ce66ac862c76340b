// Settings › Alerts (ui/settings/alertssection): the form shows the saved settings, refuses what
// AlertDeliverySettings refuses (Apply stays disabled, the reason shows), and Apply saves what the
// form says to QSettings "alerts/".

#include "core/alerts/alertsettings.h"
#include "core/common/appsettings.h"
#include "ui/settings/alertssection.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using cd::alerts::AlertDeliverySettings;
using cd::alerts::AlertSettings;

class TestAlertsSection : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings s = cd::appSettings();
        s.clear();
    }
    void cleanupTestCase()
    {
        QSettings s = cd::appSettings();
        s.clear();
    }

    void formSavesWhatItSays()
    {
        cd::ui::AlertsSection section;
        section.show();
        QCOMPARE(section.formSettings(), AlertSettings{});
        auto *apply = section.findChild<QPushButton *>(u"alertsApply"_s);
        auto *email = section.findChild<QCheckBox *>(u"alertsEmail"_s);
        auto *host = section.findChild<QLineEdit *>(u"alertsSmtpHost"_s);
        auto *from = section.findChild<QLineEdit *>(u"alertsMailFrom"_s);
        auto *to = section.findChild<QLineEdit *>(u"alertsMailTo"_s);
        auto *webhook = section.findChild<QCheckBox *>(u"alertsWebhook"_s);
        auto *url = section.findChild<QLineEdit *>(u"alertsWebhookUrl"_s);
        auto *offline = section.findChild<QSpinBox *>(u"alertsOfflineAfter"_s);
        auto *error = section.findChild<QLabel *>(u"alertsFormError"_s);
        QVERIFY(apply && email && host && from && to && webhook && url && offline && error);
        QVERIFY(apply->isEnabled());
        QVERIFY(!host->isEnabled());

        // E-mail without a server: refused, and said why.
        email->setChecked(true);
        QVERIFY(host->isEnabled());
        QVERIFY(!apply->isEnabled());
        QVERIFY(error->isVisible() && !error->text().isEmpty());
        host->setText(u"smtp.example.com"_s);
        from->setText(u"chargedesk@example.com"_s);
        to->setText(u"ops@example.com,  site@example.com"_s);
        QVERIFY(apply->isEnabled());
        QVERIFY(!error->isVisible());
        webhook->setChecked(true);
        url->setText(u"http://hooks.example.com/x"_s);  // plain http to another host
        QVERIFY(!apply->isEnabled());
        url->setText(u"https://hooks.example.com/x"_s);
        offline->setValue(300);
        QVERIFY(apply->isEnabled());
        QVERIFY(section.apply());

        const AlertSettings saved = AlertSettings::load(cd::appSettings());
        QCOMPARE(saved, section.formSettings());
        QCOMPARE(saved.rules.offlineAfterSeconds, 300);
        QVERIFY(saved.delivery.emailEnabled);
        QCOMPARE(saved.delivery.smtpSecurity, AlertDeliverySettings::SmtpSecurity::StartTls);
        QCOMPARE(saved.delivery.mailTo, QStringList({u"ops@example.com"_s, u"site@example.com"_s}));
        QCOMPARE(saved.delivery.webhookUrl, QUrl(u"https://hooks.example.com/x"_s));

        // A new form shows what was saved.
        cd::ui::AlertsSection again;
        QCOMPARE(again.formSettings(), saved);
    }
};

QTEST_MAIN(TestAlertsSection)
#include "tst_alertssection.moc"
