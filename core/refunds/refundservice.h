#pragma once
// The refund workflow (DOMAIN "Refunds", seed 001, zpd_case#11, zpd_case#14): a member's
// application, the platform audit (approve with a commission, or reject), and the refund of the
// member's top-ups through the payment gateway that took them, issued from the console (never "go
// to the merchant platform", zpd_case#11), or paid back in cash at the desk.
//
// Where the member's money sits (members.balance_minor / refundable_minor / pending_refund_minor):
// - apply A:          balance −A, refundable −A, pending +A. The money under refund cannot be spent
//                     or applied for twice, and the member's screen shows it as "pending refund"
//                     (zpd_case#14: the balance showed 0 and nobody knew why).
// - reject:           pending −A, balance +A, refundable +A: everything goes back.
// - approve (C):      pending −C (the commission is kept). The rest, P = A − C, is planned over the
//                     member's top-ups (refundplan.h); what no top-up can take back goes back at once
//                     (pending −U, balance +U, refundable +U). Each planned part is a gateway record
//                     (in_progress), committed BEFORE the gateway is called.
// - a record succeeds: pending −part (the money has left us); unused coupons the top-up earned are
//                     revoked when the application asks for it (on by default), used ones are noted.
// - a record fails:   pending −part, balance +part, refundable +part (back to the member).
// - no answer:        the record stays in progress; resend() sends it again with the same key.
// - accepted, pending: the record stays in progress with the gateway's refund number; the gateway's
//                     webhook (report()) finishes it: succeeded, failed, or canceled (revoked).
// - reversed later:   a successful record the gateway fails or cancels afterwards is revoked:
//                     balance +part, refundable +part, and the application's refunded amount shrinks.
// When no record is in progress any more, progress becomes refunded (all of P), partially_refunded
// or failed (nothing), and refunded_minor the sum of the successful records.
//
// Every change writes its rows, a refund_audit row and a general audit log entry in one transaction.
// Asynchronous and never waiting: the gateway's answers come through the event loop.

#include "core/access/actor.h"
#include "core/common/clock.h"
#include "core/common/expected.h"
#include "core/refunds/refundtypes.h"

#include <QObject>
#include <QSet>

namespace cd::storage {
class Database;
}
namespace cd::payments {
class PaymentGateway;
struct GatewayResult;
struct RefundReport;
}

namespace cd::refunds {

class RefundRepository;

// What a gateway report did (RefundService::report).
enum class ReportOutcome { Applied, Pending, Stale, Unknown };
QString reportOutcomeName(ReportOutcome outcome);  // "applied", "pending", "stale", "unknown"

struct RefundRequest {
    qint64 memberId = 0;
    qint64 amountMinor = 0;
    QString currency;
    QString reason;             // the member's reason
    bool revokeCoupons = true;  // revoke the unused coupons the refunded top-ups earned
};

// What an approval did: the application (approved, platform audit, or already final when nothing
// could go through a gateway or the desk), the records written, and what went straight back.
struct ApprovalResult {
    RefundApplication application;
    QList<RefundGatewayRecord> records;
    qint64 returnedMinor = 0;  // not refundable through any top-up: back to the refundable balance
};

class RefundService : public QObject {
    Q_OBJECT
public:
    // `gateway` may be null (only desk refunds are possible then); not owned, must outlive us.
    RefundService(const storage::Database &db, payments::PaymentGateway *gateway, const Clock &clock = Clock::system(),
                  QObject *parent = nullptr);
    ~RefundService() override;

    // Empty: valid; else the problems, translated.
    static QStringList validate(const RefundRequest &request);

    // Each needs its permission (RefundsApply, RefundsApprove for approve and reject, RefundsConfirm);
    // without it an Error (ExitCode::Forbidden) and nothing is written.
    Expected<RefundApplication> apply(const RefundRequest &request, const access::Actor &actor);
    // pending → approved, progress platform audit; commission 0 ≤ C < amount. Writes the gateway
    // records and then calls the gateway for those that go through it.
    Expected<ApprovalResult> approve(qint64 applicationId, qint64 commissionMinor, const access::Actor &actor,
                                     const QString &reason);
    // pending → rejected: the amount goes back to the member.
    Expected<RefundApplication> reject(qint64 applicationId, const access::Actor &actor, const QString &reason);
    // A desk (cash) record: the operator paid it back (`paid`, with the desk's receipt number, or
    // one is made up) or could not (the part goes back to the member).
    Expected<RefundApplication> confirmDesk(qint64 recordId, bool paid, const QString &receipt, const access::Actor &actor,
                                            const QString &reason);
    // Sends the application's gateway records that are still in progress (the answer never came)
    // again, each with its own key. How many were sent.
    Expected<int> resend(qint64 applicationId);
    // After a restart: resend() for every approved application still in the platform audit whose
    // gateway records use this console's gateway. How many records were sent.
    Expected<int> resumePending();

    Expected<QList<RefundApplication>> list(const RefundFilter &filter) const;
    Expected<RefundDetail> show(qint64 applicationId) const;

    // The gateway's webhook about a refund (committed before the gateway hears "received"): an
    // in-progress record finishes (succeeded), fails (failed) or is revoked (canceled), the money
    // moving as for an answer; a successful record the gateway later fails or cancels is revoked and
    // its money goes back to the member. A report for a refund we do not know is Unknown; one that
    // changes nothing (a repeated delivery) Stale.
    Expected<ReportOutcome> report(const payments::RefundReport &report);

    // Gateway records this service sent and still waits for.
    bool isInFlight(qint64 recordId) const { return m_inFlight.contains(recordId); }
    int inFlightCount() const { return static_cast<int>(m_inFlight.size()); }

Q_SIGNALS:
    // The gateway answered a record (done, refused, or no answer: the record stays in progress).
    void recordAnswered(qint64 applicationId, qint64 recordId, bool done, const QString &error);
    // The application, its records or the member's money changed.
    void applicationChanged(qint64 applicationId);

private:
    Expected<RefundApplication> load(const RefundRepository &repo, qint64 applicationId) const;
    Status refuseUnlessPending(const RefundApplication &application) const;
    void send(const RefundGatewayRecord &record);
    void answered(qint64 recordId, const payments::GatewayResult &result);
    // A record left in_progress: its money leaves (success) or goes back (failure), coupons, audit,
    // and the application's final progress when it was the last one. Inside the caller's transaction.
    Status finishRecord(RefundRepository &repo, const RefundGatewayRecord &record, RecordStatus to,
                        const QString &refundNo, const QString &actor, const QString &decision, const QString &why,
                        const QString &errorCode = {}, const QString &error = {});
    // An in-progress record the gateway accepted but has not finished: its refund number, audited.
    Status notePending(RefundRepository &repo, const RefundApplication &application, const RefundGatewayRecord &record,
                       const QString &refundRef, const QString &actor);
    // A successful record the gateway reversed: revoked, the money back to the member, the
    // application's refunded amount and final progress corrected. Inside the caller's transaction.
    Status revokeSucceeded(RefundRepository &repo, const RefundApplication &application, const RefundGatewayRecord &record,
                           const QString &reason);
    Status revokeCoupons(RefundRepository &repo, const RefundApplication &application, qint64 topUpId,
                         const QString &actor);
    // When no record is in progress any more: refunded / partially refunded / failed.
    Status settle(RefundRepository &repo, qint64 applicationId, const QString &actor);
    Status audit(RefundRepository &repo, const RefundApplication &application, const QString &actor,
                 const QString &decision, const QString &fromState, const QString &reason);

    const storage::Database &m_db;
    payments::PaymentGateway *m_gateway;
    const Clock &m_clock;
    QSet<qint64> m_inFlight;
};

// "pending/applied"
QString stateOf(const RefundApplication &application);

}  // namespace cd::refunds
