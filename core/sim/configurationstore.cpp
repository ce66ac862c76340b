#include "core/sim/configurationstore.h"

namespace cd::sim {

namespace {

using Type = ConfigEntry::Type;

bool isValid(Type type, const QString &value)
{
    switch (type) {
    case Type::Integer: {
        bool ok = false;
        const qlonglong n = value.toLongLong(&ok);
        return ok && n >= 0 && n <= 0x7fffffff;
    }
    case Type::Boolean:
        return value.compare(QStringLiteral("true"), Qt::CaseInsensitive) == 0
            || value.compare(QStringLiteral("false"), Qt::CaseInsensitive) == 0;
    case Type::Text:
    case Type::List:
        return value.size() <= 500;
    }
    return false;
}

QString boolText(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

}  // namespace

ConfigurationStore ConfigurationStore::standard(int connectorCount, int heartbeatIntervalS, int meterSampleIntervalS)
{
    using namespace configkey;
    ConfigurationStore store;
    const auto rw = [&store](const QString &key, Type type, QString value) {
        store.define(ConfigEntry{key, std::move(value), type, false, false});
    };
    const auto ro = [&store](const QString &key, Type type, QString value) {
        store.define(ConfigEntry{key, std::move(value), type, true, false});
    };
    rw(AuthorizeRemoteTxRequests, Type::Boolean, boolText(false));
    rw(QStringLiteral("ClockAlignedDataInterval"), Type::Integer, QStringLiteral("0"));
    rw(QStringLiteral("ConnectionTimeOut"), Type::Integer, QStringLiteral("60"));
    rw(QStringLiteral("ConnectorPhaseRotation"), Type::List, QStringLiteral("0.RST"));
    ro(GetConfigurationMaxKeys, Type::Integer, QStringLiteral("100"));
    rw(HeartbeatInterval, Type::Integer, QString::number(heartbeatIntervalS));
    rw(QStringLiteral("LocalAuthorizeOffline"), Type::Boolean, boolText(true));
    rw(QStringLiteral("LocalPreAuthorize"), Type::Boolean, boolText(false));
    rw(QStringLiteral("MeterValuesAlignedData"), Type::List, QStringLiteral("Energy.Active.Import.Register"));
    rw(MeterValuesSampledData, Type::List,
       QStringLiteral("Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage,SoC"));
    rw(MeterValueSampleInterval, Type::Integer, QString::number(meterSampleIntervalS));
    ro(NumberOfConnectors, Type::Integer, QString::number(connectorCount));
    rw(QStringLiteral("ResetRetries"), Type::Integer, QStringLiteral("3"));
    rw(QStringLiteral("StopTransactionOnEVSideDisconnect"), Type::Boolean, boolText(true));
    rw(StopTransactionOnInvalidId, Type::Boolean, boolText(true));
    rw(QStringLiteral("StopTxnAlignedData"), Type::List, QString());
    rw(QStringLiteral("StopTxnSampledData"), Type::List, QStringLiteral("Energy.Active.Import.Register"));
    ro(QStringLiteral("SupportedFeatureProfiles"), Type::List,
       QStringLiteral("Core,FirmwareManagement,LocalAuthListManagement,Reservation,SmartCharging,RemoteTrigger"));
    rw(TransactionMessageAttempts, Type::Integer, QStringLiteral("3"));
    rw(TransactionMessageRetryInterval, Type::Integer, QStringLiteral("60"));
    rw(QStringLiteral("UnlockConnectorOnEVSideDisconnect"), Type::Boolean, boolText(true));
    rw(QStringLiteral("WebSocketPingInterval"), Type::Integer, QStringLiteral("0"));
    rw(AuthorizationCacheEnabled, Type::Boolean, boolText(true));
    rw(QStringLiteral("AllowOfflineTxForUnknownId"), Type::Boolean, boolText(false));
    rw(LocalAuthListEnabled, Type::Boolean, boolText(true));
    ro(LocalAuthListMaxLength, Type::Integer, QStringLiteral("1000"));
    ro(SendLocalListMaxLength, Type::Integer, QStringLiteral("100"));
    ro(QStringLiteral("ReserveConnectorZeroSupported"), Type::Boolean, boolText(false));
    ro(QStringLiteral("ChargeProfileMaxStackLevel"), Type::Integer, QStringLiteral("8"));
    ro(QStringLiteral("ChargingScheduleAllowedChargingRateUnit"), Type::List, QStringLiteral("Current,Power"));
    ro(QStringLiteral("ChargingScheduleMaxPeriods"), Type::Integer, QStringLiteral("24"));
    ro(QStringLiteral("MaxChargingProfilesInstalled"), Type::Integer, QStringLiteral("10"));
    return store;
}

void ConfigurationStore::define(ConfigEntry entry)
{
    const qsizetype i = indexOf(entry.key);
    if (i >= 0)
        m_entries[i] = std::move(entry);
    else
        m_entries.append(std::move(entry));
}

void ConfigurationStore::setValue(const QString &key, const QString &value)
{
    const qsizetype i = indexOf(key);
    if (i >= 0)
        m_entries[i].value = value;
}

std::optional<ConfigEntry> ConfigurationStore::entry(const QString &key) const
{
    const qsizetype i = indexOf(key);
    if (i < 0)
        return std::nullopt;
    return m_entries.at(i);
}

ConfigChangeResult ConfigurationStore::change(const QString &key, const QString &value)
{
    const qsizetype i = indexOf(key);
    if (i < 0)
        return ConfigChangeResult::NotSupported;
    ConfigEntry &e = m_entries[i];
    if (e.readOnly || !isValid(e.type, value))
        return ConfigChangeResult::Rejected;
    e.value = e.type == Type::Boolean ? value.toLower() : value;
    return e.rebootRequired ? ConfigChangeResult::RebootRequired : ConfigChangeResult::Accepted;
}

QString ConfigurationStore::value(const QString &key, const QString &fallback) const
{
    const qsizetype i = indexOf(key);
    return i < 0 ? fallback : m_entries.at(i).value;
}

int ConfigurationStore::intValue(const QString &key, int fallback) const
{
    bool ok = false;
    const int n = value(key).toInt(&ok);
    return ok ? n : fallback;
}

bool ConfigurationStore::boolValue(const QString &key, bool fallback) const
{
    const QString v = value(key);
    if (v.compare(QStringLiteral("true"), Qt::CaseInsensitive) == 0)
        return true;
    if (v.compare(QStringLiteral("false"), Qt::CaseInsensitive) == 0)
        return false;
    return fallback;
}

QStringList ConfigurationStore::listValue(const QString &key) const
{
    QStringList items;
    const QStringList parts = value(key).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const QString item = part.trimmed();
        if (!item.isEmpty())
            items.append(item);
    }
    return items;
}

qsizetype ConfigurationStore::indexOf(const QString &key) const
{
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).key == key)
            return i;
    }
    return -1;
}

}  // namespace cd::sim
