#pragma once
// The servers under test, each made ready for a run: ChargeDesk on a fresh SQLCipher file (or on
// a PostgreSQL database), migrated and knowing the fleet's id tag, and the ocpp-rpc reference.
// Every server listens on a free loopback port and prints it.

#include "benchoptions.h"
#include "serverprocess.h"

#include "core/common/expected.h"

namespace cd::bench {

// A new key and database file in `dir` (which must outlive the run).
Expected<ServerCommand> chargeDeskOnSqlCipher(const BenchOptions &options, const QString &dir);
// The database at options.postgresUrl, migrated; what earlier runs left there stays.
Expected<ServerCommand> chargeDeskOnPostgres(const BenchOptions &options);
ServerCommand referenceServer(const BenchOptions &options);

}  // namespace cd::bench
