#include "core/charging/sessionseries.h"

#include <QHash>
#include <QMap>

#include <algorithm>
#include <tuple>

using namespace Qt::StringLiterals;

namespace cd::charging {

namespace {

struct Origin {
    ChartQuantity quantity;
    QString phase;
    QString location;
    friend bool operator==(const Origin &, const Origin &) = default;
};

size_t qHash(const Origin &o, size_t seed = 0)
{
    return qHashMulti(seed, int(o.quantity), o.phase, o.location);
}

// Where a measurand came from, when a station reports it from several places: the place with
// the most readings; on a tie the outlet, then no place given, then by name.
int locationRank(const QString &location)
{
    if (location == u"Outlet")
        return 0;
    if (location.isEmpty())
        return 1;
    return 2;
}

bool phaseBefore(const QString &a, const QString &b)
{
    if (a.isEmpty() != b.isEmpty())
        return a.isEmpty();  // the total first
    return a < b;
}

}  // namespace

int SessionSeries::pointCount() const
{
    int count = 0;
    for (const MeterSeries &s : series)
        count += int(s.points.size());
    return count;
}

std::optional<qint64> SessionSeries::firstMs() const
{
    std::optional<qint64> first;
    for (const MeterSeries &s : series) {
        if (!s.points.isEmpty() && (!first || s.points.constFirst().atMs < *first))
            first = s.points.constFirst().atMs;
    }
    return first;
}

std::optional<qint64> SessionSeries::lastMs() const
{
    std::optional<qint64> last;
    for (const MeterSeries &s : series) {
        if (!s.points.isEmpty() && (!last || s.points.constLast().atMs > *last))
            last = s.points.constLast().atMs;
    }
    return last;
}

const MeterSeries *SessionSeries::find(const QString &key) const
{
    for (const MeterSeries &s : series) {
        if (s.key() == key)
            return &s;
    }
    return nullptr;
}

QString SessionSeriesBuilder::measurandOf(ChartQuantity quantity)
{
    switch (quantity) {
    case ChartQuantity::Power: return u"Power.Active.Import"_s;
    case ChartQuantity::Energy: return u"Energy.Active.Import.Register"_s;
    case ChartQuantity::Current: return u"Current.Import"_s;
    case ChartQuantity::Voltage: return u"Voltage"_s;
    case ChartQuantity::SoC: return u"SoC"_s;
    }
    return {};
}

QString SessionSeriesBuilder::unitOf(ChartQuantity quantity)
{
    switch (quantity) {
    case ChartQuantity::Power: return u"W"_s;
    case ChartQuantity::Energy: return u"Wh"_s;
    case ChartQuantity::Current: return u"A"_s;
    case ChartQuantity::Voltage: return u"V"_s;
    case ChartQuantity::SoC: return u"Percent"_s;
    }
    return {};
}

std::optional<ChartQuantity> SessionSeriesBuilder::quantityOf(const QString &measurand)
{
    for (ChartQuantity q : {ChartQuantity::Power, ChartQuantity::Energy, ChartQuantity::Current, ChartQuantity::Voltage,
                            ChartQuantity::SoC}) {
        if (measurandOf(q) == measurand)
            return q;
    }
    return std::nullopt;
}

SessionSeries SessionSeriesBuilder::build(const storage::Session &session, const QList<storage::MeterSample> &samples,
                                          int maxPointsPerSeries)
{
    SessionSeries out;
    out.sessionId = session.id;
    out.open = storage::SessionRepository::openStatuses().contains(session.status);
    out.startedMs = session.startedMs;
    out.endedMs = session.endedMs;

    // Per origin, one value per station timestamp; samples come by time, then id: the last wins.
    QHash<Origin, QMap<qint64, qint64>> byOrigin;
    for (const storage::MeterSample &s : samples) {
        if (s.sessionId && *s.sessionId != session.id)
            continue;
        const auto quantity = quantityOf(s.measurand);
        if (!quantity || s.unit != unitOf(*quantity))
            continue;  // not charted, or in a unit we would have to guess about
        if (*quantity == ChartQuantity::Energy && !s.phase.isEmpty())
            continue;  // energy is the total register only
        byOrigin[Origin{*quantity, s.phase, s.location}].insert(s.stationAtMs, s.valueMilli);
    }

    // One location per quantity and phase.
    QHash<std::pair<int, QString>, Origin> chosen;
    for (auto it = byOrigin.cbegin(); it != byOrigin.cend(); ++it) {
        const Origin &o = it.key();
        const std::pair<int, QString> slot{int(o.quantity), o.phase};
        const auto current = chosen.constFind(slot);
        if (current == chosen.cend()) {
            chosen.insert(slot, o);
            continue;
        }
        const auto size = it->size();
        const auto currentSize = byOrigin.value(*current).size();
        const auto better = std::make_tuple(-size, locationRank(o.location), o.location)
            < std::make_tuple(-currentSize, locationRank(current->location), current->location);
        if (better)
            chosen.insert(slot, o);
    }

    QList<Origin> origins = chosen.values();
    std::sort(origins.begin(), origins.end(), [](const Origin &a, const Origin &b) {
        if (a.quantity != b.quantity)
            return int(a.quantity) < int(b.quantity);
        return phaseBefore(a.phase, b.phase);
    });

    for (const Origin &o : origins) {
        const QMap<qint64, qint64> &values = byOrigin[o];
        MeterSeries series;
        series.quantity = o.quantity;
        series.measurand = measurandOf(o.quantity);
        series.phase = o.phase;
        series.location = o.location;
        series.unit = unitOf(o.quantity);
        qint64 base = 0;
        if (o.quantity == ChartQuantity::Energy) {
            base = session.meterStartWh ? *session.meterStartWh * 1000 : values.cbegin().value();
            out.energyBaseMilli = base;
        }
        series.points.reserve(values.size());
        for (auto v = values.cbegin(); v != values.cend(); ++v)
            series.points.append(SeriesPoint{v.key(), v.value() - base});
        series.sampleCount = int(series.points.size());
        series.points = thin(series.points, maxPointsPerSeries);
        out.series.append(std::move(series));
    }
    return out;
}

QList<SeriesPoint> SessionSeriesBuilder::thin(const QList<SeriesPoint> &points, int maxPoints)
{
    maxPoints = std::max(4, maxPoints);
    if (points.size() <= maxPoints)
        return points;
    // Inner points in equal slices of consecutive points; each slice gives its lowest and highest.
    const qsizetype inner = points.size() - 2;
    const qsizetype slices = (maxPoints - 2) / 2;
    QList<SeriesPoint> out;
    out.reserve(maxPoints);
    out.append(points.constFirst());
    for (qsizetype slice = 0; slice < slices; ++slice) {
        const qsizetype from = 1 + slice * inner / slices;
        const qsizetype to = 1 + (slice + 1) * inner / slices;  // exclusive
        if (from >= to)
            continue;
        qsizetype low = from;
        qsizetype high = from;
        for (qsizetype i = from + 1; i < to; ++i) {
            if (points.at(i).valueMilli < points.at(low).valueMilli)
                low = i;
            if (points.at(i).valueMilli > points.at(high).valueMilli)
                high = i;
        }
        out.append(points.at(std::min(low, high)));
        if (low != high)
            out.append(points.at(std::max(low, high)));
    }
    out.append(points.constLast());
    return out;
}

}  // namespace cd::charging
