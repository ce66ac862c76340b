#pragma once
// OCPP 2.0.1 use case E14 after a boot: the server asks GetTransactionStatus for every session
// it still holds open for the station, so a transaction whose TransactionEvent(Ended) was lost
// does not stay open forever. Each answer (or failure) is a commit-queue job for the charging
// service: see ChargingService::transactionStatusReported / transactionStatusUnknown.

#include "core/charging/calldispatch.h"

#include <QList>

namespace cd::charging::v201 {

// The GetTransactionStatus payload's answer, read; nullopt for a payload without messagesInQueue.
std::optional<TransactionStatusReport> transactionStatusReport(const nlohmann::json &payload);

// What follows an Accepted BootNotification: one GetTransactionStatus per transaction, sent
// through the link's endpoint (one outstanding CALL at a time, schema-checked).
AfterAnswer askTransactionStatus(const StationRef &station, QList<OpenTransaction> open);

}  // namespace cd::charging::v201
