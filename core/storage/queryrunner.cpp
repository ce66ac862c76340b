#include "core/storage/queryrunner.h"

#include "core/storage/database.h"

namespace cd::storage {

QueryRunner::QueryRunner(std::shared_ptr<Database> db) : m_db(std::move(db)), m_worker(QStringLiteral("chargedesk-queries"))
{
}

QueryRunner::~QueryRunner()
{
    m_worker.runAndWait([this] { m_db->releaseThreadConnection(); });
}

}  // namespace cd::storage
