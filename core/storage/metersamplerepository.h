#pragma once
// Meter samples, stored as integers in thousandths of their unit (mWh, mW, mA, mV, m%), never
// as floating point. Replayed samples are recognised and not stored twice.

#include "core/common/expected.h"

#include <QList>
#include <QSet>
#include <QString>

#include <optional>

namespace cd::storage {

class Database;

struct MeterSample {
    qint64 id = 0;
    std::optional<qint64> sessionId;
    qint64 stationId = 0;
    std::optional<int> evseId;
    std::optional<int> connectorId;
    qint64 stationAtMs = 0;   // the station's timestamp of the sample
    qint64 receivedMs = 0;
    QString measurand;        // e.g. "Energy.Active.Import.Register"
    QString phase;            // "" for the total, else "L1", "L2-N", ...
    QString location;         // "Outlet", "EV", ...
    QString context;          // "Sample.Periodic", "Transaction.End", ...
    QString unit;             // normalised: Wh, W, A, V, Percent, varh, var, VA, Celsius, K, Fahrenheit
    qint64 valueMilli = 0;    // value × 1000 in `unit`

    // The identity of a sample within one timestamp: measurand, phase, location, context.
    QString dedupeKey() const;
};

struct MeterSampleFilter {
    std::optional<qint64> sessionId;
    std::optional<qint64> stationId;
    QString measurand;               // empty: every measurand
    std::optional<qint64> fromMs;    // station time
    std::optional<qint64> toMs;
    int limit = 100000;
};

class MeterSampleRepository {
public:
    explicit MeterSampleRepository(const Database &db);

    // Inserts the samples that are not stored yet. Deduplication key: the session (or, without
    // a session, the station and connector) + station timestamp + measurand + phase + location +
    // context. Returns how many were inserted.
    Expected<int> insertNew(const QList<MeterSample> &samples);
    // Ordered by station time, then id.
    Expected<QList<MeterSample>> list(const MeterSampleFilter &filter) const;

private:
    Expected<QSet<QString>> existingKeys(const MeterSample &like) const;

    const Database &m_db;
};

}  // namespace cd::storage
