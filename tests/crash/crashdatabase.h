#pragma once
// The database the server process runs on, seen from the test: a fresh SQLCipher file with its key
// file (0600, as an operator makes it) in a temporary folder, or, with CHARGEDESK_TEST_BACKEND=
// postgres, a scratch PostgreSQL database (TestDatabase creates and drops it). The test opens its
// own handle between server runs, never while a server it wants to check is still running.

#include "core/common/expected.h"
#include "core/storage/database.h"
#include "testdatabase.h"

#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace cd::test {

class CrashDatabase {
public:
    CrashDatabase();

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    bool postgres() const { return m_config.isPostgres(); }
    // --db FILE --db-key-file KEYFILE, or --db-url URL
    QStringList serverArgs() const;
    // A new handle of the test's own (it opens the file as the restarted server would: the key
    // must fit, the schema must be current).
    Expected<std::shared_ptr<storage::Database>> open() const;
    // SQLCipher: PRAGMA integrity_check must answer exactly "ok". Empty when fine.
    static QString integrityProblem(const storage::Database &db);

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestDatabase> m_postgres;
    storage::DatabaseConfig m_config;
    QString m_error;
};

}  // namespace cd::test
