#pragma once
// Everything the charging side of the server needs, wired together: the ChargingService, the
// commit queue (one writer thread, group commit), the station directory (admission) and the
// session handler (per-connection OCPP adapters). Hand directory() and sessions() to the
// WebSocket server; destroy the server (its links) before this object.
//
//   auto charging = std::make_unique<cd::charging::ChargingSystem>(database, options);
//   server.setStationDirectory(&charging->directory());
//   server.setSessionHandler(&charging->sessions());

#include "core/charging/chargingoptions.h"
#include "core/charging/chargingservice.h"
#include "core/charging/commitqueue.h"
#include "core/charging/stationdirectory.h"
#include "core/charging/stationsessions.h"
#include "core/common/clock.h"

#include <memory>

namespace cd::storage {
class Database;
}

namespace cd::charging {

class ChargingSystem {
public:
    ChargingSystem(std::shared_ptr<storage::Database> db, ChargingOptions options, const Clock &clock = Clock::system());
    // Writes every queued message and log row, then stops the writer thread.
    ~ChargingSystem();
    ChargingSystem(const ChargingSystem &) = delete;
    ChargingSystem &operator=(const ChargingSystem &) = delete;

    ChargingService &service() { return *m_service; }
    CommitQueue &queue() { return *m_queue; }
    ChargingStationDirectory &directory() { return *m_directory; }
    StationSessions &sessions() { return *m_sessions; }

    // Blocks until every message received so far is stored and answered and every buffered
    // frame is in the message log (tests, orderly shutdown).
    void waitForIdle();

private:
    std::unique_ptr<ChargingService> m_service;
    std::unique_ptr<CommitQueue> m_queue;
    std::unique_ptr<ChargingStationDirectory> m_directory;
    std::unique_ptr<StationSessions> m_sessions;
};

}  // namespace cd::charging
