#include "core/runtime/stationserversettings.h"

#include <QSettings>

namespace cd::runtime {

namespace {
const QString kEnabled = QStringLiteral("stationServer/enabled");
const QString kListen = QStringLiteral("stationServer/listen");
const QString kSecurityProfile = QStringLiteral("stationServer/securityProfile");
const QString kAcceptUnknown = QStringLiteral("stationServer/acceptUnknownStations");
const QString kTlsCertificate = QStringLiteral("stationServer/tlsCertificate");
const QString kTlsPrivateKey = QStringLiteral("stationServer/tlsPrivateKey");
const QString kTlsCaCertificates = QStringLiteral("stationServer/tlsCaCertificates");
}  // namespace

StationServerSettings StationServerSettings::load(const QSettings &settings)
{
    StationServerSettings s;
    s.enabled = settings.value(kEnabled, s.enabled).toBool();
    s.listen = settings.value(kListen, s.listen).toString().trimmed();
    // Unknown stored values fall back to the safe default (Basic auth), never to "none".
    bool ok = false;
    const int profile = settings.value(kSecurityProfile, 1).toInt(&ok);
    s.securityProfile =
        server::securityProfileFromNumber(ok ? profile : -1).value_or(server::SecurityProfile::BasicAuth);
    s.tls.certificate = settings.value(kTlsCertificate).toString().trimmed();
    s.tls.privateKey = settings.value(kTlsPrivateKey).toString().trimmed();
    s.tls.caCertificates = settings.value(kTlsCaCertificates).toString().trimmed();
    s.acceptUnknownStations = settings.value(kAcceptUnknown, s.acceptUnknownStations).toBool();
    return s;
}

void StationServerSettings::save(QSettings &settings) const
{
    settings.setValue(kEnabled, enabled);
    settings.setValue(kListen, listen.trimmed());
    settings.setValue(kSecurityProfile, static_cast<int>(securityProfile));
    settings.setValue(kAcceptUnknown, acceptUnknownStations);
    settings.setValue(kTlsCertificate, tls.certificate.trimmed());
    settings.setValue(kTlsPrivateKey, tls.privateKey.trimmed());
    settings.setValue(kTlsCaCertificates, tls.caCertificates.trimmed());
    settings.sync();
}

Expected<RuntimeOptions> StationServerSettings::toRuntimeOptions() const
{
    auto address = RuntimeCommandLine::parseListen(listen.trimmed());
    if (!address)
        return address.error();
    RuntimeOptions options;
    options.address = address->first;
    options.port = address->second;
    options.server.securityProfile = securityProfile;
    options.server.tls = tls;
    options.charging.acceptUnknownStations = acceptUnknownStations;
    options.commands.nodeName = RuntimeOptions::defaultNodeName(options.port);
    return options;
}

}  // namespace cd::runtime
