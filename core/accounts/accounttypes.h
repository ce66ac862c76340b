#pragma once
// Accounts as rows (migrations 0001 and 0009): members, departments (a tree; a pooled balance;
// optionally billed to the parent), top-ups, coupon rules and issued coupons. Money in minor units,
// time in UTC epoch ms.

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace cd::accounts {

struct Member {
    qint64 id = 0;
    QString name;
    QString phone;
    QString email;
    std::optional<qint64> departmentId;
    qint64 balanceMinor = 0;
    qint64 refundableMinor = 0;     // what a refund may give back: top-ups not yet spent
    qint64 pendingRefundMinor = 0;  // applied for, waiting for the audit (DOMAIN "Refunds")
    qint64 autoStopThresholdMinor = 0;
    qint64 createdMs = 0;
    int cardCount = 0;              // filled by lists
};

struct Department {
    qint64 id = 0;
    QString name;
    std::optional<qint64> parentId;
    bool billToParent = false;  // its sessions are paid from the parent's pooled balance
    qint64 balanceMinor = 0;    // the pooled balance
    qint64 autoStopThresholdMinor = 0;
    qint64 createdMs = 0;
    int memberCount = 0;        // filled by lists
    int cardCount = 0;          // department cards, filled by lists
};

struct TopUp {
    qint64 id = 0;
    std::optional<qint64> memberId;
    std::optional<qint64> departmentId;
    qint64 amountMinor = 0;
    QString currency;
    QString gateway;  // "manual": cash at the console's desk
    QString receipt;  // the gateway's receipt or the desk's receipt number
    QString createdBy;
    qint64 createdMs = 0;
};

enum class CouponTrigger { TopUp, NewMember, Spend };

struct CouponRule {
    qint64 id = 0;
    QString name;
    CouponTrigger trigger = CouponTrigger::TopUp;
    qint64 minTopUpMinor = 0;  // TopUp: a top-up of at least this much earns the coupon
    // Spend: the member's spend (current bill versions' totals, sessions charging within the date
    // range) reaching this much earns ONE coupon (migration 0012).
    qint64 minTotalSpendMinor = 0;
    qint64 amountMinor = 0;    // the coupon's value
    qint64 minSpendMinor = 0;  // the bill must reach this much for the coupon to apply
    std::optional<qint64> departmentId;
    std::optional<qint64> subOperatorId;
    std::optional<qint64> stationId;
    std::optional<int> validDays;  // from the moment of issue; else the date range below
    std::optional<qint64> validFromMs;
    std::optional<qint64> validToMs;
    bool active = true;
    QString createdBy;
    qint64 createdMs = 0;
};

struct Coupon {
    qint64 id = 0;
    QString code;
    QString name;
    qint64 amountMinor = 0;
    qint64 minSpendMinor = 0;
    std::optional<qint64> departmentId;
    std::optional<qint64> subOperatorId;
    std::optional<qint64> stationId;
    std::optional<qint64> validFromMs;
    std::optional<qint64> validToMs;
    std::optional<int> validDays;
    std::optional<qint64> memberId;
    QString issuedReason;  // "topup", "new_member", "spend", "manual"
    std::optional<qint64> sourceTopUpId;
    std::optional<qint64> ruleId;
    std::optional<qint64> earnedByBillId;  // a 'spend' rule's coupon: the bill that reached the threshold
    QString status = QStringLiteral("issued");  // "issued", "used", "revoked"
    std::optional<qint64> usedSessionId;
    std::optional<qint64> revokedMs;
    QString revokedBy;
    QString revokeReason;
    qint64 createdMs = 0;
    QString memberName;  // filled by lists
};

struct MemberFilter {
    QString search;  // name, phone, e-mail or one of the member's cards; case-insensitive
    std::optional<qint64> departmentId;
    std::optional<qint64> afterId;  // paging: ascending ids, strictly after this one
    int limit = 200;
};

struct CouponFilter {
    std::optional<qint64> memberId;
    std::optional<qint64> ruleId;
    std::optional<qint64> sourceTopUpId;
    QString status;                 // empty: every status
    std::optional<qint64> beforeId;  // paging: newest first, strictly older than this id
    int limit = 200;
};

class AccountText {
    Q_DECLARE_TR_FUNCTIONS(cd::accounts::AccountText)
public:
    static QString triggerName(CouponTrigger trigger);  // "topup", "new_member"
    static std::optional<CouponTrigger> triggerFromName(const QString &name);
    static QString triggerTitle(CouponTrigger trigger);  // translated
    // "Issued", "Used", "Revoked", "Expired" (an issued coupon past its validity at `nowMs`).
    static QString couponStatusTitle(const Coupon &coupon, qint64 nowMs);
    static bool isExpired(const Coupon &coupon, qint64 nowMs);
};

}  // namespace cd::accounts
