#pragma once
// The OCPP 2.0.1 adapter: a handler for every station→server action the charging service
// understands (BootNotification, Heartbeat, StatusNotification, Authorize, TransactionEvent,
// MeterValues, NotifyReport, NotifyEvent, SecurityEventNotification, FirmwareStatusNotification,
// LogStatusNotification, SignCertificate, DataTransfer and the other notifications), each mapped
// onto the version-neutral ChargingService and run through the commit queue like 1.6. After an
// Accepted boot the server asks GetTransactionStatus for every session still open for the
// station (transactionstatus.h).

#include "core/charging/calldispatch.h"

#include <QStringList>

#include <memory>

namespace cd::ocpp {
class RpcEndpoint;
}

namespace cd::charging::v201 {

// The actions installed (for tests and documentation).
QStringList handledActions();

// Installs the handlers on `endpoint` and the spy that feeds the link's message log and notes
// TriggerMessage requests. Handlers hold the context weakly.
void install(ocpp::RpcEndpoint &endpoint, const std::shared_ptr<LinkContext> &context, ChargingRuntime runtime);

}  // namespace cd::charging::v201
