#pragma once
// The station's configuration keys (OCPP 1.6 names): a small typed key/value store behind
// GetConfiguration / ChangeConfiguration. Known keys carry a type and a read-only flag; a
// change is validated against the type.

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace cd::sim {

enum class ConfigChangeResult {
    Accepted,
    Rejected,        // read-only, or the value does not fit the key's type
    RebootRequired,
    NotSupported,    // unknown key
};

struct ConfigEntry {
    enum class Type {
        Integer,   // non-negative decimal integer
        Boolean,   // "true" / "false"
        Text,
        List,      // comma-separated list
    };
    QString key;
    QString value;
    Type type = Type::Text;
    bool readOnly = false;
    bool rebootRequired = false;  // a change takes effect after a reboot
};

namespace configkey {
inline const QString HeartbeatInterval = QStringLiteral("HeartbeatInterval");
inline const QString MeterValueSampleInterval = QStringLiteral("MeterValueSampleInterval");
inline const QString MeterValuesSampledData = QStringLiteral("MeterValuesSampledData");
inline const QString NumberOfConnectors = QStringLiteral("NumberOfConnectors");
inline const QString AuthorizeRemoteTxRequests = QStringLiteral("AuthorizeRemoteTxRequests");
inline const QString LocalAuthorizeOffline = QStringLiteral("LocalAuthorizeOffline");
inline const QString AuthorizationCacheEnabled = QStringLiteral("AuthorizationCacheEnabled");
inline const QString LocalAuthListEnabled = QStringLiteral("LocalAuthListEnabled");
inline const QString StopTransactionOnInvalidId = QStringLiteral("StopTransactionOnInvalidId");
inline const QString TransactionMessageAttempts = QStringLiteral("TransactionMessageAttempts");
inline const QString TransactionMessageRetryInterval = QStringLiteral("TransactionMessageRetryInterval");
inline const QString GetConfigurationMaxKeys = QStringLiteral("GetConfigurationMaxKeys");
inline const QString SendLocalListMaxLength = QStringLiteral("SendLocalListMaxLength");
inline const QString LocalAuthListMaxLength = QStringLiteral("LocalAuthListMaxLength");
}  // namespace configkey

class ConfigurationStore {
public:
    // The OCPP 1.6 Core, Local Auth List, Reservation and Smart Charging keys a station of this
    // kind would expose, with typical defaults.
    static ConfigurationStore standard(int connectorCount, int heartbeatIntervalS, int meterSampleIntervalS);

    // Adds or replaces a key (the station's own set-up; no validation).
    void define(ConfigEntry entry);
    // Sets a value from inside the station (e.g. the interval from BootNotification); ignores
    // read-only and unknown keys' absence (adds nothing).
    void setValue(const QString &key, const QString &value);

    std::optional<ConfigEntry> entry(const QString &key) const;
    const QList<ConfigEntry> &entries() const { return m_entries; }

    // What ChangeConfiguration does: validates and stores.
    ConfigChangeResult change(const QString &key, const QString &value);

    QString value(const QString &key, const QString &fallback = {}) const;
    int intValue(const QString &key, int fallback) const;
    bool boolValue(const QString &key, bool fallback) const;
    QStringList listValue(const QString &key) const;

private:
    qsizetype indexOf(const QString &key) const;
    QList<ConfigEntry> m_entries;
};

}  // namespace cd::sim
