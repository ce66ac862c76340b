#pragma once
// The database options every executable shares: --db, --db-url, --db-key-file, --db-key-env.

#include "core/common/expected.h"
#include "core/storage/databaseconfig.h"

#include <QCoreApplication>

class QCommandLineParser;

namespace cd::storage {

class DatabaseOptions {
    Q_DECLARE_TR_FUNCTIONS(cd::storage::DatabaseOptions)
public:
    static void addTo(QCommandLineParser &parser);
    // Fails with ExitCode::Usage on contradictory or malformed options.
    static Expected<DatabaseConfig> read(const QCommandLineParser &parser);
};

}  // namespace cd::storage
