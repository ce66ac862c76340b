#pragma once
// Rows of refund applications, their audit history and their gateway records, and the member
// money columns a refund moves. Plain reads and writes inside the caller's transaction; the rules
// live in RefundService. State changes are conditional ("… WHERE status = <expected>") so two
// consoles deciding the same application at once cannot both win.

#include "core/accounts/accounttypes.h"
#include "core/common/expected.h"
#include "core/refunds/refundtypes.h"

#include <QList>

#include <optional>

namespace cd::storage {
class Database;
}

namespace cd::refunds {

// A member's top-up and how much of it may still be refunded (its amount minus the refunds of it
// that succeeded or are still in progress).
struct RefundableTopUp {
    accounts::TopUp topUp;
    qint64 leftMinor = 0;
};

class RefundRepository {
public:
    explicit RefundRepository(const storage::Database &db);

    Expected<qint64> insertApplication(const RefundApplication &application);
    Expected<std::optional<RefundApplication>> application(qint64 id) const;
    // Newest first, with the member's name.
    Expected<QList<RefundApplication>> applications(const RefundFilter &filter) const;
    // Writes status, progress, commission, refunded amount and the decision of `after`, only when
    // the row is still at `fromStatus`/`fromProgress`. False: it was not (changed meanwhile).
    Expected<bool> updateApplication(const RefundApplication &after, RefundStatus fromStatus, RefundProgress fromProgress);

    Expected<qint64> appendAudit(const RefundAuditEntry &entry);
    Expected<QList<RefundAuditEntry>> auditOf(qint64 applicationId) const;  // oldest first

    Expected<qint64> insertRecord(const RefundGatewayRecord &record);
    Expected<std::optional<RefundGatewayRecord>> record(qint64 id) const;
    Expected<QList<RefundGatewayRecord>> recordsOf(qint64 applicationId) const;  // oldest first
    // in_progress → `status` (with the gateway's refund number when known, or why it failed). False:
    // not in progress.
    Expected<bool> finishRecord(qint64 id, RecordStatus status, const QString &gatewayRefundNo, const QString &errorCode,
                                const QString &error, qint64 nowMs);
    // A record still in progress whose call got no answer: why (it stays in progress).
    Status noteRecordError(qint64 id, const QString &errorCode, const QString &error, qint64 nowMs);
    // A record still in progress that the gateway accepted but has not finished: its refund number.
    Status noteGatewayRefundNo(qint64 id, const QString &gatewayRefundNo, qint64 nowMs);
    // success → revoked: the gateway took back a refund it had made. False: not successful.
    Expected<bool> revokeRecord(qint64 id, const QString &errorCode, const QString &error, qint64 nowMs);
    // The record a gateway report is about: by our refund number, else by the gateway's.
    Expected<std::optional<RefundGatewayRecord>> recordByRefundNo(const QString &ourRefundNo,
                                                                  const QString &gatewayRefundNo) const;

    // The member's top-ups, newest first, each with what is left to refund of it.
    Expected<QList<RefundableTopUp>> refundableTopUps(qint64 memberId) const;
    // Coupons issued for these top-ups, oldest first.
    Expected<QList<RefundCoupon>> couponsOfTopUps(const QList<qint64> &topUpIds) const;

    // Takes the member's row lock until the transaction ends (PostgreSQL; SQLCipher's write
    // transaction already excludes every other writer), so two approvals for one member cannot plan
    // the same top-up's rest twice.
    Status lockMember(qint64 memberId);
    // Moves a member's money: balance, refundable and pending refund by these deltas. With
    // `needRefundable` the row must have at least that much refundable; with `needPending`, that
    // much pending. False: the member is missing or has not got it.
    Expected<bool> moveMemberMoney(qint64 memberId, qint64 balanceDelta, qint64 refundableDelta, qint64 pendingDelta,
                                   qint64 needRefundable = 0, qint64 needPending = 0);

private:
    const storage::Database &m_db;
};

}  // namespace cd::refunds
