#include "core/billing/tariff.h"

#include <QDateTime>
#include <QTimeZone>

namespace cd::billing {

namespace {

constexpr int kDayMinutes = 24 * 60;

bool isCurrencyCode(const QString &currency)
{
    if (currency.size() != 3)
        return false;
    for (QChar c : currency) {
        if (c < u'A' || c > u'Z')
            return false;
    }
    return true;
}

// The minutes of the day [0, 1440) a period covers, as at most two plain intervals.
QList<std::pair<int, int>> intervalsOf(const TariffPeriod &p)
{
    if (p.endMinute > p.startMinute)
        return {{p.startMinute, p.endMinute}};
    QList<std::pair<int, int>> out;
    out.append({p.startMinute, kDayMinutes});
    if (p.endMinute > 0)
        out.append({0, p.endMinute});
    return out;
}

}  // namespace

bool TariffPeriod::contains(int minute) const
{
    if (endMinute > startMinute)
        return minute >= startMinute && minute < endMinute;
    if (endMinute < startMinute)
        return minute >= startMinute || minute < endMinute;
    return false;
}

int TariffPeriod::lengthMinutes() const
{
    if (endMinute > startMinute)
        return endMinute - startMinute;
    if (endMinute < startMinute)
        return kDayMinutes - startMinute + endMinute;
    return 0;
}

int Tariff::periodIndexAt(int minute) const
{
    for (int i = 0; i < periods.size(); ++i) {
        if (periods.at(i).contains(minute))
            return i;
    }
    return -1;
}

qint64 Tariff::energyPriceAt(int minute) const
{
    const int i = periodIndexAt(minute);
    return i < 0 ? energyPriceMinorPerKwh : periods.at(i).energyPriceMinorPerKwh;
}

QString TariffText::periodKindName(PeriodKind kind)
{
    switch (kind) {
    case PeriodKind::Peak: return QStringLiteral("peak");
    case PeriodKind::Flat: return QStringLiteral("flat");
    case PeriodKind::Valley: return QStringLiteral("valley");
    }
    return QStringLiteral("flat");
}

std::optional<PeriodKind> TariffText::periodKindFromName(const QString &name)
{
    for (PeriodKind k : {PeriodKind::Peak, PeriodKind::Flat, PeriodKind::Valley}) {
        if (periodKindName(k) == name)
            return k;
    }
    return std::nullopt;
}

QString TariffText::scopeName(TariffScope scope)
{
    switch (scope) {
    case TariffScope::Global: return QStringLiteral("global");
    case TariffScope::Site: return QStringLiteral("site");
    case TariffScope::Station: return QStringLiteral("station");
    case TariffScope::Department: return QStringLiteral("department");
    }
    return QStringLiteral("global");
}

std::optional<TariffScope> TariffText::scopeFromName(const QString &name)
{
    for (TariffScope s : {TariffScope::Global, TariffScope::Site, TariffScope::Station, TariffScope::Department}) {
        if (scopeName(s) == name)
            return s;
    }
    return std::nullopt;
}

QString TariffText::periodKindTitle(PeriodKind kind)
{
    switch (kind) {
    case PeriodKind::Peak: return tr("Peak");
    case PeriodKind::Flat: return tr("Flat");
    case PeriodKind::Valley: return tr("Valley");
    }
    return {};
}

QString TariffText::scopeTitle(TariffScope scope)
{
    switch (scope) {
    case TariffScope::Global: return tr("Global default");
    case TariffScope::Site: return tr("Site");
    case TariffScope::Station: return tr("Station");
    case TariffScope::Department: return tr("Department");
    }
    return {};
}

QString TariffText::minuteText(int minute)
{
    return QStringLiteral("%1:%2").arg(minute / 60, 2, 10, QLatin1Char('0')).arg(minute % 60, 2, 10, QLatin1Char('0'));
}

QString TariffText::periodText(const TariffPeriod &period)
{
    return minuteText(period.startMinute) + u'\u2013' + minuteText(period.endMinute);
}

QStringList validate(const Tariff &t)
{
    QStringList problems;
    if (t.name.trimmed().isEmpty())
        problems << TariffText::tr("Enter a name for the tariff.");
    if (t.currency.isEmpty())
        problems << TariffText::tr("Enter the currency of the tariff.");
    else if (!isCurrencyCode(t.currency))
        problems << TariffText::tr("\"%1\" is not a currency code (three capital letters, e.g. EUR).").arg(t.currency);
    if (t.timeZone.isEmpty() || !QTimeZone(t.timeZone.toUtf8()).isValid())
        problems << TariffText::tr("\"%1\" is not a known time zone (e.g. Europe/Kyiv, Asia/Shanghai, UTC).").arg(t.timeZone);
    if (t.energyPriceMinorPerKwh < 0)
        problems << TariffText::tr("The energy price must not be negative.");
    if (t.serviceFeeMinorPerKwh < 0)
        problems << TariffText::tr("The service fee must not be negative.");
    if (t.idleFeeMinorPerMinute < 0)
        problems << TariffText::tr("The idle fee must not be negative.");
    if (t.idleFreeMinutes < 0)
        problems << TariffText::tr("The free minutes before the idle fee must not be negative.");
    if (t.scope == TariffScope::Global && t.scopeId != 0)
        problems << TariffText::tr("The global default tariff applies everywhere: it has no site, station or department.");
    if (t.scope != TariffScope::Global && t.scopeId <= 0) {
        if (t.scope == TariffScope::Site)
            problems << TariffText::tr("Choose the site the tariff applies to.");
        else if (t.scope == TariffScope::Station)
            problems << TariffText::tr("Choose the station the tariff applies to.");
        else
            problems << TariffText::tr("Choose the department the tariff applies to.");
    }
    if (t.validToMs && *t.validToMs <= t.validFromMs)
        problems << TariffText::tr("The tariff must end after it starts.");

    bool periodsInRange = true;
    for (int i = 0; i < t.periods.size(); ++i) {
        const TariffPeriod &p = t.periods.at(i);
        if (p.startMinute < 0 || p.startMinute >= kDayMinutes || p.endMinute < 0 || p.endMinute > kDayMinutes) {
            problems << TariffText::tr("Period %1: times must lie between 00:00 and 24:00.").arg(i + 1);
            periodsInRange = false;
        } else if (p.startMinute == p.endMinute) {
            problems << TariffText::tr("Period %1 is empty: it starts and ends at %2.")
                            .arg(i + 1)
                            .arg(TariffText::minuteText(p.startMinute));
            periodsInRange = false;
        }
        if (p.energyPriceMinorPerKwh < 0)
            problems << TariffText::tr("Period %1: the energy price must not be negative.").arg(i + 1);
    }
    if (periodsInRange) {
        for (int i = 0; i < t.periods.size(); ++i) {
            for (int j = i + 1; j < t.periods.size(); ++j) {
                bool overlap = false;
                for (const auto &a : intervalsOf(t.periods.at(i))) {
                    for (const auto &b : intervalsOf(t.periods.at(j)))
                        overlap = overlap || (a.first < b.second && b.first < a.second);
                }
                if (overlap) {
                    problems << TariffText::tr("Periods %1 (%2) and %3 (%4) overlap.")
                                    .arg(i + 1)
                                    .arg(TariffText::periodText(t.periods.at(i)))
                                    .arg(j + 1)
                                    .arg(TariffText::periodText(t.periods.at(j)));
                }
            }
        }
    }
    return problems;
}

qint64 tariffLocalMs(const Tariff &tariff, const QDate &date, const QTime &time)
{
    QTimeZone zone(tariff.timeZone.toUtf8());
    if (!zone.isValid())
        zone = QTimeZone::utc();
    return QDateTime(date, time, zone).toMSecsSinceEpoch();
}

}  // namespace cd::billing
