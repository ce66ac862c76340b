#include "core/charging/startlatency.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <tuple>

using namespace Qt::StringLiterals;

namespace cd::charging {

namespace {

struct Accumulator {
    StartLatencyGroup group;
    QList<qint64> values;
    QSet<qint64> stationIds;
};

Accumulator accumulator(const QString &chargePointId, const storage::StartLatencySample &s)
{
    Accumulator a;
    a.group.chargePointId = chargePointId;
    a.group.vendor = s.vendor;
    a.group.model = s.model;
    a.group.firmware = s.firmware;
    return a;
}

// Nearest rank: the smallest value with at least p of the samples at or below it.
qint64 percentile(const QList<qint64> &sorted, double p)
{
    if (sorted.isEmpty())
        return 0;
    const auto rank = qsizetype(std::ceil(p * double(sorted.size())));
    return sorted.at(std::clamp<qsizetype>(rank - 1, 0, sorted.size() - 1));
}

qint64 median(const QList<qint64> &sorted)
{
    if (sorted.isEmpty())
        return 0;
    const qsizetype mid = sorted.size() / 2;
    return sorted.size() % 2 ? sorted.at(mid) : (sorted.at(mid - 1) + sorted.at(mid)) / 2;
}

QList<StartLatencyGroup> finish(QHash<QString, Accumulator> &groups)
{
    QList<StartLatencyGroup> out;
    out.reserve(groups.size());
    for (Accumulator &a : groups) {
        std::sort(a.values.begin(), a.values.end());
        a.group.sessions = int(a.values.size());
        a.group.stations = int(a.stationIds.size());
        a.group.medianMs = median(a.values);
        a.group.p90Ms = percentile(a.values, 0.9);
        a.group.maxMs = a.values.isEmpty() ? 0 : a.values.constLast();
        out.append(a.group);
    }
    std::sort(out.begin(), out.end(), [](const StartLatencyGroup &l, const StartLatencyGroup &r) {
        if (l.medianMs != r.medianMs)
            return l.medianMs > r.medianMs;
        return std::tie(l.vendor, l.model, l.firmware, l.chargePointId) < std::tie(r.vendor, r.model, r.firmware, r.chargePointId);
    });
    return out;
}

}  // namespace

StartLatencyReport StartLatency::summarize(const QList<storage::StartLatencySample> &samples)
{
    QHash<QString, Accumulator> models;
    QHash<QString, Accumulator> stations;
    for (const storage::StartLatencySample &s : samples) {
        const QString modelKey = s.vendor + u'\x1f' + s.model + u'\x1f' + s.firmware;
        if (!models.contains(modelKey))
            models.insert(modelKey, accumulator(QString(), s));
        if (!stations.contains(s.chargePointId))
            stations.insert(s.chargePointId, accumulator(s.chargePointId, s));
        Accumulator &model = models[modelKey];
        Accumulator &station = stations[s.chargePointId];
        model.stationIds.insert(s.stationId);
        station.stationIds.insert(s.stationId);
        if (s.latencyMs < 0 || s.latencyMs > kMaxPlausibleMs) {
            ++model.group.implausible;
            ++station.group.implausible;
            continue;
        }
        model.values.append(s.latencyMs);
        station.values.append(s.latencyMs);
    }
    return {finish(models), finish(stations)};
}

Expected<StartLatencyReport> StartLatency::report(const std::shared_ptr<storage::Database> &db, qint64 fromMs, qint64 toMs)
{
    auto samples = storage::StartLatencyRepository(*db).samples(fromMs, toMs);
    if (!samples)
        return samples.error();
    return summarize(*samples);
}

}  // namespace cd::charging
