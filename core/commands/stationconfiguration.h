#pragma once
// An OCPP 1.6 station's configuration as its GetConfiguration answer gives it, and what its
// ChangeConfiguration answer means. (2.0.1 stations report a device model instead.)

#include "core/common/expected.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

namespace cd::commands {

struct ConfigurationKey {
    QString key;
    QString value;
    bool valueKnown = false;  // the station may leave a value out
    bool readonly = false;
};

struct StationConfiguration {
    QList<ConfigurationKey> keys;  // sorted by key
    QStringList unknownKeys;       // asked for and not known to the station
};

class ConfigurationText {
    Q_DECLARE_TR_FUNCTIONS(cd::commands::ConfigurationText)
public:
    // A GetConfiguration.conf payload (JSON text, as the command queue stores it).
    static Expected<StationConfiguration> parse(const QString &answer);
    // What a ChangeConfiguration.conf status means for the operator; `ok` when the value was taken.
    static QString changeOutcome(const QString &answer, bool *ok = nullptr);
};

}  // namespace cd::commands
