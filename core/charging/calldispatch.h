#pragma once
// Runs one incoming CALL as a commit-queue job, for any OCPP version: the registration gate,
// the handler's work, the message log rows, the commit, then the answer. A CALLERROR for a
// failed job is InternalError (details stay in our log, never on the wire).

#include "core/charging/chargingevents.h"
#include "core/charging/linkcontext.h"
#include "core/common/expected.h"
#include "core/ocpp/rpcerror.h"
#include "core/ocpp/rpcreply.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <variant>

namespace cd::charging {

class ChargingService;
class CommitQueue;

struct ChargingRuntime {
    ChargingService *service = nullptr;
    CommitQueue *queue = nullptr;
};

// What the server does on the connection's thread once a committed CALLRESULT is on its way:
// the CALLs the message made us send (2.0.1 GetTransactionStatus after a boot).
using AfterAnswer = std::function<void(ocpp::RpcEndpoint &endpoint, ChargingRuntime runtime)>;

// What a handler decided: the CALLRESULT payload or a CALLERROR, the session the message
// belongs to (for the message log), and what follows a CALLRESULT.
struct CallAnswer {
    std::variant<nlohmann::json, ocpp::RpcError> payload;
    std::optional<qint64> sessionId;
    AfterAnswer after;
};

// Runs on the commit thread inside the job's savepoint. An Error is a failure of ours
// (database): rolled back and answered InternalError.
using CallWork = std::function<Expected<CallAnswer>(ChargingService &service, const StationRef &station,
                                                    const nlohmann::json &payload)>;

enum class Gate {
    AnyRegistration,  // BootNotification
    Accepted,         // everything else: SecurityError unless Accepted (or triggered by us)
};

void dispatchCall(const ocpp::IncomingCall &call, const ocpp::Reply &reply, const std::shared_ptr<LinkContext> &context,
                  ChargingRuntime runtime, Gate gate, CallWork work);

// Records the connection (registering the station when allowed) unless done already.
// Commit thread, inside a job.
Status recordConnection(ChargingService &service, LinkContext &context);

// A job that writes the link's buffered frames (all of them when `closing`).
void scheduleLogFlush(const std::shared_ptr<LinkContext> &context, ChargingRuntime runtime, bool closing = false);

}  // namespace cd::charging
