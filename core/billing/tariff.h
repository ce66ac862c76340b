#pragma once
// Tariffs (issue #6 item 1; DOMAIN "Tariffs and accounts"): what a kWh, the service and the idle
// (occupancy) time cost. Pure types and rules; storage is TariffRepository (tariffrepository.h).
//
// - Energy price: flat (energyPriceMinorPerKwh) or time-of-use: any number of periods (peak / flat /
//   valley), each [startMinute, endMinute) in minutes from LOCAL midnight in the tariff's IANA time
//   zone; endMinute < startMinute crosses midnight (22:00–07:00 = 1320–420); endMinute may be 1440
//   (midnight). Periods may not overlap; time outside every period costs energyPriceMinorPerKwh.
// - Service fee per kWh (on all the energy), idle fee per minute after idleFreeMinutes after
//   charging ends (a rate or free minutes of 0 are valid, igo_case#90).
// - Scope: Global (the default), Site, Station, Department (a user-group price, igo_case#87).
//   Which tariff a session uses: TariffResolution (tariffresolution.h).
// - Versioned: saving a tariff creates a new row (version + 1, supersedesId = the previous version,
//   whose validToMs becomes the new validFromMs). A bill uses the version valid at charging start.
// Money: integer minor units; time: UTC epoch ms.

#include <QCoreApplication>
#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTime>

#include <optional>

namespace cd::billing {

enum class PeriodKind { Peak, Flat, Valley };
enum class TariffScope { Global, Site, Station, Department };

struct TariffPeriod {
    PeriodKind kind = PeriodKind::Flat;
    int startMinute = 0;  // 0..1439, minutes from local midnight (tariff time zone)
    int endMinute = 0;    // 0..1440, exclusive; < startMinute crosses midnight; == startMinute invalid
    qint64 energyPriceMinorPerKwh = 0;

    bool crossesMidnight() const { return endMinute < startMinute; }
    // Whether minute-of-day `minute` (0..1439) lies in [start, end).
    bool contains(int minute) const;
    int lengthMinutes() const;
    friend bool operator==(const TariffPeriod &, const TariffPeriod &) = default;
};

struct Tariff {
    qint64 id = 0;  // 0 until stored
    QString name;
    TariffScope scope = TariffScope::Global;
    qint64 scopeId = 0;  // the site / station / department id; 0 for Global
    int version = 1;
    std::optional<qint64> supersedesId;  // the version this one replaced
    qint64 validFromMs = 0;
    std::optional<qint64> validToMs;     // exclusive; nullopt: in force with no end
    QString currency;                    // ISO 4217 ("CNY", "UAH", "EUR")
    QString timeZone = QStringLiteral("UTC");  // IANA name; the periods are in its local time
    qint64 energyPriceMinorPerKwh = 0;   // the flat price, and the price outside every period
    QList<TariffPeriod> periods;         // empty: a fixed price
    qint64 serviceFeeMinorPerKwh = 0;
    qint64 idleFeeMinorPerMinute = 0;
    int idleFreeMinutes = 0;
    QString createdBy;
    qint64 createdMs = 0;

    bool isTimeOfUse() const { return !periods.isEmpty(); }
    bool validAt(qint64 ms) const { return validFromMs <= ms && (!validToMs || ms < *validToMs); }
    // Index into `periods` of the period containing minute-of-day `minute`; -1 outside every period.
    int periodIndexAt(int minute) const;
    // The energy price at minute-of-day `minute` (the period's, else the flat price).
    qint64 energyPriceAt(int minute) const;
    friend bool operator==(const Tariff &, const Tariff &) = default;
};

class TariffText {
    Q_DECLARE_TR_FUNCTIONS(cd::billing::TariffText)
public:
    // Stable, untranslated (database, CLI, JSON): "peak", "flat", "valley".
    static QString periodKindName(PeriodKind kind);
    static std::optional<PeriodKind> periodKindFromName(const QString &name);
    // "global", "site", "station", "department".
    static QString scopeName(TariffScope scope);
    static std::optional<TariffScope> scopeFromName(const QString &name);
    // For the operator, in the current language: "Peak", "Station", …
    static QString periodKindTitle(PeriodKind kind);
    static QString scopeTitle(TariffScope scope);
    // "18:30"; 1440 → "24:00".
    static QString minuteText(int minute);
    // "18:30–21:10" (the period in the tariff's local time).
    static QString periodText(const TariffPeriod &period);
};

// What is wrong with the tariff, one translated sentence each; empty = valid. Checks: a name, a
// currency (three letters), a known IANA time zone, prices / fees / free minutes not negative,
// period minutes in range and not empty, periods not overlapping, a scope id for every scope but
// Global (and none for Global), validTo after validFrom.
QStringList validate(const Tariff &tariff);

// UTC epoch ms of local `date` `time` in the tariff's time zone (for previews: "18:30 today").
// A local time skipped by a DST change moves forward as QDateTime does.
qint64 tariffLocalMs(const Tariff &tariff, const QDate &date, const QTime &time);

}  // namespace cd::billing
