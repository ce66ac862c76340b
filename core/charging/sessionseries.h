#pragma once
// A session's meter values as chart series: power, energy, current, voltage and state of charge
// over station time. One series per measurand and phase ("" is the total), from one location
// (the one that reported most), with one point per timestamp (a sample repeated at the same
// moment, e.g. Sample.Periodic and Transaction.End, counts once: the last stored wins). Energy
// counts from the session's meter start (or, without one, from the first register reading). A
// very long session is thinned to a bounded number of points per series, keeping the first and
// last point and each slice's lowest and highest value, so peaks and dips stay visible.
// Values stay integers (thousandths of the unit) here; the chart scales them for display.

#include "core/storage/metersamplerepository.h"
#include "core/storage/sessionrepository.h"

#include <QList>
#include <QString>

#include <optional>

namespace cd::charging {

// What a chart can show, in the order the series are listed.
enum class ChartQuantity { Power, Energy, Current, Voltage, SoC };

struct SeriesPoint {
    qint64 atMs = 0;        // station time, UTC epoch ms
    qint64 valueMilli = 0;  // thousandths of the series' unit
    friend bool operator==(const SeriesPoint &, const SeriesPoint &) = default;
};

struct MeterSeries {
    ChartQuantity quantity = ChartQuantity::Power;
    QString measurand;      // "Power.Active.Import", ...
    QString phase;          // "" the total, else "L1", "L2-N", ...
    QString location;       // where it was measured ("Outlet", "EV", ...; "" when not given)
    QString unit;           // W, Wh, A, V, Percent
    QList<SeriesPoint> points;  // strictly increasing time
    int sampleCount = 0;    // points before thinning
    bool thinned() const { return sampleCount > points.size(); }
    // Stable identity within a session: "Current.Import/L1", "Power.Active.Import".
    QString key() const { return phase.isEmpty() ? measurand : measurand + u'/' + phase; }
};

struct SessionSeries {
    qint64 sessionId = 0;
    bool open = false;                 // the session has not ended: more values may come
    std::optional<qint64> startedMs;   // the session's start and end (station time), if known
    std::optional<qint64> endedMs;
    std::optional<qint64> energyBaseMilli;  // the register reading (mWh) energy counts from
    QList<MeterSeries> series;         // by quantity, then phase
    bool isEmpty() const { return series.isEmpty(); }
    int pointCount() const;
    std::optional<qint64> firstMs() const;
    std::optional<qint64> lastMs() const;
    const MeterSeries *find(const QString &key) const;
};

class SessionSeriesBuilder {
public:
    static constexpr int kDefaultMaxPoints = 1500;

    static SessionSeries build(const storage::Session &session, const QList<storage::MeterSample> &samples,
                               int maxPointsPerSeries = kDefaultMaxPoints);

    // At most `maxPoints` (≥ 4) of `points` (by time): first, last, and per slice the lowest and
    // the highest value, in time order.
    static QList<SeriesPoint> thin(const QList<SeriesPoint> &points, int maxPoints);

    static QString measurandOf(ChartQuantity quantity);
    static QString unitOf(ChartQuantity quantity);
    static std::optional<ChartQuantity> quantityOf(const QString &measurand);
};

}  // namespace cd::charging
