#pragma once
// The operator's side of commands: queue one (audited, with a reason) and read its outcome.
// Usable from any process: the console, the CLI, or another server.

#include "core/access/actor.h"
#include "core/common/clock.h"
#include "core/common/expected.h"
#include "core/ocpp/protocolversion.h"
#include "core/storage/commandrepository.h"

#include <QCoreApplication>

#include <nlohmann/json.hpp>

namespace cd::storage {
class Database;
}

namespace cd::commands {

struct CommandRequest {
    QString chargePointId;
    QString action;  // OCPP action as the station's protocol names it, e.g. "Reset"
    nlohmann::json payload = nlohmann::json::object();
    // Who asks: needs Permission::StationsCommand (a bare name: only while no operators exist).
    access::Actor requestedBy;
    QString reason;
    bool waitIfOffline = false;  // otherwise a command to an offline station fails at once
};

class CommandQueue {
    Q_DECLARE_TR_FUNCTIONS(cd::commands::CommandQueue)
public:
    explicit CommandQueue(const storage::Database &db, const Clock &clock = Clock::system());

    // The actions the central system may send to a station of this version, sorted.
    static QStringList commandActions(ocpp::ProtocolVersion version);

    // Writes the command row (and its audit entry) and wakes the process holding the
    // station. A station that is offline and not waited for gets an Expired row with the
    // reason in its result, so the attempt is still on record.
    Expected<qint64> submit(const CommandRequest &request);
    Expected<storage::CommandRecord> get(qint64 id) const;

private:
    const storage::Database &m_db;
    const Clock &m_clock;
};

}  // namespace cd::commands
