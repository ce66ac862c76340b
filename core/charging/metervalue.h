#pragma once
// Meter readings as exact integers: a decimal text ("12.345", "-0.5", "1.2E+3") in a unit
// ("kWh", "kW", …) becomes thousandths of the normalised unit (mWh, mW, …). No floating point
// anywhere between the station's text and the database.

#include <QString>
#include <QStringView>

#include <optional>

namespace cd::charging {

struct MeterReading {
    qint64 stationTimeMs = 0;
    QString measurand;   // "Energy.Active.Import.Register", "Power.Active.Import", "SoC", …
    QString phase;       // "" for the total
    QString location;    // "Outlet", "EV", …
    QString context;     // "Sample.Periodic", "Transaction.End", …
    QString unit;        // normalised (see normalizeUnit)
    qint64 valueMilli = 0;
};

struct NormalizedUnit {
    QString unit;     // Wh, varh, W, var, VA, A, V, K, Celsius, Fahrenheit, Percent, or as given
    int pow10 = 0;    // the given unit is 10^pow10 of `unit` (kWh → Wh: 3)
};

// kWh→Wh, kW→W, kvarh→varh, kvar→var, kVA→VA (×1000); the 1.6 schema's misspelt "Celcius" →
// "Celsius"; other units unchanged.
NormalizedUnit normalizeUnit(QStringView unit);

// round(value × 10^pow10), half away from zero; nullopt for malformed text or overflow.
std::optional<qint64> parseScaledDecimal(QStringView text, int pow10);

// The reading's value in thousandths of the normalised unit.
std::optional<qint64> toMilliUnits(QStringView value, QStringView unit);

// Whole Wh from mWh, half away from zero.
qint64 milliToWholeUnits(qint64 milli);

}  // namespace cd::charging
