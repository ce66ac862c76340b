#pragma once
// How the alert monitor judges (AlertRules) and where alerts go besides the console
// (AlertDeliverySettings: e-mail over SMTP, a webhook). QSettings under "alerts/". The SMTP
// password is not here: the headless server reads it from the environment variable
// CHARGEDESK_SMTP_PASSWORD (smtpPasswordEnvironmentVariable()).

#include <QCoreApplication>
#include <QStringList>
#include <QUrl>

class QSettings;

namespace cd::alerts {

struct AlertRules {
    int evaluateIntervalSeconds = 5;
    // A disconnected station is an alert after this long (a reboot or a short network drop is not).
    int offlineAfterSeconds = 120;
    // A connected station whose last heartbeat is older than factor × its heartbeat interval.
    int heartbeatStaleFactor = 3;
    // A connector that reports Charging without an open session for this long (theft).
    int chargingWithoutSessionSeconds = 60;
    // The energy register rising more than this between two readings is a jump (gdss_case#7).
    qint64 meterJumpWh = 20000;

    friend bool operator==(const AlertRules &, const AlertRules &) = default;
};

struct AlertDeliverySettings {
    Q_DECLARE_TR_FUNCTIONS(cd::alerts::AlertDeliverySettings)
public:
    enum class SmtpSecurity { None, StartTls, Tls };

    bool emailEnabled = false;
    QString smtpHost;
    int smtpPort = 587;
    SmtpSecurity smtpSecurity = SmtpSecurity::StartTls;
    QString smtpUser;  // empty: no AUTH
    QString mailFrom;
    QStringList mailTo;

    bool webhookEnabled = false;
    QUrl webhookUrl;

    int maxAttempts = 5;
    int timeoutSeconds = 30;

    // Empty when usable; else what is wrong, for the operator.
    QString validationError() const;
    static bool webhookUrlAllowed(const QUrl &url);

    friend bool operator==(const AlertDeliverySettings &, const AlertDeliverySettings &) = default;
};

struct AlertSettings {
    AlertRules rules;
    AlertDeliverySettings delivery;

    static AlertSettings load(const QSettings &settings);
    void save(QSettings &settings) const;

    static QString smtpPasswordEnvironmentVariable();

    friend bool operator==(const AlertSettings &, const AlertSettings &) = default;
};

}  // namespace cd::alerts
