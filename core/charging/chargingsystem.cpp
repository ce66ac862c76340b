#include "core/charging/chargingsystem.h"

namespace cd::charging {

ChargingSystem::ChargingSystem(std::shared_ptr<storage::Database> db, ChargingOptions options, const Clock &clock)
    : m_service(std::make_unique<ChargingService>(db, options, clock)),
      m_queue(std::make_unique<CommitQueue>(db, options.commitBatchLimit)),
      m_directory(std::make_unique<ChargingStationDirectory>(db, options, clock)),
      m_sessions(std::make_unique<StationSessions>(ChargingRuntime{m_service.get(), m_queue.get()}))
{
}

ChargingSystem::~ChargingSystem()
{
    m_sessions->flushMessageLogs();
    m_queue.reset();  // drains: every job runs before the service goes
}

void ChargingSystem::waitForIdle()
{
    m_queue->waitForIdle();
    m_sessions->flushMessageLogs();
    m_queue->waitForIdle();
}

}  // namespace cd::charging
