#pragma once
// A fresh, empty database for one test on the backend named by CHARGEDESK_TEST_BACKEND
// ("sqlcipher", the default, or "postgres" with CHARGEDESK_TEST_PG_URL pointing at a
// scratch server). PostgreSQL tests get a database of their own, dropped afterwards.

#include "core/storage/database.h"
#include "memorykeystore.h"

#include <QTemporaryDir>

#include <memory>

namespace cd::test {

class TestDatabase {
public:
    // migrate = false leaves the schema empty (for migration tests).
    explicit TestDatabase(bool migrate = true);
    ~TestDatabase();

    static bool postgres();
    static QString backendName();

    bool ok() const { return m_db != nullptr; }
    QString error() const { return m_error; }
    storage::Database &db() const { return *m_db; }
    std::shared_ptr<storage::Database> shared() const { return m_db; }
    // A second, independent handle on the same database (another "process").
    std::shared_ptr<storage::Database> openAnother();

private:
    QTemporaryDir m_dir;
    MemoryKeyStore m_keychain;
    std::shared_ptr<storage::Database> m_db;
    QString m_pgDatabase;
    QString m_error;
};

}  // namespace cd::test

// Fails the current test function when the fixture could not be created.
#define CD_REQUIRE_DB(fixture) QVERIFY2((fixture).ok(), qPrintable((fixture).error()))
