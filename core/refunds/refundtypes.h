#pragma once
// Refunds as rows (migrations 0001 and 0014: refund_applications, refund_audit, refund_gateway_records) and
// the words they use (DOMAIN "Refunds", seed 001 refund_apply / refund_audit / refund_record).
// Money in minor units, time in UTC epoch ms.
//
// An application: status pending → approved | rejected (the audit decision); progress
// applied → platform_audit → refunded | partially_refunded | failed (what happened to the money).
// A gateway record: one refund of one top-up, in_progress → success | failed | revoked, and
// success → revoked (seed 001's 撤销: the gateway canceled or reversed the refund; the money went
// back to the member).

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace cd::refunds {

enum class RefundStatus { Pending, Approved, Rejected };
enum class RefundProgress { Applied, PlatformAudit, Refunded, PartiallyRefunded, Failed };
enum class RecordStatus { InProgress, Success, Failed, Revoked };

QString statusName(RefundStatus status);  // "pending", "approved", "rejected"
std::optional<RefundStatus> statusFromName(const QString &name);
QString progressName(RefundProgress progress);  // "applied", "platform_audit", "refunded", …
std::optional<RefundProgress> progressFromName(const QString &name);
QString recordStatusName(RecordStatus status);  // "in_progress", "success", "failed", "revoked"
std::optional<RecordStatus> recordStatusFromName(const QString &name);

struct RefundApplication {
    qint64 id = 0;
    qint64 memberId = 0;
    qint64 amountMinor = 0;      // applied for; left the balance and the refundable amount
    qint64 commissionMinor = 0;  // kept by the operator (set on approval)
    qint64 refundedMinor = 0;    // actually paid back (gateway and desk records that succeeded)
    QString currency;
    QString reason;              // the member's reason
    RefundStatus status = RefundStatus::Pending;
    RefundProgress progress = RefundProgress::Applied;
    bool revokeCoupons = true;   // revoke the unused coupons the refunded top-ups earned
    qint64 appliedMs = 0;
    std::optional<qint64> decidedMs;
    QString decidedBy;
    QString memberName;          // filled by reads
};

// One row of the audit history: every decision and every money event, with who, when and why.
struct RefundAuditEntry {
    qint64 id = 0;
    qint64 applicationId = 0;
    qint64 atMs = 0;
    QString operatorName;
    // "apply", "approve", "reject", "gateway_success", "gateway_failed", "gateway_no_answer",
    // "gateway_pending", "gateway_revoked",
    // "desk_paid", "desk_not_paid", "returned" (money that could not be refunded went back to the
    // member), "coupon_revoked", "coupon_used" (reason: the coupon's code), "finish"
    QString decision;
    QString fromState;  // "status/progress" before
    QString toState;    // and after
    QString reason;
};

// A refund of one top-up: through the payment gateway that took it, or at the desk (cash).
struct RefundGatewayRecord {
    qint64 id = 0;
    qint64 applicationId = 0;
    std::optional<qint64> topUpId;
    qint64 originalTotalMinor = 0;  // the top-up's amount
    qint64 amountMinor = 0;         // this refund
    QString ourRefundNo;            // ours, unique; also the idempotency key of the gateway call
    QString gatewayRefundNo;        // the gateway's (or the desk's receipt), once known
    RecordStatus status = RecordStatus::InProgress;
    qint64 createdMs = 0;
    qint64 updatedMs = 0;
    QString errorCode;              // why it failed or got no answer (the gateway's code), migration 14
    QString error;                  // and the gateway's message for the operator
    QString gateway;                // of the top-up: "manual" (desk) or the gateway's name
    QString gatewayReceipt;         // of the top-up: the gateway's reference of the payment

    bool atDesk() const;  // refunded in cash by the operator, confirmed by hand
};

struct RefundFilter {
    std::optional<RefundStatus> status;
    std::optional<qint64> memberId;
    std::optional<qint64> beforeId;  // paging: newest first, strictly older than this id
    int limit = 200;
};

// A coupon that a refunded top-up earned, and what became of it.
struct RefundCoupon {
    qint64 id = 0;
    QString code;
    qint64 amountMinor = 0;
    qint64 topUpId = 0;
    QString status;  // "issued", "used", "revoked"
};

struct RefundDetail {
    RefundApplication application;
    QList<RefundAuditEntry> audit;        // oldest first
    QList<RefundGatewayRecord> records;   // oldest first
    QList<RefundCoupon> coupons;          // earned by the top-ups the records refund
    qint64 balanceMinor = 0;              // the member now
    qint64 refundableMinor = 0;
    qint64 pendingRefundMinor = 0;
};

class RefundText {
    Q_DECLARE_TR_FUNCTIONS(cd::refunds::RefundText)
public:
    static QString statusTitle(RefundStatus status);
    static QString progressTitle(RefundProgress progress);
    static QString recordStatusTitle(RecordStatus status);
    // A refund_audit decision ("apply", "gateway_failed", …) in words; unknown ones as they are.
    static QString decisionTitle(const QString &decision);
};

}  // namespace cd::refunds
