#include "core/alerts/alertsettings.h"

#include <QHostAddress>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace cd::alerts {

namespace {

int boundedInt(const QSettings &settings, const QString &key, int fallback, int low, int high)
{
    bool ok = false;
    const int value = settings.value(key, fallback).toInt(&ok);
    return ok && value >= low && value <= high ? value : fallback;
}

QString securityName(AlertDeliverySettings::SmtpSecurity security)
{
    switch (security) {
    case AlertDeliverySettings::SmtpSecurity::None:
        return u"none"_s;
    case AlertDeliverySettings::SmtpSecurity::StartTls:
        return u"starttls"_s;
    case AlertDeliverySettings::SmtpSecurity::Tls:
        return u"tls"_s;
    }
    return {};
}

bool isLocal(const QString &host)
{
    return host == u"localhost" || QHostAddress(host).isLoopback();
}

}  // namespace

bool AlertDeliverySettings::webhookUrlAllowed(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return false;
    return url.scheme() == u"https" || (url.scheme() == u"http" && isLocal(url.host()));
}

QString AlertDeliverySettings::validationError() const
{
    if (emailEnabled) {
        if (smtpHost.trimmed().isEmpty())
            return tr("Enter the SMTP server for alert e-mails.");
        if (smtpPort < 1 || smtpPort > 65535)
            return tr("The SMTP port must be between 1 and 65535.");
        if (!mailFrom.contains(u'@'))
            return tr("Enter the sender address for alert e-mails.");
        if (mailTo.isEmpty())
            return tr("Enter at least one recipient for alert e-mails.");
        for (const QString &to : mailTo) {
            if (!to.contains(u'@') || to.contains(u'\r') || to.contains(u'\n'))
                return tr("\"%1\" is not an e-mail address.").arg(to);
        }
        if (smtpSecurity == SmtpSecurity::None && !smtpUser.isEmpty() && !isLocal(smtpHost))
            return tr("Sending the SMTP password unencrypted is only allowed to this computer: choose STARTTLS or TLS.");
    }
    if (webhookEnabled && !webhookUrlAllowed(webhookUrl))
        return tr("The webhook address must start with https:// (plain http:// only to this computer).");
    return {};
}

AlertSettings AlertSettings::load(const QSettings &settings)
{
    AlertSettings s;
    AlertRules &r = s.rules;
    r.evaluateIntervalSeconds = boundedInt(settings, u"alerts/evaluateIntervalSeconds"_s, r.evaluateIntervalSeconds, 1, 3600);
    r.offlineAfterSeconds = boundedInt(settings, u"alerts/offlineAfterSeconds"_s, r.offlineAfterSeconds, 0, 7 * 86400);
    r.heartbeatStaleFactor = boundedInt(settings, u"alerts/heartbeatStaleFactor"_s, r.heartbeatStaleFactor, 1, 100);
    r.chargingWithoutSessionSeconds =
        boundedInt(settings, u"alerts/chargingWithoutSessionSeconds"_s, r.chargingWithoutSessionSeconds, 0, 86400);
    bool ok = false;
    const qint64 jump = settings.value(u"alerts/meterJumpWh"_s, r.meterJumpWh).toLongLong(&ok);
    if (ok && jump >= 1 && jump <= 10'000'000)
        r.meterJumpWh = jump;

    AlertDeliverySettings &d = s.delivery;
    d.emailEnabled = settings.value(u"alerts/emailEnabled"_s, false).toBool();
    d.smtpHost = settings.value(u"alerts/smtpHost"_s).toString().trimmed();
    d.smtpPort = boundedInt(settings, u"alerts/smtpPort"_s, d.smtpPort, 1, 65535);
    const QString security = settings.value(u"alerts/smtpSecurity"_s, u"starttls"_s).toString();
    d.smtpSecurity = security == u"none"  ? AlertDeliverySettings::SmtpSecurity::None
                     : security == u"tls" ? AlertDeliverySettings::SmtpSecurity::Tls
                                          : AlertDeliverySettings::SmtpSecurity::StartTls;
    d.smtpUser = settings.value(u"alerts/smtpUser"_s).toString();
    d.mailFrom = settings.value(u"alerts/mailFrom"_s).toString().trimmed();
    d.mailTo = settings.value(u"alerts/mailTo"_s).toStringList();
    d.webhookEnabled = settings.value(u"alerts/webhookEnabled"_s, false).toBool();
    d.webhookUrl = QUrl(settings.value(u"alerts/webhookUrl"_s).toString().trimmed());
    d.maxAttempts = boundedInt(settings, u"alerts/maxAttempts"_s, d.maxAttempts, 1, 50);
    d.timeoutSeconds = boundedInt(settings, u"alerts/timeoutSeconds"_s, d.timeoutSeconds, 1, 300);
    return s;
}

void AlertSettings::save(QSettings &settings) const
{
    settings.setValue(u"alerts/evaluateIntervalSeconds"_s, rules.evaluateIntervalSeconds);
    settings.setValue(u"alerts/offlineAfterSeconds"_s, rules.offlineAfterSeconds);
    settings.setValue(u"alerts/heartbeatStaleFactor"_s, rules.heartbeatStaleFactor);
    settings.setValue(u"alerts/chargingWithoutSessionSeconds"_s, rules.chargingWithoutSessionSeconds);
    settings.setValue(u"alerts/meterJumpWh"_s, rules.meterJumpWh);
    settings.setValue(u"alerts/emailEnabled"_s, delivery.emailEnabled);
    settings.setValue(u"alerts/smtpHost"_s, delivery.smtpHost);
    settings.setValue(u"alerts/smtpPort"_s, delivery.smtpPort);
    settings.setValue(u"alerts/smtpSecurity"_s, securityName(delivery.smtpSecurity));
    settings.setValue(u"alerts/smtpUser"_s, delivery.smtpUser);
    settings.setValue(u"alerts/mailFrom"_s, delivery.mailFrom);
    settings.setValue(u"alerts/mailTo"_s, delivery.mailTo);
    settings.setValue(u"alerts/webhookEnabled"_s, delivery.webhookEnabled);
    settings.setValue(u"alerts/webhookUrl"_s, delivery.webhookUrl.toString());
    settings.setValue(u"alerts/maxAttempts"_s, delivery.maxAttempts);
    settings.setValue(u"alerts/timeoutSeconds"_s, delivery.timeoutSeconds);
    settings.sync();
}

QString AlertSettings::smtpPasswordEnvironmentVariable()
{
    return u"CHARGEDESK_SMTP_PASSWORD"_s;
}

}  // namespace cd::alerts
