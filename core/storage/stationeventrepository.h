#pragma once
// The append-only station timeline (station_events): boots, firmware changes, connections,
// firmware/diagnostics/log status, security events, orphan StopTransaction messages, CSRs.

#include "core/common/expected.h"

#include <QList>
#include <QString>

#include <optional>

namespace cd::storage {

class Database;

struct StationEvent {
    qint64 id = 0;
    qint64 stationId = 0;
    std::optional<qint64> sessionId;
    qint64 atMs = 0;                     // when we received it (UTC epoch ms)
    std::optional<qint64> stationAtMs;   // the station's own timestamp, when it sent one
    QString kind;                        // e.g. "boot", "firmware_changed", "orphan_stop"
    QString detail;                      // compact JSON object
};

struct StationEventFilter {
    std::optional<qint64> stationId;
    QString kind;                        // empty: every kind
    std::optional<qint64> fromMs;        // at_ms >= fromMs
    std::optional<qint64> toMs;          // at_ms < toMs
    int limit = 500;
};

class StationEventRepository {
public:
    explicit StationEventRepository(const Database &db);

    Expected<qint64> append(const StationEvent &event);
    // Oldest first within the filter (the newest `limit` rows when the filter has no fromMs).
    Expected<QList<StationEvent>> list(const StationEventFilter &filter) const;

private:
    const Database &m_db;
};

}  // namespace cd::storage
