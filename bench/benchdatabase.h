#pragma once
// The database a benchmark runs on, opened the same way by every bench program: a SQLCipher file
// `<name>.db` with its key file `<name>.key` in `dir` (made on first use, reused when both exist:
// --keep DIR), or the PostgreSQL database at `postgresUrl` (reused when `seededTable` already has
// rows). `reused` says whether the data is already there, so the bench skips seeding.
// `schemaVersion` (> 0) stops the migrations of a new database there, so a bench can seed the
// tables as an older version had them and then measure the upgrade.

#include "core/common/expected.h"
#include "core/storage/database.h"

#include <QString>

#include <memory>

namespace cd::bench {

struct BenchDatabase {
    storage::DatabaseConfig config;
    std::shared_ptr<storage::Database> db;
    bool reused = false;
};

Expected<BenchDatabase> openBenchDatabase(const QString &dir, const QString &name, const QString &postgresUrl = {},
                                         const QString &seededTable = QStringLiteral("bills"), int schemaVersion = 0);

// The schema version before the per-station-day rollup of the bills (migration 18): benches seed
// bills at this version, set-based or row by row, then upgrade, as a database that ran without
// the rollup would be (seeding a million bills through the rollup's triggers, one station-day
// recomputed per bill, takes far longer than a bench should wait).
constexpr int kSchemaBeforeRollup = 17;

// Applies the migrations a bench held back with `schemaVersion`, then ANALYZE: the milliseconds it
// took (0 when there was nothing to apply).
Expected<qint64> upgradeBenchDatabase(const storage::Database &db);

}  // namespace cd::bench
