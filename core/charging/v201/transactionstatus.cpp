#include "core/charging/v201/transactionstatus.h"

#include "core/charging/chargingservice.h"
#include "core/charging/commitqueue.h"
#include "core/ocpp/rpcendpoint.h"

#include <QLoggingCategory>

namespace cd::charging::v201 {

using nlohmann::json;

namespace {

Q_LOGGING_CATEGORY(lcTransactionStatus, "cd.charging.transactionstatus")

QString failureText(const ocpp::CallFailure &failure)
{
    switch (failure.reason) {
    case ocpp::CallFailure::Reason::CallError:
        return failure.errorCode + QStringLiteral(": ") + failure.error.description;
    case ocpp::CallFailure::Reason::InvalidResponse:
        return QStringLiteral("invalid answer: ") + failure.error.description;
    case ocpp::CallFailure::Reason::Timeout:
        return QStringLiteral("no answer in time");
    case ocpp::CallFailure::Reason::Rejected:
        return QStringLiteral("not sent: ") + failure.error.description;
    case ocpp::CallFailure::Reason::Aborted:
        break;
    }
    return QStringLiteral("connection lost");
}

// Commit thread, inside the job: the answer, or why there is none, on the session.
Expected<TransactionStatusOutcome> recordAnswer(ChargingService &service, qint64 sessionId,
                                                const ocpp::CallOutcome &outcome)
{
    std::optional<TransactionStatusReport> report;
    QString why;
    if (!outcome.ok())
        why = failureText(outcome.error());
    else if (report = transactionStatusReport(outcome.value()); !report)
        why = QStringLiteral("answer without messagesInQueue");
    if (!report) {
        if (Status st = service.transactionStatusUnknown(sessionId, why); !st)
            return st.error();
        return TransactionStatusOutcome::Recorded;
    }
    return service.transactionStatusReported(sessionId, *report);
}

void submitAnswer(ChargingRuntime runtime, const StationRef &station, const OpenTransaction &tx,
                  const ocpp::CallOutcome &outcome)
{
    auto result = std::make_shared<std::optional<TransactionStatusOutcome>>();
    CommitQueue::Job job;
    job.work = [service = runtime.service, sessionId = tx.sessionId, outcome, result]() -> Status {
        auto recorded = recordAnswer(*service, sessionId, outcome);
        if (!recorded)
            return recorded.error();
        result->emplace(*recorded);
        return {};
    };
    job.done = [station, tx, result](const Status &status) {
        if (!status) {
            qCWarning(lcTransactionStatus, "transaction status of %s/%s not recorded: %s", qUtf8Printable(station.chargePointId),
                      qUtf8Printable(tx.transactionId), qUtf8Printable(status.error().message));
        } else if (*result == TransactionStatusOutcome::Closed) {
            qCInfo(lcTransactionStatus, "%s ended transaction %s without reporting it: session %lld closed",
                   qUtf8Printable(station.chargePointId), qUtf8Printable(tx.transactionId), tx.sessionId);
        }
    };
    runtime.queue->submit(std::move(job));
}

}  // namespace

std::optional<TransactionStatusReport> transactionStatusReport(const json &payload)
{
    const auto queued = payload.find("messagesInQueue");
    if (queued == payload.end() || !queued->is_boolean())
        return std::nullopt;
    TransactionStatusReport report;
    report.messagesInQueue = queued->get<bool>();
    if (const auto ongoing = payload.find("ongoingIndicator"); ongoing != payload.end() && ongoing->is_boolean())
        report.ongoing = ongoing->get<bool>();
    return report;
}

AfterAnswer askTransactionStatus(const StationRef &station, QList<OpenTransaction> open)
{
    return [station, open = std::move(open)](ocpp::RpcEndpoint &endpoint, ChargingRuntime runtime) {
        for (const OpenTransaction &tx : open) {
            endpoint.call(QStringLiteral("GetTransactionStatus"), {{"transactionId", tx.transactionId.toStdString()}},
                          [runtime, station, tx](const ocpp::CallOutcome &outcome) {
                              submitAnswer(runtime, station, tx, outcome);
                          });
        }
    };
}

}  // namespace cd::charging::v201
