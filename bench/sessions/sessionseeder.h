#pragma once
// Fills an empty database with a network's history for the benchmark: stations, members with
// cards (Latin, Cyrillic and Chinese names), and N sessions spread over the past year, newest
// today — mostly finished, a few open (some of them old), a few closed by the system — in
// batches of one transaction each, as fast as the backend takes them.

#include "core/common/expected.h"

#include <QString>

#include <functional>

namespace cd::storage {
class Database;
}

namespace cd::bench {

struct SeedPlan {
    qint64 sessions = 1'000'000;
    int stations = 1000;
    int members = 20000;
    qint64 nowMs = 0;
};

struct SeedResult {
    qint64 sessions = 0;
    qint64 elapsedMs = 0;
};

// `progress` hears the rows written so far after each batch.
Expected<SeedResult> seedSessions(const storage::Database &db, const SeedPlan &plan,
                                  const std::function<void(qint64)> &progress = {});

}  // namespace cd::bench
