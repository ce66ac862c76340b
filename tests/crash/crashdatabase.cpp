#include "crashdatabase.h"

#include "core/storage/databasekey.h"
#include "core/storage/filekeystore.h"
#include "core/storage/sqlhelpers.h"

namespace cd::test {

CrashDatabase::CrashDatabase()
{
    if (TestDatabase::postgres()) {
        m_postgres = std::make_unique<TestDatabase>();
        if (!m_postgres->ok()) {
            m_error = m_postgres->error();
            return;
        }
        m_config = m_postgres->db().config();
        return;
    }
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary folder: ") + m_dir.errorString();
        return;
    }
    m_config.sqlitePath = m_dir.filePath(QStringLiteral("chargedesk.db"));
    m_config.keySource = storage::KeySource::File;
    m_config.keyFile = m_dir.filePath(QStringLiteral("chargedesk.key"));
    if (Status written = storage::FileKeyStore::writeNew(m_config.keyFile, storage::DatabaseKey::generate());
        !written) {
        m_error = written.error().message;
        return;
    }
    // Created and migrated here, so the first server start finds a database like any other.
    if (auto created = open(); !created)
        m_error = created.error().message;
}

QStringList CrashDatabase::serverArgs() const
{
    if (m_config.isPostgres())
        return {QStringLiteral("--db-url"), m_config.postgresUrl.toString()};
    return {QStringLiteral("--db"), m_config.sqlitePath, QStringLiteral("--db-key-file"), m_config.keyFile};
}

Expected<std::shared_ptr<storage::Database>> CrashDatabase::open() const
{
    return storage::Database::open(m_config);
}

QString CrashDatabase::integrityProblem(const storage::Database &db)
{
    if (db.dialect().isPostgres())
        return {};
    auto query = storage::Sql::run(db.connection(), QStringLiteral("PRAGMA integrity_check"));
    if (!query)
        return query.error().message;
    QStringList answer;
    while (query->next())
        answer << query->value(0).toString();
    // An empty answer is no pass (SQLCipher 3.4 answers some pragmas with nothing at all).
    return answer == QStringList{QStringLiteral("ok")} ? QString()
                                                       : QStringLiteral("integrity_check: ") + answer.join(u"; ");
}

}  // namespace cd::test
