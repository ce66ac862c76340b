#pragma once
// The charging service's side of the server seam: for each connected station, the adapter of
// its OCPP version is installed on the link's endpoint, the connection is recorded (station
// online; unknown stations registered when allowed), and on close the station goes offline and
// the link's message log is flushed.

#include "core/charging/calldispatch.h"
#include "core/server/stationlink.h"

#include <QHash>
#include <QMutex>

#include <memory>

namespace cd::charging {

class StationSessions final : public server::StationSessionHandler {
public:
    explicit StationSessions(ChargingRuntime runtime);
    ~StationSessions() override;

    void stationConnected(server::StationLink &link) override;
    void stationDisconnected(server::StationLink &link, const QString &reason) override;

    // Queues a write of every link's buffered frames (used before shutdown and by tests).
    void flushMessageLogs();
    int connectedCount() const;

private:
    ChargingRuntime m_runtime;
    mutable QMutex m_mutex;
    QHash<server::StationLink *, std::shared_ptr<LinkContext>> m_links;
};

}  // namespace cd::charging
