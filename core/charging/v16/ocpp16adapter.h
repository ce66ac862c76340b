#pragma once
// The OCPP 1.6J adapter: a handler for every station→server action of the six feature
// profiles and the security extension (BootNotification, Heartbeat, StatusNotification,
// Authorize, StartTransaction, StopTransaction, MeterValues, DataTransfer,
// DiagnosticsStatusNotification, FirmwareStatusNotification, SecurityEventNotification,
// SignCertificate, LogStatusNotification, SignedFirmwareStatusNotification), each mapped onto
// the version-neutral ChargingService and run through the commit queue.

#include "core/charging/calldispatch.h"

#include <QStringList>

#include <memory>

namespace cd::ocpp {
class RpcEndpoint;
}

namespace cd::charging::v16 {

// The actions installed (for tests and documentation).
QStringList handledActions();

// Installs the handlers on `endpoint` and the spy that feeds the link's message log and notes
// TriggerMessage requests. The endpoint must outlive nothing: handlers hold the context only.
void install(ocpp::RpcEndpoint &endpoint, const std::shared_ptr<LinkContext> &context, ChargingRuntime runtime);

}  // namespace cd::charging::v16
