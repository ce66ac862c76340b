#pragma once
// What the version adapters (v16/, v201/) share: the answer helpers, a route table entry, the
// handler that keeps a notification on the station timeline, and install(): the spy that
// feeds the link's message log and notes TriggerMessage requests, and one handler per route.

#include "core/charging/calldispatch.h"
#include "core/storage/stationstaterepository.h"

#include <QStringList>

#include <initializer_list>
#include <memory>
#include <vector>

namespace cd::ocpp {
class RpcEndpoint;
}

namespace cd::charging {

CallAnswer replyWith(nlohmann::json payload, std::optional<qint64> sessionId = std::nullopt);
CallAnswer refuseWith(ocpp::RpcError error);

// The station booted. One that connected without being registered (the server admitted it
// anyway) is never Accepted.
Expected<BootResult> bootOf(ChargingService &service, const StationRef &station, const storage::StationIdentity &identity);

// Handlers whose payloads are the same in 1.6 and 2.0.1: Heartbeat ({currentTime}), DataTransfer
// (vendorId, messageId, data; 2.0.1 data of any JSON type is kept as compact text) and
// SignCertificate (csr → status).
Expected<CallAnswer> answerHeartbeat(ChargingService &service, const StationRef &station, const nlohmann::json &payload);
Expected<CallAnswer> answerDataTransfer(ChargingService &service, const StationRef &station, const nlohmann::json &payload);
Expected<CallAnswer> answerSignCertificate(ChargingService &service, const StationRef &station,
                                           const nlohmann::json &payload);
QString dataTransferStatusName(DataTransferStatus status);

struct Route {
    const char *action;
    Gate gate;
    CallWork work;
};

// Keeps `fields` of the message on the station timeline as a notice of `kind` (with the
// station's time from `timeField`, if given) and answers {}.
CallWork noticeWork(const char *kind, std::initializer_list<const char *> fields, const char *timeField = nullptr);

// The action a TriggerMessage's requestedMessage asks the station to send.
using TriggeredAction = QString (*)(const QString &requestedMessage);

QStringList routeActions(const std::vector<Route> &routes);

// Installs the spy and one handler per route on `endpoint`, and attaches it to the context's mailbox.
// Handlers hold the context weakly.
void installRoutes(ocpp::RpcEndpoint &endpoint, const std::shared_ptr<LinkContext> &context, ChargingRuntime runtime,
                   std::vector<Route> routes, TriggeredAction triggered);

}  // namespace cd::charging
