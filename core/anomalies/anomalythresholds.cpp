#include "core/anomalies/anomalythresholds.h"

#include <QSettings>

#include <limits>

using namespace Qt::StringLiterals;

namespace cd::anomalies {

namespace {

constexpr qint64 kSecondMs = 1000;
constexpr qint64 kMinuteMs = 60 * kSecondMs;

// One setting: its key under anomalies/, the field, and the unit the key is written in (ms per unit).
struct Key {
    QStringView name;
    qint64 AnomalyThresholds::*field;
    qint64 unitMs;  // 1 for plain numbers (Wh, W)
};

constexpr Key kKeys[] = {
    {u"maxSessionMinutes", &AnomalyThresholds::maxSessionMs, kMinuteMs},
    {u"clockAheadToleranceMinutes", &AnomalyThresholds::clockAheadToleranceMs, kMinuteMs},
    {u"clockBehindToleranceMinutes", &AnomalyThresholds::clockBehindToleranceMs, kMinuteMs},
    {u"maxPowerW", &AnomalyThresholds::maxPowerW, 1},
    {u"maxEnergyWh", &AnomalyThresholds::maxEnergyWh, 1},
    {u"energySlackWh", &AnomalyThresholds::energySlackWh, 1},
    {u"jumpMinWh", &AnomalyThresholds::jumpMinWh, 1},
    {u"maxChargingMinutes", &AnomalyThresholds::maxChargingMs, kMinuteMs},
    {u"maxIdleMinutes", &AnomalyThresholds::maxIdleMs, kMinuteMs},
    {u"failedStartChargingSeconds", &AnomalyThresholds::failedStartChargingMs, kSecondMs},
    {u"failedStartIdleMinutes", &AnomalyThresholds::failedStartIdleMs, kMinuteMs},
    {u"energyToleranceWh", &AnomalyThresholds::energyToleranceWh, 1},
    {u"durationToleranceMinutes", &AnomalyThresholds::durationToleranceMs, kMinuteMs},
    {u"abandonedAfterMinutes", &AnomalyThresholds::abandonedAfterMs, kMinuteMs},
};

QString keyOf(QStringView name)
{
    return u"anomalies/"_s + name.toString();
}

}  // namespace

AnomalyThresholds AnomalyThresholds::load(const QSettings &settings)
{
    AnomalyThresholds t;
    for (const Key &k : kKeys) {
        bool ok = false;
        const qint64 value = settings.value(keyOf(k.name)).toLongLong(&ok);
        // Negative limits make no sense; a value that overflows milliseconds neither.
        if (ok && value >= 0 && value <= std::numeric_limits<qint64>::max() / k.unitMs)
            t.*k.field = value * k.unitMs;
    }
    auto percent = [&settings](QStringView name, int &field) {
        bool ok = false;
        const int value = settings.value(keyOf(name)).toInt(&ok);
        if (ok && value >= 0 && value <= 1000)
            field = value;
    };
    percent(u"energyTolerancePercent", t.energyTolerancePercent);
    percent(u"durationTolerancePercent", t.durationTolerancePercent);
    return t;
}

void AnomalyThresholds::save(QSettings &settings) const
{
    for (const Key &k : kKeys)
        settings.setValue(keyOf(k.name), this->*k.field / k.unitMs);
    settings.setValue(keyOf(u"energyTolerancePercent"), energyTolerancePercent);
    settings.setValue(keyOf(u"durationTolerancePercent"), durationTolerancePercent);
}

}  // namespace cd::anomalies
