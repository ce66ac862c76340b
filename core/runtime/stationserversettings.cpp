#include "core/runtime/stationserversettings.h"

#include <QSettings>

namespace cd::runtime {

namespace {
const QString kEnabled = QStringLiteral("stationServer/enabled");
const QString kListen = QStringLiteral("stationServer/listen");
const QString kSecurityProfile = QStringLiteral("stationServer/securityProfile");
const QString kAcceptUnknown = QStringLiteral("stationServer/acceptUnknownStations");
}  // namespace

StationServerSettings StationServerSettings::load(const QSettings &settings)
{
    StationServerSettings s;
    s.enabled = settings.value(kEnabled, s.enabled).toBool();
    s.listen = settings.value(kListen, s.listen).toString().trimmed();
    // Unknown stored values fall back to the safe default (Basic auth), never to "none".
    s.securityProfile = settings.value(kSecurityProfile, 1).toInt() == 0 ? server::SecurityProfile::None
                                                                         : server::SecurityProfile::BasicAuth;
    s.acceptUnknownStations = settings.value(kAcceptUnknown, s.acceptUnknownStations).toBool();
    return s;
}

void StationServerSettings::save(QSettings &settings) const
{
    settings.setValue(kEnabled, enabled);
    settings.setValue(kListen, listen.trimmed());
    settings.setValue(kSecurityProfile, static_cast<int>(securityProfile));
    settings.setValue(kAcceptUnknown, acceptUnknownStations);
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
    options.charging.acceptUnknownStations = acceptUnknownStations;
    options.commands.nodeName = RuntimeOptions::defaultNodeName(options.port);
    return options;
}

}  // namespace cd::runtime
